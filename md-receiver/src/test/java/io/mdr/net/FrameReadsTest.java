package io.mdr.net;

import io.mdr.mold.MoldUdp64Packet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The parsers' unchecked reads: the same values as Agrona's checked ones, and extents past the buffer refused. */
class FrameReadsTest {
    @Property(tries = 300)
    void readsAsAgronaDoesOnHeapAndNativeBuffers(@ForAll @Size(min = 9, max = 64) byte[] bytes,
                                                 @ForAll @IntRange(min = 0, max = 56) int index) {
        int at = Math.min(index, bytes.length - Long.BYTES);
        UnsafeBuffer heap = new UnsafeBuffer(bytes);
        UnsafeBuffer offHeap = new UnsafeBuffer(BufferUtil.allocateDirectAligned(64, 64), 0, bytes.length);
        offHeap.putBytes(0, bytes);
        // A view that starts inside its array: the reads must honour the wrap adjustment.
        UnsafeBuffer shifted = new UnsafeBuffer(bytes, 1, bytes.length - 1);
        for (UnsafeBuffer buffer : new UnsafeBuffer[] {heap, offHeap}) {
            assertEquals(buffer.getByte(at) & 0xFF, FrameReads.u8(buffer, at));
            assertEquals(buffer.getShort(at, ByteOrder.BIG_ENDIAN) & 0xFFFF, FrameReads.u16(buffer, at));
            assertEquals(buffer.getInt(at, ByteOrder.BIG_ENDIAN), FrameReads.i32(buffer, at));
            assertEquals(buffer.getLong(at, ByteOrder.BIG_ENDIAN), FrameReads.i64(buffer, at));
            // The reads with the buffer's memory taken once, as the parsers make them.
            Object base = buffer.byteArray();
            long address = buffer.addressOffset();
            assertEquals(buffer.getByte(at) & 0xFF, FrameReads.u8(buffer, base, address, at));
            assertEquals(buffer.getShort(at, ByteOrder.BIG_ENDIAN) & 0xFFFF, FrameReads.u16(buffer, base, address, at));
            assertEquals(buffer.getInt(at, ByteOrder.BIG_ENDIAN), FrameReads.i32(buffer, base, address, at));
            assertEquals(buffer.getLong(at, ByteOrder.BIG_ENDIAN), FrameReads.i64(buffer, base, address, at));
            // The read at an absolute position, as the MoldUDP64 walk keeps its place.
            assertEquals(buffer.getByte(at) & 0xFF, FrameReads.u8At(buffer, base, address, address + at));
        }
        int inShifted = Math.min(at, shifted.capacity() - Long.BYTES);
        assertEquals(shifted.getLong(inShifted, ByteOrder.BIG_ENDIAN), FrameReads.i64(shifted, inShifted));
        assertEquals(shifted.getLong(inShifted, ByteOrder.BIG_ENDIAN),
                FrameReads.i64(shifted, shifted.byteArray(), shifted.addressOffset(), inShifted));
    }

    @Test
    void theBuildsTestsCheckEveryReadAndOnePastTheBufferThrows() {
        assertTrue(FrameReads.checked(), "the build sets -Dio.mdr.net.checkFrameReads=true for tests");
        UnsafeBuffer buffer = new UnsafeBuffer(new byte[16]);
        assertEquals(0, FrameReads.i64(buffer, 8));
        assertThrows(IndexOutOfBoundsException.class, () -> FrameReads.i64(buffer, 9));
        assertThrows(IndexOutOfBoundsException.class, () -> FrameReads.u8(buffer, 16));
        assertThrows(IndexOutOfBoundsException.class,
                () -> FrameReads.i64(buffer, buffer.byteArray(), buffer.addressOffset(), 9));
        assertThrows(IndexOutOfBoundsException.class,
                () -> FrameReads.u16(buffer, buffer.byteArray(), buffer.addressOffset(), 15));
        long address = buffer.addressOffset();
        assertEquals(0, FrameReads.u8At(buffer, buffer.byteArray(), address, address + 15));
        assertThrows(IndexOutOfBoundsException.class,
                () -> FrameReads.u8At(buffer, buffer.byteArray(), address, address + 16));
        assertThrows(IndexOutOfBoundsException.class,
                () -> FrameReads.u8At(buffer, buffer.byteArray(), address, address - 1));
    }

    @Test
    void extentsPastTheBufferAreDropsNotReads() {
        assertTrue(FrameReads.inside(new UnsafeBuffer(new byte[64]), 0, 64));
        assertTrue(FrameReads.inside(new UnsafeBuffer(new byte[64]), 64, 0));
        assertEquals(false, FrameReads.inside(new UnsafeBuffer(new byte[64]), 1, 64));
        assertEquals(false, FrameReads.inside(new UnsafeBuffer(new byte[64]), -1, 8));
        assertEquals(false, FrameReads.inside(new UnsafeBuffer(new byte[64]), 8, Integer.MAX_VALUE));

        // A valid frame in a buffer, and a caller that claims more bytes than the buffer has.
        byte[] payload = new byte[MoldUdp64Packet.HEADER_LENGTH];
        UnsafeBuffer frame = new UnsafeBuffer(new byte[128]);
        int length = new UdpFrameBuilder().dstIp("233.54.12.111").dstPort(26477)
                .build(frame, new UnsafeBuffer(payload), 0, payload.length);
        UdpFrame udp = new UdpFrame();
        assertEquals(null, udp.parse(frame, 0, length));
        assertEquals(DropReason.ETHERNET_TRUNCATED, udp.parse(frame, 0, frame.capacity() + 1));
        assertEquals(DropReason.ETHERNET_TRUNCATED, udp.parse(frame, frame.capacity() - 20, 40));
        assertEquals(DropReason.ETHERNET_TRUNCATED, udp.parse(frame, -4, length));

        MoldUdp64Packet mold = new MoldUdp64Packet();
        assertEquals(null, mold.wrap(frame, udp.payloadOffset(), udp.payloadLength()));
        assertEquals(DropReason.MOLD_TRUNCATED, mold.wrap(frame, frame.capacity() - 10, 30));
        assertEquals(0, mold.sequenceNumber());
        assertEquals(0, mold.messageCount());
    }
}
