package io.mdr.dpdk;

import io.mdr.dpdk.ffi.Dpdk;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;

/**
 * {@code rte_errno} and {@code rte_strerror}.
 *
 * <p>{@code rte_errno} is a thread-local ({@code __thread}) variable. The generated accessor resolves its
 * address once, for whichever thread touched it first, so it is wrong on every other thread. glibc's
 * {@code dlsym} returns the calling thread's copy of a TLS symbol, so this class looks the symbol up on
 * each read. Error paths only: never per packet.
 */
public final class RteErrors {
    private static final SymbolLookup EAL = SymbolLookup.libraryLookup("librte_eal.so.23", Arena.global());

    private RteErrors() {
    }

    /** The calling thread's {@code rte_errno}. */
    public static int rteErrno() {
        MemorySegment tls = EAL.findOrThrow("per_lcore__rte_errno")
                .reinterpret(Dpdk.per_lcore__rte_errno$layout().byteSize());
        return tls.get(ValueLayout.JAVA_INT, 0);
    }

    /** DPDK's message for an errno or rte_errno value (sign ignored). */
    public static String strerror(int errnum) {
        MemorySegment text = Dpdk.rte_strerror(Math.abs(errnum));
        return text.reinterpret(Integer.MAX_VALUE).getString(0);
    }

    /** {@code "<message> (errno N)"}. */
    public static String describe(int errnum) {
        return strerror(errnum) + " (errno " + Math.abs(errnum) + ")";
    }

    /** Throws a {@link DpdkException} for a negative return code; returns the code otherwise. */
    public static int check(String step, int rc) {
        if (rc < 0) {
            throw new DpdkException(step, -rc);
        }
        return rc;
    }
}
