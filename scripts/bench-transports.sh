#!/usr/bin/env bash
# The transport table: md-receiver on socket, epoll, io_uring, AF_XDP and DPDK, the same capture over the same veth
# into a network namespace, full pipeline with the journal: zero-loss rate, CPU, latency (see --help).
set -euo pipefail

usage() {
    cat <<'EOF'
usage: scripts/bench-transports.sh [--seconds N] [--lat-pps N] [--json FILE] [options]

Measures md-receiver (full pipeline: parse, arbitration, journal on /dev/shm) on each of its transports, with the
same one-message MoldUDP64 packets (64-110 byte frames, md-gen), in the order of the table:

  socket    port.kind=socket    a blocking DatagramChannel
  epoll     port.kind=epoll     a non-blocking DatagramChannel on a selector, busy-polled
  io_uring  port.kind=io_uring  multishot recvmsg into provided buffers
  af_xdp    port.kind=dpdk      net_af_xdp on the veth (AF_XDP: an XDP program hands frames to a user-space ring)
  dpdk      port.kind=dpdk      net_memif from md-replay (no NIC here: a shared-memory link stands in for one)

The first four receive over a veth pair: the script makes a network namespace, moves the receiving end into it
(mdr-veth1, 10.232.0.2/24) and runs the receiver there; the sending end stays in the root namespace without an
address, and frames are put onto it raw. Nothing is sent anywhere else.

The feeders:
  trafgen   (Debian's netsniff-ng; the fastest sender here) for the rates: a configuration generated from the capture
            (scripts/lib/TrafgenConfig.java: 65,536 of its frames, sequence numbers that keep growing), on CPU 0,
            unthrottled for the ceiling, or held to an offered rate by a tbf qdisc on the sending end
  md-replay for the latency (--pps, --restamp: every ITCH timestamp is the send time, so exchange->handler is
            the one-way latency through the kernel and the receiver; --keep-timeline: a sender that fell behind sends
            what is due in tx bursts, so that one system call per packet does not hold it below the offered rate),
            over net_af_packet on the sending end, and for
            the dpdk row over net_memif (top speed for its rate: memif back-pressures, it never drops)

What is measured, for each transport:
  ceiling   the feeder unthrottled for --ceiling-seconds with the receiver attached (after 3 s of the same, not
            counted, for the JIT): the feeder's ceiling for that transport (on a veth the kernel's receive work runs
            in the sender's softirq, on the sender's CPU)
  max_pps   the highest offered rate received with zero loss over --seconds: the ceiling if nothing was lost there
            (feeder_bound=yes), else a search of --steps steps between 0 and the ceiling. Loss = frames sent (the
            sending end's tx_packets) - messages journaled; the receiver's own counters (socket drops from
            /proc/net/udp as imissed, io_uring's rx_nombuf, AF_XDP's imissed) and the namespace's /proc/net/snmp
            UDP errors and softnet drops are reported beside it
  cpu       the receiver's CPU seconds per second over the measured window (/proc/PID/stat, every thread)
  busy      the polling thread's busy fraction at max_pps: the time in polls that brought packets (for socket,
            whose thread waits in receive, its CPU share); est_capacity_pps = max_pps / busy
  latency   exchange->handler p50/p99/p99.9 and rx->journal at --lat-pps (default 100,000 pps), after 2 warm-up
            seconds, from the receiver's HdrHistogram log; the sender's achieved rate beside them (a latency figure
            counts only if the sender sustained the offered rate: lat_sustained=no says it did not)
  rq_wait   the polling thread's time waiting in the run queue (runnable, but another thread had its CPU), per
            second, from /proc/PID/task/TID/schedstat: near 0 when the receiver owns its core; anything above a
            few percent means the figures measure the host's load, not the receiver

It prints the table with the design notes' claimed figures beside the measured ones, one machine-readable line per
row:
  transport-row: name=io_uring max_pps=610000 cpu=1.00 busy=0.71 est_capacity_pps=860000 p50_us=3.1 p99_us=9.8 p999_us=21.0 feeder_bound=yes rq_wait=0.01 lat_pps=99990 lat_sustained=yes
and writes every figure, command and the machine's state as JSON.

Options:
  --seconds N          measured seconds per rate step (default 10)
  --ceiling-seconds N  seconds of the unthrottled ceiling run (default 5)
  --steps N            search steps below the ceiling when it lost packets (default 5)
  --lat-pps N          the common offered rate of the latency runs (default 100000)
  --lat-seconds N      measured seconds of a latency run, after 2 warm-up seconds (default 10)
  --dpdk-packets N     packets md-replay sends over memif at top speed for the dpdk row (default 4000000)
  --only LIST          comma-separated subset of socket,epoll,io_uring,af_xdp,dpdk (default: all)
  --nice N             the niceness of the receiver and the feeders, -20..19 (default -20; 0 leaves it as is): a
                       busy-polling receiver must own its core, as it does on a colo host's isolated core; on a
                       shared host, threads of other work run on it too and the receiver then measures the host's
                       load (its polling thread waits in the run queue while its socket or ring overflows). With
                       kernel.sched_autogroup_enabled=1 the script runs in a session of its own, whose scheduler group
                       gets the niceness too (a niceness alone ranks threads only within their session's group)
  --zone ZONE          the exchange time zone of the latency runs: md-replay --zone and latency.exchangeZone
                       (default UTC; both ends must agree, or exchange->handler is off by the zones' offset)
  --json FILE          where the JSON goes (default: bench-transports.json in the current directory)
  --captures DIR       keep the generated captures in DIR and reuse them (default: in the work directory)
  --latency-only       only the latency runs (no rate search): the rows then carry latency figures only
  --keep               keep the work directory (logs, configurations) and print its path
  -h, --help           this text

Needs: root, 2 CPUs or more, iproute2 (ip, tc), trafgen (installed from Debian's netsniff-ng when missing), a build
(scripts/setup.sh runs when it is missing). Every process runs under `timeout` and is stopped by its id on any exit;
the namespace, the veth pair, the work directory under /dev/shm and DPDK's run files of this run are removed.
With the defaults it takes 10-15 minutes. Figures vary on a shared VM: compare runs, never single figures.
EOF
}

ORIG_ARGS=("$@")
N=10
CEIL=5
STEPS=5
LAT_PPS=100000
LAT_SECONDS=10
DPDK_PACKETS=4000000
ONLY="socket,epoll,io_uring,af_xdp,dpdk"
JSON_OUT="$PWD/bench-transports.json"
CAPTURES=""
KEEP=false
NICE=-20
ZONE=UTC
LATENCY_ONLY=false
while [ $# -gt 0 ]; do
    case "$1" in
        -h|--help) usage; exit 0 ;;
        --seconds) N=${2:?--seconds needs N}; shift 2 ;;
        --ceiling-seconds) CEIL=${2:?--ceiling-seconds needs N}; shift 2 ;;
        --steps) STEPS=${2:?--steps needs N}; shift 2 ;;
        --lat-pps) LAT_PPS=${2:?--lat-pps needs N}; shift 2 ;;
        --lat-seconds) LAT_SECONDS=${2:?--lat-seconds needs N}; shift 2 ;;
        --dpdk-packets) DPDK_PACKETS=${2:?--dpdk-packets needs N}; shift 2 ;;
        --only) ONLY=${2:?--only needs a list}; shift 2 ;;
        --json) JSON_OUT=${2:?--json needs FILE}; shift 2 ;;
        --captures) CAPTURES=${2:?--captures needs DIR}; shift 2 ;;
        --keep) KEEP=true; shift ;;
        --latency-only) LATENCY_ONLY=true; shift ;;
        --nice) NICE=${2:?--nice needs N}; shift 2 ;;
        --zone) ZONE=${2:?--zone needs ZONE}; shift 2 ;;
        *) echo "bench-transports: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done
for v in seconds:N ceiling-seconds:CEIL steps:STEPS lat-pps:LAT_PPS lat-seconds:LAT_SECONDS dpdk-packets:DPDK_PACKETS; do
    var=${v#*:}
    [[ ${!var} =~ ^[0-9]+$ ]] && [ "${!var}" -ge 1 ] || { echo "bench-transports: --${v%%:*} must be a whole number >= 1, not '${!var}'" >&2; exit 2; }
done
[[ $NICE =~ ^-?[0-9]+$ ]] && [ "$NICE" -ge -20 ] && [ "$NICE" -le 19 ] || { echo "bench-transports: --nice must be -20..19, not '$NICE'" >&2; exit 2; }
[[ $ZONE =~ ^[A-Za-z0-9_/+-]+$ ]] || { echo "bench-transports: --zone must be an IANA time-zone id (UTC, America/New_York), not '$ZONE'" >&2; exit 2; }
# Every process that takes part in a measurement (receiver, trafgen, md-replay) runs at this niceness, and so does
# this script: it times the steps and stops the feeders, and must not wait behind them. With the scheduler's
# autogroups (kernel.sched_autogroup_enabled=1), a niceness only ranks threads within their session's group, and each
# session's group gets an equal share of a CPU: the script then runs in a session of its own, whose group has the
# niceness too (/proc/PID/autogroup), and forwards Ctrl-C and TERM to it.
NICED=(nice -n "$NICE")
if [ "$NICE" != 0 ] && [ -z "${MD_BENCH_OWN_SESSION:-}" ] && [ "$(cat /proc/sys/kernel/sched_autogroup_enabled 2>/dev/null)" = 1 ] \
        && command -v setsid > /dev/null; then
    MD_BENCH_OWN_SESSION=1 setsid "$0" ${ORIG_ARGS[@]+"${ORIG_ARGS[@]}"} &
    session=$!
    trap 'kill -TERM "$session" 2>/dev/null || true' INT TERM
    rc=0
    wait "$session" || rc=$?
    while kill -0 "$session" 2>/dev/null; do rc=0; wait "$session" || rc=$?; done
    exit "$rc"
fi
renice -n "$NICE" -p $$ > /dev/null
if [ -n "${MD_BENCH_OWN_SESSION:-}" ] && [ -w "/proc/$$/autogroup" ]; then
    echo "$NICE" > "/proc/$$/autogroup" || true
fi
TRANSPORTS=(socket epoll io_uring af_xdp dpdk)
for t in ${ONLY//,/ }; do
    [[ " ${TRANSPORTS[*]} " == *" $t "* ]] || { echo "bench-transports: --only: unknown transport '$t'" >&2; exit 2; }
done
wants() { [[ ",$ONLY," == *",$1,"* ]]; }
case "$JSON_OUT" in /*) ;; *) JSON_OUT="$PWD/$JSON_OUT" ;; esac

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib/bench-lib.sh
. "$here/lib/bench-lib.sh"

# ------------------------------------------------------------------------------------------ preconditions
if [ "$(id -u)" -ne 0 ]; then
    echo "bench-transports: needs root (network namespaces, veth, tc, trafgen, DPDK)" >&2
    exit 1
fi
if [ "$(nproc)" -lt 2 ]; then
    echo "bench-transports: needs at least 2 CPUs (the receivers poll on CPU 1, the feeders run on CPU 0)" >&2
    exit 1
fi
for tool in ip tc taskset timeout flock awk sed od; do
    command -v "$tool" > /dev/null || { echo "bench-transports: $tool is missing" >&2; exit 1; }
done
if ! command -v trafgen > /dev/null; then
    echo "bench-transports: installing netsniff-ng (trafgen) from Debian's packages"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends netsniff-ng > /dev/null
fi
# shellcheck source=lib/env.sh
. "$here/lib/env.sh"
jar=$(ls "$MD_ROOT"/md-receiver/target/md-receiver-*.jar 2>/dev/null | grep -v -e sources -e tests | head -1 || true)
if [ -z "$jar" ] || ! grep -a -q 'io/mdr/port/uring/IoUringPacketSource.class' "$jar" || [ ! -d "$MD_ROOT/md-replay/target/lib" ]; then
    echo "bench-transports: building (scripts/setup.sh)"
    "$here/setup.sh"
fi
exec 9> /run/lock/md-bench-transports.lock
flock -n 9 || { echo "bench-transports: another run is going on (lock /run/lock/md-bench-transports.lock)" >&2; exit 1; }

WORK=$(mktemp -d /dev/shm/md-bench-transports.XXXXXX)
NS="mdbt-$$"
VA="mdbt$$a"
VB=mdr-veth1
PFX="mdbt-$$"
NETWORK=false
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    bench_stop_all
    if $NETWORK; then
        ip link del "$VA" 2>/dev/null || true
        ip netns del "$NS" 2>/dev/null || true
    fi
    rm -rf /var/run/dpdk/"$PFX"-* 2>/dev/null || true
    if $KEEP; then echo "bench-transports: work directory kept: $WORK"; else rm -rf "$WORK"; fi
    exit "$rc"
}
trap cleanup EXIT
trap 'echo "bench-transports: interrupted" >&2; exit 130' INT TERM

log() { printf '\nbench-transports: %s\n' "$*"; }
quote() {
    local a out=""
    for a in "$@"; do
        if [[ $a =~ ^[A-Za-z0-9_./:=,@%+-]+$ ]]; then out+="${out:+ }$a"; else out+="${out:+ }'${a//\'/\'\\\'\'}'"; fi
    done
    printf '%s' "$out"
}
fnum() { awk -v v="${1:-}" -v d="${2:-0}" 'BEGIN { if (v == "") print "-"; else printf "%.*f\n", d, v }'; }

# ------------------------------------------------------------------------------------------ machine
log "machine"
put machine nproc num "$(nproc)"
put machine cpu_model str "$(lscpu | sed -n 's/^Model name: *//p' | head -1)"
put machine kernel str "$(uname -r)"
put machine os str "$(. /etc/os-release 2>/dev/null; echo "${PRETTY_NAME:-unknown}")"
put machine date str "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
put machine java str "$("$MD_JAVA" -version 2>&1 | head -1)"
put machine trafgen str "$(trafgen -v 2>&1 | head -1)"
put machine rmem_max num "$(sysctl -n net.core.rmem_max)"
put machine io_uring_disabled str "$(cat /proc/sys/kernel/io_uring_disabled 2>/dev/null || echo absent)"
put machine git_commit str "$(git -C "$MD_ROOT" rev-parse --short HEAD 2>/dev/null)$(git -C "$MD_ROOT" diff --quiet HEAD 2>/dev/null || echo '+changes')"
put machine loadavg_start str "$(cut -d' ' -f1-3 /proc/loadavg)"
busy=$(cpu_busy 2)
put machine background_cpu_busy_pct_start num "$busy"
printf '  %s, %s CPUs (%s), kernel %s; load average %s; CPU busy before the benchmark (others): %s%%\n' \
    "$(get machine os)" "$(nproc)" "$(get machine cpu_model)" "$(uname -r)" "$(get machine loadavg_start)" "$busy"
for k in seconds:N ceiling_seconds:CEIL steps:STEPS lat_pps:LAT_PPS lat_seconds:LAT_SECONDS dpdk_packets:DPDK_PACKETS; do
    var=${k#*:}
    put settings "${k%%:*}" num "${!var}"
done
put settings nice num "$NICE"
put settings autogroup str "$(cat /proc/$$/autogroup 2>/dev/null || echo none)"
put settings zone str "$ZONE"
put settings command str "$(quote "$0" ${ORIG_ARGS[@]+"${ORIG_ARGS[@]}"})"

# ------------------------------------------------------------------------------------------ captures
CAPDIR=${CAPTURES:-$WORK/captures}
mkdir -p "$CAPDIR"
LAT_PACKETS=$(((LAT_SECONDS + 3) * LAT_PPS))
ONE="$CAPDIR/itch-1msg-100000.pcap"
LAT="$CAPDIR/itch-1msg-$LAT_PACKETS.pcap"
BIG="$CAPDIR/itch-1msg-$DPDK_PACKETS.pcap"
gen() {
    local name=$1 file=$2 packets=$3
    local cmd=("$here/md-gen" --out-a "$file" --messages "$packets" --messages-per-packet 1 --pps 1000000 --quiet)
    put "capture_$name" file str "$file"
    put "capture_$name" command str "$(quote "${cmd[@]}")"
    if [ -s "$file" ] && [ -s "$file.info" ]; then
        echo "  $name: reusing $file"
    else
        echo "  $name: $(quote "${cmd[@]}")"
        timeout 900 "${cmd[@]}" > "$file.info" 2>&1 || { cat "$file.info" >&2; rm -f "$file" "$file.info"; exit 1; }
    fi
}
log "captures (md-gen, deterministic, one message a packet) in $CAPDIR"
gen one "$ONE" 100000
gen latency "$LAT" "$LAT_PACKETS"
wants dpdk && ! $LATENCY_ONLY && gen dpdk "$BIG" "$DPDK_PACKETS"

# ------------------------------------------------------------------------------------------ network
log "network namespace $NS: $VA (root namespace, no address) -> $NS:$VB 10.232.0.2/24"
ip netns add "$NS"
NETWORK=true
ip link add "$VA" type veth peer name "$VB" netns "$NS"
sysctl -q -w "net.ipv6.conf.$VA.disable_ipv6=1" || true
ip netns exec "$NS" sysctl -q -w "net.ipv6.conf.$VB.disable_ipv6=1" || true
ip -n "$NS" addr add 10.232.0.2/24 dev "$VB"
ip -n "$NS" link set lo up
ip -n "$NS" link set "$VB" up
# the capture's sender (10.1.1.1) routes back out of the veth, so a strict rp_filter keeps its packets
ip -n "$NS" route add default dev "$VB"
ip link set "$VA" up
VB_MAC=$(ip netns exec "$NS" cat "/sys/class/net/$VB/address")
put network setup str "ip netns add $NS; veth $VA (root namespace, no address) <-> $NS:$VB 10.232.0.2/24, IPv6 off, default route dev $VB"
echo "  $VA -> $NS:$VB ($VB_MAC)"

# ------------------------------------------------------------------------------------------ helpers
CLK_TCK=$(getconf CLK_TCK)
tx_packets() { cat "/sys/class/net/$VA/statistics/tx_packets"; }
# snmp: the namespace's UDP InErrors + RcvbufErrors
ns_udp_errors() { ip netns exec "$NS" awk '/^Udp: [0-9]/ { print $4 + $6 }' /proc/net/snmp; }
# softnet: packets the per-CPU backlogs dropped (netdev_max_backlog), every CPU, in hex
softnet_drops() {
    local total=0 processed dropped rest
    while read -r processed dropped rest; do total=$((total + 16#$dropped)); done < /proc/net/softnet_stat
    echo "$total"
}
proc_cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
thread_cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/task/$2/stat" 2>/dev/null || echo 0; }
now_s() { date +%s.%N; }
# the polling thread's nanoseconds on its CPU and waiting in the run queue
thread_sched() { awk '{ print $1, $2 }' "/proc/$1/task/$2/schedstat" 2>/dev/null || echo "0 0"; }

# The receiver's counters, read straight from its memory-mapped counters file (no JVM between two readings):
# md-stat prints them in id order once, which gives each label's id; a value is then 8 bytes at a fixed offset.
declare -A CID
counter_ids() {
    local file=$1 i=0 label
    CID=()
    while read -r label _; do
        CID[$label]=$i
        i=$((i + 1))
    done < <("$here/md-stat" --counters "$file" | tail -n +2)
    COUNTERS_META=$(od -A n -t d4 -j 12 -N 4 "$file" | tr -d ' ')
}
counter() { # counter FILE LABEL
    local id=${CID[$2]:-}
    [ -n "$id" ] || { echo 0; return; }
    od -A n -t d8 -j $((128 + COUNTERS_META + id * 128)) -N 8 "$1" | tr -d ' '
}

RX_PID=""
RX_TID=""
# receiver_config NAME FILE KIND [extra lines]: the receiver's configuration for a transport
receiver_config() {
    local name=$1 file=$2 kind=$3
    shift 3
    {
        echo "# generated by scripts/bench-transports.sh for $name"
        echo "receiver.core=1"
        echo "receiver.mode=full"
        echo "idle.strategy=busy-spin"
        case "$kind" in
            socket|epoll|io_uring)
                echo "port.kind=$kind"
                echo "port.interface=$VB" ;;
            af_xdp)
                echo "port.kind=dpdk"
                echo "eal.args=--no-huge -m 1024 --no-pci --no-shconf -l 0 --log-level lib.*:error --file-prefix $PFX-$name"
                echo "port.device=net_af_xdp0,iface=$VB,start_queue=0,queue_count=1"
                echo "port.rxRingSize=4096"
                echo "port.mbufPoolSize=16383" ;;
            dpdk)
                echo "port.kind=dpdk"
                echo "eal.args=--no-huge -m 1024 --no-pci --no-shconf -l 0 --log-level lib.*:error --file-prefix $PFX-$name"
                echo "port.device=net_memif0,role=client,socket=$WORK/memif.sock"
                echo "port.rxRingSize=4096"
                echo "port.mbufPoolSize=16383" ;;
        esac
        echo "channel.itch.a.group=233.54.12.111:26477"
        echo "journal.path=$WORK/journal-$name"
        echo "stats.countersFile=$WORK/counters-$name.dat"
        echo "latency.exchangeToHandler=true"
        echo "latency.exchangeZone=$ZONE"
        for line in "$@"; do echo "$line"; done
    } > "$file"
}
# start_receiver NAME CONFIG: md-receiver in the namespace; sets RX_PID, RX_TID
start_receiver() {
    local name=$1 config=$2
    local cmd=(ip netns exec "$NS" "${NICED[@]}" "$here/md-receiver" --config "$config")
    bench_start "$WORK/$name.log" 3600 "${cmd[@]}"
    RX_PID=$BENCH_PID
    if ! bench_wait_for "$WORK/$name.log" 'polling on core' 120 "$RX_PID"; then
        echo "bench-transports: the receiver ($name) did not start: $(grep -a -v '^WARNING' "$WORK/$name.log" | tail -3 | tr '\n' ' ')" >&2
        return 1
    fi
    # the JVM itself (timeout -> ip netns exec -> launch.sh exec java): the process whose stat counts every thread
    RX_JVM=$(pgrep -f -n -- "--config $config" || true)
    RX_TID=$(sed -n -E 's/.*polling on core [0-9]+ \(thread ([0-9]+)\).*/\1/p' "$WORK/$name.log" | head -1)
    counter_ids "$WORK/counters-$name.dat"
}
stop_receiver() {
    bench_stop "$RX_PID" 30
    wait "$RX_PID" 2>/dev/null || true
}
# drain NAME: waits until the receiver's message count stops moving (1 s), at most 20 s
drain() {
    local file="$WORK/counters-$1.dat" last=-1 same=0 i m
    for ((i = 0; i < 100; i++)); do
        m=$(counter "$file" messages)
        if [ "$m" = "$last" ]; then same=$((same + 1)); [ "$same" -ge 5 ] && return 0; else same=0; last=$m; fi
        sleep 0.2
    done
}

# trafgen_step NAME ROW STEP RATE SECONDS: trafgen from CPU 0 onto the veth, unthrottled (RATE 0) or held to RATE pps
# by a tbf qdisc, for SECONDS once it sends; puts the step's figures under ROW.STEP and sets STEP_* for the search.
TRAFGEN_MEAN=""
trafgen_step() {
    local name=$1 row=$2 step=$3 rate=$4 seconds=$5
    local key="$row.step$step" cfg="$WORK/trafgen-$step.cfg" counters="$WORK/counters-$name.dat"
    local out
    out=$(timeout 300 "$MD_JAVA" "$here/lib/TrafgenConfig.java" "$ONE" "$cfg" "$step")
    TRAFGEN_MEAN=$(awk '{ print $4 }' <<< "$out")
    local tg=("${NICED[@]}" taskset -c 0 trafgen -o "$VA" -i "$cfg" --cpus 1)
    if [ "$rate" -gt 0 ]; then
        local bits
        bits=$(awk -v r="$rate" -v m="$TRAFGEN_MEAN" 'BEGIN { printf "%.0f", r * m * 8 }')
        tc qdisc replace dev "$VA" root tbf rate "${bits}bit" burst 256kb latency 500ms
        tg+=(-q)
    else
        tc qdisc del dev "$VA" root 2>/dev/null || true
    fi
    local sent0 msgs0 busy0 cpu0 tcpu0 udp0 soft0 nombuf0 missed0
    sent0=$(tx_packets); msgs0=$(counter "$counters" messages)
    udp0=$(ns_udp_errors); soft0=$(softnet_drops)
    missed0=$(counter "$counters" port-imissed); nombuf0=$(counter "$counters" port-rx-nombuf)
    bench_start "$WORK/$key.trafgen.log" $((seconds + 300)) "${tg[@]}"
    local tpid=$BENCH_PID
    if ! bench_wait_for "$WORK/$key.trafgen.log" 'Running!' 240 "$tpid"; then
        put "$key" error str "trafgen did not start: $(tail -3 "$WORK/$key.trafgen.log" | tr '\n' ' ')"
        bench_stop "$tpid" 3
        STEP_RATE=0; STEP_LOSS=-1
        return
    fi
    sleep 0.5
    local t0 s0 t1 s1
    t0=$(now_s); s0=$(tx_packets)
    busy0=$(counter "$counters" poll-busy-nanos); cpu0=$(proc_cpu_ticks "$RX_JVM"); tcpu0=$(thread_cpu_ticks "$RX_JVM" "$RX_TID")
    local sched0 sched1
    sched0=$(thread_sched "$RX_JVM" "$RX_TID")
    sleep "$seconds"
    t1=$(now_s); s1=$(tx_packets)
    local busy1 cpu1 tcpu1
    busy1=$(counter "$counters" poll-busy-nanos); cpu1=$(proc_cpu_ticks "$RX_JVM"); tcpu1=$(thread_cpu_ticks "$RX_JVM" "$RX_TID")
    sched1=$(thread_sched "$RX_JVM" "$RX_TID")
    # trafgen catches SIGINT but may not leave a full ring: SIGKILL after 2 s (parent and its sending child)
    local child
    for child in $(pgrep -P "$tpid" 2>/dev/null) $(pgrep -f -- "-i $cfg" 2>/dev/null); do kill -INT "$child" 2>/dev/null || true; done
    sleep 2
    for child in $(pgrep -f -- "-i $cfg" 2>/dev/null); do kill -KILL "$child" 2>/dev/null || true; done
    bench_stop "$tpid" 3
    { wait "$tpid"; } 2>/dev/null || true
    tc qdisc del dev "$VA" root 2>/dev/null || true
    drain "$name"
    local sent msgs
    sent=$(($(tx_packets) - sent0))
    msgs=$(($(counter "$counters" messages) - msgs0))
    local wall
    wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')
    STEP_RATE=$(awk -v a="$s0" -v b="$s1" -v w="$wall" 'BEGIN { printf "%.0f", (b - a) / w }')
    STEP_LOSS=$((sent - msgs))
    STEP_CPU=$(awk -v a="$cpu0" -v b="$cpu1" -v w="$wall" -v t="$CLK_TCK" 'BEGIN { printf "%.2f", (b - a) / t / w }')
    if [ "$row" = socket ]; then
        STEP_BUSY=$(awk -v a="$tcpu0" -v b="$tcpu1" -v w="$wall" -v t="$CLK_TCK" 'BEGIN { v = (b - a) / t / w; printf "%.2f", (v > 1 ? 1 : v) }')
    else
        STEP_BUSY=$(awk -v a="$busy0" -v b="$busy1" -v w="$wall" 'BEGIN { v = (b - a) / 1e9 / w; printf "%.2f", (v > 1 ? 1 : v) }')
    fi
    STEP_RQ=$(awk -v a="$sched0" -v b="$sched1" -v w="$wall" 'BEGIN { split(a, x, " "); split(b, y, " "); printf "%.2f", (y[2] - x[2]) / 1e9 / w }')
    STEP_ONCPU=$(awk -v a="$sched0" -v b="$sched1" -v w="$wall" 'BEGIN { split(a, x, " "); split(b, y, " "); printf "%.2f", (y[1] - x[1]) / 1e9 / w }')
    put "$key" offered_pps num "$rate"
    put "$key" poll_thread_on_cpu num "$STEP_ONCPU"
    put "$key" poll_thread_runqueue_wait num "$STEP_RQ"
    put "$key" loadavg str "$(cut -d' ' -f1-3 /proc/loadavg)"
    put "$key" achieved_pps num "$STEP_RATE"
    put "$key" sent num "$sent"
    put "$key" journaled num "$msgs"
    put "$key" loss num "$STEP_LOSS"
    put "$key" cpu_seconds_per_second num "$STEP_CPU"
    put "$key" busy num "$STEP_BUSY"
    put "$key" socket_drops_imissed num "$(($(counter "$counters" port-imissed) - missed0))"
    put "$key" rx_nombuf num "$(($(counter "$counters" port-rx-nombuf) - nombuf0))"
    put "$key" ns_udp_errors num "$(($(ns_udp_errors) - udp0))"
    put "$key" softnet_drops num "$(($(softnet_drops) - soft0))"
    put "$key" command str "$(quote "${tg[@]}")"
    printf '    %-9s offered %9s pps  achieved %9s pps  sent %10s  journaled %10s  loss %8s  cpu %s  busy %s  rq_wait %s  load %s\n' \
        "$([ "$rate" -gt 0 ] && echo "step $step" || { [ "$step" = 1 ] && echo warm-up || echo ceiling; })" "$([ "$rate" -gt 0 ] && echo "$rate" || echo max)" \
        "$STEP_RATE" "$sent" "$msgs" "$STEP_LOSS" "$STEP_CPU" "$STEP_BUSY" "$STEP_RQ" "$(cut -d' ' -f1 /proc/loadavg)"
}

# latency_run NAME ROW: a fresh receiver with a latency log, md-replay --pps LAT_PPS --restamp; figures under ROW
latency_run() {
    local name="$1-lat" row=$2 hlog="$WORK/$1-lat.hlog"
    receiver_config "$name" "$WORK/$name.properties" "$row" "latency.histogramLog=$hlog"
    local port="net_af_packet0,iface=$VA,framecnt=4096"
    [ "$row" = dpdk ] && port="net_memif0,role=server,socket=$WORK/memif.sock"
    local cmd=("${NICED[@]}" taskset -c 0 "$here/md-replay" --port "$port" --core 0 --no-progress --pcap "$LAT" --pps "$LAT_PPS" --keep-timeline --restamp --zone "$ZONE"
        --wait-link 60000 --eal "--no-huge -m 512 --no-pci --no-shconf -l 0 --log-level lib.*:error --file-prefix $PFX-$name-tx")
    # memif's control socket is an abstract unix socket by default, which lives in a network namespace: the sender
    # joins the receiver's
    [ "$row" = dpdk ] && cmd=(ip netns exec "$NS" "${cmd[@]}")
    put "$row" latency_feeder_command str "$(quote "${cmd[@]}")"
    local tpid
    if [ "$row" = dpdk ]; then
        # the memif server first: a client that finds no server fails to start its port
        bench_start "$WORK/$name-tx.log" $((LAT_SECONDS * 3 + 180)) "${cmd[@]}"
        tpid=$BENCH_PID
        bench_wait_for "$WORK/$name-tx.log" '-> port' 60 "$tpid" || true
        start_receiver "$name" "$WORK/$name.properties" || { put "$row" latency_error str "receiver did not start"; bench_stop "$tpid"; return; }
    else
        start_receiver "$name" "$WORK/$name.properties" || { put "$row" latency_error str "receiver did not start"; return; }
        bench_start "$WORK/$name-tx.log" $((LAT_SECONDS * 3 + 120)) "${cmd[@]}"
        tpid=$BENCH_PID
    fi
    local sched0 sched1 t0 t1
    sched0=$(thread_sched "$RX_JVM" "$RX_TID"); t0=$(now_s)
    # md-replay over memif keeps its link up until the receiver leaves (--linger): its report says it is done
    bench_wait_for "$WORK/$name-tx.log" '^md-replay: sent' $((LAT_SECONDS * 3 + 180)) "$tpid" || true
    sched1=$(thread_sched "$RX_JVM" "$RX_TID"); t1=$(now_s)
    drain "$name"
    stop_receiver
    bench_wait "$tpid" 90 || true
    put "$row" latency_rq_wait num "$(awk -v a="$sched0" -v b="$sched1" -v t0="$t0" -v t1="$t1" 'BEGIN { split(a, x, " "); split(b, y, " "); printf "%.2f", (y[2] - x[2]) / 1e9 / (t1 - t0) }')"
    put "$row" latency_loadavg str "$(cut -d' ' -f1-3 /proc/loadavg)"
    put "$row" latency_feeder_line str "$(grep -a '^md-replay: sent' "$WORK/$name-tx.log" | head -1)"
    put "$row" latency_sent num "$(sed -n -E 's/^md-replay: sent ([0-9,]+) packets.*/\1/p' "$WORK/$name-tx.log" | tr -d , | head -1)"
    put "$row" latency_achieved_pps num "$(sed -n -E 's/^md-replay: sent ([0-9,]+) packets .* in ([0-9.]+) s:.*/\1 \2/p' "$WORK/$name-tx.log" | tr -d , | awk '{ if ($2 > 0) printf "%.0f", $1 / $2 }')"
    put "$row" latency_journaled num "$(summary_field "$WORK/$name.log" messages)"
    # a latency figure counts only when the sender kept to the offered rate (within 5%)
    put "$row" latency_sustained str "$(awk -v a="$(get "$row" latency_achieved_pps)" -v o="$LAT_PPS" 'BEGIN { print (a != "" && a >= 0.95 * o ? "yes" : "no") }')"
    put "$row" latency_summary str "$(grep -a -E '^  (packets|drops|port:|exchange->handler|rx->journal|allocation)' "$WORK/$name.log" | tr '\n' ';')"
    local hdr
    hdr=$(ls "$MD_ROOT"/md-receiver/target/lib/HdrHistogram-*.jar 2>/dev/null | head -1)
    if [ -s "$hlog" ] && [ -n "$hdr" ]; then
        timeout 120 "$MD_JAVA" -cp "$hdr" "$here/lib/BenchHlog.java" "$hlog" 2 > "$WORK/$name-steady.txt" 2>&1 || true
        local tag line kv k v
        for tag in exchange-to-handler rx-to-journal rx-to-handler; do
            line=$(grep -a "^$tag " "$WORK/$name-steady.txt" || true)
            for kv in $line; do
                case "$kv" in *=*) k=${kv%%=*}; v=${kv#*=}; put "$row" "${tag//-/_}_$k$(case "$k" in intervals|n) ;; *) echo _us ;; esac)" num "$v" ;; esac
            done
        done
    fi
    rm -rf "$WORK/journal-$name"
    printf '    latency at %s pps (md-replay achieved %s pps, sustained: %s): exchange->handler p50 %s p99 %s p99.9 %s us; rx->journal p50 %s p99 %s us; polling thread rq_wait %s; load %s\n' \
        "$LAT_PPS" "$(get "$row" latency_achieved_pps)" "$(get "$row" latency_sustained)" "$(get "$row" exchange_to_handler_p50_us)" \
        "$(get "$row" exchange_to_handler_p99_us)" "$(get "$row" exchange_to_handler_p99.9_us)" \
        "$(get "$row" rx_to_journal_p50_us)" "$(get "$row" rx_to_journal_p99_us)" "$(get "$row" latency_rq_wait)" "$(get "$row" latency_loadavg)"
}

# rate_search ROW: the ceiling, then (if it lost packets) a search below it; puts max_pps, feeder_bound, cpu, busy
rate_search() {
    local row=$1 name="$1-rate"
    receiver_config "$name" "$WORK/$name.properties" "$row"
    start_receiver "$name" "$WORK/$name.properties" || { put "$row" error str "receiver did not start"; return; }
    put "$row" receiver_start_line str "$(grep -a 'polling on core' "$WORK/$name.log" | head -1)"
    # A first unthrottled run, not counted, so that the JIT has compiled the receive path the ceiling measures.
    printf '    warm-up (not counted):\n'
    trafgen_step "$name" "$row" 1 0 3
    put "$row.step1" warmup bool true
    local step=2
    trafgen_step "$name" "$row" "$step" 0 "$CEIL"
    local ceiling=$STEP_RATE best=0 best_cpu="" best_busy="" best_rq="" lo=0 hi
    put "$row" feeder_ceiling_pps num "$ceiling"
    if [ "$STEP_LOSS" -eq 0 ] && [ "$ceiling" -gt 0 ]; then
        best=$ceiling; best_cpu=$STEP_CPU; best_busy=$STEP_BUSY; best_rq=$STEP_RQ
        put "$row" feeder_bound str yes
    else
        put "$row" feeder_bound str no
        hi=$ceiling
        local rate i
        rate=$((ceiling / 2))
        for ((i = 0; i < STEPS; i++)); do
            step=$((step + 1))
            trafgen_step "$name" "$row" "$step" "$rate" "$N"
            if [ "$STEP_LOSS" -eq 0 ]; then
                lo=$rate
                if [ "$STEP_RATE" -gt "$best" ]; then best=$STEP_RATE; best_cpu=$STEP_CPU; best_busy=$STEP_BUSY; best_rq=$STEP_RQ; fi
            else
                hi=$rate
            fi
            rate=$(((lo + hi) / 2))
            [ "$rate" -gt 1000 ] || break
        done
    fi
    stop_receiver
    rm -rf "$WORK/journal-$name"
    put "$row" max_pps num "$best"
    put "$row" cpu num "$best_cpu"
    put "$row" busy num "$best_busy"
    put "$row" rq_wait num "$best_rq"
    put "$row" est_capacity_pps num "$(awk -v r="$best" -v b="$best_busy" 'BEGIN { if (b > 0) printf "%.0f", r / b }')"
    put "$row" receiver_summary str "$(grep -a -E '^  (packets|drops|port:|polling thread busy|io_uring:|allocation)' "$WORK/$name.log" | tr '\n' ';')"
}

# dpdk_rate ROW: md-replay top speed over memif (it waits when the ring is full: memif never drops)
dpdk_rate() {
    local row=$1 name="$1-rate"
    receiver_config "$name" "$WORK/$name.properties" "$row"
    local cmd=(ip netns exec "$NS" "${NICED[@]}" taskset -c 0 "$here/md-replay" --port "net_memif0,role=server,socket=$WORK/memif.sock" --core 0 --no-progress
        --pcap "$BIG" --top-speed --burst 64 --wait-link 60000
        --eal "--no-huge -m 512 --no-pci --no-shconf -l 0 --log-level lib.*:error --file-prefix $PFX-$name-tx")
    put "$row" feeder_command str "$(quote "${cmd[@]}")"
    bench_start "$WORK/$name-tx.log" 600 "${cmd[@]}"
    local tpid=$BENCH_PID
    bench_wait_for "$WORK/$name-tx.log" '-> port' 60 "$tpid" || true
    start_receiver "$name" "$WORK/$name.properties" || { put "$row" error str "receiver did not start"; bench_stop "$tpid"; return; }
    local busy0 cpu0 t0
    busy0=$(counter "$WORK/counters-$name.dat" poll-busy-nanos); cpu0=$(proc_cpu_ticks "$RX_JVM"); t0=$(now_s)
    local sched0 sched1
    sched0=$(thread_sched "$RX_JVM" "$RX_TID")
    bench_wait_for "$WORK/$name-tx.log" '^md-replay: sent' 600 "$tpid" || true
    local busy1 cpu1 t1
    busy1=$(counter "$WORK/counters-$name.dat" poll-busy-nanos); cpu1=$(proc_cpu_ticks "$RX_JVM"); t1=$(now_s)
    sched1=$(thread_sched "$RX_JVM" "$RX_TID")
    drain "$name"
    local msgs
    msgs=$(counter "$WORK/counters-$name.dat" messages)
    stop_receiver
    bench_wait "$tpid" 90 || true
    local sent secs rate
    sent=$(sed -n -E 's/^md-replay: sent ([0-9,]+) packets.*/\1/p' "$WORK/$name-tx.log" | tr -d , | head -1)
    secs=$(sed -n -E 's/^md-replay: sent .* in ([0-9.]+) s:.*/\1/p' "$WORK/$name-tx.log" | head -1)
    rate=$(awk -v p="${sent:-0}" -v s="${secs:-0}" 'BEGIN { if (s > 0) printf "%.0f", p / s; else print 0 }')
    local wall busy cpu full
    wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')
    # memif holds the sender until the receiver polls: much of the transfer may be over before the counters file
    # can be read, so busy is the polling thread's busy time over the sender's transfer time (it is busy only then)
    busy=$(awk -v b="$busy1" -v s="${secs:-0}" 'BEGIN { v = (s > 0 ? b / 1e9 / s : 0); printf "%.2f", (v > 1 ? 1 : v) }')
    cpu=$(awk -v a="$cpu0" -v b="$cpu1" -v w="$wall" -v t="$CLK_TCK" 'BEGIN { printf "%.2f", (b - a) / t / w }')
    full=$(sed -n -E 's/^ *tx ring full ([0-9,]+) times.*/\1/p' "$WORK/$name-tx.log" | tr -d , | head -1)
    # the end-of-session packet carries no message
    local loss=$(( ${sent:-0} - 1 - ${msgs:-0} ))
    put "$row" feeder_line str "$(grep -a '^md-replay: sent' "$WORK/$name-tx.log" | head -1)"
    put "$row" rq_wait num "$(awk -v a="$sched0" -v b="$sched1" -v w="$wall" 'BEGIN { split(a, x, " "); split(b, y, " "); printf "%.2f", (y[2] - x[2]) / 1e9 / w }')"
    put "$row" feeder_ceiling_pps num "$rate"
    put "$row" sent num "${sent:-}"
    put "$row" journaled num "${msgs:-}"
    put "$row" loss num "$loss"
    put "$row" tx_ring_full num "${full:-}"
    put "$row" max_pps num "$([ "$loss" -eq 0 ] && echo "$rate" || echo 0)"
    put "$row" cpu num "$cpu"
    put "$row" busy num "$busy"
    put "$row" est_capacity_pps num "$(awk -v r="$rate" -v b="$busy" 'BEGIN { if (b > 0) printf "%.0f", r / b }')"
    # memif back-pressures: the receiver set the pace only if the sender kept finding the ring full and it was busy
    put "$row" feeder_bound str "$(awk -v b="$busy" 'BEGIN { print (b < 0.9 ? "yes" : "no") }')"
    put "$row" receiver_summary str "$(grep -a -E '^  (packets|drops|port:|polling thread busy|allocation)' "$WORK/$name.log" | tr '\n' ';')"
    rm -rf "$WORK/journal-$name"
    printf '    top speed over memif: %s pps, sent %s, journaled %s, loss %s, tx ring full %s times, cpu %s, busy %s\n' \
        "$rate" "$sent" "$msgs" "$loss" "$full" "$cpu" "$busy"
}

# ------------------------------------------------------------------------------------------ runs
for t in "${TRANSPORTS[@]}"; do
    wants "$t" || continue
    log "$t (load average $(cut -d' ' -f1-3 /proc/loadavg))"
    put "$t" loadavg_start str "$(cut -d' ' -f1-3 /proc/loadavg)"
    put "$t" label str "$(case "$t" in socket) echo "port.kind=socket (blocking DatagramChannel)" ;; epoll) echo "port.kind=epoll (selector, busy-polled)" ;;
        io_uring) echo "port.kind=io_uring (multishot recvmsg, provided buffers)" ;; af_xdp) echo "port.kind=dpdk, net_af_xdp on the veth" ;;
        dpdk) echo "port.kind=dpdk, net_memif (no NIC here)" ;; esac)"
    latency_run "$t" "$t"
    $LATENCY_ONLY && continue
    if [ "$t" = dpdk ]; then dpdk_rate "$t"; else rate_search "$t"; fi
done

# ------------------------------------------------------------------------------------------ table, JSON
put machine loadavg_end str "$(cut -d' ' -f1-3 /proc/loadavg)"
put machine background_cpu_busy_pct_end num "$(cpu_busy 2)"
claimed() {
    case "$1" in
        socket) echo "~5-10 us|80%|~1 Mpps" ;;
        epoll) echo "~3-5 us|60%|~2 Mpps" ;;
        io_uring) echo "~1-2 us|40%|~5 Mpps" ;;
        af_xdp) echo "~0.5-1 us|30%|~10 Mpps" ;;
        dpdk) echo "~0.3-0.5 us|100%|~14 Mpps" ;;
    esac
}
ROWS=""
{
    echo
    echo "bench-transports: results ($(get machine date); load $(get machine loadavg_start) -> $(get machine loadavg_end); nice $NICE; rates over $N s, zero loss; latency at $LAT_PPS pps, zone $ZONE)"
    echo
    echo "| transport | claimed latency | claimed CPU | claimed throughput | max zero-loss pps | feeder ceiling | feeder-bound | CPU s/s | busy | rq wait | est. capacity pps | exchange->handler p50 / p99 / p99.9 us (at sent pps) | rx->journal p50 / p99 us |"
    echo "|---|---|---|---|---:|---:|---|---:|---:|---:|---:|---|---|"
    for t in "${TRANSPORTS[@]}"; do
        wants "$t" || continue
        IFS='|' read -r cl cc ct <<< "$(claimed "$t")"
        printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s / %s / %s (%s%s) | %s / %s |\n' \
            "$t$([ "$t" = dpdk ] && echo " (net_memif: no NIC here)")$([ "$t" = af_xdp ] && echo " (net_af_xdp on veth)")" \
            "$cl" "$cc" "$ct" "$(get "$t" max_pps)" "$(get "$t" feeder_ceiling_pps)" "$(get "$t" feeder_bound)" \
            "$(get "$t" cpu)" "$(get "$t" busy)" "$(get "$t" rq_wait)" "$(get "$t" est_capacity_pps)" \
            "$(get "$t" exchange_to_handler_p50_us)" "$(get "$t" exchange_to_handler_p99_us)" "$(get "$t" exchange_to_handler_p99.9_us)" \
            "$(get "$t" latency_achieved_pps)" "$([ "$(get "$t" latency_sustained)" = yes ] || echo ', not sustained: does not count')" \
            "$(get "$t" rx_to_journal_p50_us)" "$(get "$t" rx_to_journal_p99_us)"
    done
    echo
    for t in "${TRANSPORTS[@]}"; do
        wants "$t" || continue
        printf 'transport-row: name=%s max_pps=%s cpu=%s busy=%s est_capacity_pps=%s p50_us=%s p99_us=%s p999_us=%s feeder_bound=%s rq_wait=%s lat_pps=%s lat_sustained=%s\n' \
            "$t" "$(get "$t" max_pps)" "$(get "$t" cpu)" "$(get "$t" busy)" "$(get "$t" est_capacity_pps)" \
            "$(get "$t" exchange_to_handler_p50_us)" "$(get "$t" exchange_to_handler_p99_us)" \
            "$(get "$t" exchange_to_handler_p99.9_us)" "$(get "$t" feeder_bound)" "$(get "$t" rq_wait)" \
            "$(get "$t" latency_achieved_pps)" "$(get "$t" latency_sustained)"
    done
} | tee "$WORK/table.txt"

{
    echo "{"
    echo "  \"machine\": $(json_object machine),"
    echo "  \"settings\": $(json_object settings),"
    echo "  \"network\": $(json_object network),"
    echo "  \"captures\": {"
    sep=""
    for c in capture_one capture_latency capture_dpdk; do
        [ -n "${BENCH_JSON[$c]+x}" ] || continue
        printf '%s    "%s": %s' "$sep" "${c#capture_}" "$(json_object "$c")"
        sep=$',\n'
    done
    echo
    echo "  },"
    echo "  \"transports\": {"
    sep=""
    for t in "${TRANSPORTS[@]}"; do
        wants "$t" || continue
        printf '%s    "%s": {"row": %s, "steps": {' "$sep" "$t" "$(json_object "$t")"
        ssep=""
        for ((s = 1; s <= STEPS + 2; s++)); do
            [ -n "${BENCH_JSON[$t.step$s]+x}" ] || continue
            printf '%s"%s": %s' "$ssep" "$s" "$(json_object "$t.step$s")"
            ssep=", "
        done
        printf '}}'
        sep=$',\n'
    done
    echo
    echo "  },"
    echo "  \"table\": $(json_str "$(cat "$WORK/table.txt")")"
    echo "}"
} > "$JSON_OUT"
if command -v jq > /dev/null && ! jq -e . "$JSON_OUT" > /dev/null 2>&1; then
    echo "bench-transports: warning: $JSON_OUT is not valid JSON (a bug of this script)" >&2
fi
echo
echo "bench-transports: JSON written to $JSON_OUT"
exit 0
