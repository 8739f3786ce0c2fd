#!/usr/bin/env bash
# The end-to-end demo. On a fresh machine it:
#   1. sets up (DPDK from Debian's packages, JDK 25, build);
#   2. generates a synthetic ITCH 5.0 feed on two lines, A and B, with loss on each line and on both
#      (or takes the capture given as an argument);
#   3. starts md-request-server (the exchange's retransmission server) on 127.0.0.1 with the whole session,
#      md-replay on core 0 as a net_memif server and md-receiver on core 1 as its client;
#   4. replays the feed with its ITCH timestamps restamped to the send time, then stops them all;
#   5. prints packets and messages received, duplicates, drops, holes healed from the request server and the
#      latency percentiles (rx->journal, exchange->handler, recovery time; rx->handler when a handler runs), and checks the journal
#      through the consumer API: every message once, in order, 0 gaps.
#
# Usage: scripts/demo.sh [CAPTURE.pcap] [--messages N] [--pps N] [--loss-both P]
#   Defaults: 2,000,000 generated messages, about 44 a packet, captured (and replayed) at 20,000 packets/s a
#   line; 1% of the packets lost on line A, 1% on line B and 0.5% on both (--loss-both 0 for none).
set -euo pipefail
capture=""
messages=2000000
pps=20000
loss_both=0.5%
while [ $# -gt 0 ]; do
    case "$1" in
        -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        --messages) messages=$2; shift 2 ;;
        --pps) pps=$2; shift 2 ;;
        --loss-both) loss_both=$2; shift 2 ;;
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
server_pid=""
cleanup() {
    [ -n "$replay_pid" ] && kill -TERM "$replay_pid" 2>/dev/null || true
    [ -n "$receiver_pid" ] && kill -TERM "$receiver_pid" 2>/dev/null || true
    [ -n "$server_pid" ] && kill -TERM "$server_pid" 2>/dev/null || true
    wait 2>/dev/null || true
    rm -rf "$work" /var/run/dpdk/md-demo-rx-$$ /var/run/dpdk/md-demo-tx-$$
}
trap cleanup EXIT

if [ -z "$capture" ]; then
    capture="$work/feed.pcap"
    full="$work/full.pcap"
    echo "demo: generating $messages ITCH 5.0 messages on lines A and B into $capture (loss: 1% on A, 1% on B,"
    echo "      $loss_both on both), and the whole session, as the exchange's request server holds it, into $full"
    "$here/md-gen" --out "$capture" --out-full "$full" --messages "$messages" --pps "$pps" \
        --loss-a 1% --loss-b 1% --loss-both "$loss_both" --quiet | sed 's/^/  /' | cut -c1-200
    channels="channel.itch.a.group=233.54.12.111:26477
channel.itch.b.group=233.54.12.112:26477
channel.itch.requestServer=127.0.0.1:@PORT@"
else
    # A capture of yours: the request server serves it as it is (what it lacks stays a gap).
    full="$capture"
    channels="recovery.requestServer=127.0.0.1:@PORT@"
fi

echo "demo: md-request-server on 127.0.0.1 (a free port) serving $full"
"$here/md-request-server" --pcap "$full" --listen 127.0.0.1:0 > "$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 600); do
    grep -q 'listening on' "$work/server.log" 2>/dev/null && break
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
done
server_port=$(sed -n 's/.*listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$work/server.log" | head -1)
if [ -z "$server_port" ]; then
    echo "demo: md-request-server did not start:" >&2
    cat "$work/server.log" >&2
    exit 1
fi
grep -e 'session' -e 'listening' "$work/server.log" | sed 's/^/  /'

cat > "$work/receiver.properties" <<PROPS
eal.args=--no-huge -m 512 --no-pci --no-shconf -l 0 --log-level lib.*:error --file-prefix md-demo-rx-$$
receiver.core=1
port.device=net_memif0,role=client,socket=$socket
journal.path=$work/journal
stats.countersFile=$work/counters.dat
latency.histogramLog=$work/latency.hlog
${channels//@PORT@/$server_port}
PROPS

echo "demo: md-replay on core 0 (memif server), md-receiver on core 1 (memif client)"
# The receiver connects once its start-up (EAL, warm-up) is done: seconds, more on a busy machine.
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
kill -TERM "$server_pid" 2>/dev/null || true
wait "$server_pid" 2>/dev/null || true
server_pid=""
echo
grep -v -e '^WARNING' -e '^EAL' -e 'mp action callback' -e TELEMETRY -e '^    ' "$work/receiver.log"
echo
echo "demo: the request server: $(grep 'stopped' "$work/server.log" | sed 's/^md-request-server: stopped; //')"

echo
echo "demo: the journal, read back through the consumer API (md-dump --check):"
check_rc=0
"$here/md-dump" --queue "$work/journal" --check > "$work/check.txt" || check_rc=$?
sed 's/^/  /' "$work/check.txt"
echo "demo: first two messages as md-dump prints them, and the first recovered one:"
"$here/md-dump" --queue "$work/journal" | head -2
"$here/md-dump" --queue "$work/journal" | grep -m 1 '"recovered":true' || echo "  (no message needed recovery)"
if [ "$check_rc" -ne 0 ]; then
    echo "demo: the journal check FAILED" >&2
    exit 1
fi
if grep -q ' 0 gaps' "$work/check.txt"; then
    echo "demo: every message exactly once, in order, 0 gaps: $(sed -n 's/.*(\([0-9,]*\) recovered).*/\1/p' "$work/check.txt" | head -1) messages recovered from the request server"
else
    echo "demo: the journal has gap records (what the request server could not provide)"
fi
