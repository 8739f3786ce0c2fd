#!/usr/bin/env bash
# Regenerates the DPDK bindings in src/main/java from dpdk.h with the filters in includes.txt.
#
#   jextract/generate.sh /path/to/jextract
#
# The argument is a jextract launcher (openjdk/jextract, built against JDK 25 and Debian's libclang 14;
# libclang 16 cannot lay out rte_mbuf's anonymous unions). Nothing of jextract is kept in this repository.
# The jextract commit and libclang version that made the committed output are written to GENERATED_BY.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
jextract=${1:?usage: generate.sh /path/to/jextract [jextract-commit]}
commit=${2:-unknown}
out="$here/src/main/java"
pkg=io.mdr.dpdk.ffi

# The same include paths as `pkg-config --cflags libdpdk`; jextract takes no -include, so dpdk.h includes
# rte_config.h first. _GNU_SOURCE exposes cpu_set_t, which rte_cpuset_t aliases.
cflags=(-D_GNU_SOURCE -I/usr/include/dpdk -I/usr/include/x86_64-linux-gnu/dpdk)

rm -rf "$out/${pkg//.//}"
"$jextract" "${cflags[@]}" \
    --target-package "$pkg" \
    --header-class-name Dpdk \
    --library :librte_eal.so.23 --library :librte_mempool.so.23 \
    --library :librte_mbuf.so.23 --library :librte_ethdev.so.23 \
    @"$here/includes.txt" \
    --output "$out" \
    "$here/dpdk.h" 2> >(grep -v -E "warning: Skipping .*(bitfields are not supported)" >&2)

{
    echo "jextract: $("$jextract" --version 2>&1 | head -1)"
    echo "jextract commit: $commit"
    echo "$("$jextract" --version 2>&1 | grep -i libclang)"
    echo "DPDK headers: $(pkg-config --modversion libdpdk)"
    echo "command: jextract ${cflags[*]} --target-package $pkg --header-class-name Dpdk --library :librte_eal.so.23 --library :librte_mempool.so.23 --library :librte_mbuf.so.23 --library :librte_ethdev.so.23 @includes.txt --output src/main/java dpdk.h"
} > "$here/GENERATED_BY"
echo "generated $(find "$out/${pkg//.//}" -name '*.java' | wc -l) files into $out/${pkg//.//}"
