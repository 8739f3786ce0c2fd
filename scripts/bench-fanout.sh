#!/usr/bin/env bash
# Fan-out benchmark: throughput and journal->subscriber latency of md-fanout over Aeron IPC and Aeron UDP across a
# veth pair, beside a plain-UDP floor over the same veth, in one run (see --help).
set -euo pipefail

usage() {
    cat <<'EOF'
usage: scripts/bench-fanout.sh [--messages N] [--per-record K] [--rate MSGS_PER_S] [--seconds S] [--warmup S]
                               [--rounds K] [--only LIST] [--modes LIST] [--no-shield] [--json FILE] [--keep]

Measures, in one run and on the same journal records (records of K ITCH Add Orders, as md-receiver writes
one per packet, an excerpt per burst), three paths from a journal to a subscriber:

    ipc          md-fanout -> aeron:ipc through one md-media-driver (shared threading, backoff idle, 8 MB IPC terms)
                 on the sending side's CPU
    udp          md-fanout in namespace A -> aeron:udp unicast over a veth -> namespace B, each side with its media
                 driver embedded and run by its own busy-spinning loop
    floor        the same records, one DatagramChannel datagram each (FanoutBenchMain floor-send in A), received
                 by a busy-polling non-blocking DatagramChannel in B and decoded the same way

  throughput   a journal of N messages written beforehand, sent from its start at top speed, timed at the
               receiver (md-subscribe, or floor-receive) from its first message to its last
  latency      --rounds rounds of every path, in ABBA order (ipc udp floor, then floor udp ipc, ...). In each, one
               busy loop on the receiving CPU (FanoutBenchMain receive-write) writes the journal at --rate
               messages/s for --warmup + --seconds and receives the records back through the path (md-subscribe's
               FeedSubscriber for Aeron), journal write -> receiver per message (the write time is in each record;
               one host, one clock), the warm-up's messages left out. On two CPUs a writer of its own would share
               one with the sender or the receiver and make its own scheduling delays the tail. Each second's
               histogram goes to an HdrHistogram log beside the JSON (FILE minus .json, plus -PATH-latency-rN.hlog);
               the percentiles of a path are over all its rounds' messages.

UDP, for Aeron and the floor alike: 8 MB socket buffers; Aeron's receiver window 4 MB (rcv-wnd=4m; the default
128 KB allows one window per round trip, which on a busy shared host is milliseconds).
The sending side (md-fanout or floor-send, the IPC media driver) runs on CPU 0 and the receiving side on CPU 1
(taskset), and CPU 1 is shielded: every other task and interrupt that can move goes to CPU 0 for the run and
comes back afterwards (--no-shield: not). On a veth the receive side's kernel work runs in the sender's softirq,
for Aeron and the floor alike. For each run it reports messages/s, messages lost (expected - received),
p50/p90/p99/p99.9/p99.99/max, the writer's achieved rate, and the receiving loop's allocation, GCs and page
faults after warm-up. Then the goals: Aeron UDP p99 <= 1.5 x the floor's p99; >= 5M messages/s over IPC; no loss.
A latency percentile counts only when the receiver kept up with the offered rate (within 5%).

Options:
  --messages N      messages in the throughput journal (default 10,000,000)
  --per-record K    messages per record (default 20)
  --rate R          offered rate of the latency runs in messages/s (default 100,000: 5,000 records a second)
  --seconds S       measured seconds of each latency round (default 10)
  --warmup S        warm-up seconds of each latency round, left out of the percentiles (default 4)
  --rounds K        latency rounds per path (default 2)
  --only LIST       comma-separated subset of ipc,udp,floor (default all three)
  --modes LIST      comma-separated subset of throughput,latency (default both)
  --no-shield       leave CPU 1 shared with the rest of the machine
  --json FILE       where the figures go (default bench-fanout-results.json in the current directory)
  --keep            keep the work directory (journals, logs)
  -h, --help        this text

Needs root (network namespaces), 2 CPUs or more, and a build (scripts/setup.sh runs when md-fanout is missing).
It creates the namespaces foPIDa and foPIDb joined by the veth pair foPIDx/foPIDy (10.78.0.1, 10.78.0.2) and
deletes them on every exit path, as it stops every process it started (by its id), gives every task and
interrupt its CPUs back, and removes its work directory under /dev/shm. With the defaults it takes about 5
minutes and needs about 1 GB of /dev/shm.
Figures vary from run to run on a shared VM: compare runs, never single figures.
EOF
}

ORIG_ARGS=("$@")
MESSAGES=10000000
PER_RECORD=20
RATE=100000
SECONDS_MEASURED=10
WARMUP=4
ONLY="ipc,udp,floor"
MODES="throughput,latency"
ROUNDS=2
SHIELD=true
JSON_OUT="$PWD/bench-fanout-results.json"
KEEP=false
while [ $# -gt 0 ]; do
    case "$1" in
        -h|--help) usage; exit 0 ;;
        --messages) MESSAGES=${2:?--messages needs N}; shift 2 ;;
        --per-record) PER_RECORD=${2:?--per-record needs K}; shift 2 ;;
        --rate) RATE=${2:?--rate needs R}; shift 2 ;;
        --seconds) SECONDS_MEASURED=${2:?--seconds needs S}; shift 2 ;;
        --warmup) WARMUP=${2:?--warmup needs S}; shift 2 ;;
        --only) ONLY=${2:?--only needs a list}; shift 2 ;;
        --modes) MODES=${2:?--modes needs a list}; shift 2 ;;
        --rounds) ROUNDS=${2:?--rounds needs K}; shift 2 ;;
        --no-shield) SHIELD=false; shift ;;
        --json) JSON_OUT=${2:?--json needs FILE}; shift 2 ;;
        --keep) KEEP=true; shift ;;
        *) echo "bench-fanout: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done
for v in messages:MESSAGES per-record:PER_RECORD rate:RATE seconds:SECONDS_MEASURED warmup:WARMUP rounds:ROUNDS; do
    var=${v#*:}
    [[ ${!var} =~ ^[0-9]+$ ]] && [ "${!var}" -ge 1 ] || { echo "bench-fanout: --${v%%:*} must be a whole number >= 1, not '${!var}'" >&2; exit 2; }
done
for c in ${ONLY//,/ }; do
    case "$c" in ipc|udp|floor) ;; *) echo "bench-fanout: --only: unknown path '$c' (ipc, udp, floor)" >&2; exit 2 ;; esac
done
for m in ${MODES//,/ }; do
    case "$m" in throughput|latency) ;; *) echo "bench-fanout: --modes: unknown mode '$m' (throughput, latency)" >&2; exit 2 ;; esac
done
wants() { [[ ",$ONLY," == *",$1,"* ]]; }
wants_mode() { [[ ",$MODES," == *",$1,"* ]]; }
case "$JSON_OUT" in /*) ;; *) JSON_OUT="$PWD/$JSON_OUT" ;; esac
OUT_BASE=${JSON_OUT%.json}

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib/bench-lib.sh
. "$here/lib/bench-lib.sh"

if [ "$(id -u)" -ne 0 ]; then
    echo "bench-fanout: needs root (network namespaces and the veth pair)" >&2
    exit 1
fi
if [ "$(nproc)" -lt 2 ]; then
    echo "bench-fanout: needs at least 2 CPUs (the sending side on CPU 0, the receiving side on CPU 1)" >&2
    exit 1
fi
for tool in ip taskset timeout awk sed; do
    command -v "$tool" > /dev/null || { echo "bench-fanout: $tool is missing" >&2; exit 1; }
done
# shellcheck source=lib/env.sh
. "$here/lib/env.sh"
if ! ls "$MD_ROOT"/md-fanout/target/md-fanout-*.jar > /dev/null 2>&1 || [ ! -d "$MD_ROOT/md-fanout/target/lib" ]; then
    echo "bench-fanout: building (scripts/setup.sh)"
    "$here/setup.sh"
fi

TAG="fo$$"
NS_A="${TAG}a"
NS_B="${TAG}b"
HOST_A=10.78.0.1
HOST_B=10.78.0.2
WORK=$(mktemp -d "/dev/shm/$TAG-bench.XXXXXX")
AERON_IPC="/dev/shm/aeron-md-bench-$TAG"
NAMESPACES=false
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    bench_stop_all
    bench_unshield
    if $NAMESPACES; then
        ip netns del "$NS_A" 2>/dev/null || true
        ip netns del "$NS_B" 2>/dev/null || true
    fi
    rm -rf "$AERON_IPC"
    if $KEEP; then
        echo "bench-fanout: work directory kept: $WORK"
    else
        rm -rf "$WORK"
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'echo "bench-fanout: interrupted" >&2; exit 130' INT TERM

log() { printf '\nbench-fanout: %s\n' "$*"; }
quote() {
    local a out=""
    for a in "$@"; do
        if [[ $a =~ ^[A-Za-z0-9_./:=,@%+|?-]+$ ]]; then out+="${out:+ }$a"; else out+="${out:+ }'${a//\'/\'\\\'\'}'"; fi
    done
    printf '%s' "$out"
}
# LAUNCH MAIN ARGS...: a main class of md-fanout, as the scripts run it (with md-fanout's JIT flags: no trap out of
# compiled code when the measured messages begin)
LAUNCH=(env "MD_JAVA_OPTS=-XX:PerMethodTrapLimit=0 -XX:PerBytecodeTrapLimit=0 ${MD_JAVA_OPTS:-}" bash "$here/lib/launch.sh" md-fanout)
# UDP tuning, the same for Aeron and the floor: 8 MB socket buffers, and a 4 MB Aeron receiver window (default
# 128 KB: at most a window per round trip, which on a host this busy is milliseconds).
SOCKET_BUFFER=8388608
UDP_RECEIVE="rcv-wnd=4m|so-rcvbuf=8m"
UDP_SEND="so-sndbuf=8m"
# Where each side runs: the sending side on CPU 0, the receiving side on CPU 1; in the namespaces for UDP.
HOST_SEND=(taskset -c 0)
HOST_RECEIVE=(taskset -c 1)
A_SEND=(ip netns exec "$NS_A" taskset -c 0)
B_RECEIVE=(ip netns exec "$NS_B" taskset -c 1)

# ------------------------------------------------------------------------------------------ machine
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
printf '  %s CPUs (%s), kernel %s, %s\n' "$(nproc)" "$(get machine cpu_model)" "$(uname -r)" "$(get machine java)"
printf '  load average %s; CPU busy before the benchmark (others): %s%% of the machine over 2 s\n' "$(get machine loadavg_start)" "$busy"
put settings command str "$(quote "$0" ${ORIG_ARGS[@]+"${ORIG_ARGS[@]}"})"
put settings messages num "$MESSAGES"
put settings per_record num "$PER_RECORD"
put settings rate num "$RATE"
put settings seconds num "$SECONDS_MEASURED"
put settings warmup_seconds num "$WARMUP"
put settings rounds num "$ROUNDS"

# ------------------------------------------------------------------------------------------ hosts
if wants udp || wants floor; then
    log "namespaces $NS_A ($HOST_A) and $NS_B ($HOST_B), veth ${TAG}x/${TAG}y"
    ip netns add "$NS_A"
    ip netns add "$NS_B"
    NAMESPACES=true
    ip link add "${TAG}x" type veth peer name "${TAG}y"
    ip link set "${TAG}x" netns "$NS_A"
    ip link set "${TAG}y" netns "$NS_B"
    ip -n "$NS_A" addr add "$HOST_A/24" dev "${TAG}x"
    ip -n "$NS_B" addr add "$HOST_B/24" dev "${TAG}y"
    for end in "$NS_A ${TAG}x" "$NS_B ${TAG}y"; do
        read -r ns dev <<< "$end"
        ip -n "$ns" link set lo up
        ip -n "$ns" link set "$dev" up
    done
fi
if $SHIELD; then
    # the receiving side's CPU is its own, as on a strategy host (the processes started below are given their CPUs)
    bench_shield 1
    log "CPU 1 shielded: ${#BENCH_SHIELD_TASKS[@]} tasks and ${#BENCH_SHIELD_IRQS[@]} interrupts moved to CPU 0 for the run (--no-shield: not)"
    put settings shield_moved_tasks num "${#BENCH_SHIELD_TASKS[@]}"
    put settings shield_moved_irqs num "${#BENCH_SHIELD_IRQS[@]}"
fi

# ------------------------------------------------------------------------------------------ helpers
# subscriber_results NAME LOG EXPECTED MODE: md-subscribe's (or floor-receive's) summary into the JSON.
subscriber_results() {
    local c=$1 log=$2 expected=$3 mode=$4 got p
    got=$(sed -n -E 's/^(md-subscribe|floor-receive|receive-write): ([0-9,]+) messages from the first to the last.*/\2/p' "$log" | tr -d , | head -1)
    put "$c" messages_received num "$got"
    put "$c" messages_expected num "$expected"
    put "$c" messages_lost num "$(awk -v e="$expected" -v g="${got:-0}" 'BEGIN { print e - g }')"
    put "$c" msgs_per_s num "$(sed -n -E 's/.* from the first to the last in [0-9.]+ s: ([0-9,]+) messages\/s.*/\1/p' "$log" | tr -d , | head -1)"
    put "$c" stream_seconds num "$(sed -n -E 's/.* from the first to the last in ([0-9.]+) s:.*/\1/p' "$log" | head -1)"
    put "$c" loop_cost str "$(grep -a -o 'loop cost .*' "$log" | head -1)"
    put "$c" subscriber_summary str "$(grep -a -E '^(md-subscribe: stopping|floor-receive: [0-9,]+ datagrams|receive-write: [0-9,]+ messages of)' "$log" | head -1)"
    if [ "$mode" = latency ] && [ -n "$(latency "$log" "journal->subscriber" n)" ]; then
        for p in n p50 p90 p99 p99.9 p99.99 max; do
            put "$c" "latency_${p}$([ "$p" = n ] || echo _us)" num "$(latency "$log" "journal->subscriber" "$p")"
        done
    fi
    if ! grep -a -q -E 'from the first to the last' "$log"; then
        put "$c" error str "no summary: $(grep -a -v '^WARN' "$log" | tail -3 | tr '\n' ' ')"
    fi
}
writer_results() { # writer_results NAME LOG
    put "$1" writer_line str "$(grep -a '^write:' "$2" | head -1)"
    put "$1" writer_msgs_per_s num "$(sed -n -E 's/^write: .* s: ([0-9,]+) messages\/s.*/\1/p' "$2" | tr -d , | head -1)"
    put "$1" writer_most_behind_us num "$(sed -n -E 's/.*most behind schedule ([0-9.]+) us.*/\1/p' "$2" | head -1)"
}
sender_results() { # sender_results NAME LOG
    put "$1" sender_line str "$(grep -a -E '^md-fanout: stopping|^floor-send: [0-9,]+ datagrams' "$2" | head -1)"
    put "$1" sender_loop_cost str "$(grep -a -o 'loop cost .*' "$2" | head -1)"
}
show() { # show NAME: one line
    local c=$1
    printf '  %-20s %7s M msgs/s  lost %-8s p50 %-8s p90 %-8s p99 %-8s p99.9 %-8s max %-8s %s\n' "$c" "$(mega "$(get "$c" msgs_per_s)")" \
        "$(get "$c" messages_lost)" "$(get "$c" latency_p50_us)" "$(get "$c" latency_p90_us)" "$(get "$c" latency_p99_us)" "$(get "$c" latency_p99.9_us)" \
        "$(get "$c" latency_max_us)" "$(get "$c" error)"
}
write_journal() { # write_journal QUEUE LOG MESSAGES [RATE [--end]]
    local queue=$1 wlog=$2 n=$3 rate=${4:-} end=${5:-}
    "${HOST_SEND[@]}" "${LAUNCH[@]}" io.mdr.fanout.bench.FanoutBenchMain write --queue "$queue" --messages "$n" --per-record "$PER_RECORD" \
        ${rate:+--rate "$rate"} $end > "$wlog" 2>&1
}

# run PATH MODE: one contender. MODE throughput (journal written beforehand, sent from its start, md-subscribe or
# floor-receive at the far end) or latency (FanoutBenchMain receive-write at the far end: it writes the journal at
# the offered rate and receives the records back through the path, in one loop on the receiving CPU).
run() {
    local path=$1 mode=$2 c="$1-$2${3:+-r$3}" queue n sub_log snd_log port=40500 sub_pid snd_pid
    queue="$WORK/journal-$c"
    sub_log="$WORK/$c-receive.log"
    snd_log="$WORK/$c-send.log"
    local warm=0 idle=2 sub_idle=3
    if [ "$mode" = throughput ]; then
        n=$MESSAGES
        write_journal "$queue" "$WORK/$c-write.log" "$n" "" --end
        writer_results "$c" "$WORK/$c-write.log"
    else
        n=$(( RATE * (WARMUP + SECONDS_MEASURED) ))
        warm=$((RATE * WARMUP))
        idle=5
        sub_idle=5
    fi
    local sub_cmd snd_cmd receive_write=("${LAUNCH[@]}" io.mdr.fanout.bench.FanoutBenchMain receive-write --queue "$queue"
        --messages "$n" --per-record "$PER_RECORD" --rate "$RATE" --latency-warmup "$warm" --wait-for "$WORK/$c.go"
        --exit-when-idle "$sub_idle" --hlog "$WORK/$c.hlog")
    case "$path" in
        ipc)
            if [ ! -d "$AERON_IPC" ]; then
                # with the publisher: for IPC its work is the publisher's limit, and off CPU 1 it never preempts the subscriber
                bench_start "$WORK/media-driver.log" 3600 "${HOST_SEND[@]}" "${LAUNCH[@]}" io.mdr.fanout.media.MediaDriverMain --aeron-dir "$AERON_IPC"
                bench_wait_for "$WORK/media-driver.log" 'running in' 60 "$BENCH_PID" || { echo "bench-fanout: md-media-driver did not start" >&2; exit 1; }
            fi
            if [ "$mode" = throughput ]; then
                sub_cmd=("${HOST_RECEIVE[@]}" "$here/md-subscribe" --channel aeron:ipc --stream 50 --aeron-dir "$AERON_IPC" --idle busy-spin
                    --exit-when-idle "$sub_idle" --stats-interval 0)
            else
                sub_cmd=("${HOST_RECEIVE[@]}" "${receive_write[@]}" --channel aeron:ipc --stream 50 --aeron-dir "$AERON_IPC")
            fi
            snd_cmd=("${HOST_SEND[@]}" "$here/md-fanout" --queue "$queue" --channel aeron:ipc --stream 50 --aeron-dir "$AERON_IPC"
                --from-start --idle busy-spin --exit-when-idle "$idle" --stats-interval 0 --position "$WORK/$c.position" --counters "$WORK/$c-counters.dat") ;;
        udp)
            if [ "$mode" = throughput ]; then
                sub_cmd=("${B_RECEIVE[@]}" "$here/md-subscribe" --channel "aeron:udp?endpoint=$HOST_B:$port|$UDP_RECEIVE" --stream 51 --idle busy-spin
                    --exit-when-idle "$sub_idle" --stats-interval 0)
            else
                sub_cmd=("${B_RECEIVE[@]}" "${receive_write[@]}" --channel "aeron:udp?endpoint=$HOST_B:$port|$UDP_RECEIVE" --stream 51)
            fi
            snd_cmd=("${A_SEND[@]}" "$here/md-fanout" --queue "$queue" --channel "aeron:udp?endpoint=$HOST_B:$port|$UDP_SEND" --stream 51
                --from-start --idle busy-spin --exit-when-idle "$idle" --stats-interval 0 --position "$WORK/$c.position" --counters "$WORK/$c-counters.dat") ;;
        floor)
            if [ "$mode" = throughput ]; then
                sub_cmd=("${B_RECEIVE[@]}" "${LAUNCH[@]}" io.mdr.fanout.bench.FanoutBenchMain floor-receive
                    --bind "$HOST_B:$port" --messages "$n" --exit-when-idle "$sub_idle" --rcvbuf "$SOCKET_BUFFER")
            else
                sub_cmd=("${B_RECEIVE[@]}" "${receive_write[@]}" --floor-bind "$HOST_B:$port" --rcvbuf "$SOCKET_BUFFER")
            fi
            snd_cmd=("${A_SEND[@]}" "${LAUNCH[@]}" io.mdr.fanout.bench.FanoutBenchMain floor-send
                --queue "$queue" --to "$HOST_B:$port" --from-start --exit-when-idle "$idle" --sndbuf "$SOCKET_BUFFER") ;;
    esac
    put "$c" receive_command str "$(quote "${sub_cmd[@]}")"
    put "$c" send_command str "$(quote "${snd_cmd[@]}")"
    bench_start "$sub_log" 600 "${sub_cmd[@]}"
    sub_pid=$BENCH_PID
    if [ "$mode" = throughput ]; then
        bench_wait_for "$sub_log" '^(md-subscribe: aeron|floor-receive: bound)' 60 "$sub_pid" || true
        bench_nap 1
        bench_start "$snd_log" 600 "${snd_cmd[@]}"
        snd_pid=$BENCH_PID
    else
        # receive-write has the journal open and its receiver up; the sender tails the journal (md-fanout once its
        # subscriber has connected); then the writing begins
        bench_wait_for "$sub_log" '^receive-write: ready' 120 "$sub_pid" || { put "$c" error str "receive-write did not start"; return; }
        bench_start "$snd_log" 600 "${snd_cmd[@]}"
        snd_pid=$BENCH_PID
        bench_wait_for "$snd_log" '^(md-fanout: publishing|floor-send: )' 60 "$snd_pid" || true
        bench_nap 1
        touch "$WORK/$c.go"
    fi
    bench_wait "$sub_pid" 600 || put "$c" receiver_exit_status num "$?"
    bench_wait "$snd_pid" 600 || put "$c" sender_exit_status num "$?"
    if [ "$mode" = latency ]; then
        writer_results "$c" "$sub_log"
        [ -s "$WORK/$c.hlog" ] && cp "$WORK/$c.hlog" "$OUT_BASE-$c.hlog" && put "$c" histogram_log str "$OUT_BASE-$c.hlog"
    fi
    subscriber_results "$c" "$sub_log" "$n" "$mode"
    sender_results "$c" "$snd_log"
    show "$c"
    rm -rf "$queue"
}

# ------------------------------------------------------------------------------------------ runs
if wants_mode throughput; then
    log "throughput: $MESSAGES messages in records of $PER_RECORD, sent from the start at top speed"
    for p in ipc udp floor; do
        wants "$p" && run "$p" throughput
    done
fi

# pool PATH: the latency rounds of PATH as one run under PATH-latency: percentiles over every round's messages
# (their interval logs summed), the lowest round's rate, the losses summed.
pool() {
    local c="$1-latency" r logs=() rates=() lost=""
    for ((r = 1; r <= ROUNDS; r++)); do
        [ -s "$OUT_BASE-$c-r$r.hlog" ] && logs+=("$OUT_BASE-$c-r$r.hlog")
        [ -n "$(get "$c-r$r" msgs_per_s)" ] && rates+=("$(get "$c-r$r" msgs_per_s)")
        [ -n "$(get "$c-r$r" messages_lost)" ] && lost=$(( ${lost:-0} + $(get "$c-r$r" messages_lost) ))
        [ -n "$(get "$c-r$r" error)" ] && put "$c" error str "round $r: $(get "$c-r$r" error)"
    done
    put "$c" rounds num "$ROUNDS"
    [ "${#rates[@]}" -eq "$ROUNDS" ] && put "$c" msgs_per_s num "$(printf '%s\n' "${rates[@]}" | sort -n | head -1)"
    put "$c" messages_lost num "$lost"
    bench_hlog_figures "$c" 0 journal-to-subscriber=latency "${logs[@]}"
}

if wants_mode latency; then
    log "latency: written live at $RATE messages/s for $WARMUP s (left out) + $SECONDS_MEASURED s, $ROUNDS rounds (ABBA order)"
    for ((round = 1; round <= ROUNDS; round++)); do
        order=(ipc udp floor)
        (( round % 2 == 0 )) && order=(floor udp ipc)
        for p in "${order[@]}"; do
            wants "$p" && run "$p" latency "$round"
        done
    done
    echo "  pooled over the rounds:"
    for p in ipc udp floor; do
        wants "$p" || continue
        pool "$p"
        show "$p-latency"
    done
fi

# ------------------------------------------------------------------------------------------ goals
put machine loadavg_end str "$(cut -d' ' -f1-3 /proc/loadavg)"
log "goals"
goal() { # goal TEXT VERDICT(true|false|"")
    printf '  %-58s %s\n' "$1" "$(case "$2" in true) echo met ;; false) echo MISSED ;; *) echo "not measured" ;; esac)"
    put goals "$1" bool "$2"
}
verdict() { [ -n "$1" ] && [ -n "$2" ] && awk -v a="$1" -v b="$2" "BEGIN { print (a $3 b) ? \"true\" : \"false\" }"; }
udp99=$(get udp-latency latency_p99_us)
floor99=$(get floor-latency latency_p99_us)
# a percentile counts only when its receiver kept up with the offered rate (within 5%); else it measures a queue
sustained() { local r; r=$(get "$1" msgs_per_s); [ -n "$r" ] && awk -v a="$r" -v b="$RATE" 'BEGIN { exit !(a >= 0.95 * b) }'; }
if sustained udp-latency && sustained floor-latency; then
    goal "Aeron UDP p99 <= 1.5 x floor p99 ($udp99 us vs ${floor99:-?} us)" \
        "$(verdict "$udp99" "$( [ -n "$floor99" ] && calc "1.5 * $floor99")" "<=")"
else
    goal "Aeron UDP p99 <= 1.5 x floor p99: rate not sustained (udp $(mega "$(get udp-latency msgs_per_s)")M, floor $(mega "$(get floor-latency msgs_per_s)")M of $(mega "$RATE")M)" ""
fi
# the whole distribution beside the goal's one point: Aeron UDP over the floor at each percentile
ratios=""
for q in p50 p90 p99 p99.9; do
    a=$(get udp-latency "latency_${q}_us")
    b=$(get floor-latency "latency_${q}_us")
    [ -n "$a" ] && [ -n "$b" ] && ratios+=" $q $(awk -v a="$a" -v b="$b" 'BEGIN { if (b > 0) printf "%.2f", a / b }')"
done
if [ -n "$ratios" ]; then
    printf '  Aeron UDP / floor:%s\n' "$ratios"
    put goals udp_over_floor str "${ratios# }"
fi
goal "IPC >= 5M messages/s ($(mega "$(get ipc-throughput msgs_per_s)")M)" "$(verdict "$(get ipc-throughput msgs_per_s)" 5000000 ">=")"
lost_total=""
for c in ipc-throughput udp-throughput ipc-latency udp-latency; do
    l=$(get "$c" messages_lost)
    [ -n "$l" ] && lost_total=$(( ${lost_total:-0} + l ))
done
goal "no loss over Aeron (lost: ${lost_total:-?})" "$( [ -n "$lost_total" ] && { [ "$lost_total" -eq 0 ] && echo true || echo false; })"
printf '  (the floor lost %s at top speed and %s paced: it has no flow control or repair)\n' \
    "$(get floor-throughput messages_lost)" "$(get floor-latency messages_lost)"
printf '  load average at the end: %s\n' "$(get machine loadavg_end)"

{
    printf '{'
    first=true
    for c in "${BENCH_ORDER[@]}"; do
        $first || printf ', '
        first=false
        printf '%s: %s' "$(json_str "$c")" "$(json_object "$c")"
    done
    printf '}\n'
} > "$JSON_OUT"
echo "bench-fanout: figures in $JSON_OUT"
