#!/usr/bin/env bash
# Runs the JMH microbenchmarks of md-receiver (io.mdr.bench) or, with --module md-replay, md-replay's
# (io.mdr.replay.bench: the order books against parity-book): builds the test classes when the sources changed,
# then org.openjdk.jmh.Main on JDK 25 with config/jvm.options, for this JVM and for every forked one.
# Usage: scripts/jmh.sh [--module md-receiver|md-replay] [JMH options] [benchmark regexp...]
#   (no arguments)                     every md-receiver benchmark, short defaults: 3 x 1 s warm-up, 5 x 1 s measured, 1 fork
#   scripts/jmh.sh ParserBenchmark     one class (any JMH regexp)
#   scripts/jmh.sh -p messages=20 -wi 5 -i 10 -r 2s -f 3 Parser.onFrame
#   scripts/jmh.sh --module md-replay -prof gc BookBenchmark     the books, with allocation per message
#   scripts/jmh.sh -rf json -rff results.json     also write the results as JSON
#   scripts/jmh.sh -l                  list the benchmarks;  scripts/jmh.sh -h   JMH's own options
# Forked JVMs get -jvmArgs @config/jvm.options; add fork flags with -jvmArgsAppend "..." (a -jvmArgs of
# yours is appended to the file). MD_JAVA_OPTS adds flags to this JVM only.
set -euo pipefail
case "${1:-}" in
    --help)
        sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
        exit 0 ;;
esac
module_name=md-receiver
if [ "${1:-}" = "--module" ]; then
    case "${2:-}" in
        md-receiver|md-replay) module_name=$2 ;;
        *) echo "error: --module takes md-receiver or md-replay, not '${2:-}'" >&2; exit 1 ;;
    esac
    shift 2
fi
# shellcheck source=lib/env.sh
. "$(dirname "$0")/lib/env.sh"

module="$MD_ROOT/$module_name"
classpath_file="$module/target/jmh-classpath.txt"

# Build (incrementally) when never built, or when a source or POM is newer than the last class path.
stale() {
    [ -f "$classpath_file" ] && [ -f "$module/target/test-classes/META-INF/BenchmarkList" ] || return 0
    [ -n "$(find "$MD_ROOT/pom.xml" "$MD_ROOT/md-receiver/pom.xml" "$MD_ROOT/md-receiver/src" "$module/pom.xml" "$module/src" \
        "$MD_ROOT/jextract/pom.xml" "$MD_ROOT/jextract/src" -newer "$classpath_file" -print -quit)" ]
}
if stale; then
    echo "jmh.sh: building $module_name's test classes" >&2
    # With -am every module of the reactor writes the file; the module asked for comes last (it depends on the others).
    (cd "$MD_ROOT" && ./mvnw -q -B -pl "$module_name" -am test-compile dependency:build-classpath \
        -Dmdep.outputFile="$classpath_file" -Dmdep.includeScope=test)
fi
classpath="$module/target/test-classes:$module/target/classes:$(cat "$classpath_file")"

# The forks run with exactly config/jvm.options (JMH would otherwise copy this JVM's arguments). JMH takes
# each -jvmArgs* option once, so a -jvmArgs given here is folded in after the file.
options_file="${MD_JVM_OPTIONS#@}"
case "$options_file" in
    *' '*) echo "error: JMH splits -jvmArgs on spaces; move the project to a path without one ($MD_ROOT)" >&2; exit 1 ;;
esac
fork_args="$MD_JVM_OPTIONS"
args=()
while [ $# -gt 0 ]; do
    case "$1" in
        -jvmArgs)
            [ $# -ge 2 ] || { echo "error: -jvmArgs needs a value" >&2; exit 1; }
            fork_args="$fork_args $2"
            shift 2 ;;
        -jvmArgs=*)
            fork_args="$fork_args ${1#-jvmArgs=}"
            shift ;;
        *)
            args+=("$1")
            shift ;;
    esac
done

# shellcheck disable=SC2086  # MD_JAVA_OPTS is a list of flags
exec "$MD_JAVA" "$MD_JVM_OPTIONS" ${MD_JAVA_OPTS:-} -cp "$classpath" org.openjdk.jmh.Main \
    -jvmArgs "$fork_args" "${args[@]}"
