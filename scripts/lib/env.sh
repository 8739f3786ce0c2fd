# Sourced by every script: finds the project root and JDK 25, and the shared JVM flags.
# shellcheck shell=bash
MD_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export MD_ROOT

md_find_jdk() {
    local candidates=()
    [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
    candidates+=(/usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/java-25-openjdk-amd64)
    for d in /usr/lib/jvm/*25* /opt/java/*25* /opt/jdk*25*; do [ -d "$d" ] && candidates+=("$d"); done
    local c v
    for c in "${candidates[@]}"; do
        [ -x "$c/bin/java" ] && [ -x "$c/bin/javac" ] || continue
        v=$("$c/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
        if [ "$v" = "25" ]; then
            echo "$c"
            return 0
        fi
    done
    return 1
}

if ! JAVA_HOME=$(md_find_jdk); then
    echo "error: JDK 25 not found (looked at \$JAVA_HOME, /usr/lib/jvm/temurin-25-jdk-amd64, /usr/lib/jvm/*25*)." >&2
    echo "       Install a JDK 25 (Temurin or OpenJDK) and set JAVA_HOME to it." >&2
    exit 1
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
MD_JAVA="$JAVA_HOME/bin/java"
# The one list of JVM flags (native access, Chronicle's opens/exports, analytics off), as an argument file.
MD_JVM_OPTIONS="@$MD_ROOT/config/jvm.options"
export MD_JAVA MD_JVM_OPTIONS

# Quiet Maven's own warnings about its use of sun.misc.Unsafe on JDK 25.
export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED"

# The class path of a module's launcher: its jar plus target/lib (built by scripts/setup.sh).
md_classpath() {
    local module=$1
    local jar
    jar=$(ls "$MD_ROOT/$module/target/$module"-*.jar 2>/dev/null | grep -v -e sources -e tests | head -1)
    if [ -z "$jar" ] || [ ! -d "$MD_ROOT/$module/target/lib" ]; then
        echo "error: $module is not built; run scripts/setup.sh first" >&2
        exit 1
    fi
    echo "$jar:$MD_ROOT/$module/target/lib/*"
}
