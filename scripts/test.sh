#!/usr/bin/env bash
# Runs the full test suite: sets the machine up when needed (DPDK, JDK 25), then every module's tests,
# the EAL integration tests included (each in its own JVM).
# Usage: scripts/test.sh [extra Maven arguments, e.g. -pl md-receiver -Dtest=...]
set -euo pipefail
case "${1:-}" in
    -h|--help)
        sed -n '2,4p' "$0" | sed 's/^# \{0,1\}//'
        exit 0 ;;
esac
here=$(dirname "$0")
"$here/setup.sh" --deps-only
# shellcheck source=lib/env.sh
. "$here/lib/env.sh"
cd "$MD_ROOT"
./mvnw -B test "$@"
