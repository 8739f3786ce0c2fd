#!/usr/bin/env bash
# A soak of the receiver: md-replay loops a generated ITCH feed over net_memif (each loop continuing the sequence
# numbers, so one long stream) into md-receiver, whose journal rolls every minute with retention, while a consumer
# tails the journal in another process. Then a report:
#   - GCs in the receiver's JVM after warm-up (must be 0), safepoint pauses over 50 us with their cause
#     (-Xlog:safepoint), RSS and file-descriptor growth after warm-up, polling-thread page faults,
#   - the mbuf pool's level (sampled), drops, back-pressure on the sender, and md-dump --check of what is kept.
#
# Usage: scripts/soak.sh [--minutes N] [--pps N] [--messages-per-packet N] [--retain N] [--keep]
#   --minutes N              how long to run (default 10)
#   --pps N                  packets per second offered (default 5000; with 20 messages a packet, 100k msg/s)
#   --messages-per-packet N  default 20
#   --retain N               journal.retainCycles (default 3: about three minutes of journal kept)
#   --keep                   keep the work directory (logs, journal) under /dev/shm
# MD_RECEIVER_JAVA_OPTS adds JVM options to the receiver only (e.g. a JFR recording).
# Cores: md-replay on CPU 0, the receiver's polling thread on CPU 1, the consumer on the housekeeping CPUs.
set -euo pipefail
minutes=10
pps=5000
per_packet=20
retain=3
keep=0
while [ $# -gt 0 ]; do
    case "$1" in
        -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        --minutes) minutes=$2; shift 2 ;;
        --pps) pps=$2; shift 2 ;;
        --messages-per-packet) per_packet=$2; shift 2 ;;
        --retain) retain=$2; shift 2 ;;
        --keep) keep=1; shift ;;
        *) echo "soak: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done
case "$minutes$pps$per_packet$retain" in *[!0-9]*) echo "soak: --minutes, --pps, --messages-per-packet and --retain take integers" >&2; exit 2 ;; esac
[ "$minutes" -ge 1 ] || { echo "soak: --minutes must be at least 1" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
"$here/setup.sh" >/dev/null
# shellcheck source=lib/env.sh
. "$here/lib/env.sh"

work=$(mktemp -d /dev/shm/md-soak.XXXXXX)
socket="$work/memif.sock"
replay_pid=""
receiver_pid=""
consumer_pid=""
cleanup() {
    for pid in $replay_pid $consumer_pid $receiver_pid; do kill -TERM "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    if [ "$keep" = 1 ]; then echo "soak: kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

seconds=$((minutes * 60))
# One loop of the capture lasts about 5 s at the offered rate; enough loops to outlast the run.
packets_per_loop=$((pps * 5))
messages=$((packets_per_loop * per_packet))
loops=$((seconds / 5 + 4))
echo "soak: $minutes min at $pps packets/s x $per_packet messages ($((pps * per_packet)) msg/s offered);" \
     "journal rolls every minute, last $retain kept; load average now: $(cut -d' ' -f1-3 /proc/loadavg)"
"$here/md-gen" --out-a "$work/feed.pcap" --messages "$messages" --messages-per-packet "$per_packet" --pps "$pps" --quiet \
    | sed 's/^/  /' | head -2

cat > "$work/receiver.properties" <<PROPS
eal.args=--no-huge -m 512 --no-pci --no-shconf -l 0 --log-level lib.*:error --file-prefix md-soak-rx-$$
receiver.core=1
port.device=net_memif0,role=client,socket=$socket
journal.path=$work/journal
journal.rollCycle=MINUTELY
journal.retainCycles=$retain
journal.minFreeMb=256
stats.countersFile=$work/counters.dat
PROPS

"$here/md-replay" --pcap "$work/feed.pcap" --port "net_memif0,role=server,socket=$socket" --core 0 \
    --pps "$pps" --loop "$loops" --continue-sequence --no-progress --wait-link 300000 \
    --eal "--no-huge -m 512 --no-pci --no-shconf -l 0 --log-level lib.*:error --file-prefix md-soak-tx-$$" \
    > "$work/replay.log" 2>&1 &
replay_pid=$!
for _ in $(seq 300); do grep -q -- '-> port' "$work/replay.log" 2>/dev/null && break; sleep 0.1; done
MD_JAVA_OPTS="${MD_RECEIVER_JAVA_OPTS:-} -Xlog:safepoint=info:file=$work/safepoint.log:uptime -Xlog:gc:file=$work/gc.log:uptime" \
    "$here/md-receiver" --config "$work/receiver.properties" > "$work/receiver.log" 2>&1 &
receiver_pid=$!

for _ in $(seq 600); do grep -q 'polling on core' "$work/receiver.log" 2>/dev/null && break; sleep 0.1; done
if ! grep -q 'polling on core' "$work/receiver.log"; then
    echo "soak: the receiver did not start:" >&2; cat "$work/receiver.log" >&2; exit 1
fi
mkdir -p "$work/journal"
# The consumer stays off the polling core, as a strategy on a colo host would.
pin=""; command -v taskset >/dev/null && pin="taskset -c 0"
$pin "$here/md-consumer-latency" --queue "$work/journal" --idle backoff --seconds $((seconds + 30)) > "$work/consumer.log" 2>&1 &
consumer_pid=$!

rss() { awk '/^VmRSS/ {print $2}' "/proc/$receiver_pid/status" 2>/dev/null || echo 0; }
# Anonymous memory: the heap and native allocations, without the journal's mapped pages (which come and go with
# the cycle files, and count in VmRSS).
anon() { awk '/^RssAnon/ {print $2}' "/proc/$receiver_pid/status" 2>/dev/null || echo 0; }
fds() { ls "/proc/$receiver_pid/fd" 2>/dev/null | wc -l; }
pool() { $pin "$here/md-stat" --counters "$work/counters.dat" 2>/dev/null | awk '$1 == "mbuf-pool-available" {gsub(",", "", $2); print $2}'; }
echo "soak: running; samples every 10 s (RSS, fds, mbuf pool, journal files) in $work/samples.txt"
echo "# seconds rss_kb rss_anon_kb fds pool_available journal_files" > "$work/samples.txt"
start=$(date +%s)
warm_rss=""; warm_fds=""; warm_anon=""
pool_min=""; pool_max=""
while :; do
    now=$(date +%s); elapsed=$((now - start))
    [ "$elapsed" -ge "$seconds" ] && break
    kill -0 "$receiver_pid" 2>/dev/null || { echo "soak: the receiver ended early" >&2; break; }
    r=$(rss); a=$(anon); f=$(fds); p=$(pool); j=$(ls "$work/journal" 2>/dev/null | grep -c '\.cq4$' || true)
    echo "$elapsed $r $a $f ${p:-?} $j" >> "$work/samples.txt"
    if [ -z "$warm_rss" ] && grep -q 'warm-up over' "$work/receiver.log"; then warm_rss=$r; warm_anon=$a; warm_fds=$f; fi
    if [ -n "$p" ]; then
        if [ -z "$pool_min" ] || [ "$p" -lt "$pool_min" ]; then pool_min=$p; fi
        if [ -z "$pool_max" ] || [ "$p" -gt "$pool_max" ]; then pool_max=$p; fi
    fi
    if [ $((elapsed % 60)) -lt 10 ]; then
        printf '  %3d s: RSS %s MB, %s fds, mbuf pool %s available, %s journal files; %s\n' "$elapsed" $((r / 1024)) "$f" "${p:-?}" "$j" \
            "$(grep -E '^[0-9]{2}:[0-9]{2}:[0-9]{2} rx' "$work/receiver.log" | tail -1 | cut -c1-120)"
    fi
    sleep 10
done
end_rss=$(rss); end_anon=$(anon); end_fds=$(fds)

# md-replay stops sending on SIGTERM and keeps the memif link up until the receiver has left (--linger): a memif
# client whose server goes away while it polls may read regions unmapped under it.
kill -TERM "$replay_pid" 2>/dev/null || true
sleep 2
kill -TERM "$receiver_pid" 2>/dev/null || true
receiver_rc=0
wait "$receiver_pid" || receiver_rc=$?
receiver_pid=""
wait "$replay_pid" 2>/dev/null || true
replay_pid=""
kill -TERM "$consumer_pid" 2>/dev/null || true
wait "$consumer_pid" 2>/dev/null || true
consumer_pid=""

log="$work/receiver.log"
warm_uptime=$(sed -n 's/.*warm-up over after .* (JVM uptime \([0-9]*\) ms).*/\1/p' "$log" | head -1)
warm_s=$(awk -v ms="${warm_uptime:-0}" 'BEGIN {printf "%.3f", ms / 1000}')
echo
echo "soak: report (command: scripts/soak.sh --minutes $minutes --pps $pps --messages-per-packet $per_packet --retain $retain;" \
     "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg))"
echo "  sender (md-replay):"
grep -e '^md-replay: sent' -e 'tx ring full' "$work/replay.log" | sed 's/^/    /'
full=$(sed -n 's/.*tx ring full \([0-9,]*\) times.*/\1/p' "$work/replay.log" | tr -d ,)
if [ "${full:-0}" = 0 ]; then
    echo "    the receiver kept up: the sender never found the memif ring full"
else
    echo "    BACK-PRESSURE: the sender found the memif ring full ${full} times (the receiver fell behind; a shared or"
    echo "    overloaded host, or too high a --pps); the achieved rate above is what was carried"
fi
echo "  receiver (exit $receiver_rc):"
grep -e '^summary after' -e '^  packets' -e '^  gaps' -e '^  drops' -e '^  port:' -e 'rx->handler  ' -e 'rx->journal  ' \
     -e 'allocation after warm-up' -e 'journal pretoucher' -e 'mbuf pool' "$log" | sed 's/^ *//; s/^/    /'
gcs=$(sed -n 's/.*; \([0-9]*\) GCs in the JVM.*/\1/p' "$log" | tail -1)
faults=$(sed -n 's/.*polling thread page faults \([0-9]*\) minor, \([0-9]*\) major.*/\1 minor, \2 major/p' "$log" | tail -1)
echo "  GCs after warm-up (JVM uptime ${warm_s} s on): ${gcs:-?} $([ "${gcs:-1}" = 0 ] && echo '(OK: must be 0)' || echo '(NOT OK: must be 0)')"
echo "  polling-thread page faults after warm-up: ${faults:-?}"
echo "  safepoint pauses over 50 us after warm-up (-Xlog:safepoint, 'Total' per pause), by cause:"
awk -v warm="$warm_s" '
    /Safepoint "/ {
        t = $1; gsub(/[\[\]s]/, "", t);
        if (t + 0 < warm + 0) next;
        match($0, /Safepoint "[^"]*"/); cause = substr($0, RSTART + 11, RLENGTH - 12);
        match($0, /Total: [0-9]+ ns/); total = substr($0, RSTART + 7, RLENGTH - 10) + 0;
        all++;
        if (total > 50000) { n[cause]++; if (total > mx[cause]) mx[cause] = total; over++ }
    }
    END {
        printf "    %d safepoints after warm-up, %d over 50 us\n", all, over;
        for (c in n) printf "    %-32s %5d over 50 us, longest %.0f us\n", c, n[c], mx[c] / 1000;
    }' "$work/safepoint.log"
echo "  RSS: ${warm_rss:-?} KB after warm-up, ${end_rss:-?} KB at the end (VmRSS, which counts the journal's mapped pages);" \
     "anonymous ${warm_anon:-?} KB -> ${end_anon:-?} KB ($(( (${end_anon:-0} - ${warm_anon:-0}) / 1024 )) MB growth)"
echo "  file descriptors: ${warm_fds:-?} after warm-up, ${end_fds:-?} at the end"
echo "  mbuf pool available while running (sampled every 10 s): min ${pool_min:-?}, max ${pool_max:-?} of 8191"
echo "  journal: $(grep -c 'journal retention: deleted' "$log" || true) cycle files deleted by retention; kept now:" \
     "$(ls "$work/journal" | grep '\.cq4$' | tr '\n' ' ')"
echo "  consumer (md-consumer-latency, another process):"
tail -4 "$work/consumer.log" | sed 's/^/    /'
echo "  md-dump --check of what is kept:"
"$here/md-dump" --queue "$work/journal" --check | sed 's/^/    /'
