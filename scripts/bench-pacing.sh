#!/usr/bin/env bash
# Pacing benchmark: how faithfully md-replay reproduces a capture's inter-packet gaps, against the machine's
# own baseline (the same busy-wait with no DPDK, no copy and no send), in the same run.
#
# Usage: scripts/bench-pacing.sh [PPS] [PACKETS] [RUNS]     (defaults: 100000 pps, 300000 packets, 3 runs)
#   Generates a one-message-per-packet capture at PPS, then prints the spin baseline and md-replay to
#   net_null0 at the capture's original timing, RUNS times each. Figures are the per-packet excess of each
#   inter-packet gap over the captured gap (the replay) or of each wake-up over its deadline (the baseline).
set -euo pipefail
case "${1:-}" in -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;; esac
pps=${1:-100000}
packets=${2:-300000}
runs=${3:-3}
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib/env.sh
. "$here/lib/env.sh"
work=$(mktemp -d /tmp/md-bench-pacing.XXXXXX)
trap 'rm -rf "$work"' EXIT
"$here/md-gen" --out-a "$work/p.pcap" --messages "$packets" --messages-per-packet 1 --pps "$pps" --quiet > /dev/null
echo "machine: $(nproc) CPUs, $(lscpu | sed -n 's/^Model name: *//p'), load $(cut -d' ' -f1-3 /proc/loadavg)"
for run in $(seq "$runs"); do
    echo "run $run"
    "$here/lib/launch.sh" md-replay io.mdr.replay.tx.SpinBaseline "$pps" "$packets" | sed 's/^/  /'
    "$here/md-replay" --pcap "$work/p.pcap" --port net_null0 --no-progress 2>&1 | grep -e 'pacing error' -e 'sent ' | sed 's/^ *//; s/^/  /'
done
