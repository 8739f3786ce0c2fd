#!/usr/bin/env bash
# The end-to-end demo: sets the machine up, then receives a capture through DPDK into md-receiver and
# reports what was received (packets, messages, gaps, duplicates, drops) and the latency percentiles.
#
# Usage: scripts/demo.sh [CAPTURE.pcap]
#   Without an argument it uses the real NASDAQ ITCH 5.0 capture in ../shared/data/itch50 when present.
set -euo pipefail
case "${1:-}" in
    -h|--help) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
esac
here=$(cd "$(dirname "$0")" && pwd)
"$here/setup.sh"
# shellcheck source=lib/env.sh
. "$here/lib/env.sh"

capture=${1:-$MD_ROOT/../shared/data/itch50/Multiple.Packets.pcap}
if [ ! -f "$capture" ]; then
    echo "demo: no capture at $capture; give one as an argument" >&2
    exit 2
fi
work=$(mktemp -d /tmp/md-demo.XXXXXX)
trap 'rm -rf "$work"' EXIT

echo "demo: receiving $capture through DPDK (net_pcap) on core 1"
"$here/md-receiver" --pcap "$capture" --queue "$work/journal" --counters "$work/counters.dat" --exit-when-idle 1000
echo
echo "demo: the journal, through the consumer API (md-dump), first lines:"
"$here/md-dump" --queue "$work/journal" | head -5
echo "demo: $("$here/md-dump" --queue "$work/journal" | grep -vc '"gap"') messages journaled"
