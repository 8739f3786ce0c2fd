#!/usr/bin/env bash
# The end-to-end demo. On a fresh machine it:
#   1. sets up (DPDK from Debian's packages, JDK 25, build);
#   2. generates a synthetic ITCH 5.0 feed (or takes the capture given as an argument);
#   3. starts md-replay on core 0 as a net_memif server and md-receiver on core 1 as its client;
#   4. replays the feed with its ITCH timestamps restamped to the send time, then stops both;
#   5. prints packets and messages received, gaps, duplicates and drops, and the latency percentiles
#      (rx->handler, rx->journal, exchange->handler), and checks the journal through the consumer API.
#
# Usage: scripts/demo.sh [CAPTURE.pcap] [--messages N] [--pps N]
#   Defaults: 2,000,000 generated messages, about 44 a packet, captured (and replayed) at 20,000 packets/s.
set -euo pipefail
capture=""
messages=2000000
pps=20000
while [ $# -gt 0 ]; do
    case "$1" in
        -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        --messages) messages=$2; shift 2 ;;
        --pps) pps=$2; shift 2 ;;
        -*) echo "demo: unknown option $1 (see --help)" >&2; exit 2 ;;
        *) capture=$1; shift ;;
    esac
done
here=$(cd "$(dirname "$0")" && pwd)
"$here/setup.sh"
# shellcheck source=lib/env.sh
. "$here/lib/env.sh"

work=$(mktemp -d /dev/shm/md-demo.XXXXXX)
socket="$work/memif.sock"
receiver_pid=""
replay_pid=""
cleanup() {
    [ -n "$replay_pid" ] && kill -TERM "$replay_pid" 2>/dev/null || true
    [ -n "$receiver_pid" ] && kill -TERM "$receiver_pid" 2>/dev/null || true
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

if [ -z "$capture" ]; then
    capture="$work/feed.pcap"
    echo "demo: generating $messages ITCH 5.0 messages (line A) into $capture"
    "$here/md-gen" --out-a "$capture" --messages "$messages" --pps "$pps" --quiet | sed 's/^/  /'
fi

cat > "$work/receiver.properties" <<PROPS
eal.args=--no-huge -m 512 --no-pci --no-shconf -l 0 --log-level lib.*:error --file-prefix md-demo-rx-$$
receiver.core=1
port.device=net_memif0,role=client,socket=$socket
journal.path=$work/journal
stats.countersFile=$work/counters.dat
latency.histogramLog=$work/latency.hlog
PROPS

echo "demo: md-replay on core 0 (memif server), md-receiver on core 1 (memif client)"
"$here/md-replay" --pcap "$capture" --port "net_memif0,role=server,socket=$socket" --core 0 --restamp --wait-link 120000 \
    --eal "--no-huge -m 512 --no-pci --no-shconf -l 0 --log-level lib.*:error --file-prefix md-demo-tx-$$" \
    > "$work/replay.log" 2>&1 &
replay_pid=$!
# The memif server must be up (its port started) before the client connects.
for _ in $(seq 300); do grep -q -- '-> port' "$work/replay.log" 2>/dev/null && break; sleep 0.1; done
"$here/md-receiver" --config "$work/receiver.properties" --exchange-latency --exit-when-idle 3000 > "$work/receiver.log" 2>&1 &
receiver_pid=$!

if ! wait "$replay_pid"; then
    replay_pid=""
    echo "demo: md-replay failed:" >&2
    cat "$work/replay.log" >&2
    echo "demo: md-receiver said:" >&2
    cat "$work/receiver.log" >&2
    exit 1
fi
replay_pid=""
grep -e '^md-replay' -e '^  ' "$work/replay.log"
# The receiver stops by itself 3 s after the last packet (it would stop on SIGTERM too).
wait "$receiver_pid" || true
receiver_pid=""
echo
grep -v -e '^WARNING' -e '^EAL' -e 'mp action callback' -e TELEMETRY -e '^    ' "$work/receiver.log"

echo
echo "demo: the journal, read back through the consumer API (md-dump --check):"
"$here/md-dump" --queue "$work/journal" --check | sed 's/^/  /'
echo "demo: first two messages as md-dump prints them:"
"$here/md-dump" --queue "$work/journal" | head -2
