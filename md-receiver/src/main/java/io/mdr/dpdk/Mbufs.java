package io.mdr.dpdk;

import io.mdr.dpdk.ffi.rte_mbuf;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Reads and writes {@code struct rte_mbuf} fields at an mbuf's absolute address.
 *
 * <p>Offsets come from the generated {@link rte_mbuf} layout (the ABI test checks them against gcc). All
 * access goes through {@link #NATIVE}, one segment spanning the address space, so the per-packet path
 * neither allocates a segment nor calls {@code reinterpret}.
 */
public final class Mbufs {
    /** Every native address, for absolute reads of memory DPDK owns. */
    public static final MemorySegment NATIVE = MemorySegment.NULL.reinterpret(Long.MAX_VALUE);

    /** {@code sizeof(struct rte_mbuf)}. */
    public static final long SIZE = rte_mbuf.layout().byteSize();
    public static final long BUF_ADDR = rte_mbuf.buf_addr$offset();
    public static final long DATA_OFF = rte_mbuf.data_off$offset();
    public static final long REFCNT = rte_mbuf.refcnt$offset();
    public static final long NB_SEGS = rte_mbuf.nb_segs$offset();
    public static final long PORT = rte_mbuf.port$offset();
    public static final long OL_FLAGS = rte_mbuf.ol_flags$offset();
    public static final long PACKET_TYPE = rte_mbuf.packet_type$offset();
    public static final long PKT_LEN = rte_mbuf.pkt_len$offset();
    public static final long DATA_LEN = rte_mbuf.data_len$offset();
    public static final long VLAN_TCI = rte_mbuf.vlan_tci$offset();
    public static final long VLAN_TCI_OUTER = rte_mbuf.vlan_tci_outer$offset();
    public static final long BUF_LEN = rte_mbuf.buf_len$offset();
    public static final long POOL = rte_mbuf.pool$offset();
    public static final long NEXT = rte_mbuf.next$offset();
    public static final long TX_OFFLOAD = rte_mbuf.tx_offload$offset();

    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;
    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED;
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;

    private Mbufs() {
    }

    /** {@code rte_pktmbuf_mtod}: the address of the first byte of packet data. */
    public static long dataAddress(long mbuf) {
        return NATIVE.get(LONG, mbuf + BUF_ADDR) + Short.toUnsignedLong(NATIVE.get(SHORT, mbuf + DATA_OFF));
    }

    /** Bytes of packet data in this segment. */
    public static int dataLength(long mbuf) {
        return Short.toUnsignedInt(NATIVE.get(SHORT, mbuf + DATA_LEN));
    }

    /** Bytes of packet data over all segments. */
    public static int packetLength(long mbuf) {
        return NATIVE.get(INT, mbuf + PKT_LEN);
    }

    /** Number of segments in the chain. */
    public static int segmentCount(long mbuf) {
        return Short.toUnsignedInt(NATIVE.get(SHORT, mbuf + NB_SEGS));
    }

    /** Offload flags ({@code RTE_MBUF_F_*}). */
    public static long offloadFlags(long mbuf) {
        return NATIVE.get(LONG, mbuf + OL_FLAGS);
    }


    /**
     * Describes {@code length} bytes at {@code data} in a zeroed {@code struct rte_mbuf} that belongs to no pool:
     * one segment, no headroom, no offload flags. For synthetic mbufs that are read, never freed.
     */
    public static void describeDetached(long mbuf, long data, int length) {
        NATIVE.set(LONG, mbuf + BUF_ADDR, data);
        NATIVE.set(SHORT, mbuf + DATA_OFF, (short) 0);
        NATIVE.set(SHORT, mbuf + NB_SEGS, (short) 1);
        NATIVE.set(LONG, mbuf + OL_FLAGS, 0L);
        setLength(mbuf, length);
    }

    /** Sets data and packet length of a single-segment mbuf. */
    public static void setLength(long mbuf, int length) {
        NATIVE.set(SHORT, mbuf + DATA_LEN, (short) length);
        NATIVE.set(INT, mbuf + PKT_LEN, length);
    }


    /**
     * {@code rte_pktmbuf_reset} for a single-segment mbuf fresh from the pool (static inline in DPDK):
     * empty, headroom restored, no offloads.
     */
    public static void reset(long mbuf, int headroom) {
        NATIVE.set(LONG, mbuf + NEXT, 0L);
        NATIVE.set(INT, mbuf + PKT_LEN, 0);
        NATIVE.set(LONG, mbuf + TX_OFFLOAD, 0L);
        NATIVE.set(SHORT, mbuf + VLAN_TCI, (short) 0);
        NATIVE.set(SHORT, mbuf + VLAN_TCI_OUTER, (short) 0);
        NATIVE.set(SHORT, mbuf + NB_SEGS, (short) 1);
        NATIVE.set(SHORT, mbuf + PORT, (short) -1);
        NATIVE.set(LONG, mbuf + OL_FLAGS, NATIVE.get(LONG, mbuf + OL_FLAGS) & EXTERNAL_BUFFER_FLAG);
        NATIVE.set(INT, mbuf + PACKET_TYPE, 0);
        int bufLen = Short.toUnsignedInt(NATIVE.get(SHORT, mbuf + BUF_LEN));
        NATIVE.set(SHORT, mbuf + DATA_OFF, (short) Math.min(headroom, bufLen));
        NATIVE.set(SHORT, mbuf + DATA_LEN, (short) 0);
    }

    /** {@code RTE_MBUF_F_EXTERNAL}: the one flag a reset keeps. */
    private static final long EXTERNAL_BUFFER_FLAG = 1L << 61;
}
