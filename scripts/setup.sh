#!/usr/bin/env bash
# Sets up this machine for md-receiver and builds it. Idempotent: safe to run again at any time.
#   - installs DPDK 22.11 and the tools the product needs from Debian's packages when missing
#   - finds JDK 25
#   - builds every module (tests skipped; scripts/test.sh runs them)
# Usage: scripts/setup.sh [--deps-only] [--help]
set -euo pipefail

case "${1:-}" in
    -h|--help)
        sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'
        exit 0 ;;
esac

PACKAGES=(dpdk libdpdk-dev pkg-config gcc libc6-dev iproute2 tshark)

missing=()
for p in "${PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "setup: installing ${missing[*]} from Debian's packages"
    if [ "$(id -u)" -ne 0 ]; then
        echo "error: installing packages needs root (DPDK itself needs root or CAP_SYS_ADMIN/CAP_NET_RAW/CAP_IPC_LOCK)." >&2
        echo "       run: sudo apt-get install -y ${missing[*]}" >&2
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    # tshark asks whether non-root users may capture; the answer is irrelevant here.
    echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

dpdk_version=$(pkg-config --modversion libdpdk)
case "$dpdk_version" in
    22.11*) ;;
    *) echo "warning: DPDK $dpdk_version found; the bindings were generated for 22.11 (the ABI test will say what moved)" >&2 ;;
esac

# shellcheck source=lib/env.sh
. "$(dirname "$0")/lib/env.sh"
echo "setup: DPDK $dpdk_version, JDK $JAVA_HOME"

if [ "${1:-}" = "--deps-only" ]; then
    exit 0
fi

cd "$MD_ROOT"
./mvnw -B -q package -DskipTests
echo "setup: built md-receiver, md-replay and md-fanout"
