#!/usr/bin/env bash
# The order-book benchmark: io.mdr.book.OrderBooks, the tests' reference book and parity-book 0.7.0 apply the same
# 10M-message md-gen session, in one JMH run with -prof gc; then a table of ns and messages per second, the ratio to
# parity-book measured in the same run, bytes allocated per message, and the goals.
# Usage: scripts/bench-book.sh [JMH options, e.g. -wi 5 -i 10 -f 2]   (defaults: 3 x 1 s warm-up, 5 x 1 s, 1 fork)
#        scripts/bench-book.sh --help
# Writes the JMH results as CSV to bench-book.csv in the current directory (BENCH_BOOK_CSV overrides).
set -euo pipefail
case "${1:-}" in
    -h|--help)
        sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'
        exit 0 ;;
esac
here=$(cd "$(dirname "$0")" && pwd)
csv=${BENCH_BOOK_CSV:-$PWD/bench-book.csv}
echo "bench-book: $(nproc) CPUs, $(lscpu | sed -n 's/^Model name: *//p' | head -1), load average $(cut -d' ' -f1-3 /proc/loadavg)"
out=${csv%.csv}.log
# The forks' heap on transparent huge pages, as md-receiver's: on 4 KB pages a fork ran at about 88 ns a message or
# about 62, depending on where its tables landed (TLB misses); on 2 MB pages every fork ran at 62-64.
"$here/jmh.sh" --module md-replay -prof gc -jvmArgsAppend -XX:+UseTransparentHugePages -rf csv -rff "$csv" "$@" 'BookBenchmark' | tee "$out"
echo
echo "bench-book: load average at the end $(cut -d' ' -f1-3 /proc/loadavg); results in $csv"
awk '
    FILENAME != ARGV[ARGC - 1] { if ($1 == "cpu-ns-per-message") cpu[$2] = $3; next }
    FNR == 1 { next }
    {
        gsub(/"/, "")
        split($0, f, ",")
        name = f[1]; score = f[5]; error = f[6]
        sub(/^.*BookBenchmark\./, "", name)
        if (name ~ /:gc\.alloc\.rate\.norm$/) { sub(/:.*/, "", name); alloc[name] = score; next }
        if (name ~ /:/) { next }
        ns[name] = score; err[name] = error; order[++n] = name
    }
    END {
        printf "\n%-15s %10s %9s %12s %10s %12s %14s %10s\n", "book", "ns/msg", "+-", "M msgs/s", "x parity", "B/msg (gc)", "cpu ns/msg", "x parity"
        for (i = 1; i <= n; i++) {
            b = order[i]
            ratio = (ns["parityBook"] > 0) ? ns["parityBook"] / ns[b] : 0
            cratio = (cpu["parityBook"] > 0 && cpu[b] > 0) ? cpu["parityBook"] / cpu[b] : 0
            printf "%-15s %10.1f %9.1f %12.2f %10.2f %12.3f %14.1f %10.2f\n", b, ns[b], err[b], 1000 / ns[b], ratio, alloc[b], cpu[b], cratio
        }
        printf "(ns/msg: JMH wall-clock score; cpu ns/msg: the benchmark thread'"'"'s CPU time, without the time it was descheduled)\n"
        if (cpu["orderBooks"] > 0) {
            printf "  on CPU time: %.2fM msgs/s\n", 1000 / cpu["orderBooks"]
        }
        ours = ns["orderBooks"]
        if (ours > 0) {
            printf "\ngoals for OrderBooks:\n"
            printf "  >= 15M msgs/s on one core: %.2fM  %s\n", 1000 / ours, (1000 / ours >= 15 ? "met" : "NOT met")
            if (ns["parityBook"] > 0) {
                printf "  >= 3x parity-book:         %.2fx  %s\n", ns["parityBook"] / ours, (ns["parityBook"] / ours >= 3 ? "met" : "NOT met")
            }
            # What JMH itself allocates in an iteration (a few hundred KB at most), spread over 10M messages, stays below 0.1 B.
            printf "  0 B/msg allocated:         %.3f B  %s\n", alloc["orderBooks"], (alloc["orderBooks"] < 0.1 ? "met (what remains is JMH'"'"'s own, per iteration)" : "NOT met")
        }
    }' "$out" "$csv"
