# Runs a main class of a module with the shared JVM flags: launch.sh MODULE MAIN_CLASS [args...]
# shellcheck shell=bash
set -euo pipefail
# shellcheck source=env.sh
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"
module=$1
main=$2
shift 2
cp=$(md_classpath "$module")
exec "$MD_JAVA" "$MD_JVM_OPTIONS" ${MD_JAVA_OPTS:-} -cp "$cp" "$main" "$@"
