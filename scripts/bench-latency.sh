#!/usr/bin/env bash
# Latency benchmark: offered rates and a burst pattern over net_memif, each run twice with the same sender
# (the full pipeline, then the journal's floor), one `latency-run:` line per run (see --help).
set -euo pipefail

usage() {
    cat <<'EOF'
usage: scripts/bench-latency.sh [--lat-rates LIST] [--lat-burst N/MICROS] [--seconds N] [--warmup N] [--rounds K]
                                [--json FILE] [--captures DIR] [--workdir DIR] [--jfr] [--no-shield] [--keep]

rx->journal latency of md-receiver at offered rates, on one-message (--messages-per-packet) ITCH 5.0 / MoldUDP64
packets sent by
md-replay (net_memif server, CPU 0) to md-receiver (net_memif client, EAL -l 0, polling on CPU 1, journal on
/dev/shm, latency.histogramLog). Steady rates are paced on the timeline (md-replay --pps R --keep-timeline:
packet i is due at i / R, and a sender that was preempted catches up in tx bursts instead of shifting every later
packet), as the burst pattern is. Each rate, and the burst pattern, runs in both modes with the same sender, port,
capture and pacing, in --rounds rounds (default 2) in ABBA order (pipeline then floor, then floor then pipeline), so
that a shared machine's drift over minutes weighs on both modes alike:

  pipeline   receiver.mode=full: parse, arbitrate, journal (the product)
  floor      receiver.mode=journal-raw: each packet's UDP payload appended unparsed to the same Chronicle
             queue, one excerpt per burst, timestamped the same way: what Chronicle and the port cost alone

Every rate (all its rounds) prints one line:

  latency-run: rate=R pattern=steady|burst sustained=yes|no achieved=A floor_p50_us= floor_p99_us=
               p50_us= p99_us= p9999_us= ratio_p50= ratio_p99= gc= faults= drops=

  rate      the offered packets/s (for the burst pattern, its mean: N x 1e6 / MICROS)
  achieved  what the sender achieved (packets / its elapsed time; the lowest of the pipeline's rounds)
  sustained yes when every run achieved >= 99% of the offered rate and none back-pressured the sender
            after the warm-up (md-replay's "tx ring full" count over the packets after the warm-up's, --settle,
            is 0); a run with sustained=no counts in no verdict. The whole run's count and the sender's lateness
            (pacing error) after the warm-up are in the JSON and the lines after each run
  p50/p99/p9999  the pipeline's rx->journal percentiles after the warm-up (the latency log's one-second
            intervals that the warm-up's packets fill are left out: 10 of them at 10,000 pps), in us, over the
            samples of every round together; floor_* the floor's; ratio_* = pipeline / floor
  gc, faults  GCs in the receiver's JVM and minor + major page faults of its polling thread, counted after
            the warm-up (--warmup seconds' worth of packets, at least 100,000), summed over the pipeline's rounds
  drops     imissed + rx_nombuf + the receiver's drops (summed over the pipeline's rounds)

After each line: the sender's lateness and back-pressure after the warm-up, with the share of its packets that went
out more than 10 us late (in catch-up tx bursts, which the receiver meets back to back: a share above 1% puts the p99
inside those bursts, whatever the rate), and the receiver's safepoints after it (every receiver runs with
-Xlog:safepoint; count, longest and cause also in the JSON), then each round's figures.

The polling loop's speed is shown too. Each stats line of the receiver gives the mean time of an empty poll over
its second (its time not busy with packets over its polls that brought nothing); each round's line gives the median
of both runs, and the runs with more than a tenth of their measured seconds above 1.3x the rate's fastest run are
named after the rounds. Such runs have had p50 and p99 about twice their rounds' others (BENCHMARKS.md).

What slows that loop is measured apart from it. Before and after every run, with the receiver and the sender
stopped, scripts/lib/cpu-probe.c times a dependent walk over 512 KiB on CPU 1 (a core's private L2) and a
multiply-add chain: code that shares nothing with the receiver. In the receiver's slow spells here, that walk took
1.1-2.6x its usual time while the chain did not, and load on CPU 0 did not cause it: something outside this machine
contends for CPU 1's caches (BENCHMARKS.md). A round is set aside when either run's probe, before or after, reads
more than 1.10x the fastest walk of the whole benchmark, or when either run's polling loop was slow in more than a
tenth of its seconds (a spell that begins and ends within a run escapes the probes between runs). Once a probe reads
CPU 1 clean again (one every 2 s, for up to 90 s), the round runs again, both modes, up to --host-retries times. The
runs set aside are named, with their figures and probes, and kept in the JSON (set_aside). A round still contended
after the retries counts as it is, and says so.

Then a `ratios:` line (pipeline/floor at p50 and p99 per run, and the worst of the sustained runs) and the
verdicts (on sustained runs: gc=0, faults=0, drops=0, ratio_p99 <= 1.5). Every figure also goes into the JSON.

Options:
  --lat-rates LIST   offered rates, packets/s, comma-separated (default 10000,100000,300000,1000000)
  --lat-burst N/US   the burst pattern: N packets back to back every US microseconds (default 64/200);
                     "none" leaves it out
  --lat-demo RATE/K  the demo's packets (default 7700/44: the demo's feed, 7,700 packets/s of 44 messages), run
                     after the others in both modes like them, from a capture of their own. Its line is
                     "demo-run: rate=R messages_per_packet=K sustained= ..." with the latency-run keys, and counts in
                     none of their verdicts; its own is that its p50 lies within 1.5x of this run's 300000 pps p50
                     (one-message packets), so that a low rate and a full packet together cost at most half again
                     the p50 under load. "none" leaves it out
  --messages-per-packet K
                     ITCH messages in each packet (default 1; the demo's feed has about 44): rx->journal
                     of a packet is then that of its K messages, all committed together
  --seconds N        measured seconds per run, after the warm-up (default 5)
  --rounds K         rounds of both modes per rate, in ABBA order (default 2; 1 is the pipeline then the floor)
  --warmup N         warm-up seconds per run, left out of every figure (default 2), and at least 100,000
                     packets (the JIT counts invocations, not seconds: 10,000 pps gets 10 s)
  --json FILE        where the JSON goes (default bench-latency.json in the current directory); each run's
                     HdrHistogram log goes beside it (FILE minus .json, plus -RUN.hlog)
  --captures DIR     keep the generated capture in DIR and reuse it (md-gen is deterministic)
  --workdir DIR      where the work directory is created (default /dev/shm)
  --handler NAME     the pipeline runs' receiver.handler: none (default) or book (order books on the polling
                     thread; the runs then also report rx->book, in the JSON as rx_to_book_*)
  --jfr              record every receiver run with JFR (settings=profile) beside the JSON
  --no-sender-limit  do not look for the sender's limit when a rate was not sustained (by default a third run,
                     into an rx-only receiver, says how much of the shortfall is the sender's and how much ours)
  --host-retries N   how many times a round whose CPU probe read a contended core is run again (default 2;
                     0 never re-runs; the probes are still taken and shown)
  --no-shield        leave the other tasks and interrupts where they are. By default CPU 1 is shielded for the
                     run, as `cset shield` would: every task and device interrupt that may move is confined to
                     CPU 0, and put back afterwards. Unshielded, the scheduler ran other tasks on the polling
                     CPU about 30 times a second, and the first packet after each switch took 20-70 us here
  --keep             keep the work directory (logs, configurations) and print its path
  -h, --help         this text

Needs root (DPDK without hugepages) and 2 CPUs. Each run takes start-up (EAL, warm-up: 3-10 s on a loaded VM)
plus warm-up + seconds; the defaults (4 rates, the burst and the demo, both modes, 2 rounds) take about 11
minutes. Figures on a shared VM move from run to run: compare pipeline with floor within a run, not runs with runs.
EOF
}

ORIG_ARGS=("$@")
RATES="10000,100000,300000,1000000"
BURST="64/200"
DEMO="7700/44"
PER_PACKET=1
SECONDS_MEASURED=5
WARMUP=2
JSON_OUT="$PWD/bench-latency.json"
CAPTURES=""
WORKROOT=/dev/shm
JFR=false
KEEP=false
SENDER_LIMIT=true
SHIELD=true
ROUNDS=2
HANDLER=none
HOST_RETRIES=2
while [ $# -gt 0 ]; do
    case "$1" in
        -h|--help) usage; exit 0 ;;
        --lat-rates) RATES=${2:?--lat-rates needs a list}; shift 2 ;;
        --lat-burst) BURST=${2:?--lat-burst needs N/MICROS or none}; shift 2 ;;
        --lat-demo) DEMO=${2:?--lat-demo needs RATE/K or none}; shift 2 ;;
        --seconds) SECONDS_MEASURED=${2:?--seconds needs N}; shift 2 ;;
        --messages-per-packet) PER_PACKET=${2:?--messages-per-packet needs K}; shift 2 ;;
        --warmup) WARMUP=${2:?--warmup needs N}; shift 2 ;;
        --json) JSON_OUT=${2:?--json needs FILE}; shift 2 ;;
        --captures) CAPTURES=${2:?--captures needs DIR}; shift 2 ;;
        --workdir) WORKROOT=${2:?--workdir needs DIR}; shift 2 ;;
        --jfr) JFR=true; shift ;;
        --handler) HANDLER=${2:?--handler needs none or book}; shift 2 ;;
        --no-sender-limit) SENDER_LIMIT=false; shift ;;
        --no-shield) SHIELD=false; shift ;;
        --rounds) ROUNDS=${2:?--rounds needs K}; shift 2 ;;
        --host-retries) HOST_RETRIES=${2:?--host-retries needs N}; shift 2 ;;
        --keep) KEEP=true; shift ;;
        *) echo "bench-latency: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done
[[ $RATES =~ ^[0-9]+(,[0-9]+)*$ ]] || { echo "bench-latency: --lat-rates: comma-separated whole numbers, not '$RATES'" >&2; exit 2; }
for r in ${RATES//,/ }; do
    [ "$r" -ge 100 ] && [ "$r" -le 20000000 ] || { echo "bench-latency: --lat-rates: each rate in 100..20000000, not $r" >&2; exit 2; }
done
if [ "$BURST" != none ]; then
    [[ $BURST =~ ^([0-9]+)/([0-9]+)$ ]] && [ "${BASH_REMATCH[1]}" -ge 1 ] && [ "${BASH_REMATCH[2]}" -ge 1 ] \
        || { echo "bench-latency: --lat-burst: N/MICROS (e.g. 64/200) or none, not '$BURST'" >&2; exit 2; }
    BURST_N=${BASH_REMATCH[1]}
    BURST_US=${BASH_REMATCH[2]}
    BURST_RATE=$((BURST_N * 1000000 / BURST_US))
fi
if [ "$DEMO" != none ]; then
    [[ $DEMO =~ ^([0-9]+)/([0-9]+)$ ]] && [ "${BASH_REMATCH[1]}" -ge 100 ] && [ "${BASH_REMATCH[1]}" -le 1000000 ] \
        && [ "${BASH_REMATCH[2]}" -ge 1 ] && [ "${BASH_REMATCH[2]}" -le 100 ] \
        || { echo "bench-latency: --lat-demo: RATE/K (RATE packets/s in 100..1000000 of K messages in 1..100, e.g. 7700/44) or none, not '$DEMO'" >&2; exit 2; }
    DEMO_RATE=${BASH_REMATCH[1]}
    DEMO_K=${BASH_REMATCH[2]}
fi
for v in seconds:SECONDS_MEASURED warmup:WARMUP messages-per-packet:PER_PACKET rounds:ROUNDS host-retries:HOST_RETRIES; do
    var=${v#*:}
    [[ ${!var} =~ ^[0-9]+$ ]] || { echo "bench-latency: --${v%%:*} must be a whole number, not '${!var}'" >&2; exit 2; }
done
[ "$SECONDS_MEASURED" -ge 1 ] || { echo "bench-latency: --seconds must be at least 1" >&2; exit 2; }
[ "$ROUNDS" -ge 1 ] && [ "$ROUNDS" -le 10 ] || { echo "bench-latency: --rounds must be in 1..10, not $ROUNDS" >&2; exit 2; }
[ "$HOST_RETRIES" -le 5 ] || { echo "bench-latency: --host-retries must be in 0..5, not $HOST_RETRIES" >&2; exit 2; }
[ "$PER_PACKET" -ge 1 ] && [ "$PER_PACKET" -le 100 ] || { echo "bench-latency: --messages-per-packet must be in 1..100" >&2; exit 2; }
[ "$WARMUP" -ge 1 ] || { echo "bench-latency: --warmup must be at least 1 (the receiver's JIT)" >&2; exit 2; }
case "$JSON_OUT" in /*) ;; *) JSON_OUT="$PWD/$JSON_OUT" ;; esac
OUT_BASE=${JSON_OUT%.json}

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib/bench-lib.sh
. "$here/lib/bench-lib.sh"

if [ "$(id -u)" -ne 0 ]; then
    echo "bench-latency: needs root (DPDK without hugepages)" >&2
    exit 1
fi
if [ "$(nproc)" -lt 2 ]; then
    echo "bench-latency: needs at least 2 CPUs (the receiver polls on CPU 1, the sender runs on CPU 0)" >&2
    exit 1
fi
# shellcheck source=lib/env.sh
. "$here/lib/env.sh"
jar=$(ls "$MD_ROOT"/md-receiver/target/md-receiver-*.jar 2>/dev/null | grep -v -e sources -e tests | head -1 || true)
if [ -z "$jar" ] || [ ! -d "$MD_ROOT/md-replay/target/lib" ]; then
    echo "bench-latency: building (scripts/setup.sh)"
    "$here/setup.sh"
fi
hdr=$(ls "$MD_ROOT"/md-receiver/target/lib/HdrHistogram-*.jar 2>/dev/null | head -1)
[ -n "$hdr" ] || { echo "bench-latency: HdrHistogram's jar is missing under md-receiver/target/lib (scripts/setup.sh)" >&2; exit 1; }

# scripts/bench.sh holds the lock already when it runs this.
if [ -z "${MD_BENCH_LOCKED:-}" ]; then
    exec 9> /run/lock/md-bench.lock
    flock -n 9 || { echo "bench-latency: another benchmark is running (lock /run/lock/md-bench.lock)" >&2; exit 1; }
fi

WORK=$(mktemp -d "$WORKROOT/md-bench-latency.XXXXXX")
PFX="mdlat-$$"
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    bench_stop_all
    bench_unshield
    rm -rf /var/run/dpdk/"$PFX"-* 2>/dev/null || true
    if $KEEP; then echo "bench-latency: work directory kept: $WORK"; else rm -rf "$WORK"; fi
    exit "$rc"
}
trap cleanup EXIT
trap 'echo "bench-latency: interrupted" >&2; exit 130' INT TERM

W=$WARMUP
N=$SECONDS_MEASURED
# memif rings of 2^14 slots (the default is 2^10): a sender preempted for milliseconds on the shared CPU 0 catches up
# on its timeline with more packets than 1,024 at once, which the receiver takes at its top rate; a ring that small
# would refuse them for a moment and count as back-pressure that the receiver did not cause.
MEMIF_RSIZE=14
MIN_WARMUP_PACKETS=100000
WN=$((W + N))
log() { printf '\nbench-latency: %s\n' "$*"; }
quote() {
    local a out=""
    for a in "$@"; do
        if [[ $a =~ ^[A-Za-z0-9_./:=,@%+-]+$ ]]; then out+="${out:+ }$a"; else out+="${out:+ }'${a//\'/\'\\\'\'}'"; fi
    done
    printf '%s' "$out"
}

log "machine"
put machine nproc num "$(nproc)"
put machine cpu_model str "$(lscpu | sed -n 's/^Model name: *//p' | head -1)"
put machine kernel str "$(uname -r)"
put machine date str "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
put machine java str "$("$MD_JAVA" -version 2>&1 | head -1)"
put machine git_commit str "$(git -C "$MD_ROOT" rev-parse --short HEAD 2>/dev/null)$(git -C "$MD_ROOT" diff --quiet HEAD 2>/dev/null || echo '+changes')"
put machine loadavg_start str "$(cut -d' ' -f1-3 /proc/loadavg)"
busy=$(cpu_busy 2)
put machine background_cpu_busy_pct_start num "$busy"
printf '  %s CPUs (%s), kernel %s, %s; load average %s; CPU busy before (others): %s%%\n' "$(nproc)" \
    "$(get machine cpu_model)" "$(uname -r)" "$(get machine java)" "$(get machine loadavg_start)" "$busy"
if $SHIELD; then
    bench_shield 1
    put machine shield str "CPU 1: ${#BENCH_SHIELD_TASKS[@]} tasks and ${#BENCH_SHIELD_IRQS[@]} interrupts moved to the other CPUs for the run"
else
    put machine shield str "none (--no-shield)"
fi
echo "  shield: $(get machine shield)"
put settings rates str "$RATES"
put settings burst str "$BURST"
put settings demo str "$DEMO"
put settings messages_per_packet num "$PER_PACKET"
put settings seconds num "$N"
put settings rounds num "$ROUNDS"
put settings warmup_seconds num "$W"
put settings command str "$(quote "$0" ${ORIG_ARGS[@]+"${ORIG_ARGS[@]}"})"
put settings host_retries num "$HOST_RETRIES"

# ------------------------------------------------------------------------------------------ the polling CPU's probe
# How fast CPU 1 reaches its own cache, measured between runs by code that shares nothing with the receiver
# (scripts/lib/cpu-probe.c): a neighbour on the host's physical core shows as a slower walk (see --help).
HOST_LIMIT=1.10
PROBE_BEST=""
PROBE="$WORK/cpu-probe"
if ! cc -O2 -o "$PROBE" "$here/lib/cpu-probe.c" 2> "$WORK/cpu-probe.err"; then
    echo "  cpu probe: not built ($(head -1 "$WORK/cpu-probe.err")); runs are neither probed nor re-run" >&2
    PROBE=""
fi
# probe_cpu WINDOWS: one probe of CPU 1 (about 25 ms a window): PROBE_LAST is its walk's ns and PROBE_LINE its line
# (both "" without a probe); PROBE_BEST keeps the fastest walk of the benchmark.
PROBE_LAST=""
PROBE_LINE=""
probe_cpu() {
    local windows=$1 out chase
    PROBE_LAST=""
    PROBE_LINE=""
    [ -n "$PROBE" ] || return 0
    out=$("$PROBE" --cpu 1 --windows "$windows" --interval-ms 20 2>&1) || return 0
    chase=$(sed -n -E 's/.* chase_ns=([0-9.]+) .*/\1/p' <<< "$out")
    [ -n "$chase" ] || return 0
    PROBE_LINE=$out
    if [ -z "$PROBE_BEST" ] || [ "$(awk -v a="$chase" -v b="$PROBE_BEST" 'BEGIN { print (a < b) }')" = 1 ]; then
        PROBE_BEST=$chase
    fi
    PROBE_LAST=$chase
}
probe_cpu 50
put machine cpu_probe_start_line str "$PROBE_LINE"
[ -z "$PROBE_LINE" ] || echo "  CPU 1 probe at the start: $PROBE_LINE"

# ------------------------------------------------------------------------------------------ the capture
# One capture of one-message packets long enough for the highest rate; each run sends its first rate x (W + N).
# (each run: its warm-up, at least MIN_WARMUP_PACKETS, then its measured seconds)
PACKETS=100000
for r in ${RATES//,/ } ${BURST_RATE:-}; do
    w=$((r * W)); [ "$w" -ge "$MIN_WARMUP_PACKETS" ] || w=$MIN_WARMUP_PACKETS
    [ $((w + r * N)) -gt "$PACKETS" ] && PACKETS=$((w + r * N))
done
CAPDIR=${CAPTURES:-$WORK}
mkdir -p "$CAPDIR"
# use_capture K PACKETS [KEY]: CAP becomes a capture of PACKETS packets of K messages (made by md-gen, or reused),
# recorded under KEY (default capture) in the JSON.
use_capture() {
    local k=$1 packets=$2 key=${3:-capture}
    if [ "$k" = 1 ]; then
        CAP="$CAPDIR/itch-1msg-$packets.pcap"
        gen_cmd=("$here/md-gen" --out-a "$CAP" --messages "$packets" --messages-per-packet 1 --pps 1000000 --quiet)
    else
        CAP="$CAPDIR/itch-${k}msg-$((packets * k)).pcap"
        gen_cmd=("$here/md-gen" --out-a "$CAP" --messages "$((packets * k))" --messages-per-packet "$k"
            --pps 100000 --quiet)
    fi
    put "$key" file str "$CAP"
    put "$key" command str "$(quote "${gen_cmd[@]}")"
    if [ -s "$CAP" ] && [ -s "$CAP.info" ]; then
        echo "  capture: reusing $CAP"
    else
        echo "  capture: $(quote "${gen_cmd[@]}")"
        timeout 900 "${gen_cmd[@]}" > "$CAP.info" 2>&1 || { cat "$CAP.info" >&2; rm -f "$CAP" "$CAP.info"; exit 1; }
    fi
}
if [ "$DEMO" != none ]; then
    DEMO_WARM=$((DEMO_RATE * W))
    [ "$DEMO_WARM" -ge "$MIN_WARMUP_PACKETS" ] || DEMO_WARM=$MIN_WARMUP_PACKETS
    use_capture "$DEMO_K" "$((DEMO_WARM + DEMO_RATE * N))" demo_capture
    DEMO_CAP=$CAP
fi
use_capture "$PER_PACKET" "$PACKETS"

# ------------------------------------------------------------------------------------------ one run
# run_one NAME MODE PACING_ARGS COUNT WARMUP_PACKETS WARMUP_SECONDS: md-replay then md-receiver; results under NAME
# in the JSON. WARMUP_SECONDS is how many of the latency log's one-second intervals the warm-up packets fill.
run_one() {
    local name=$1 mode=$2 pacing=$3 count=$4 warm=$5 warm_seconds=$6
    # The histogram log is written in the work directory (memory) and copied beside the JSON after the run: the
    # disk's interrupts are not all movable off the polling CPU (virtio-blk's are kernel-managed).
    local sock="$WORK/memif-$name.sock" hlog="$WORK/$name.hlog" conf="$WORK/$name.properties"
    rm -f "$hlog" "$OUT_BASE-$name.hlog"
    {
        echo "# generated by scripts/bench-latency.sh for run $name"
        echo "eal.args=--no-huge -m 512 --no-pci --no-shconf -l 0 --log-level lib.*:error --file-prefix $PFX-$name"
        echo "receiver.core=1"
        echo "receiver.mode=$mode"
        [ "$mode" = full ] && echo "receiver.handler=$HANDLER"
        echo "idle.strategy=busy-spin"
        echo "port.device=net_memif0,role=client,socket=$sock,rsize=$MEMIF_RSIZE"
        echo "journal.path=$WORK/journal-$name"
        echo "stats.intervalMs=1000"
        echo "stats.countersFile=$WORK/counters-$name.dat"
        echo "latency.histogramLog=$hlog"
    } > "$conf"
    # Every safepoint is logged, with its cause and pause: the ones after the warm-up are counted (JSON: safepoints).
    local jopts="${MD_JAVA_OPTS:-} -Xlog:safepoint=info:file=$WORK/$name-safepoint.log:uptime"
    $JFR && jopts+=" -XX:StartFlightRecording=filename=$OUT_BASE-$name.jfr,settings=profile"
    local rx=(${BENCH_ALL_CPUS[@]+"${BENCH_ALL_CPUS[@]}"} env "MD_JAVA_OPTS=$jopts" "$here/md-receiver")
    # shellcheck disable=SC2206
    local tx=(taskset -c 0 "$here/md-replay" --port "net_memif0,role=server,socket=$sock,rsize=$MEMIF_RSIZE" --core 0 --no-progress
        --eal "--no-huge -m 512 --no-pci --no-shconf -l 0 --log-level lib.*:error --file-prefix $PFX-$name-tx"
        --pcap "$CAP" $pacing --count "$count" --settle "$warm" --wait-link 120000)
    local rcmd=("${rx[@]}" --config "$conf" --warmup-packets "$warm")
    put "$name" run_name str "$name"
    put "$name" mode str "$mode"
    put "$name" command str "$(quote "${rcmd[@]}")"
    put "$name" feeder_command str "$(quote "${tx[@]}")"
    put "$name" histogram_log str "$OUT_BASE-$name.hlog"
    local limit=$((WN * 4 + 180)) tpid lpid
    probe_cpu 10
    put "$name" cpu_probe_before_chase_ns num "$PROBE_LAST"
    bench_start "$WORK/$name-tx.log" "$limit" "${tx[@]}"
    tpid=$BENCH_PID
    if bench_wait_for "$WORK/$name-tx.log" '-> port' 120 "$tpid"; then
        bench_start "$WORK/$name.log" "$limit" "${rcmd[@]}"
        lpid=$BENCH_PID
        # The sender has sent everything (it keeps the memif link up until the receiver leaves: see md-replay
        # --linger): the receiver takes what is still in flight, stops as on SIGTERM, and then the sender ends.
        bench_wait_for "$WORK/$name-tx.log" '^md-replay: sent' "$limit" "$tpid" || true
        bench_nap 1
        local t0=$SECONDS
        bench_stop "$lpid" 90
        wait "$lpid" 2>/dev/null || put "$name" exit_status num "$?"
        put "$name" receiver_stop_seconds num "$((SECONDS - t0))"
        bench_wait "$tpid" 90 || true
    else
        bench_stop "$tpid"
        put "$name" error str "the sender's port did not come up: $(grep -a -v '^WARNING' "$WORK/$name-tx.log" | tail -3 | tr '\n' ' ')"
    fi
    probe_cpu 10
    put "$name" cpu_probe_after_chase_ns num "$PROBE_LAST"
    local log="$WORK/$name.log" txlog="$WORK/$name-tx.log"
    local sent secs full
    sent=$(sed -n -E 's/^md-replay: sent ([0-9,]+) packets.*/\1/p' "$txlog" | tr -d , | head -1)
    secs=$(sed -n -E 's/^md-replay: sent .* in ([0-9.]+) s:.*/\1/p' "$txlog" | head -1)
    full=$(sed -n -E 's/^ *tx ring full ([0-9,]+) times.*/\1/p' "$txlog" | tr -d , | head -1)
    put "$name" feeder_line str "$(grep -a '^md-replay: sent' "$txlog" | head -1)"
    put "$name" feeder_pacing_line str "$(grep -a 'pacing error' "$txlog" | head -1 | sed 's/^ *//')"
    put "$name" sent num "$sent"
    put "$name" sender_seconds num "$secs"
    put "$name" achieved_pps num "$(awk -v p="$sent" -v s="$secs" 'BEGIN { if (s > 0 && p != "") printf "%.0f\n", p / s }')"
    put "$name" tx_ring_full_whole_run num "$full"
    # After the receiver's warm-up (md-replay --settle): the back-pressure that counts, and the sender's lateness.
    local settled
    settled=$(grep -a "^  after the first" "$txlog" | head -1)
    put "$name" sender_after_warmup_line str "${settled#  }"
    put "$name" tx_ring_full num "$(sed -n -E 's/.*tx ring full ([0-9,]+) times;.*/\1/p' <<< "$settled" | tr -d ,)"
    put "$name" sender_late_p99_us num "$(sed -n -E 's/.*pacing error p50 [0-9.]+ us, p99 ([0-9.]+) us.*/\1/p' <<< "$settled")"
    # The packets that went out in catch-up bursts (late by more than 10 us): the receiver met those back to back.
    put "$name" sender_late_share_pct num "$(sed -n -E 's/.*late by more than [0-9]+ us: ([0-9.]+)% of them.*/\1/p' <<< "$settled")"
    local f
    for f in packets journal_records drops imissed rx_nombuf gcs minor_faults major_faults allocated; do
        put "$name" "$f" num "$(summary_field "$log" "$f")"
    done
    put "$name" allocation_line str "$(summary_field "$log" allocation_line)"
    # Safepoints after the warm-up (the receiver prints the JVM uptime at which it ended): count and longest pause.
    local warm_ms sp
    warm_ms=$(sed -n -E 's/.*warm-up over after .*JVM uptime ([0-9]+) ms.*/\1/p' "$log" | head -1)
    if [ -n "$warm_ms" ] && [ -s "$WORK/$name-safepoint.log" ]; then
        sp=$(awk -v warm="$warm_ms" '
            /Safepoint "/ {
                t = $1; gsub(/[\[\]s]/, "", t)
                if (t * 1000 < warm) next
                match($0, /Total: [0-9]+ ns/); total = substr($0, RSTART + 7, RLENGTH - 10) + 0
                match($0, /Safepoint "[^"]*"/); cause = substr($0, RSTART + 11, RLENGTH - 12)
                n++; if (total > mx) { mx = total; mc = cause }
            }
            END { printf "%d %.1f %s\n", n, mx / 1000, (n ? mc : "-") }' "$WORK/$name-safepoint.log")
        put "$name" safepoints num "${sp%% *}"
        sp=${sp#* }
        put "$name" longest_safepoint_us num "${sp%% *}"
        put "$name" longest_safepoint_cause str "${sp#* }"
    fi
    # The polling core's speed, second by second after the warm-up: the stats line's "empty poll N ns" (the mean time
    # of a poll that brought nothing). A host that gives the core's time to others, or a busy sibling hardware
    # thread, shows as a rise that every figure of the run shares (see core_check).
    local polls
    polls=$(sed -n '/warm-up over/,$p' "$log" | sed -n -E 's/^[0-9:]+ rx .*, empty poll ([0-9]+) ns.*/\1/p' | tr '\n' ' ')
    put "$name" empty_poll_ns str "${polls% }"
    # shellcheck disable=SC2086
    put "$name" empty_poll_median_ns num "$(median $polls)"
    put "$name" drop_detail str "$(summary_field "$log" drop_detail)"
    put "$name" pretoucher_line str "$(grep -a '^  journal pretoucher' "$log" | head -1 | sed 's/^ *//')"
    put "$name" mbuf_pool_at_exit str "$(summary_field "$log" pool)"
    grep -a -q '^summary after' "$log" 2>/dev/null \
        || put "$name" error str "no summary in the receiver's log; last lines: $(grep -a -v -e '^WARNING' -e '^EAL' "$log" 2>/dev/null | tail -3 | tr '\n' ' ')"
    [ -s "$hlog" ] && cp "$hlog" "$OUT_BASE-$name.hlog"
    if [ -s "$hlog" ]; then
        bench_hlog_figures "$name" "$warm_seconds" rx-to-journal=rx_to_journal,rx-to-book=rx_to_book "$hlog"
        [ -n "$(get "$name" rx_to_book_p50_us)" ] && log "  $name: rx->book p50 $(get "$name" rx_to_book_p50_us) p99 $(get "$name" rx_to_book_p99_us) us after the warm-up"
    fi
    rm -rf "$WORK/journal-$name" "$sock"
}

# sum A B C: the sum of the non-empty numbers ("" when all are empty)
sum() { awk 'BEGIN { s = 0; n = 0; for (i = 1; i < ARGC; i++) if (ARGV[i] != "") { s += ARGV[i]; n++ } if (n) print s }' "$@"; }
ratio2() { [ -n "${1:-}" ] && [ -n "${2:-}" ] || return 0; awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 > 0) printf "%.2f\n", a / b }'; }

# median N...: the middle value ("" when none)
median() { [ "$#" -gt 0 ] || return 0; printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
# A second counts as slow when its empty poll is above CORE_SLOW x the rate's fastest run (median, either mode): on
# this kind of VM a loop at speed keeps within a few ns of its median, and a slow one takes 1.3-1.7x as long.
CORE_SLOW=1.3
# slow_seconds RUN BASELINE_NS: "SLOWED TOTAL", the run's measured seconds above CORE_SLOW x BASELINE_NS, and all of them
slow_seconds() {
    awk -v b="$2" -v f="$CORE_SLOW" -v list="$(get "$1" empty_poll_ns)" \
        'BEGIN { n = split(list, a, " "); c = 0; for (i = 1; i <= n; i++) if (a[i] > f * b) c++; print c, n }'
}
# core_check pipeline|floor INDEX: called by measure (bash scoping: it reads measure's locals). Names a counted run
# whose polling loop ran slow in more than a tenth of its measured seconds (against the rate's fastest run): one that
# was still slow after the re-runs, or one that the fastest run of a later round showed slow.
core_check() {
    local which=$1 idx=$2 run slow total
    if [ "$which" = pipeline ]; then run=${pruns[$idx]}; else run=${fruns[$idx]}; fi
    read -r slow total <<< "$(slow_seconds "$run" "$baseline")"
    put "$run" slow_loop_seconds num "$slow"
    [ "${total:-0}" -gt 0 ] && [ $((slow * 10)) -gt "$total" ] || return 0
    CORE_TEXT+="  $run: its polling loop ran slow in $slow of $total s (empty poll median $(get "$run" empty_poll_median_ns) ns): p50 $(get "$run" rx_to_journal_p50_us) p99 $(get "$run" rx_to_journal_p99_us) us"$'\n'
}
# host_contended RUN...: the runs' probes (before and after each) that read more than HOST_LIMIT x the benchmark's
# fastest walk, as text ("" when none did, or without a probe).
host_contended() {
    local run when v label out=""
    [ -n "$PROBE_BEST" ] || return 0
    for run in "$@"; do
        case $run in
            *-pipeline*) label="pipeline${run##*-pipeline}" ;;
            *) label="floor${run##*-floor}" ;;
        esac
        for when in before after; do
            v=$(get "$run" "cpu_probe_${when}_chase_ns")
            [ -n "$v" ] || continue
            if [ "$(awk -v a="$v" -v b="$PROBE_BEST" -v f="$HOST_LIMIT" 'BEGIN { print (a > f * b) }')" = 1 ]; then
                out+="${out:+, }$label $when: walk $v ns"
            fi
        done
    done
    [ -z "$out" ] || echo "$out (fastest walk $PROBE_BEST ns, limit ${HOST_LIMIT}x)"
}
# await_clean_cpu: before a round runs again, probes CPU 1 every 2 s until its walk is within HOST_LIMIT of the
# fastest, for up to HOST_WAIT seconds (an episode here lasted from seconds to minutes). Prints what it saw.
HOST_WAIT=90
await_clean_cpu() {
    local t0=$SECONDS
    while :; do
        probe_cpu 10
        [ -n "$PROBE_LAST" ] || return 0
        if [ "$(awk -v a="$PROBE_LAST" -v b="$PROBE_BEST" -v f="$HOST_LIMIT" 'BEGIN { print (a <= f * b) }')" = 1 ]; then
            echo "CPU 1 read clean after $((SECONDS - t0)) s (walk $PROBE_LAST ns)"
            return 0
        fi
        if [ $((SECONDS - t0)) -ge "$HOST_WAIT" ]; then
            echo "CPU 1 still contended after $((SECONDS - t0)) s (walk $PROBE_LAST ns)"
            return 0
        fi
        sleep 2
    done
}
# loop_slowed BASELINE_NS RUN...: the runs whose polling loop ran slow (above CORE_SLOW x BASELINE_NS) in more than a
# tenth of their measured seconds, as text ("" when none). Here the loop slowed with CPU 1's caches contended: in
# 49 of 54 slow seconds of a 4-minute run, a probe on CPU 1 read its walk slow in the same second (BENCHMARKS.md).
# The probes between runs miss a spell that begins and ends within a run; this sees it.
loop_slowed() {
    local base=$1 run slow total label out=""
    shift
    [ -n "$base" ] || return 0
    for run in "$@"; do
        read -r slow total <<< "$(slow_seconds "$run" "$base")"
        [ "${total:-0}" -gt 0 ] && [ $((slow * 10)) -gt "$total" ] || continue
        case $run in
            *-pipeline*) label="pipeline${run##*-pipeline}" ;;
            *) label="floor${run##*-floor}" ;;
        esac
        out+="${out:+, }$label's loop slow in $slow of $total s (empty poll median $(get "$run" empty_poll_median_ns) ns)"
    done
    [ -z "$out" ] || echo "$out (fastest run so far $base ns, limit ${CORE_SLOW}x)"
}
RUN_LINES=()
RUN_NAMES=()
declare -A BASE_ROUNDS=()
declare -A BASE_ASIDE=()
declare -A BASE_PIPELINE=()
declare -A BASE_FLOOR=()
rounds_text() {
    if [ "$ROUNDS" -eq 1 ]; then
        echo "pipeline (receiver.mode=full), then floor (receiver.mode=journal-raw)"
    else
        echo "$ROUNDS rounds of pipeline (receiver.mode=full) and floor (receiver.mode=journal-raw), in ABBA order"
    fi
}
RATIO_P50=""
RATIO_P99=""
WORST_RATIO=""
VERDICT_TEXT=""
SUSTAINED_STEADY=0
SUSTAINED_BURST=0
ALL_MET=true
DEMO_TEXT=""
# demo_verdict SUSTAINED P50: the demo's packets at the demo's rate against one-message packets at 300,000 pps, in
# this run: the low rate and the packet's size together should cost no more than half again the p50 under load.
demo_verdict() {
    local sustained=$1 p50=$2 ref ratio met
    ref=$(get steady-300000 p50_us)
    if [ -z "$ref" ] || [ "$(get steady-300000 sustained)" != yes ]; then
        DEMO_TEXT="  demo-$DEMO_RATE: no sustained 300000 pps run in this benchmark to compare with (--lat-rates)"$'\n'
        return 0
    fi
    ratio=$(ratio2 "$p50" "$ref")
    met=false
    [ "$sustained" = yes ] && [ -n "$ratio" ] && [ "$(awk -v a="$ratio" 'BEGIN { print (a <= 1.5) }')" = 1 ] && met=true
    put "demo-$DEMO_RATE" p50_over_300000_p50 num "$ratio"
    put "demo-$DEMO_RATE" met bool "$met"
    put summary demo_p50_over_300000_p50 num "$ratio"
    put summary demo_met bool "$met"
    DEMO_TEXT="  demo-$DEMO_RATE: p50 $p50 us = ${ratio:-?}x the 300000 pps p50 $ref us: $($met && echo met || { [ "$sustained" = yes ] && echo MISSED || echo "not sustained (MISSED)"; })"$'\n'
}
# measure PATTERN RATE PACING_ARGS: the pipeline then the floor, one latency-run line (demo-run for the demo).
measure() {
    local pattern=$1 rate=$2 pacing=$3 base count warm
    base="$pattern-$rate"
    # The warm-up is counted in packets, as the JIT's thresholds are: at least MIN_WARMUP_PACKETS, so a low rate
    # gets the seconds it needs (10,000 pps: 10 s) before its measured seconds begin.
    warm=$((rate * W))
    [ "$warm" -ge "$MIN_WARMUP_PACKETS" ] || warm=$MIN_WARMUP_PACKETS
    count=$((warm + rate * N))
    # The figures leave out the latency log's intervals that the warm-up's packets fill: 10 s of them at 10,000 pps.
    local warm_seconds=$(((warm + rate - 1) / rate))
    log "$pattern $rate pps ($pacing): $(rounds_text)"
    # Rounds in ABBA order (pipeline then floor, floor then pipeline, ...): a machine whose speed drifts over minutes
    # (a shared VM's) weighs on both modes alike, and the percentiles are those of all rounds' samples together.
    # A round whose CPU probe read a contended core is set aside and run again (see --help and host_contended).
    local i sfx tag attempt contended slowed run m loop_base="" pruns=() fruns=() phlogs=() fhlogs=() aside=() HOST_TEXT=""
    for ((i = 1; i <= ROUNDS; i++)); do
        sfx=""
        [ "$i" -gt 1 ] && sfx="-r$i"
        attempt=0
        while :; do
            tag=$sfx
            [ "$attempt" -gt 0 ] && tag="$sfx-again$attempt"
            if ((i % 2 == 1)); then
                run_one "$base-pipeline$tag" full "$pacing" "$count" "$warm" "$warm_seconds"
                run_one "$base-floor$tag" journal-raw "$pacing" "$count" "$warm" "$warm_seconds"
            else
                run_one "$base-floor$tag" journal-raw "$pacing" "$count" "$warm" "$warm_seconds"
                run_one "$base-pipeline$tag" full "$pacing" "$count" "$warm" "$warm_seconds"
            fi
            for run in "$base-pipeline$tag" "$base-floor$tag"; do
                m=$(get "$run" empty_poll_median_ns)
                if [ -n "$m" ] && { [ -z "$loop_base" ] || [ "$m" -lt "$loop_base" ]; }; then loop_base=$m; fi
            done
            contended=$(host_contended "$base-pipeline$tag" "$base-floor$tag")
            slowed=$(loop_slowed "$loop_base" "$base-pipeline$tag" "$base-floor$tag")
            contended+="${contended:+${slowed:+; }}$slowed"
            [ -n "$contended" ] || break
            put "$base-pipeline$tag" host_contended str "$contended"
            put "$base-floor$tag" host_contended str "$contended"
            if [ "$attempt" -ge "$HOST_RETRIES" ]; then
                HOST_TEXT+="  round $i counts as it is after $HOST_RETRIES re-runs, although: $contended"$'\n'
                break
            fi
            aside+=("$base-pipeline$tag" "$base-floor$tag")
            HOST_TEXT+="  round $i set aside and run again: $contended; it gave pipeline p50 $(get "$base-pipeline$tag" rx_to_journal_p50_us) p99 $(get "$base-pipeline$tag" rx_to_journal_p99_us) us, floor p50 $(get "$base-floor$tag" rx_to_journal_p50_us) p99 $(get "$base-floor$tag" rx_to_journal_p99_us) us; $(await_clean_cpu)"$'\n'
            attempt=$((attempt + 1))
        done
        pruns+=("$base-pipeline$tag")
        fruns+=("$base-floor$tag")
        phlogs+=("$OUT_BASE-$base-pipeline$tag.hlog")
        fhlogs+=("$OUT_BASE-$base-floor$tag.hlog")
    done
    BASE_ASIDE[$base]="${aside[*]}"
    put "$base" set_aside str "${aside[*]}"
    # The polling loop's speed: runs whose loop ran slow are named (core_check).
    local baseline="" m run idx CORE_TEXT=""
    for run in "${pruns[@]}" "${fruns[@]}"; do
        m=$(get "$run" empty_poll_median_ns)
        if [ -n "$m" ] && { [ -z "$baseline" ] || [ "$m" -lt "$baseline" ]; }; then baseline=$m; fi
    done
    if [ -n "$baseline" ]; then
        put "$base" core_baseline_empty_poll_ns num "$baseline"
        for idx in "${!pruns[@]}"; do core_check pipeline "$idx"; done
        for idx in "${!fruns[@]}"; do core_check floor "$idx"; done
    fi
    BASE_ROUNDS[$base]="${pruns[*]} ${fruns[*]}"
    BASE_PIPELINE[$base]="${pruns[*]}"
    BASE_FLOOR[$base]="${fruns[*]}"
    # p: the first round (its sender's lines); pc and fc: the percentiles over every round.
    local p=${pruns[0]} f=${fruns[0]} pc=${pruns[0]} fc=${fruns[0]} sustained=yes r
    if [ "$ROUNDS" -gt 1 ]; then
        pc="$base-pipeline-rounds"
        fc="$base-floor-rounds"
        bench_hlog_figures "$pc" "$warm_seconds" rx-to-journal=rx_to_journal,rx-to-book=rx_to_book "${phlogs[@]}"
        bench_hlog_figures "$fc" "$warm_seconds" rx-to-journal=rx_to_journal,rx-to-book=rx_to_book "${fhlogs[@]}"
    fi
    for r in "${pruns[@]}" "${fruns[@]}"; do
        local a full
        a=$(get "$r" achieved_pps)
        full=$(get "$r" tx_ring_full)
        if [ -z "$a" ] || [ "$(awk -v a="$a" -v o="$rate" 'BEGIN { print (a >= 0.99 * o) }')" != 1 ] || [ "${full:-1}" != 0 ]; then
            sustained=no
        fi
        [ -z "$(get "$r" error)" ] || sustained=no
    done
    # Over the pipeline's rounds: the lowest achieved rate, and every GC, fault and drop.
    # A round without a summary leaves its figures empty, so that a line never reads 0 for what was not measured.
    local drops="" faults="" gcs="" achieved="" allocated="" floor_allocated="" v
    for r in "${fruns[@]}"; do
        floor_allocated=$(sum "$floor_allocated" "$(get "$r" allocated)")
    done
    for r in "${pruns[@]}"; do
        allocated=$(sum "$allocated" "$(get "$r" allocated)")
        drops=$(sum "$drops" "$(get "$r" imissed)" "$(get "$r" rx_nombuf)" "$(get "$r" drops)")
        faults=$(sum "$faults" "$(get "$r" minor_faults)" "$(get "$r" major_faults)")
        gcs=$(sum "$gcs" "$(get "$r" gcs)")
        v=$(get "$r" achieved_pps)
        if [ -z "$achieved" ] || { [ -n "$v" ] && [ "$v" -lt "$achieved" ]; }; then achieved=$v; fi
    done
    local rp50 rp99
    rp50=$(ratio2 "$(get "$pc" rx_to_journal_p50_us)" "$(get "$fc" rx_to_journal_p50_us)")
    rp99=$(ratio2 "$(get "$pc" rx_to_journal_p99_us)" "$(get "$fc" rx_to_journal_p99_us)")
    put "$base" pattern str "$pattern"
    put "$base" rate num "$rate"
    put "$base" pacing str "$pacing"
    put "$base" sustained str "$sustained"
    put "$base" rounds num "$ROUNDS"
    put "$base" achieved num "$achieved"
    put "$base" floor_achieved num "$(get "$f" achieved_pps)"
    put "$base" tx_ring_full num "$(get "$p" tx_ring_full)"
    put "$base" runs str "${BASE_ROUNDS[$base]}"
    put "$base" floor_tx_ring_full num "$(get "$f" tx_ring_full)"
    put "$base" floor_p50_us num "$(get "$fc" rx_to_journal_p50_us)"
    put "$base" floor_p99_us num "$(get "$fc" rx_to_journal_p99_us)"
    put "$base" floor_p9999_us num "$(get "$fc" rx_to_journal_p99.99_us)"
    put "$base" p50_us num "$(get "$pc" rx_to_journal_p50_us)"
    put "$base" p99_us num "$(get "$pc" rx_to_journal_p99_us)"
    put "$base" p9999_us num "$(get "$pc" rx_to_journal_p99.99_us)"
    put "$base" max_us num "$(get "$pc" rx_to_journal_max_us)"
    put "$base" ratio_p50 num "$rp50"
    put "$base" ratio_p99 num "$rp99"
    put "$base" gc num "$gcs"
    put "$base" faults num "$faults"
    put "$base" drops num "$drops"
    put "$base" allocated_bytes num "$allocated"
    put "$base" floor_allocated_bytes num "$floor_allocated"
    put "$base" floor_gc num "$(get "$f" gcs)"
    put "$base" floor_faults num "$(sum "$(get "$f" minor_faults)" "$(get "$f" major_faults)")"
    put "$base" safepoints num "$(get "$p" safepoints)"
    put "$base" floor_safepoints num "$(get "$f" safepoints)"
    local line prefix="latency-run: rate=$rate pattern=$pattern"
    # The demo's packets are not the benchmark's one-message ones: their line is named apart and counts in no verdict
    # of the latency runs, only in the demo's own (see --lat-demo).
    [ "$pattern" = demo ] && prefix="demo-run: rate=$rate messages_per_packet=$DEMO_K"
    line="$prefix sustained=$sustained achieved=$achieved floor_p50_us=$(get "$fc" rx_to_journal_p50_us) floor_p99_us=$(get "$fc" rx_to_journal_p99_us) p50_us=$(get "$pc" rx_to_journal_p50_us) p99_us=$(get "$pc" rx_to_journal_p99_us) p9999_us=$(get "$pc" rx_to_journal_p99.99_us) ratio_p50=$rp50 ratio_p99=$rp99 gc=$gcs faults=$faults drops=$drops"
    put "$base" line str "$line"
    echo "$line"
    printf '  sender: %s (tx ring full after the warm-up %s times; floor run: %s pps, %s times)\n' "$(get "$p" feeder_line)" \
        "$(get "$p" tx_ring_full)" "$(get "$f" achieved_pps)" "$(get "$f" tx_ring_full)"
    printf '  sender %s\n' "$(get "$p" feeder_pacing_line)"
    printf '  sender %s (whole run: tx ring full %s times)\n' "$(get "$p" sender_after_warmup_line)" "$(get "$p" tx_ring_full_whole_run)"
    printf '  receiver after warm-up: %s safepoints (longest %s us, %s); floor run: %s safepoints\n' \
        "$(get "$p" safepoints)" "$(get "$p" longest_safepoint_us)" "$(get "$p" longest_safepoint_cause)" "$(get "$f" safepoints)"
    if [ "$ROUNDS" -gt 1 ]; then
        local pr fr
        for ((i = 1; i <= ROUNDS; i++)); do
            pr=${pruns[$((i - 1))]}
            fr=${fruns[$((i - 1))]}
            printf '  round %d: pipeline p50 %s p99 %s us, floor p50 %s p99 %s us; sender late p99 %s and %s us (late > 10 us: %s%% and %s%% of the packets), tx ring full %s and %s times after the warm-up; empty poll median %s and %s ns; CPU 1 walk before/after %s/%s and %s/%s ns\n' \
                "$i" "$(get "$pr" rx_to_journal_p50_us)" "$(get "$pr" rx_to_journal_p99_us)" \
                "$(get "$fr" rx_to_journal_p50_us)" "$(get "$fr" rx_to_journal_p99_us)" \
                "$(get "$pr" sender_late_p99_us)" "$(get "$fr" sender_late_p99_us)" \
                "$(get "$pr" sender_late_share_pct)" "$(get "$fr" sender_late_share_pct)" "$(get "$pr" tx_ring_full)" "$(get "$fr" tx_ring_full)" \
                "$(get "$pr" empty_poll_median_ns)" "$(get "$fr" empty_poll_median_ns)" \
                "$(get "$pr" cpu_probe_before_chase_ns)" "$(get "$pr" cpu_probe_after_chase_ns)" \
                "$(get "$fr" cpu_probe_before_chase_ns)" "$(get "$fr" cpu_probe_after_chase_ns)"
        done
    fi
    if [ -n "$baseline" ]; then
        printf '  polling loop: fastest run'"'"'s empty poll %s ns; a second above %s ns counts as slow\n' "$baseline" \
            "$(awk -v b="$baseline" -v f="$CORE_SLOW" 'BEGIN { printf "%.0f", b * f }')"
        printf '%s' "$CORE_TEXT"
    fi
    printf '%s' "$HOST_TEXT"
    if [ "$sustained" = no ] && $SENDER_LIMIT; then
        # Where the limit is: the same sender into a receiver that only receives and frees (rx-only). What it
        # reaches there is the sender's (and the machine's) limit; what the pipeline falls short of that is ours.
        run_one "$base-rxonly" rx-only "$pacing" "$count" "$warm" "$warm_seconds"
        local lim=$(get "$base-rxonly" achieved_pps) pip=$(get "$p" achieved_pps)
        put "$base" sender_limit_pps num "$lim"
        put "$base" sender_limit_tx_ring_full num "$(get "$base-rxonly" tx_ring_full)"
        put "$base" receiver_share_of_shortfall num "$(awk -v o="$rate" -v l="$lim" -v p="$pip" 'BEGIN { if (l != "" && p != "" && o > p) { v = (l - p) / (o - p); if (v < 0) v = 0; if (v > 1) v = 1; printf "%.2f\n", v } }')"
        if [ -n "$(get "$base" receiver_share_of_shortfall)" ]; then
            printf '  not sustained: into an rx-only receiver the same sender achieved %s pps (tx ring full %s times): the sender'"'"'s limit here; the receiver'"'"'s share of the shortfall %s pps -> %s pps: %s\n' \
                "${lim:-?}" "$(get "$base-rxonly" tx_ring_full)" "$rate" "${pip:-?}" "$(get "$base" receiver_share_of_shortfall)"
        else
            # The rate was reached, but a round's ring filled after the warm-up: the receiver fell behind for a while.
            printf '  not sustained: the sender reached %s pps but found the ring full after the warm-up (%s); into an rx-only receiver it achieved %s pps with the ring full %s times: the receiver fell behind, not the sender\n' \
                "${pip:-?}" "$(for r in "${pruns[@]}"; do printf '%s: %s times; ' "$r" "$(get "$r" tx_ring_full)"; done | sed 's/; $//')" \
                "${lim:-?}" "$(get "$base-rxonly" tx_ring_full)"
        fi
    fi
    RUN_LINES+=("$line")
    RUN_NAMES+=("$base")
    if [ "$pattern" = demo ]; then
        demo_verdict "$sustained" "$(get "$pc" rx_to_journal_p50_us)"
        return 0
    fi
    RATIO_P50+="${RATIO_P50:+ }$base=$rp50"
    RATIO_P99+="${RATIO_P99:+ }$base=$rp99"
    if [ "$sustained" = yes ]; then
        [ "$pattern" = steady ] && SUSTAINED_STEADY=$((SUSTAINED_STEADY + 1))
        [ "$pattern" = burst ] && SUSTAINED_BURST=$((SUSTAINED_BURST + 1))
        if [ -n "$rp99" ] && { [ -z "$WORST_RATIO" ] || [ "$(awk -v a="$rp99" -v b="$WORST_RATIO" 'BEGIN { print (a > b) }')" = 1 ]; }; then
            WORST_RATIO=$rp99
        fi
        local ok=true why=""
        [ "$gcs" = 0 ] || { ok=false; why+=" gc=$gcs"; }
        [ "$faults" = 0 ] || { ok=false; why+=" faults=$faults"; }
        [ "$drops" = 0 ] || { ok=false; why+=" drops=$drops"; }
        [ -n "$rp99" ] && [ "$(awk -v a="$rp99" 'BEGIN { print (a <= 1.5) }')" = 1 ] || { ok=false; why+=" ratio_p99=${rp99:-?}"; }
        put "$base" met bool "$ok"
        $ok || ALL_MET=false
        # The polling thread's allocation after the warm-up (the hot path's promise is none): shown, not a verdict.
        VERDICT_TEXT+="  $base: $($ok && echo met || echo "MISSED:$why") (polling thread allocated ${allocated:-?} B after the warm-up over the rounds, floor ${floor_allocated:-?} B)"$'\n'
    else
        VERDICT_TEXT+="  $base: not sustained (counts in no verdict)"$'\n'
    fi
}

for r in ${RATES//,/ }; do
    # On the timeline (open loop): each packet is due at start + i / rate, and a sender that was preempted (CPU 0
    # also runs the receiver's housekeeping) catches up rather than shifting every later packet, which would lower
    # the offered rate and leave out of the figures the queueing a late packet meets (coordinated omission).
    measure steady "$r" "--pps $r --keep-timeline"
done
if [ "$BURST" != none ]; then
    measure burst "$BURST_RATE" "--bursts $BURST"
fi
if [ "$DEMO" != none ]; then
    CAP=$DEMO_CAP
    measure demo "$DEMO_RATE" "--pps $DEMO_RATE --keep-timeline"
fi

# ------------------------------------------------------------------------------------------ summary, JSON
put machine loadavg_end str "$(cut -d' ' -f1-3 /proc/loadavg)"
ratios_line="ratios: pipeline/floor p50 ${RATIO_P50:-none}; p99 ${RATIO_P99:-none}; worst sustained p99 ratio ${WORST_RATIO:-none} (limit 1.5)"
echo
echo "$ratios_line"
echo "verdicts (sustained runs: gc=0, faults=0, drops=0, ratio_p99 <= 1.5; $SUSTAINED_STEADY steady and $SUSTAINED_BURST burst runs sustained):"
printf '%s' "$VERDICT_TEXT"
[ -z "$DEMO_TEXT" ] || printf 'demo (%s packets/s of %s messages, p50 within 1.5x of the 300000 pps p50 of one-message packets):\n%s' \
    "${DEMO_RATE:-}" "${DEMO_K:-}" "$DEMO_TEXT"
put summary ratios_line str "$ratios_line"
put summary sustained_steady_runs num "$SUSTAINED_STEADY"
put summary sustained_burst_runs num "$SUSTAINED_BURST"
put summary worst_sustained_ratio_p99 num "$WORST_RATIO"
put summary all_sustained_runs_met bool "$ALL_MET"
{
    echo "{"
    echo "  \"machine\": $(json_object machine),"
    echo "  \"settings\": $(json_object settings),"
    echo "  \"capture\": $(json_object capture),"
    echo "  \"demo_capture\": $(json_object demo_capture),"
    echo "  \"runs\": ["
    sep=""
    for b in "${RUN_NAMES[@]}"; do
        # The rounds that count (a round run again on a contended CPU counts its last run; see set_aside).
        read -r -a bp <<< "${BASE_PIPELINE[$b]}"
        read -r -a bf <<< "${BASE_FLOOR[$b]}"
        printf '%s    {"run": %s, "result": %s, "pipeline": %s, "floor": %s' "$sep" "$(json_str "$b")" "$(json_object "$b")" \
            "$(json_object "${bp[0]}")" "$(json_object "${bf[0]}")"
        [ -n "${BENCH_JSON[$b-rxonly]+x}" ] && printf ', "rx_only": %s' "$(json_object "$b-rxonly")"
        if [ -n "${BASE_ASIDE[$b]:-}" ]; then
            printf ', "set_aside": {'
            asep=""
            for a in ${BASE_ASIDE[$b]}; do
                printf '%s%s: %s' "$asep" "$(json_str "$a")" "$(json_object "$a")"
                asep=", "
            done
            printf '}'
        fi
        if [ "$ROUNDS" -gt 1 ]; then
            printf ', "pipeline_rounds": %s, "floor_rounds": %s' "$(json_object "$b-pipeline-rounds")" "$(json_object "$b-floor-rounds")"
            for ((i = 2; i <= ROUNDS; i++)); do
                printf ', "pipeline_r%d": %s, "floor_r%d": %s' "$i" "$(json_object "${bp[$((i - 1))]}")" "$i" "$(json_object "${bf[$((i - 1))]}")"
            done
        fi
        printf '}' 
        sep=$',\n'
    done
    echo
    echo "  ],"
    echo "  \"summary\": $(json_object summary)"
    echo "}"
} > "$JSON_OUT"
if command -v jq > /dev/null && ! jq -e . "$JSON_OUT" > /dev/null 2>&1; then
    echo "bench-latency: warning: $JSON_OUT is not valid JSON (a bug of this script)" >&2
fi
echo "bench-latency: JSON written to $JSON_OUT"
exit 0
