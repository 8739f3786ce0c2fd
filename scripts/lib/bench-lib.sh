# Helpers of scripts/bench.sh only: bounded background processes, log parsing, JSON output.
# shellcheck shell=bash

# ------------------------------------------------------------------------------------------ processes
# Every process the benchmark starts runs under `timeout`, is remembered in BENCH_PIDS, and is stopped by
# its id (SIGTERM, which `timeout` forwards to its child; SIGKILL to the child after a grace period).
BENCH_PIDS=()

# bench_nap SECONDS: sleeps without starting a process (a read with a timeout on a pipe that nobody writes to).
# The waits below poll for minutes beside a sender that busy-polls CPU 0. A `sleep` and a `grep` per poll cost
# that CPU about 5 ms each on a VM with shadow page tables (perf sched: 12% of CPU 0), and the sender, preempted,
# fell behind its timeline by milliseconds and caught up in bursts that the receiver's tail then measured.
exec {BENCH_NAP_FD}<> <(:)
bench_nap() {
    read -r -t "$1" -u "$BENCH_NAP_FD" _ || true
}

# bench_start LOG SECONDS CMD...: starts CMD in the background, stdout+stderr to LOG, killed after SECONDS.
# Sets BENCH_PID.
bench_start() {
    local log=$1 limit=$2
    shift 2
    timeout --signal=TERM --kill-after=10 "$limit" "$@" > "$log" 2>&1 < /dev/null &
    BENCH_PID=$!
    BENCH_PIDS+=("$BENCH_PID")
}

# bench_alive PID: true while the process runs.
bench_alive() {
    kill -0 "$1" 2>/dev/null
}

# bench_wait PID [SECONDS]: waits for the process to end (at most SECONDS, default 60, then stops it);
# returns its exit status.
# It checks after 0.05 s, then twice as long each time up to a second: each wake-up of this shell took the busy
# sending CPU for about 0.3 ms (perf sched), ten times a second with a fixed 0.1 s nap.
bench_wait() {
    local pid=$1 limit=${2:-60} start=$SECONDS nap=0.05
    while bench_alive "$pid" && ((SECONDS - start < limit)); do
        bench_nap "$nap"
        case "$nap" in 0.05) nap=0.1 ;; 0.1) nap=0.2 ;; 0.2) nap=0.4 ;; 0.4) nap=0.8 ;; *) nap=1 ;; esac
    done
    bench_alive "$pid" && bench_stop "$pid"
    local rc=0
    wait "$pid" 2>/dev/null || rc=$?
    return "$rc"
}

# bench_stop PID [GRACE]: SIGTERM to the command, then SIGKILL after GRACE seconds.
# The command is signalled, not `timeout`: a signal to `timeout` arms its --kill-after, which SIGKILLs the command
# 10 s later whatever GRACE says, and a receiver still printing its summary then (a slow stop on a loaded machine)
# loses it: the "received" figure of contender E came out empty that way.
bench_stop() {
    local pid=$1 grace=${2:-15} i child children
    bench_alive "$pid" || return 0
    children=$(pgrep -P "$pid" 2>/dev/null || true)
    if [ -n "$children" ]; then
        for child in $children; do
            kill -TERM "$child" 2>/dev/null || true
        done
    else
        kill -TERM "$pid" 2>/dev/null || true
    fi
    for ((i = 0; i < grace * 10; i++)); do
        bench_alive "$pid" || return 0
        bench_nap 0.1
    done
    for child in $(pgrep -P "$pid" 2>/dev/null); do
        kill -KILL "$child" 2>/dev/null || true
    done
    kill -KILL "$pid" 2>/dev/null || true
}

bench_stop_all() {
    local pid
    for pid in "${BENCH_PIDS[@]}"; do
        bench_alive "$pid" && bench_stop "$pid" 5
    done
    return 0
}

# bench_wait_for LOG REGEX SECONDS [PID]: waits until LOG has a line matching REGEX (extended, as grep -E);
# false on timeout or when PID ended first. Reads the log's new lines with bash's own `read`: no process per poll.
bench_wait_for() {
    local log=$1 regex=$2 limit=$3 pid=${4:-} i fd='' line partial='' ended=false
    for ((i = 0; i <= limit * 10; i++)); do
        [ -z "$fd" ] && [ -e "$log" ] && exec {fd}< "$log"
        if [ -n "$fd" ]; then
            while IFS= read -r -u "$fd" line; do
                line=$partial$line
                partial=''
                [[ $line =~ $regex ]] && { exec {fd}<&-; return 0; }
            done
            partial+=$line
        fi
        $ended && break
        # One more read after PID ended: its last lines are in the log by then.
        [ -n "$pid" ] && ! bench_alive "$pid" && { ended=true; continue; }
        bench_nap 0.1
    done
    [[ -n $partial && $partial =~ $regex ]] && { exec {fd}<&-; return 0; }
    [ -n "$fd" ] && exec {fd}<&-
    return 1
}

# bench_wait_count COUNT SECONDS PID COMMAND...: waits until COMMAND (which prints a number) prints at least
# COUNT, or SECONDS passed (false), or PID ended (false).
bench_wait_count() {
    local count=$1 limit=$2 pid=$3 i n
    shift 3
    for ((i = 0; i < limit * 5; i++)); do
        n=$("$@" 2>/dev/null || true)
        [ "${n:-0}" -ge "$count" ] && return 0
        bench_alive "$pid" || return 1
        bench_nap 0.2
    done
    return 1
}

# ------------------------------------------------------------------------------------------ CPU shield
# bench_shield CPU: keeps CPU for the benchmark's polling thread, as `cset shield` or isolcpus would on a host
# booted for it. Every task that may move (all but per-CPU kernel threads) is confined to the other CPUs, and
# so is every device interrupt that can be; bench_unshield puts each one's affinity back. Commands the
# benchmark starts after it must be given the CPU back: prefix them with "${BENCH_ALL_CPUS[@]}".
# Why: without it the scheduler ran the shell, the VM's agent and kernel threads on the polling CPU about 30
# times a second (perf: tlb:tlb_flush, reason task switch, on CPU 1), and on this VM's shadow page tables the
# first packet after each switch took 20-70 us: at 10,000 pps that is the p99.
BENCH_SHIELD_TASKS=()
BENCH_SHIELD_IRQS=()
BENCH_ALL_CPUS=()
bench_shield() {
    local cpu=$1 all rest task line list irq
    all="0-$(($(nproc --all) - 1))"
    rest=$(awk -v c="$cpu" -v n="$(nproc --all)" 'BEGIN { s = ""; for (i = 0; i < n; i++) if (i != c) s = s (s == "" ? "" : ",") i; print s }')
    BENCH_ALL_CPUS=(taskset -c "$all")
    for task in /proc/[0-9]*/task/[0-9]*; do
        list=''
        while IFS= read -r line; do
            [[ $line == Cpus_allowed_list:* ]] && { list=${line#*:}; list=${list//[[:space:]]/}; break; }
        done < "$task/status" 2>/dev/null || continue
        # A per-CPU kernel thread (or a task already off CPU) stays as it is.
        [ -z "$list" ] || [ "$list" = "$cpu" ] || [ "$list" = "$rest" ] && continue
        taskset -p -c "$rest" "${task##*/}" > /dev/null 2>&1 && BENCH_SHIELD_TASKS+=("${task##*/}:$list")
    done
    for irq in /proc/irq/[0-9]*; do
        [ -w "$irq/smp_affinity_list" ] || continue
        read -r list < "$irq/smp_affinity_list" || continue
        [ "$list" = "$rest" ] && continue
        { echo "$rest" > "$irq/smp_affinity_list"; } 2> /dev/null && BENCH_SHIELD_IRQS+=("${irq##*/}:$list")
    done
}

# bench_unshield: gives every task and interrupt that bench_shield moved its affinity back.
bench_unshield() {
    local entry
    for entry in "${BENCH_SHIELD_TASKS[@]}"; do
        taskset -p -c "${entry#*:}" "${entry%%:*}" > /dev/null 2>&1 || true
    done
    for entry in "${BENCH_SHIELD_IRQS[@]}"; do
        { echo "${entry#*:}" > "/proc/irq/${entry%%:*}/smp_affinity_list"; } 2> /dev/null || true
    done
    BENCH_SHIELD_TASKS=()
    BENCH_SHIELD_IRQS=()
}

# bench_hlog_figures NAME SKIP TAG=PREFIX[,TAG=PREFIX...] HLOG...: the percentiles of HdrHistogram interval logs
# (scripts/lib/BenchHlog.java: each log's first SKIP non-empty intervals left out, the rest summed; several logs
# are rounds of one run) into the JSON under NAME, each TAG's as PREFIX_p50_us ... PREFIX_max_us,
# PREFIX_worst_interval_p99_us, PREFIX_intervals and PREFIX_n. A missing or empty log is left out (its run carries
# the error); none at all: no figures.
bench_hlog_figures() {
    local name=$1 skip=$2 map=$3 f logs=() hdr out pair tag prefix line kv k v
    shift 3
    for f in "$@"; do
        [ -s "$f" ] && logs+=("$f")
    done
    [ "${#logs[@]}" -gt 0 ] || return 0
    hdr=$(ls "$MD_ROOT"/md-receiver/target/lib/HdrHistogram-*.jar 2>/dev/null | head -1)
    out=$(timeout 120 "$MD_JAVA" -cp "$hdr" "$MD_ROOT/scripts/lib/BenchHlog.java" "${logs[@]}" "$skip" 2>&1 || true)
    for pair in ${map//,/ }; do
        tag=${pair%%=*}
        prefix=${pair#*=}
        line=$(grep -a "^$tag " <<< "$out" || true)
        for kv in $line; do
            case "$kv" in
                *=*) k=${kv%%=*}; v=${kv#*=}
                     put "$name" "${prefix}_$k$(case "$k" in intervals|n) ;; *) echo _us ;; esac)" num "$v" ;;
            esac
        done
    done
}

# ------------------------------------------------------------------------------------------ parsing
# md-receiver's stats line: "HH:MM:SS rx 12.88M pps 1.2k msg/s 9.1Mb/s | drops 0 | gaps 0 (0 msgs) dup 5 | ..."
# Values are printed with SI suffixes (k, M); these awk programs turn them back into numbers.
BENCH_AWK_SI='function si(v) { if (v ~ /M$/) return substr(v, 1, length(v) - 1) * 1e6;
                               if (v ~ /k$/) return substr(v, 1, length(v) - 1) * 1e3; return v + 0 }'

# rx_lines LOG: one line per stats line: "pps msgs_per_s dup_cumulative"
rx_lines() {
    awk "$BENCH_AWK_SI"'
        /^[0-9][0-9]:[0-9][0-9]:[0-9][0-9] rx / {
            dup = 0; for (i = 1; i < NF; i++) if ($i == "dup") dup = $(i + 1)
            printf "%.0f %.0f %d\n", si($3), si($5), dup
        }' "$1"
}

# rx_traffic_lines LOG: the stats lines from the first one with packets on (the replay starts late).
rx_traffic_lines() {
    rx_lines "$1" | awk 'started || $1 > 0 { started = 1; print }'
}

# count_lines LOG REGEX: lines of LOG matching REGEX (0 when none or no file yet).
count_lines() {
    grep -a -c -E -- "$2" "$1" 2>/dev/null || true
}

count_rx_traffic_lines() {
    rx_traffic_lines "$1" | wc -l
}

# window SKIP TAKE: lines SKIP+1 .. SKIP+TAKE of stdin.
window() {
    awk -v skip="$1" -v take="$2" 'NR > skip && NR <= skip + take'
}

# mean COLUMN: the mean of a column of stdin (empty when no line).
mean() {
    awk -v c="$1" 'NF { s += $c; n++ } END { if (n > 0) printf "%.0f\n", s / n }'
}

# column_json COLUMN: a column of stdin as a JSON array.
column_json() {
    awk -v c="$1" 'BEGIN { printf "[" } { printf "%s%s", (NR > 1 ? ", " : ""), $c } END { printf "]" }'
}

# first_match FILE SED_REGEX: the first capture group of the first matching line.
first_match() {
    sed -n -E "s#$2#\\1#p" "$1" 2>/dev/null | head -1
}

# summary_field LOG NAME: numbers from md-receiver's summary.
summary_field() {
    local log=$1
    case "$2" in
        seconds)         first_match "$log" '^summary after ([0-9.]+) s$' ;;
        traffic_seconds) first_match "$log" '^  traffic ([0-9.]+) s, .*' ;;
        packets)         first_match "$log" '^  packets ([0-9]+) \(.*' ;;
        messages)        first_match "$log" '^  packets [0-9]+ \([0-9]+ bytes\), messages ([0-9]+),.*' ;;
        journal_records) first_match "$log" '^  packets .*journal records ([0-9]+)$' ;;
        gaps)            first_match "$log" '^  gaps ([0-9]+) .*' ;;
        dup_packets)     first_match "$log" '^  gaps .*duplicates ([0-9]+) packets.*' ;;
        dup_messages)    first_match "$log" '^  gaps .*duplicates [0-9]+ packets / ([0-9]+) messages.*' ;;
        drops)           first_match "$log" '^  drops ([0-9]+).*' ;;
        drop_detail)     first_match "$log" '^  drops [0-9]+ ?(.*)$' ;;
        ipackets)        first_match "$log" '^  port: ipackets ([0-9]+),.*' ;;
        imissed)         first_match "$log" '^  port: .*imissed ([0-9]+),.*' ;;
        rx_nombuf)       first_match "$log" '^  port: .*rx_nombuf ([0-9]+),.*' ;;
        ierrors)         first_match "$log" '^  port: .*ierrors ([0-9]+).*' ;;
        allocated)       first_match "$log" '^  allocation after warm-up: polling thread allocated ([0-9]+) bytes.*' ;;
        gcs)             first_match "$log" '^  allocation after warm-up: .* ([0-9]+) GCs in the JVM.*' ;;
        minor_faults)    first_match "$log" '^  allocation after warm-up: .*page faults ([0-9]+) minor.*' ;;
        major_faults)    first_match "$log" '^  allocation after warm-up: .*page faults [0-9]+ minor, ([0-9]+) major.*' ;;
        allocation_line) first_match "$log" '^  (allocation.*)$' ;;
        pool)            first_match "$log" '^md-receiver: port closed; mbuf pool (.*)$' ;;
        *) return 1 ;;
    esac
}

# latency LOG NAME PERCENTILE: a percentile of the summary's "rx->journal" (or other) line, in µs.
# PERCENTILE is one of p50 p90 p99 p99.9 p99.99 max n.
latency() {
    local line
    line=$(grep -a -E "^  $2 +n=" "$1" | head -1)
    [ -n "$line" ] || return 0
    awk -v want="$3" '{
        for (i = 1; i <= NF; i++) {
            if (want == "n" && $i ~ /^n=/) { print substr($i, 3); exit }
            if ($i == want) { v = $(i + 1); sub(/us$/, "", v); print v; exit }
        }
    }' <<< "$line"
}

# ------------------------------------------------------------------------------------------ numbers
# calc EXPR: floating-point arithmetic through awk ("" when an operand is empty).
calc() {
    awk "BEGIN { printf \"%.6g\n\", $1 }" 2>/dev/null
}

# ratio A B: A / B with 3 decimals, empty when either is missing or B is 0.
# median [FORMAT]: the median of the numbers on stdin ("null" lines skipped), printed with FORMAT (default %.3f);
# nothing when there are none
median() {
    grep -v -e null -e '^$' | sort -n | awk -v f="${1:-%.3f}" '{ v[NR] = $1 }
        END { if (NR) printf f "\n", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

ratio() {
    [ -n "${1:-}" ] && [ -n "${2:-}" ] || return 0
    awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 != 0) printf "%.3f\n", a / b }'
}

# mega N: N / 1e6 with 2 decimals, "-" when empty.
mega() {
    [ -n "${1:-}" ] || { echo "-"; return; }
    awk -v v="$1" 'BEGIN { printf "%.2f\n", v / 1e6 }'
}

# ------------------------------------------------------------------------------------------ JSON
json_str() {
    local s=$1
    s=${s//\\/\\\\}
    s=${s//\"/\\\"}
    s=${s//$'\t'/\\t}
    s=${s//$'\n'/\\n}
    printf '"%s"' "$s"
}

# json_num V: V when it is a number, else null.
json_num() {
    if [[ ${1:-} =~ ^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$ ]]; then printf '%s' "$1"; else printf 'null'; fi
}

json_bool() {
    case "${1:-}" in true) printf 'true' ;; false) printf 'false' ;; *) printf 'null' ;; esac
}

# Results are kept per contender as JSON members: put CONTENDER KEY KIND VALUE (KIND: str, num, bool, raw).
declare -A BENCH_JSON
declare -A BENCH_VAL
BENCH_ORDER=()
put() {
    local c=$1 key=$2 kind=$3 value=${4:-} v
    case "$kind" in
        str) v=$(json_str "$value") ;;
        num) v=$(json_num "$value") ;;
        bool) v=$(json_bool "$value") ;;
        raw) v=${value:-null} ;;
    esac
    if [ -z "${BENCH_JSON[$c]+x}" ]; then
        BENCH_ORDER+=("$c")
        BENCH_JSON[$c]=""
    fi
    BENCH_JSON[$c]+="${BENCH_JSON[$c]:+, }$(json_str "$key"): $v"
    BENCH_VAL[$c.$key]=$value
}

# get CONTENDER KEY: a value put earlier, as given (empty when none).
get() {
    printf '%s' "${BENCH_VAL[$1.$2]:-}"
}

# json_object CONTENDER: the members of one contender as a JSON object.
json_object() {
    printf '{%s}' "${BENCH_JSON[$1]:-}"
}

# cpu_busy SECONDS: percentage of the machine's CPU time that was not idle over SECONDS (everyone's).
cpu_busy() {
    local a b
    a=$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9, $5 + $6 }' /proc/stat)
    sleep "$1"
    b=$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9, $5 + $6 }' /proc/stat)
    awk -v a="$a" -v b="$b" 'BEGIN { split(a, x, " "); split(b, y, " ");
        busy = y[1] - x[1]; idle = y[2] - x[2]; if (busy + idle > 0) printf "%.0f\n", 100 * busy / (busy + idle) }'
}
