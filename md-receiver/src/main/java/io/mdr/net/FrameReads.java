package io.mdr.net;

import org.agrona.DirectBuffer;
import org.agrona.UnsafeApi;

/**
 * Big-endian reads of a packet's fields without Agrona's check of each read against the buffer: for parsers that
 * check the extent they were given against the buffer once ({@link #inside}), then every field against the lengths
 * they have read, before they read it. Agrona's per-read check repeats theirs, and on a one-message packet its
 * dozen or so cost about a tenth of the pipeline's time (JFR, {@code BurstBenchmark}).
 *
 * <p>Only for offsets that such a check has proven to lie inside the buffer: a read past it is not an exception
 * here but a read of whatever memory follows. {@code UdpFrame}, {@code MoldUdp64Packet} and the blocks a valid
 * {@code MoldUdp64Packet} describes are the only users.
 */
public final class FrameReads {
    /**
     * With {@code -Dio.mdr.net.checkFrameReads=true} (the build's tests) every read is checked against the buffer after
     * all, and one past it throws: the fuzz tests then catch a parser that reads outside its frame. A constant, so the
     * check costs nothing when off.
     */
    private static final boolean CHECKED = Boolean.getBoolean("io.mdr.net.checkFrameReads");

    private FrameReads() {
    }

    /** Whether reads are checked ({@code -Dio.mdr.net.checkFrameReads=true}). */
    public static boolean checked() {
        return CHECKED;
    }

    /** Whether {@code [offset, offset + length)} lies inside {@code buffer}'s capacity. */
    public static boolean inside(DirectBuffer buffer, int offset, int length) {
        return offset >= 0 && length >= 0 && length <= buffer.capacity() - offset;
    }

    /**
     * The unsigned byte at {@code index}, read at {@code address + index} of {@code base}: the buffer's
     * {@link DirectBuffer#byteArray()} and {@link DirectBuffer#addressOffset()}, which a parser reads once per frame.
     * Through the buffer, each read loads both again and checks the buffer's class first: C2 may not reuse them
     * across an {@code Unsafe} read of a base that may be on the heap. {@code buffer} serves the checked mode only.
     */
    public static int u8(DirectBuffer buffer, Object base, long address, int index) {
        check(buffer, index, Byte.BYTES);
        return UnsafeApi.getByte(base, address + index) & 0xFF;
    }

    /**
     * The unsigned byte at the absolute position {@code at} ({@code address} plus an index): for a walk that keeps its
     * place as a long, so that no int-to-long extension lies between one read and the next that depends on it.
     */
    public static int u8At(DirectBuffer buffer, Object base, long address, long at) {
        check(buffer, (int) (at - address), Byte.BYTES);
        return UnsafeApi.getByte(base, at) & 0xFF;
    }

    /** The unsigned big-endian short at {@code index}, as {@link #u8(DirectBuffer, Object, long, int)} reads. */
    public static int u16(DirectBuffer buffer, Object base, long address, int index) {
        check(buffer, index, Short.BYTES);
        return Short.reverseBytes(UnsafeApi.getShort(base, address + index)) & 0xFFFF;
    }

    /** The big-endian int at {@code index}, as {@link #u8(DirectBuffer, Object, long, int)} reads. */
    public static int i32(DirectBuffer buffer, Object base, long address, int index) {
        check(buffer, index, Integer.BYTES);
        return Integer.reverseBytes(UnsafeApi.getInt(base, address + index));
    }

    /** The big-endian long at {@code index}, as {@link #u8(DirectBuffer, Object, long, int)} reads. */
    public static long i64(DirectBuffer buffer, Object base, long address, int index) {
        check(buffer, index, Long.BYTES);
        return Long.reverseBytes(UnsafeApi.getLong(base, address + index));
    }

    /** The unsigned byte at {@code index}. */
    public static int u8(DirectBuffer buffer, int index) {
        check(buffer, index, Byte.BYTES);
        return UnsafeApi.getByte(buffer.byteArray(), buffer.addressOffset() + index) & 0xFF;
    }

    /** The unsigned big-endian 16-bit field at {@code index}. */
    public static int u16(DirectBuffer buffer, int index) {
        check(buffer, index, Short.BYTES);
        return Short.reverseBytes(UnsafeApi.getShort(buffer.byteArray(), buffer.addressOffset() + index)) & 0xFFFF;
    }

    /** The big-endian 32-bit field at {@code index}. */
    public static int i32(DirectBuffer buffer, int index) {
        check(buffer, index, Integer.BYTES);
        return Integer.reverseBytes(UnsafeApi.getInt(buffer.byteArray(), buffer.addressOffset() + index));
    }

    /** The big-endian 64-bit field at {@code index}. */
    public static long i64(DirectBuffer buffer, int index) {
        check(buffer, index, Long.BYTES);
        return Long.reverseBytes(UnsafeApi.getLong(buffer.byteArray(), buffer.addressOffset() + index));
    }

    private static void check(DirectBuffer buffer, int index, int length) {
        if (CHECKED) {
            buffer.boundsCheck(index, length);
        }
    }
}
