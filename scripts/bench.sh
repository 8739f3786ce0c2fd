#!/usr/bin/env bash
# Throughput and latency benchmark of md-receiver against dpdk-testpmd and a plain Java kernel-socket
# receiver, on the same generated ITCH 5.0 / MoldUDP64 input, in one run (see --help).
set -euo pipefail

usage() {
    cat <<'EOF'
usage: scripts/bench.sh [--seconds N] [--warmup N] [--json FILE] [options]

Measures, in one run and on the same generated input (synthetic ITCH 5.0 over MoldUDP64 from md-gen),
packets/s and messages/s of:

  A            dpdk-testpmd (Debian's, C), --forward-mode=rxonly, on net_pcap0,rx_pcap=ONE,infinite_rx=1
               (ONE: 100,000 one-message packets, 64-110 byte frames, looped from memory by the PMD)
  B            md-receiver, receiver.mode=rx-only (receive, count, free), same port
  C-dup        md-receiver, full pipeline, same port: every loop of the capture repeats the same sequence
               numbers, so after the first loop (0.1 s) every packet is parsed and dropped by the arbiter
               as a duplicate and the journal is idle: this is the cost of parse + arbitrate, not of journaling
  B-file-1     md-receiver rx-only reading BIG1 once (no infinite_rx): what net_pcap reading a file delivers,
               the ceiling of C-journal-1 (BIG1: one-message packets, see below). Every file contender (B-file,
               C-journal, C-raw) first reads its capture once into the page cache, so that all read it alike
  C-journal-1  md-receiver, full pipeline with the journal (Chronicle Queue on /dev/shm), BIG1 read once:
               every message is new and journaled; reading the file through net_pcap is part of the cost
  C-raw-1      md-receiver receiver.mode=journal-raw on BIG1 once: each packet's UDP payload appended unparsed to
               the same queue, one excerpt per burst: what the file read and Chronicle's append allow without
               our parse, arbitration and record layout (C-journal-1/C-raw-1 is our share)
  B-file-40    as B-file-1 on BIG40 (realistic packets of 40 messages)
  C-journal-40 as C-journal-1 on BIG40: messages/s with journaling on realistic packets
  C-journal-40-loss
               as C-journal-40 on BIG40-LOSS, the same session with 1% of its packets lost on both lines
               (md-gen --loss-both 1%: the capture, line A, lacks them, and line B would too), with recovery
               on: md-request-server (CPU 0) serves BIG40 itself on 127.0.0.1 and the receiver asks it for
               every hole (channel from --request-server; recovery.holdBytes=64M); run right after
               C-journal-40, so the two figures come from the same run; also the recovery figures (holes
               healed and given up, messages recovered, recovery time p50/p99)
  D            io.mdr.tools.SocketReceiverMain (plain Java, DatagramChannel, busy-polling, all its threads on
               CPU 1 via taskset) in a network namespace of this run's own, fed over a veth pair mdb0 (root
               namespace, no address) -> mdb1 (in the namespace, 10.200.0.2/24) from CPU 0 at top speed with ONE,
               looped, its destination rewritten to mdb1's MAC and 10.200.0.2:26477 so that the kernel delivers it
               to the socket: by tcpreplay (default; the capture rewritten once by tcprewrite) or by
               md-replay on net_af_packet0,iface=mdb0 (--feeder md-replay: --dst-ip/--dst-port/--dst-mac);
               kernel drops from /proc/net/udp (the socket's drops column) and /proc/net/snmp
  E            md-receiver, full pipeline, in the namespace, on net_af_packet0,iface=mdb1,framecnt=4096 (the PMD's default ring
               of 512 frames overflowed at ~70k pps here), fed as D; after the first loop the packets are
               duplicates (parsed, arbitrated, not journaled); loss = sent - received
  latency      scripts/bench-latency.sh (see its --help): md-replay (net_memif server, CPU 0) into md-receiver
               (client, polling on CPU 1, journal on /dev/shm) at each of --lat-rates and in the --lat-burst
               pattern, each run with the same sender as the full pipeline and as the journal's floor
               (receiver.mode=journal-raw), in 2 rounds (ABBA), CPU 1 shielded; one `latency-run:` line per
               rate (sustained=yes/no, achieved rate, floor and pipeline rx->journal percentiles after warm-up,
               their ratios, GCs, page faults of the polling thread, drops) and a `ratios:` line; its JSON
               beside this one (FILE-latency.json)

How a rate is taken: the per-second lines (testpmd --stats-period 1, md-receiver's stats line, the socket
receiver's interval line) after a warm-up of --warmup lines, averaged over the next --seconds lines. B and
C-dup run with md-receiver --duration (warm-up + seconds + 0.5). C-journal and B-file read a file once: their
rate is total / active time (the summary's "traffic" line: the first poll with packets to the end of the last,
for every contender alike, so that start-up such as opening the journal is not counted), and the mean of the
full per-second lines after the warm-up is reported beside it ("steady"). For D and E, tcpreplay sends for
warm-up + seconds + 2 s (--duration); md-replay is stopped (SIGTERM) once the receiver has printed warm-up +
seconds lines with traffic.

Then it prints a table with the ratios B/A, C-dup/A, C-journal-1/A and E/D and the project's targets
(B/A >= 1; C >= 0.5 x A pps on one-message packets; C >= 10M msgs/s on realistic packets; no rx drops at
1 Mpps paced; rx->journal p99 <= 1 us and p99.99 <= 10 us at 1 Mpps; no GC; no page fault on the polling
core), and writes every figure, the command lines and the machine (nproc, CPU model, kernel, date, load)
as JSON.

Options:
  --seconds N            measured seconds per contender (default 10)
  --warmup N             per-second lines skipped first (default 2)
  --json FILE            where the JSON goes (default: bench-results.json in the current directory); the
                         latency runs' JSON and HdrHistogram logs go beside it (FILE minus .json, plus -latency*)
  --only LIST            run only these, comma-separated: a,b,c-dup,c-journal,c-loss,d,e,latency (c-journal
                         also runs the B-file contenders; c-loss runs C-journal-40 and C-journal-40-loss);
                         the default is all of them
  --lat-rates LIST       offered rates of the latency runs, packets/s (default 10000,100000,300000,1000000)
  --lat-burst N/MICROS   the latency burst pattern: N packets back to back every MICROS us (default 64/200;
                         none leaves it out)
  --lat-demo RATE/K      the demo's packets in the latency runs: RATE packets/s of K messages each (default
                         7700/44, the demo's feed), whose p50 is held against the 300k p50; none leaves it out
  --lat-pps N            one latency rate only (the same as --lat-rates N)
  --handler NAME         the latency runs' receiver.handler: none (default) or book (order books on the polling
                         thread: the runs then also report rx->book)
  --big-packets N        one-message packets in BIG1 (default: max(5,000,000, (warm-up + seconds) x 1,000,000),
                         the capture the latency runs also use when their highest rate is 1,000,000)
  --file-rounds N        rounds of B-file-1, C-journal-1 and C-raw-1, interleaved (default 3); each one's figure is
                         its best round (the least interference from the rest of the host), every round in the JSON;
                         the "ratios (journal)" line adds each round's C-journal-1 over that round's B-file-1 and their
                         median (the verdict stays best over best)
  --realistic-messages N messages in BIG40 (default 40,000,000: 1,000,000 packets of 40)
  --feeder NAME          tcpreplay (default) or md-replay: what sends into the veth for D and E. md-replay
                         (Java) needs a few seconds of JIT before it reaches its top rate; tcpreplay does not
  --captures DIR         keep the generated captures in DIR and reuse them on the next run (md-gen is
                         deterministic; the file names carry the parameters); default: generated in the work
                         directory and deleted at the end
  --jfr                  record every md-receiver run with JFR (settings=profile) into FILE-<contender>.jfr
                         beside the JSON (adds a little overhead; for finding where the time goes)
  --keep                 keep the work directory (logs, configurations, journals) and print its path
  -h, --help             this text

Needs: root (DPDK, veth), 2 CPUs or more, dpdk-testpmd (Debian's dpdk-dev package) and tcpreplay (both
installed from Debian's packages when missing), iproute2, and a build (scripts/setup.sh runs when the jar
is missing or predates SocketReceiverMain). It creates a network namespace (mdbench-PID) and the veth pair
mdb0/mdb1 into it (mdb0 in the root namespace without an address, mdb1 in the namespace with 10.200.0.2/24: a
stand-in for a second host; nothing is sent anywhere else) and deletes both at the end. Every process runs under `timeout`; on exit (normal, error,
SIGTERM or Ctrl-C) every process still running is stopped by its id, and the veth pair, the work directory
under /dev/shm and DPDK's run files of this run are removed. With the defaults it takes about 3-4 minutes
and needs about 5 GB of free memory (/dev/shm: captures and journals).
Figures vary from run to run on a shared VM: compare runs, never single figures.
EOF
}

ORIG_ARGS=("$@")
SECONDS_MEASURED=10
WARMUP=2
JSON_OUT="$PWD/bench-results.json"
ONLY="a,b,c-dup,c-journal,c-loss,d,e,latency"
LAT_PPS=1000000
LAT_RATES=10000,100000,300000,1000000
LAT_BURST=64/200
LAT_DEMO=7700/44
BIG_PACKETS=""
FILE_ROUNDS=3
REALISTIC_MESSAGES=40000000
CAPTURES=""
FEEDER=tcpreplay
HANDLER=none
JFR=false
KEEP=false
while [ $# -gt 0 ]; do
    case "$1" in
        -h|--help) usage; exit 0 ;;
        --seconds) SECONDS_MEASURED=${2:?--seconds needs N}; shift 2 ;;
        --warmup) WARMUP=${2:?--warmup needs N}; shift 2 ;;
        --json) JSON_OUT=${2:?--json needs FILE}; shift 2 ;;
        --only) ONLY=${2:?--only needs a list}; shift 2 ;;
        --lat-pps) LAT_RATES=${2:?--lat-pps needs N}; shift 2 ;;
        --lat-rates) LAT_RATES=${2:?--lat-rates needs a list}; shift 2 ;;
        --lat-burst) LAT_BURST=${2:?--lat-burst needs N/MICROS or none}; shift 2 ;;
        --lat-demo) LAT_DEMO=${2:?--lat-demo needs RATE/K or none}; shift 2 ;;
        --big-packets) BIG_PACKETS=${2:?--big-packets needs N}; shift 2 ;;
        --file-rounds) FILE_ROUNDS=${2:?--file-rounds needs N}; shift 2 ;;
        --realistic-messages) REALISTIC_MESSAGES=${2:?--realistic-messages needs N}; shift 2 ;;
        --captures) CAPTURES=${2:?--captures needs DIR}; shift 2 ;;
        --feeder) FEEDER=${2:?--feeder needs tcpreplay or md-replay}; shift 2 ;;
        --handler) HANDLER=${2:?--handler needs none or book}; shift 2 ;;
        --jfr) JFR=true; shift ;;
        --keep) KEEP=true; shift ;;
        *) echo "bench: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done
for v in seconds:SECONDS_MEASURED warmup:WARMUP lat-pps:LAT_PPS realistic-messages:REALISTIC_MESSAGES file-rounds:FILE_ROUNDS \
    ${BIG_PACKETS:+big-packets:BIG_PACKETS}; do
    var=${v#*:}
    [[ ${!var} =~ ^[0-9]+$ ]] || { echo "bench: --${v%%:*} must be a whole number, not '${!var}'" >&2; exit 2; }
done
[ "$SECONDS_MEASURED" -ge 1 ] || { echo "bench: --seconds must be at least 1" >&2; exit 2; }
[ "$FILE_ROUNDS" -ge 1 ] || { echo "bench: --file-rounds must be at least 1" >&2; exit 2; }
[ "$LAT_PPS" -ge 1000 ] || { echo "bench: --lat-pps must be at least 1000" >&2; exit 2; }
case "$FEEDER" in tcpreplay|md-replay) ;; *) echo "bench: --feeder: tcpreplay or md-replay, not '$FEEDER'" >&2; exit 2 ;; esac
case "$HANDLER" in none|book) ;; *) echo "bench: --handler: none or book, not '$HANDLER'" >&2; exit 2 ;; esac
for c in ${ONLY//,/ }; do
    case "$c" in a|b|c-dup|c-journal|c-loss|d|e|latency) ;; *) echo "bench: --only: unknown contender '$c'" >&2; exit 2 ;; esac
done
wants() { [[ ",$ONLY," == *",$1,"* ]]; }
case "$JSON_OUT" in /*) ;; *) JSON_OUT="$PWD/$JSON_OUT" ;; esac
OUT_BASE=${JSON_OUT%.json}

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib/bench-lib.sh
. "$here/lib/bench-lib.sh"

# ------------------------------------------------------------------------------------------ preconditions
if [ "$(id -u)" -ne 0 ]; then
    echo "bench: needs root (DPDK without hugepages, the veth pair, net_af_packet)" >&2
    exit 1
fi
if [ "$(nproc)" -lt 2 ]; then
    echo "bench: needs at least 2 CPUs (the receivers poll on CPU 1, the feeders run on CPU 0)" >&2
    exit 1
fi
for tool in ip taskset timeout flock pgrep awk sed stdbuf; do
    command -v "$tool" > /dev/null || { echo "bench: $tool is missing" >&2; exit 1; }
done
missing=()
command -v dpdk-testpmd > /dev/null || missing+=(dpdk-dev)
if [ "$FEEDER" = tcpreplay ] && { wants d || wants e; } && ! command -v tcpreplay > /dev/null; then missing+=(tcpreplay); fi
if [ ${#missing[@]} -gt 0 ]; then
    echo "bench: installing ${missing[*]} from Debian's packages (dpdk-testpmd is in dpdk-dev)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" > /dev/null
fi
# shellcheck source=lib/env.sh
. "$here/lib/env.sh"
jar=$(ls "$MD_ROOT"/md-receiver/target/md-receiver-*.jar 2>/dev/null | grep -v -e sources -e tests | head -1 || true)
if [ -z "$jar" ] || ! grep -a -q 'io/mdr/tools/SocketReceiverMain.class' "$jar" || [ ! -d "$MD_ROOT/md-replay/target/lib" ]; then
    echo "bench: building (scripts/setup.sh)"
    "$here/setup.sh"
fi

exec 9> /run/lock/md-bench.lock
flock -n 9 || { echo "bench: another scripts/bench.sh is running (lock /run/lock/md-bench.lock)" >&2; exit 1; }
if ip link show mdb0 > /dev/null 2>&1 || ip link show mdb1 > /dev/null 2>&1; then
    echo "bench: interface mdb0 or mdb1 exists already; delete it (ip link del mdb0) if no benchmark runs" >&2
    exit 1
fi

WORK=$(mktemp -d /dev/shm/md-bench.XXXXXX)
PFX="mdbench-$$"
VETH=false
NSB="mdbench-$$"
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    bench_stop_all
    if $VETH; then
        ip link del mdb0 2>/dev/null || true
        ip netns del "$NSB" 2>/dev/null || true
    fi
    rm -rf /var/run/dpdk/"$PFX"-* 2>/dev/null || true
    if $KEEP; then
        echo "bench: work directory kept: $WORK"
    else
        rm -rf "$WORK"
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'echo "bench: interrupted" >&2; exit 130' INT TERM

W=$WARMUP
N=$SECONDS_MEASURED
WN=$((W + N))
log() { printf '\nbench: %s\n' "$*"; }
# quote ARGS...: a command line as one string that a shell reads back (single quotes where needed).
quote() {
    local a out=""
    for a in "$@"; do
        if [[ $a =~ ^[A-Za-z0-9_./:=,@%+-]+$ ]]; then out+="${out:+ }$a"; else out+="${out:+ }'${a//\'/\'\\\'\'}'"; fi
    done
    printf '%s' "$out"
}

# md-receiver, optionally under JFR: RX_CMD=(...) for contender $1
receiver_cmd() {
    RX_CMD=("$here/md-receiver")
    if $JFR; then
        RX_CMD=(env "MD_JAVA_OPTS=${MD_JAVA_OPTS:-} -XX:StartFlightRecording=filename=$OUT_BASE-$1.jfr,settings=profile"
            "$here/md-receiver")
    fi
}

# ------------------------------------------------------------------------------------------ machine
log "machine"
put machine nproc num "$(nproc)"
put machine cpu_model str "$(lscpu | sed -n 's/^Model name: *//p' | head -1)"
put machine kernel str "$(uname -r)"
put machine os str "$(. /etc/os-release 2>/dev/null; echo "${PRETTY_NAME:-unknown}")"
put machine memory_gib num "$(awk '/^MemTotal/ { printf "%.1f", $2 / 1048576 }' /proc/meminfo)"
put machine date str "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
put machine java str "$("$MD_JAVA" -version 2>&1 | head -1)"
put machine dpdk str "$(pkg-config --modversion libdpdk 2>/dev/null || dpkg-query -W -f='${Version}' dpdk 2>/dev/null)"
put machine git_commit str "$(git -C "$MD_ROOT" rev-parse --short HEAD 2>/dev/null)$(git -C "$MD_ROOT" diff --quiet HEAD 2>/dev/null || echo '+changes')"
put machine loadavg_start str "$(cut -d' ' -f1-3 /proc/loadavg)"
busy=$(cpu_busy 2)
put machine background_cpu_busy_pct_start num "$busy"
printf '  %s, %s CPUs (%s), kernel %s, %s\n' "$(get machine os)" "$(nproc)" "$(get machine cpu_model)" "$(uname -r)" "$(get machine java)"
printf '  load average %s; CPU busy before the benchmark (others): %s%% of the machine over 2 s\n' \
    "$(get machine loadavg_start)" "$busy"
put settings seconds num "$N"
put settings warmup_lines num "$W"
put settings lat_rates str "$LAT_RATES"
put settings lat_burst str "$LAT_BURST"
put settings lat_demo str "$LAT_DEMO"
put settings latency_handler str "$HANDLER"
put settings command str "$(quote "$0" ${ORIG_ARGS[@]+"${ORIG_ARGS[@]}"})"

# ------------------------------------------------------------------------------------------ captures
CAPDIR=${CAPTURES:-$WORK/captures}
mkdir -p "$CAPDIR"
if [ -z "$BIG_PACKETS" ]; then
    BIG_PACKETS=$((WN * LAT_PPS))
    [ "$BIG_PACKETS" -ge 5000000 ] || BIG_PACKETS=5000000
fi
ONE="$CAPDIR/itch-1msg-100000.pcap"
BIG1="$CAPDIR/itch-1msg-$BIG_PACKETS.pcap"
BIG40="$CAPDIR/itch-40msg-$REALISTIC_MESSAGES.pcap"
BIG40_LOSS="$CAPDIR/itch-40msg-$REALISTIC_MESSAGES-lossboth1.pcap"

# gen NAME FILE ARGS...: runs md-gen unless FILE exists (reused from --captures).
gen() {
    local name=$1 file=$2
    shift 2
    local cmd=("$here/md-gen" --out-a "$file" "$@" --quiet)
    put "capture_$name" file str "$file"
    put "capture_$name" command str "$(quote "${cmd[@]}")"
    if [ -s "$file" ] && [ -s "$file.info" ]; then
        echo "  $name: reusing $file"
    else
        echo "  $name: $(quote "${cmd[@]}")"
        timeout 600 "${cmd[@]}" > "$file.info" 2>&1 || { cat "$file.info" >&2; rm -f "$file" "$file.info"; exit 1; }
    fi
    put "capture_$name" summary str "$(grep '^session' "$file.info" | head -1)"
    put "capture_$name" bytes num "$(stat -c %s "$file")"
}
log "captures (md-gen, deterministic) in $CAPDIR"
gen one "$ONE" --messages 100000 --messages-per-packet 1 --pps 1000000
if wants c-journal; then
    gen big1 "$BIG1" --messages "$BIG_PACKETS" --messages-per-packet 1 --pps 1000000
fi
if wants c-journal || wants c-loss; then
    gen big40 "$BIG40" --messages "$REALISTIC_MESSAGES" --messages-per-packet 40 --pps 100000
fi
if wants c-loss; then
    # The same session (same seed and packets) with 1% of the packets lost on both lines.
    gen big40_loss "$BIG40_LOSS" --messages "$REALISTIC_MESSAGES" --messages-per-packet 40 --pps 100000 --loss-both 1%
fi
# frames in a capture (the generator adds one end-of-session packet)
frames() { sed -n -E 's/^line A [^:]+:[0-9]+: ([0-9,]+) frames.*/\1/p' "$1.info" | tr -d , | head -1; }
ONE_FRAMES=$(frames "$ONE")
echo "  ONE: $ONE_FRAMES frames"
POOL=131071
if [ "$ONE_FRAMES" -ge "$POOL" ]; then
    echo "bench: the infinite_rx pool ($POOL mbufs) must exceed the frames of $ONE" >&2
    exit 1
fi

# receiver_config FILE MODE DEVICE NAME [extra key=value lines]: an md-receiver configuration.
receiver_config() {
    local file=$1 mode=$2 device=$3 name=$4 mem=${5:-1024}
    if [ $# -ge 5 ]; then shift 5; else shift $#; fi
    {
        echo "# generated by scripts/bench.sh for contender $name"
        echo "eal.args=--no-huge -m $mem --no-pci --no-shconf -l 0 --log-level lib.*:error --file-prefix $PFX-$name"
        echo "receiver.core=1"
        echo "receiver.mode=$mode"
        echo "idle.strategy=busy-spin"
        echo "port.device=$device"
        echo "journal.path=$WORK/journal-$name"
        echo "stats.intervalMs=1000"
        echo "stats.countersFile=$WORK/counters-$name.dat"
        for line in "$@"; do echo "$line"; done
    } > "$file"
}

# receiver_results CONTENDER LOG: the summary's figures into the JSON.
receiver_results() {
    local c=$1 log=$2 f
    for f in packets messages journal_records gaps dup_packets dup_messages drops ipackets imissed rx_nombuf ierrors; do
        put "$c" "$f" num "$(summary_field "$log" "$f")"
    done
    put "$c" drop_detail str "$(summary_field "$log" drop_detail)"
    put "$c" summary_seconds num "$(summary_field "$log" seconds)"
    put "$c" polling_thread_allocated_bytes_after_warmup num "$(summary_field "$log" allocated)"
    put "$c" gcs_after_warmup num "$(summary_field "$log" gcs)"
    put "$c" polling_thread_minor_faults_after_warmup num "$(summary_field "$log" minor_faults)"
    put "$c" polling_thread_major_faults_after_warmup num "$(summary_field "$log" major_faults)"
    put "$c" allocation_line str "$(summary_field "$log" allocation_line)"
    put "$c" mbuf_pool_at_exit str "$(summary_field "$log" pool)"
    local name p
    for name in rx-\>handler rx-\>journal rx-\>book; do
        [ -n "$(latency "$log" "$name" n)" ] || continue
        for p in n p50 p90 p99 p99.9 p99.99 max; do
            put "$c" "${name/->/_to_}_${p}$([ "$p" = n ] || echo _us)" num "$(latency "$log" "$name" "$p")"
        done
    done
    if ! grep -a -q '^summary after' "$log"; then
        put "$c" error str "no summary in the log; last lines: $(grep -a -v -e '^WARNING' -e '^EAL' "$log" | tail -3 | tr '\n' ' ')"
    fi
}

# steady_rates CONTENDER [packets-only]: from the rx lines on stdin ("pps msgs dup"), the mean over the window
# after warm-up. Puts pps, msgs_per_s (accepted), processed_msgs_per_s (accepted + duplicates), per-second arrays.
steady_rates() {
    local c=$1 lines
    lines=$(awk 'NR == 1 { prev = $3 } { print $1, $2, $2 + ($3 - prev), $3; prev = $3 }' | window "$W" "$N")
    put "$c" measured_lines num "$(printf '%s\n' "$lines" | grep -c . || true)"
    put "$c" pps num "$(printf '%s\n' "$lines" | mean 1)"
    put "$c" per_second_pps raw "$(printf '%s\n' "$lines" | grep . | column_json 1)"
    [ "${2:-}" = packets-only ] && return
    put "$c" msgs_per_s num "$(printf '%s\n' "$lines" | mean 2)"
    put "$c" processed_msgs_per_s num "$(printf '%s\n' "$lines" | mean 3)"
    put "$c" per_second_msgs raw "$(printf '%s\n' "$lines" | grep . | column_json 2)"
}

show() { # show CONTENDER: one line of what was measured
    printf '  %-13s %9s Mpps  %9s M msgs/s  %s\n' "$1" "$(mega "$(get "$1" pps)")" \
        "$(mega "$(get "$1" "${2:-msgs_per_s}")")" "${3:-}"
}

# ------------------------------------------------------------------------------------------ A: testpmd
if wants a; then
    log "A: dpdk-testpmd rxonly on net_pcap (infinite_rx), $W + $N s"
    cmd=(dpdk-testpmd --no-huge -m 1024 --no-pci --no-shconf --file-prefix "$PFX-a" -l 0,1
        --vdev "net_pcap0,rx_pcap=$ONE,infinite_rx=1" -- --forward-mode=rxonly --total-num-mbufs=$POOL --stats-period 1)
    put A label str "dpdk-testpmd rxonly, net_pcap infinite_rx, 1-message packets"
    put A command str "$(quote "${cmd[@]}")"
    bench_start "$WORK/a.log" $((WN + 60)) stdbuf -oL "${cmd[@]}"
    pid=$BENCH_PID
    # the first stats print is always 0 (nothing to compare with); then one a second
    bench_wait_count $((1 + WN)) $((WN + 40)) "$pid" count_lines "$WORK/a.log" 'Rx-pps:' || true
    bench_stop "$pid"
    wait "$pid" 2>/dev/null || true
    lines=$(grep -a 'Rx-pps:' "$WORK/a.log" | awk '{ print $2 }' | window $((1 + W)) "$N")
    put A measured_lines num "$(printf '%s\n' "$lines" | grep -c . || true)"
    put A pps num "$(printf '%s\n' "$lines" | mean 1)"
    put A per_second_pps raw "$(printf '%s\n' "$lines" | grep . | column_json 1)"
    put A rx_missed num "$(grep -a -o 'RX-missed: *[0-9]*' "$WORK/a.log" | tail -1 | awk '{ print $2 }')"
    put A rx_nombuf num "$(grep -a -o 'RX-nombuf: *[0-9]*' "$WORK/a.log" | tail -1 | awk '{ print $2 }')"
    [ -n "$(get A pps)" ] || put A error str "no stats from testpmd: $(grep -a -v '^ *$' "$WORK/a.log" | tail -3 | tr '\n' ' ')"
    show A none "(testpmd does not parse)"
fi

# ------------------------------------------------------------------------------------------ B, C-dup
# run_duration CONTENDER MODE: md-receiver --duration on the looped capture.
run_duration() {
    local c=$1 mode=$2 name
    name=$(echo "$c" | tr 'A-Z' 'a-z')
    receiver_config "$WORK/$name.properties" "$mode" "net_pcap0,rx_pcap=$ONE,infinite_rx=1" "$name" 1024 \
        "port.mbufPoolSize=$POOL"
    receiver_cmd "$name"
    local cmd=("${RX_CMD[@]}" --config "$WORK/$name.properties" --duration "$WN.5")
    put "$c" command str "$(quote "${cmd[@]}")"
    put "$c" config str "$(grep -v '^#' "$WORK/$name.properties" | tr '\n' ';')"
    bench_start "$WORK/$name.log" $((WN + 120)) "${cmd[@]}"
    bench_wait "$BENCH_PID" $((WN + 120)) || put "$c" exit_status num "$?"
    steady_rates "$c" "$([ "$mode" = rx-only ] && echo packets-only)" < <(rx_lines "$WORK/$name.log")
    receiver_results "$c" "$WORK/$name.log"
    rm -rf "$WORK/journal-$name"
}
if wants b; then
    log "B: md-receiver rx-only on net_pcap (infinite_rx), --duration $WN.5"
    put B label str "md-receiver rx-only (count and free), net_pcap infinite_rx, 1-message packets"
    run_duration B rx-only
    show B none "(rx-only does not parse)"
fi
if wants c-dup; then
    log "C-dup: md-receiver full pipeline on net_pcap (infinite_rx: duplicates after the first loop), --duration $WN.5"
    put C-dup label str "md-receiver full pipeline, net_pcap infinite_rx: after the first 0.1 s every packet is a duplicate (parse + arbitrate; journal idle)"
    run_duration C-dup full
    show C-dup processed_msgs_per_s "(msgs/s = messages parsed and arbitrated, nearly all duplicates; $(get C-dup journal_records) journal records)"
fi

# ------------------------------------------------------------------------------------------ file once
# run_file CONTENDER MODE CAPTURE [MESSAGES_PER_PACKET]: md-receiver reading a capture once (no infinite_rx),
# --exit-when-idle 1000.
run_file() {
    local c=$1 mode=$2 capture=$3 name
    name=$(echo "$c" | tr 'A-Z' 'a-z')
    receiver_config "$WORK/$name.properties" "$mode" "net_pcap0,rx_pcap=$capture" "$name" 512 ${RUN_FILE_EXTRA[@]+"${RUN_FILE_EXTRA[@]}"}
    receiver_cmd "$name"
    local cmd=("${RX_CMD[@]}" --config "$WORK/$name.properties" --exit-when-idle 1000)
    put "$c" command str "$(quote "${cmd[@]}")"
    put "$c" config str "$(grep -v '^#' "$WORK/$name.properties" | tr '\n' ';')"
    # The capture is read once just before each file contender, so that the ceiling (B-file) and the contenders read
    # it from the page cache alike. Without this the same B-file-1 read at 3.72 and at 7.54 Mpps in two runs on this
    # VM, and C-journal-1/B-file-1 went from 1.209 to 0.470; read from the cache first, B-file-1 gave 8.05 Mpps.
    local t0 t1
    t0=$(date +%s%N)
    cat "$capture" > /dev/null
    t1=$(date +%s%N)
    put "$c" capture_cache_read_seconds num "$(awk -v n=$((t1 - t0)) 'BEGIN { printf "%.3f\n", n / 1e9 }')"
    bench_start "$WORK/$name.log" 300 "${cmd[@]}"
    bench_wait "$BENCH_PID" 300 || put "$c" exit_status num "$?"
    receiver_results "$c" "$WORK/$name.log"
    local secs packets messages active traffic
    secs=$(get "$c" summary_seconds)
    packets=$(get "$c" packets)
    messages=$(get "$c" messages)
    # The time the feed flowed (the receiver's first poll with packets to its last): start-up (journal open, port
    # start) and the idle second before exit left out, for every contender alike; else the run less its idle second.
    traffic=$(summary_field "$WORK/$name.log" traffic_seconds)
    put "$c" traffic_seconds num "$traffic"
    active=""
    if [ -n "$traffic" ]; then
        active=$traffic
    elif [ -n "$secs" ]; then
        active=$(calc "$secs - 1.0")
    fi
    put "$c" active_seconds num "$active"
    put "$c" pps num "$(awk -v p="$packets" -v s="$active" 'BEGIN { if (s > 0 && p != "") printf "%.0f\n", p / s }')"
    if [ "$mode" = rx-only ]; then
        # rx-only counts packets, not messages: messages/s is packets/s x messages per packet of the capture
        put "$c" msgs_per_s num "$(awk -v p="$(get "$c" pps)" -v k="$4" 'BEGIN { if (p != "") printf "%.0f\n", p * k }')"
        put "$c" per_second_pps raw "$(rx_lines "$WORK/$name.log" | awk '$1 > 0' | column_json 1)"
        rm -rf "$WORK/journal-$name"
        return
    fi
    if [ "$mode" = journal-raw ]; then
        # the floor journals packets, not messages (BIG1: one message a packet)
        messages=$(get "$c" journal_records)
    fi
    put "$c" msgs_per_s num "$(awk -v m="$messages" -v s="$active" 'BEGIN { if (s > 0 && m != "") printf "%.0f\n", m / s }')"
    # steady: the full seconds with traffic (the last one is partial), after the warm-up lines
    local lines
    lines=$(rx_lines "$WORK/$name.log" | awk '$1 > 0' | sed '$d' | window "$W" 1000)
    put "$c" steady_lines num "$(printf '%s\n' "$lines" | grep -c . || true)"
    put "$c" steady_pps num "$(printf '%s\n' "$lines" | mean 1)"
    put "$c" steady_msgs_per_s num "$(printf '%s\n' "$lines" | mean 2)"
    put "$c" per_second_pps raw "$(rx_lines "$WORK/$name.log" | awk '$1 > 0' | column_json 1)"
    put "$c" per_second_msgs raw "$(rx_lines "$WORK/$name.log" | awk '$1 > 0' | column_json 2)"
    rm -rf "$WORK/journal-$name"
}
# promote_best CONTENDER ROUNDS: CONTENDER-r1 .. CONTENDER-rROUNDS ran; the round with the highest pps becomes
# CONTENDER (every figure of it), with every round's pps, the best and the median beside it, and each round's
# figures under "rounds".
promote_best() {
    local c=$1 n=$2 r best="" best_pps=-1 pps list="" objects="" key
    for r in $(seq 1 "$n"); do
        pps=$(get "$c-r$r" pps)
        list+="${list:+,}${pps:-null}"
        objects+="${objects:+, }$(json_object "$c-r$r")"
        if [ -n "$pps" ] && [ "$pps" -gt "$best_pps" ]; then
            best_pps=$pps
            best=$r
        fi
    done
    if [ -n "$best" ]; then
        BENCH_JSON[$c]=${BENCH_JSON[$c-r$best]}
        [ -n "$(printf '%s\n' "${BENCH_ORDER[@]}" | grep -x -- "$c")" ] || BENCH_ORDER+=("$c")
        for key in "${!BENCH_VAL[@]}"; do
            case "$key" in "$c-r$best."*) BENCH_VAL[$c.${key#"$c-r$best."}]=${BENCH_VAL[$key]} ;; esac
        done
    fi
    put "$c" best_round num "$best"
    put "$c" rounds_pps raw "[$list]"
    put "$c" median_pps num "$(printf '%s\n' ${list//,/ } | median %d)"
    put "$c" rounds raw "[$objects]"
}
if wants c-journal; then
    # The three contenders of the C-journal-1 ratio run in interleaved rounds (B-file-1, C-journal-1, C-raw-1, then
    # again), and each one's figure is its best round: on this VM the same code's rate moved between about 2.7 and
    # 4.5 Mpps from one second to the next (the vCPU's speed, not the code), so one run of each, seconds apart,
    # measured when each happened to run. The best round is each one's figure with the least interference; every
    # round's rate and the median are in the JSON.
    for r in $(seq 1 "$FILE_ROUNDS"); do
        log "B-file-1 (round $r of $FILE_ROUNDS): md-receiver rx-only reading BIG1 once ($BIG_PACKETS one-message packets): the file-read ceiling"
        put "B-file-1-r$r" label str "md-receiver rx-only, net_pcap reading BIG1 once (1-message packets): what the file read delivers"
        run_file "B-file-1-r$r" rx-only "$BIG1" 1
        show "B-file-1-r$r" msgs_per_s "(over $(get "B-file-1-r$r" active_seconds) s; msgs/s = pps, not parsed)"
        log "C-journal-1 (round $r of $FILE_ROUNDS): md-receiver full pipeline with the journal, BIG1 once"
        put "C-journal-1-r$r" label str "md-receiver full pipeline + journal, net_pcap reading BIG1 once (1-message packets)"
        run_file "C-journal-1-r$r" full "$BIG1"
        show "C-journal-1-r$r" msgs_per_s "(over $(get "C-journal-1-r$r" active_seconds) s; steady $(mega "$(get "C-journal-1-r$r" steady_msgs_per_s)")M msgs/s; $(get "C-journal-1-r$r" journal_records) journal records)"
        log "C-raw-1 (round $r of $FILE_ROUNDS): md-receiver receiver.mode=journal-raw (the journal's floor: UDP payloads appended unparsed), BIG1 once"
        put "C-raw-1-r$r" label str "md-receiver journal-raw (each UDP payload appended unparsed to the same queue, one excerpt per burst), net_pcap reading BIG1 once: the file read + Chronicle, without our pipeline"
        run_file "C-raw-1-r$r" journal-raw "$BIG1"
        show "C-raw-1-r$r" msgs_per_s "(over $(get "C-raw-1-r$r" active_seconds) s; steady $(mega "$(get "C-raw-1-r$r" steady_pps)") Mpps; what the file read and Chronicle's append allow)"
    done
    for c in B-file-1 C-journal-1 C-raw-1; do
        promote_best "$c" "$FILE_ROUNDS"
        show "$c" msgs_per_s "(best of $FILE_ROUNDS rounds: round $(get "$c" best_round); rounds $(get "$c" rounds_pps | tr -d '[]'); median $(mega "$(get "$c" median_pps)") Mpps)"
    done
    log "B-file-40: md-receiver rx-only reading BIG40 once ($REALISTIC_MESSAGES messages, 40 a packet)"
    put B-file-40 label str "md-receiver rx-only, net_pcap reading BIG40 once (40-message packets): what the file read delivers"
    run_file B-file-40 rx-only "$BIG40" 40
    show B-file-40 msgs_per_s "(over $(get B-file-40 active_seconds) s; msgs/s = 40 x pps, not parsed)"
fi
if wants c-journal || wants c-loss; then
    log "C-journal-40: md-receiver full pipeline with the journal, BIG40 once"
    put C-journal-40 label str "md-receiver full pipeline + journal, net_pcap reading BIG40 once (40-message packets)"
    run_file C-journal-40 full "$BIG40"
    show C-journal-40 msgs_per_s "(over $(get C-journal-40 active_seconds) s; steady $(mega "$(get C-journal-40 steady_msgs_per_s)")M msgs/s)"
fi
if wants c-loss; then
    log "C-journal-40-loss: BIG40 with 1% lost on both lines, recovered from md-request-server (CPU 0) on 127.0.0.1"
    scmd=(taskset -c 0 "$here/md-request-server" --pcap "$BIG40" --listen 127.0.0.1:0)
    put C-journal-40-loss label str "md-receiver full pipeline + journal + recovery, net_pcap reading BIG40-LOSS once (1% of the packets lost on both lines, every hole asked of md-request-server on 127.0.0.1)"
    put C-journal-40-loss server_command str "$(quote "${scmd[@]}")"
    bench_start "$WORK/request-server.log" 900 "${scmd[@]}"
    spid=$BENCH_PID
    if bench_wait_for "$WORK/request-server.log" 'listening on 127\.0\.0\.1:[0-9]+' 600 "$spid"; then
        sport=$(sed -n -E 's/.*listening on 127\.0\.0\.1:([0-9]+).*/\1/p' "$WORK/request-server.log" | head -1)
        RUN_FILE_EXTRA=("recovery.requestServer=127.0.0.1:$sport" "recovery.holdBytes=64M")
        run_file C-journal-40-loss full "$BIG40_LOSS"
        RUN_FILE_EXTRA=()
        log_file="$WORK/c-journal-40-loss.log"
        rline=$(grep -a '^  recovery: ' "$log_file" | head -1)
        put C-journal-40-loss recovery_line str "${rline#  }"
        put C-journal-40-loss holes_requested num "$(sed -n -E 's/^  recovery: ([0-9]+) holes requested.*/\1/p' "$log_file" | head -1)"
        put C-journal-40-loss holes_healed num "$(sed -n -E 's/^  recovery: .* ([0-9]+) healed.*/\1/p' "$log_file" | head -1)"
        put C-journal-40-loss holes_given_up num "$(sed -n -E 's/^  recovery: .* ([0-9]+) given up.*/\1/p' "$log_file" | head -1)"
        put C-journal-40-loss messages_recovered num "$(sed -n -E 's/^  recovery: .* ([0-9]+) messages recovered.*/\1/p' "$log_file" | head -1)"
        for p in n p50 p90 p99 p99.9 max; do
            put C-journal-40-loss "recovery_time_${p}$([ "$p" = n ] || echo _us)" num "$(latency "$log_file" "recovery time" "$p")"
        done
    else
        put C-journal-40-loss error str "md-request-server did not start: $(tail -3 "$WORK/request-server.log" | tr '\n' ' ')"
    fi
    bench_stop "$spid"
    wait "$spid" 2>/dev/null || true
    put C-journal-40-loss server_line str "$(grep -a 'stopped' "$WORK/request-server.log" | head -1)"
    show C-journal-40-loss msgs_per_s "(over $(get C-journal-40-loss active_seconds) s; $(get C-journal-40-loss messages_recovered) recovered in $(get C-journal-40-loss holes_healed) holes, $(get C-journal-40-loss gaps) gaps; recovery time p50 $(get C-journal-40-loss recovery_time_p50_us) us p99 $(get C-journal-40-loss recovery_time_p99_us) us)"
fi

# ------------------------------------------------------------------------------------------ veth: D, E
# NoPorts InErrors RcvbufErrors, in the receivers' namespace
udp_snmp() { ip netns exec "$NSB" awk '/^Udp: [0-9]/ { print $3, $4, $6 }' /proc/net/snmp; }
# replay_results CONTENDER LOG: md-replay's report.
replay_results() {
    local c=$1 log=$2
    put "$c" feeder_line str "$(grep -a '^md-replay: sent' "$log" | head -1)"
    put "$c" feeder_sent_packets num "$(sed -n -E 's/^md-replay: sent ([0-9,]+) packets.*/\1/p' "$log" | tr -d , | head -1)"
    put "$c" feeder_seconds num "$(sed -n -E 's/^md-replay: sent .* in ([0-9.]+) s:.*/\1/p' "$log" | head -1)"
    put "$c" feeder_pacing_line str "$(grep -a 'pacing error' "$log" | head -1 | sed 's/^ *//')"
    put "$c" feeder_tx_ring_full num "$(sed -n -E 's/^ *tx ring full ([0-9,]+) times.*/\1/p' "$log" | tr -d , | head -1)"
    feeder_rate "$c"
}
# tcpreplay_results CONTENDER LOG: tcpreplay's report ("Actual: N packets (B bytes) sent in S seconds").
tcpreplay_results() {
    local c=$1 log=$2
    put "$c" feeder_line str "$(grep -a -E '^(Actual|Rated):' "$log" | tr '\n' ' ' | sed 's/\t/ /g')"
    put "$c" feeder_sent_packets num "$(sed -n -E 's/^Actual: ([0-9]+) packets.*/\1/p' "$log" | head -1)"
    put "$c" feeder_seconds num "$(sed -n -E 's/^Actual: .* sent in ([0-9.]+) seconds.*/\1/p' "$log" | head -1)"
    put "$c" feeder_failed_packets num "$(sed -n -E 's/^[[:space:]]*Failed packets: *([0-9]+).*/\1/p' "$log" | head -1)"
    feeder_rate "$c"
}
feeder_rate() {
    local c=$1 sent secs
    sent=$(get "$c" feeder_sent_packets)
    secs=$(get "$c" feeder_seconds)
    put "$c" feeder_pps num "$(awk -v p="$sent" -v s="$secs" 'BEGIN { if (s > 0 && p != "") printf "%.0f\n", p / s }')"
}
# replay_cmd NAME PORT ARGS...: REPLAY_CMD=(md-replay on CPU 0 ...)
replay_cmd() {
    local name=$1 port=$2
    shift 2
    REPLAY_CMD=(taskset -c 0 "$here/md-replay" --port "$port" --core 0 --no-progress
        --eal "--no-huge -m 512 --no-pci --no-shconf -l 0 --log-level lib.*:error --file-prefix $PFX-$name" "$@")
}
# feeder_cmd NAME: FEED_CMD=(...) that sends ONE, looped, at top speed into mdb0 from CPU 0.
#   tcpreplay: the capture rewritten once by tcprewrite, --duration warm-up + seconds + 2
#   md-replay: --loop large, stopped (SIGTERM) once the receiver printed warm-up + seconds lines
feeder_cmd() {
    if [ "$FEEDER" = tcpreplay ]; then
        FEED_CMD=(taskset -c 0 tcpreplay -i mdb0 --topspeed --preload-pcap --no-flow-stats --loop "$LOOPS"
            --duration $((WN + 2)) "$ONE_RW")
    else
        replay_cmd "$1" "net_af_packet0,iface=mdb0" --pcap "$ONE" --top-speed --loop "$LOOPS" \
            --dst-ip 10.200.0.2 --dst-port 26477 --dst-mac "$MAC1"
        FEED_CMD=("${REPLAY_CMD[@]}")
    fi
}
# feed C RECEIVER_PID COUNTER...: runs the feeder while the receiver runs; COUNTER prints its lines with traffic.
feed() {
    local c=$1 rpid=$2 fpid
    shift 2
    bench_start "$WORK/$c-feed.log" $((WN + 120)) "${FEED_CMD[@]}"
    fpid=$BENCH_PID
    if [ "$FEEDER" = tcpreplay ]; then
        bench_wait "$fpid" $((WN + 60)) || true
    else
        bench_wait_count "$WN" $((WN + 60)) "$rpid" "$@" || true
        bench_stop "$fpid"
        wait "$fpid" 2>/dev/null || true
    fi
    if [ "$FEEDER" = tcpreplay ]; then tcpreplay_results "$c" "$WORK/$c-feed.log"; else replay_results "$c" "$WORK/$c-feed.log"; fi
}
LOOPS=$(((WN + 30) * 10))
if wants d || wants e; then
    log "network namespace $NSB, veth pair mdb0 -> $NSB:mdb1; feeder: $FEEDER"
    ip netns add "$NSB"
    VETH=true
    ip link add mdb0 type veth peer name mdb1 netns "$NSB"
    sysctl -q -w net.ipv6.conf.mdb0.disable_ipv6=1 || true
    ip netns exec "$NSB" sysctl -q -w net.ipv6.conf.mdb1.disable_ipv6=1 || true
    ip -n "$NSB" addr add 10.200.0.2/24 dev mdb1
    ip -n "$NSB" link set lo up
    ip -n "$NSB" link set mdb1 up
    ip link set mdb0 up
    # the capture's source (10.1.1.1) routes back through mdb1, so a strict rp_filter keeps the packets
    ip -n "$NSB" route add 10.1.1.1/32 dev mdb1
    MAC1=$(ip netns exec "$NSB" cat /sys/class/net/mdb1/address)
    put veth setup str "ip netns add $NSB; ip link add mdb0 type veth peer name mdb1 netns $NSB; mdb0 without an address, 10.200.0.2/24 on $NSB:mdb1, IPv6 off, route 10.1.1.1/32 dev mdb1 in $NSB; destination rewritten to $MAC1 10.200.0.2:26477"
    put veth rmem_max num "$(sysctl -n net.core.rmem_max)"
    put veth feeder str "$FEEDER"
    if [ "$FEEDER" = tcpreplay ]; then
        ONE_RW="$WORK/one-to-mdb1.pcap"
        rw=(tcprewrite --infile="$ONE" --outfile="$ONE_RW" --enet-dmac="$MAC1" --dstipmap=233.54.12.111/32:10.200.0.2/32 --fixcsum)
        timeout 120 "${rw[@]}" > "$WORK/tcprewrite.log" 2>&1 || { cat "$WORK/tcprewrite.log" >&2; exit 1; }
        put veth rewrite_command str "$(quote "${rw[@]}")"
    fi
    echo "  mdb0 (no address) -> $NSB:mdb1 10.200.0.2/24 ($MAC1); ONE sent to 10.200.0.2:26477 from CPU 0 by $FEEDER"
fi
if wants d; then
    log "D: plain Java kernel-socket receiver (CPU 1) <- veth <- $FEEDER top speed (CPU 0)"
    put D label str "io.mdr.tools.SocketReceiverMain (DatagramChannel, busy-poll, CPU 1) over veth, fed by $FEEDER (CPU 0, top speed)"
    dcmd=(ip netns exec "$NSB" taskset -c 1 bash "$here/lib/launch.sh" md-receiver io.mdr.tools.SocketReceiverMain --group 10.200.0.2 --port 26477
        --iface mdb1 --seconds $((WN + 60)) --idle-exit 1000 --wait 60)
    feeder_cmd d-tx
    put D command str "$(quote "${dcmd[@]}")"
    put D feeder_command str "$(quote "${FEED_CMD[@]}")"
    snmp0=$(udp_snmp)
    bench_start "$WORK/d.log" $((WN + 150)) "${dcmd[@]}"
    dpid=$BENCH_PID
    if bench_wait_for "$WORK/d.log" '^socket-receiver: (bound|joined)' 60 "$dpid"; then
        feed D "$dpid" count_lines "$WORK/d.log" '^socket-receiver: interval'
    fi
    bench_wait "$dpid" 30 || put D exit_status num "$?"
    snmp1=$(udp_snmp)
    lines=$(grep -a '^socket-receiver: interval' "$WORK/d.log" | awk '{ print $10, $12 }' | window "$W" "$N")
    put D measured_lines num "$(printf '%s\n' "$lines" | grep -c . || true)"
    put D pps num "$(printf '%s\n' "$lines" | mean 1)"
    put D msgs_per_s num "$(printf '%s\n' "$lines" | mean 2)"
    put D per_second_pps raw "$(printf '%s\n' "$lines" | grep . | column_json 1)"
    sline=$(grep -a '^socket-receiver: summary' "$WORK/d.log" | head -1)
    put D summary_line str "$sline"
    put D packets num "$(awk '{ print $4 }' <<< "$sline")"
    put D messages num "$(awk '{ print $6 }' <<< "$sline")"
    put D kernel_drops num "$(awk '{ print $16 }' <<< "$sline")"
    put D so_rcvbuf str "$(sed -n -E 's/.*SO_RCVBUF ([0-9]+ \(asked [0-9]+\)).*/\1/p' "$WORK/d.log" | head -1)"
    put D udp_rcvbuf_errors_delta num "$(awk -v a="$snmp0" -v b="$snmp1" 'BEGIN { split(a, x); split(b, y); print y[3] - x[3] }')"
    [ -n "$sline" ] || put D error str "no summary: $(grep -a -v '^WARNING' "$WORK/d.log" | tail -3 | tr '\n' ' ')"
    show D msgs_per_s "(received $(get D packets) of $(get D feeder_sent_packets) sent, kernel drops $(get D kernel_drops); feeder $(mega "$(get D feeder_pps)") Mpps)"
fi
if wants e; then
    log "E: md-receiver full pipeline on net_af_packet0,iface=mdb1 <- veth <- $FEEDER top speed (CPU 0)"
    put E label str "md-receiver full pipeline on net_af_packet (framecnt=4096) over veth, fed by $FEEDER (CPU 0, top speed); duplicates after the first loop"
    receiver_config "$WORK/e.properties" full "net_af_packet0,iface=mdb1,framecnt=4096" e 512
    receiver_cmd e
    ecmd=(ip netns exec "$NSB" "${RX_CMD[@]}" --config "$WORK/e.properties" --duration $((WN + 90)))
    feeder_cmd e-tx
    put E command str "$(quote "${ecmd[@]}")"
    put E feeder_command str "$(quote "${FEED_CMD[@]}")"
    put E config str "$(grep -v '^#' "$WORK/e.properties" | tr '\n' ';')"
    bench_start "$WORK/e.log" $((WN + 150)) "${ecmd[@]}"
    epid=$BENCH_PID
    if bench_wait_for "$WORK/e.log" 'polling on core' 90 "$epid"; then
        feed E "$epid" count_rx_traffic_lines "$WORK/e.log"
        sleep 1
    fi
    bench_stop "$epid" 30
    wait "$epid" 2>/dev/null || true
    steady_rates E < <(rx_traffic_lines "$WORK/e.log")
    receiver_results E "$WORK/e.log"
    put E loss_vs_sent num "$(awk -v s="$(get E feeder_sent_packets)" -v r="$(get E packets)" 'BEGIN { if (s != "" && r != "") print s - r }')"
    rm -rf "$WORK/journal-e"
    show E processed_msgs_per_s "(received $(get E packets) of $(get E feeder_sent_packets) sent; feeder $(mega "$(get E feeder_pps)") Mpps)"
fi
if $VETH; then
    ip link del mdb0 2>/dev/null || true
    ip netns del "$NSB" 2>/dev/null || true
    VETH=false
fi

# ------------------------------------------------------------------------------------------ latency
if wants latency; then
    log "latency: scripts/bench-latency.sh (rates $LAT_RATES, burst $LAT_BURST, demo $LAT_DEMO; pipeline and floor in 2 rounds, ABBA)"
    lat_cmd=("$here/bench-latency.sh" --lat-rates "$LAT_RATES" --lat-burst "$LAT_BURST" --lat-demo "$LAT_DEMO" --seconds "$N" --warmup "$W"
        --json "$OUT_BASE-latency.json" --captures "$CAPDIR" --workdir "$WORK" --handler "$HANDLER")
    $JFR && lat_cmd+=(--jfr)
    put latency command str "$(quote "${lat_cmd[@]}")"
    put latency json str "$OUT_BASE-latency.json"
    MD_BENCH_LOCKED=1 timeout 3600 "${lat_cmd[@]}" 2>&1 | tee "$WORK/latency.log" | grep -a --line-buffered -v -e '^WARNING' -e '^EAL' || true
    put latency runs raw "[$(grep -a '^latency-run: ' "$WORK/latency.log" | sed 's/^latency-run: //' | { lsep=""; while read -r l; do printf '%s' "$lsep"; json_str "$l"; lsep=", "; done; })]"
    put latency ratios_line str "$(grep -a '^ratios: ' "$WORK/latency.log" | head -1)"
    put latency sustained_steady num "$(grep -a -c '^latency-run: .*pattern=steady sustained=yes' "$WORK/latency.log" || true)"
    put latency sustained_burst num "$(grep -a -c '^latency-run: .*pattern=burst sustained=yes' "$WORK/latency.log" || true)"
    put latency demo_run str "$(grep -a '^demo-run: ' "$WORK/latency.log" | head -1)"
    put latency demo_verdict str "$(grep -a -E '^  demo-[0-9]+: ' "$WORK/latency.log" | head -1 | sed 's/^  //')"
    put latency sustained_missed num "$(grep -a -c -E '^  (steady|burst)-[0-9]+: MISSED' "$WORK/latency.log" || true)"
fi

# ------------------------------------------------------------------------------------------ ratios, targets
put machine loadavg_end str "$(cut -d' ' -f1-3 /proc/loadavg)"
put machine background_cpu_busy_pct_end num "$(cpu_busy 2)"
put ratios B_over_A num "$(ratio "$(get B pps)" "$(get A pps)")"
put ratios C-dup_over_A num "$(ratio "$(get C-dup pps)" "$(get A pps)")"
put ratios C-journal-1_over_A num "$(ratio "$(get C-journal-1 pps)" "$(get A pps)")"
put ratios C-journal-1_over_B-file-1 num "$(ratio "$(get C-journal-1 pps)" "$(get B-file-1 pps)")"
put ratios C-raw-1_over_B-file-1 num "$(ratio "$(get C-raw-1 pps)" "$(get B-file-1 pps)")"
put ratios C-journal-1_over_C-raw-1 num "$(ratio "$(get C-journal-1 pps)" "$(get C-raw-1 pps)")"
if wants c-journal; then
    # Paired: each round's C-journal-1 over the B-file-1 run just before it, in the same minutes of the host. The
    # verdict stays best over best; these say how far one lucky or unlucky round moves it.
    paired=""
    for r in $(seq 1 "$FILE_ROUNDS"); do
        v=$(ratio "$(get "C-journal-1-r$r" pps)" "$(get "B-file-1-r$r" pps)")
        paired+="${paired:+,}${v:-null}"
    done
    put ratios C-journal-1_over_B-file-1_by_round raw "[$paired]"
    put ratios C-journal-1_over_B-file-1_median_of_rounds num "$(printf '%s\n' ${paired//,/ } | median)"
fi
put ratios C-journal-40_over_B-file-40 num "$(ratio "$(get C-journal-40 msgs_per_s)" "$(get B-file-40 msgs_per_s)")"
put ratios C-journal-40-loss_over_C-journal-40 num "$(ratio "$(get C-journal-40-loss msgs_per_s)" "$(get C-journal-40 msgs_per_s)")"
put ratios E_over_D num "$(ratio "$(get E pps)" "$(get D pps)")"

TARGET_JSON=""
TARGET_TEXT=""
# target NAME VALUE VERDICT(true|false|"") TEXT
target() {
    local verdict=${3:-}
    TARGET_JSON+="${TARGET_JSON:+, }{\"target\": $(json_str "$1"), \"value\": $(json_str "$2"), \"met\": $(json_bool "$verdict")}"
    TARGET_TEXT+=$(printf '  %-44s %-40s %s' "$1" "$2" "$(case "$verdict" in true) echo met ;; false) echo MISSED ;; *) echo "not measured" ;; esac)")$'\n'
}
ge() { [ -n "${1:-}" ] && [ -n "${2:-}" ] || return 0; awk -v a="$1" -v b="$2" 'BEGIN { print (a >= b ? "true" : "false") }'; }
le() { [ -n "${1:-}" ] && [ -n "${2:-}" ] || return 0; awk -v a="$1" -v b="$2" 'BEGIN { print (a <= b ? "true" : "false") }'; }

target "B/A >= 1.0" "$(get ratios B_over_A)" "$(ge "$(get ratios B_over_A)" 1.0)"
target "C-dup >= 0.5 x A pps (1-msg packets)" "$(get ratios C-dup_over_A) x A" "$(ge "$(get ratios C-dup_over_A)" 0.5)"
target "C-journal-1 >= 0.5 x A pps (1-msg, journal)" "$(get ratios C-journal-1_over_A) x A" "$(ge "$(get ratios C-journal-1_over_A)" 0.5)"
target "C-journal-40 >= 10M msgs/s (40-msg packets)" "$(mega "$(get C-journal-40 msgs_per_s)")M msgs/s" "$(ge "$(get C-journal-40 msgs_per_s)" 10000000)"
if wants latency; then
    ss=$(get latency sustained_steady); sb=$(get latency sustained_burst); sm=$(get latency sustained_missed)
    target "latency: >= 2 steady runs sustained" "${ss:-0} sustained (bench-latency.sh)" "$([ "${ss:-0}" -ge 2 ] && echo true || echo false)"
    target "latency: the burst run sustained" "${sb:-0} sustained" "$([ "${sb:-0}" -ge 1 ] && echo true || echo false)"
    target "latency: sustained runs gc=0 faults=0 drops=0 p99<=1.5x floor" "$((${ss:-0} + ${sb:-0})) sustained, ${sm:-0} missed" \
        "$([ $((${ss:-0} + ${sb:-0})) -ge 1 ] && { [ "${sm:-0}" = 0 ] && echo true || echo false; })"
    if [ "$LAT_DEMO" != none ]; then
        dv=$(get latency demo_verdict)
        target "latency: demo p50 <= 1.5x the 300k p50" "$(printf '%s' "$dv" | grep -o '[0-9.]*x the 300000' | sed 's/ the 300000/ the 300k p50/')" \
            "$(case "$dv" in *': met') echo true ;; *MISSED*) echo false ;; esac)"
    fi
    all_gcs=0
    for c in B C-dup B-file-1 C-journal-1 B-file-40 C-journal-40 C-journal-40-loss E; do
        all_gcs=$((all_gcs + $(get "$c" gcs_after_warmup | grep -E '^[0-9]+$' || echo 0)))
    done
    target "no GC (after warm-up, throughput runs)" "$all_gcs in the receiver runs" "$([ "$all_gcs" = 0 ] && echo true || echo false)"
fi
if wants c-journal; then
    target "C-journal-1 >= 0.6 x B-file-1" "$(get ratios C-journal-1_over_B-file-1) x B-file-1" "$(ge "$(get ratios C-journal-1_over_B-file-1)" 0.6)"
fi

# ------------------------------------------------------------------------------------------ table, JSON
row() { # row CONTENDER MSGS_KEY NOTE
    [ -n "${BENCH_JSON[$1]+x}" ] || return 0
    printf '| %-12s | %8s | %10s | %s |\n' "$1" "$(mega "$(get "$1" pps)")" "$(mega "$(get "$1" "$2")")" "$3"
}
{
    echo
    echo "bench: results ($N s measured after $W s warm-up per contender; $(get machine date); load $(get machine loadavg_start) -> $(get machine loadavg_end))"
    echo
    echo "| contender    |     Mpps | M msgs/s   | what |"
    echo "|--------------|---------:|-----------:|------|"
    row A none "testpmd rxonly, net_pcap infinite_rx (not parsed)"
    row B none "md-receiver rx-only, same port (not parsed)"
    row C-dup processed_msgs_per_s "full pipeline, same port: parse + arbitrate, duplicates after 0.1 s, journal idle"
    row B-file-1 msgs_per_s "rx-only, net_pcap reading BIG1 once: file-read ceiling (rough: $(get B-file-1 active_seconds) s)"
    row C-journal-1 msgs_per_s "full + journal, BIG1 once ($BIG_PACKETS 1-msg packets; steady $(mega "$(get C-journal-1 steady_msgs_per_s)"))"
    row C-raw-1 msgs_per_s "journal-raw (floor: payloads unparsed into the queue), BIG1 once; steady $(mega "$(get C-raw-1 steady_pps)")"
    row B-file-40 msgs_per_s "rx-only, BIG40 once: file-read ceiling (rough: $(get B-file-40 active_seconds) s; msgs/s = 40 x pps)"
    row C-journal-40 msgs_per_s "full + journal, BIG40 once ($REALISTIC_MESSAGES msgs, 40/packet; steady $(mega "$(get C-journal-40 steady_msgs_per_s)"))"
    row C-journal-40-loss msgs_per_s "as C-journal-40, 1% lost on both lines, recovered: $(get C-journal-40-loss messages_recovered) msgs in $(get C-journal-40-loss holes_healed) holes, $(get C-journal-40-loss gaps) gaps; recovery p50 $(get C-journal-40-loss recovery_time_p50_us) p99 $(get C-journal-40-loss recovery_time_p99_us) us"
    row D msgs_per_s "Java DatagramChannel over veth; got $(get D packets) of $(get D feeder_sent_packets) sent, kernel drops $(get D kernel_drops); $FEEDER $(mega "$(get D feeder_pps)") Mpps"
    row E processed_msgs_per_s "md-receiver full on af_packet over veth; got $(get E packets) of $(get E feeder_sent_packets) sent; $FEEDER $(mega "$(get E feeder_pps)") Mpps"
    echo
    printf 'ratios: B/A %s   C-dup/A %s   C-journal-1/A %s   C-journal-1/B-file-1 %s   C-journal-40/B-file-40 %s   C-journal-40-loss/C-journal-40 %s   E/D %s\n' \
        "$(get ratios B_over_A)" "$(get ratios C-dup_over_A)" "$(get ratios C-journal-1_over_A)" \
        "$(get ratios C-journal-1_over_B-file-1)" "$(get ratios C-journal-40_over_B-file-40)" \
        "$(get ratios C-journal-40-loss_over_C-journal-40)" "$(get ratios E_over_D)"
    [ -n "$(get ratios C-raw-1_over_B-file-1)" ] && printf 'ratios (journal): C-raw-1/B-file-1 %s   C-journal-1/C-raw-1 %s   C-journal-1/B-file-1 by round %s (median %s)\n' \
        "$(get ratios C-raw-1_over_B-file-1)" "$(get ratios C-journal-1_over_C-raw-1)" \
        "$(get ratios C-journal-1_over_B-file-1_by_round | tr -d '[]')" "$(get ratios C-journal-1_over_B-file-1_median_of_rounds)"
    echo
    echo "targets:"
    printf '%s' "$TARGET_TEXT"
} | tee "$WORK/table.txt"

{
    echo "{"
    echo "  \"machine\": $(json_object machine),"
    echo "  \"settings\": $(json_object settings),"
    echo "  \"captures\": {"
    sep=""
    for c in capture_one capture_big1 capture_big40 capture_big40_loss; do
        [ -n "${BENCH_JSON[$c]+x}" ] || continue
        printf '%s    "%s": %s' "$sep" "${c#capture_}" "$(json_object "$c")"
        sep=$',\n'
    done
    echo
    echo "  },"
    [ -n "${BENCH_JSON[veth]+x}" ] && echo "  \"veth\": $(json_object veth),"
    echo "  \"contenders\": {"
    sep=""
    for c in A B C-dup B-file-1 C-journal-1 C-raw-1 B-file-40 C-journal-40 C-journal-40-loss D E latency; do
        [ -n "${BENCH_JSON[$c]+x}" ] || continue
        printf '%s    "%s": %s' "$sep" "$c" "$(json_object "$c")"
        sep=$',\n'
    done
    echo
    echo "  },"
    echo "  \"ratios\": $(json_object ratios),"
    echo "  \"targets\": [$TARGET_JSON],"
    echo "  \"table\": $(json_str "$(cat "$WORK/table.txt")")"
    echo "}"
} > "$JSON_OUT"
if command -v jq > /dev/null && ! jq -e . "$JSON_OUT" > /dev/null 2>&1; then
    echo "bench: warning: $JSON_OUT is not valid JSON (a bug of this script)" >&2
fi
echo
echo "bench: JSON written to $JSON_OUT"
$JFR && echo "bench: JFR recordings: $OUT_BASE-*.jfr"
exit 0
