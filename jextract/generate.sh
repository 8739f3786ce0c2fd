#!/usr/bin/env bash
# Regenerates the FFM bindings in src/main/java:
#   io.mdr.dpdk.ffi   from dpdk.h     with the filters in includes.txt           (DPDK 22.11)
#   io.mdr.uring.ffi  from io_uring.h with the filters in io_uring-includes.txt  (Linux io_uring, sockets)
#
#   jextract/generate.sh /path/to/jextract [jextract-commit]
#
# The argument is a jextract launcher (openjdk/jextract, built against JDK 25 and Debian's libclang 14;
# libclang 16 cannot lay out rte_mbuf's anonymous unions). Nothing of jextract is kept in this repository.
# The launcher must give libclang clang's own headers (stddef.h, ...): jextract's Gradle build copies them into
# its runtime's conf/jextract; a build by hand passes -I /usr/lib/llvm-14/lib/clang/14.0.6/include (Debian's
# libclang-common-14-dev). The jextract commit and libclang version that made the committed output are written to
# GENERATED_BY.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
jextract=${1:?usage: generate.sh /path/to/jextract [jextract-commit]}
commit=${2:-unknown}
out="$here/src/main/java"
dpdk_pkg=io.mdr.dpdk.ffi
uring_pkg=io.mdr.uring.ffi

# The same include paths as `pkg-config --cflags libdpdk`; jextract takes no -include, so dpdk.h includes
# rte_config.h first. _GNU_SOURCE exposes cpu_set_t, which rte_cpuset_t aliases.
dpdk_cflags=(-D_GNU_SOURCE -I/usr/include/dpdk -I/usr/include/x86_64-linux-gnu/dpdk)
# io_uring.h needs only the system headers (Debian's linux-libc-dev for linux/io_uring.h, glibc's for the rest).
uring_cflags=(-D_GNU_SOURCE)

rm -rf "$out/${dpdk_pkg//.//}"
"$jextract" "${dpdk_cflags[@]}" \
    --target-package "$dpdk_pkg" \
    --header-class-name Dpdk \
    --library :librte_eal.so.23 --library :librte_mempool.so.23 \
    --library :librte_mbuf.so.23 --library :librte_ethdev.so.23 \
    @"$here/includes.txt" \
    --output "$out" \
    "$here/dpdk.h" 2> >(grep -v -E "warning: Skipping .*(bitfields are not supported)" >&2)

# No --library: the io_uring bindings are structs and constants only; the port binds syscall(2) and the few
# libc functions it calls itself, with errno captured (jextract's downcalls cannot capture errno).
rm -rf "$out/${uring_pkg//.//}"
"$jextract" "${uring_cflags[@]}" \
    --target-package "$uring_pkg" \
    --header-class-name IoUring \
    @"$here/io_uring-includes.txt" \
    --output "$out" \
    "$here/io_uring.h"

{
    echo "jextract: $("$jextract" --version 2>&1 | head -1)"
    echo "jextract commit: $commit"
    echo "$("$jextract" --version 2>&1 | grep -i libclang)"
    echo "DPDK headers: $(pkg-config --modversion libdpdk)"
    echo "Linux headers (linux/io_uring.h): $(dpkg-query -W -f='linux-libc-dev ${Version}' linux-libc-dev 2>/dev/null || echo unknown)"
    echo "command: jextract ${dpdk_cflags[*]} --target-package $dpdk_pkg --header-class-name Dpdk --library :librte_eal.so.23 --library :librte_mempool.so.23 --library :librte_mbuf.so.23 --library :librte_ethdev.so.23 @includes.txt --output src/main/java dpdk.h"
    echo "command: jextract ${uring_cflags[*]} --target-package $uring_pkg --header-class-name IoUring @io_uring-includes.txt --output src/main/java io_uring.h"
} > "$here/GENERATED_BY"
for pkg in "$dpdk_pkg" "$uring_pkg"; do
    echo "generated $(find "$out/${pkg//.//}" -name '*.java' | wc -l) files into $out/${pkg//.//}"
done
