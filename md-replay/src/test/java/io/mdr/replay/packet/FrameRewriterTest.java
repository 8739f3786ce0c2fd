package io.mdr.replay.packet;

import io.mdr.net.UdpFrameBuilder;
import io.mdr.net.PacketHeaders;

import io.mdr.replay.capture.AllocationMeter;
import io.mdr.replay.capture.CaptureReader;
import io.mdr.replay.capture.SharedCaptures;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;

import static io.mdr.replay.packet.Checksums.u16;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameRewriterTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final long NEW_MAC = 0x01005E010203L;
    private static final int NEW_GROUP = PacketHeaders.parseIpv4("239.1.2.3");
    private static final int NEW_PORT = 30001;
    private static final FrameRewriter REWRITER = new FrameRewriter(NEW_GROUP, NEW_PORT);

    /** An IPv4/UDP frame with a UDP checksum and DF set, untagged or with one 802.1Q tag. */
    private static byte[] frame(boolean tagged) {
        UdpFrameBuilder builder = new UdpFrameBuilder().srcMac("d4:af:f7:cb:20:d5")
                .srcIp("206.200.127.138").srcPort(49653).dstIp("233.54.12.111").dstPort(26477)
                .ttl(21).dontFragment(true).identification(0xBBAB).udpChecksum(true);
        if (tagged) {
            builder.vlan(141);
        }
        byte[] payload = new byte[41];
        Arrays.fill(payload, (byte) 0x5A);
        byte[] frame = new byte[200];
        int length = builder.build(new UnsafeBuffer(frame), new UnsafeBuffer(payload), 0, payload.length);
        return Arrays.copyOf(frame, length);
    }

    /** Inserts an outer tag after the MAC addresses. */
    private static byte[] withOuterTag(byte[] frame, int tpid, int tci) {
        byte[] tagged = new byte[frame.length + 4];
        System.arraycopy(frame, 0, tagged, 0, 12);
        tagged[12] = (byte) (tpid >>> 8);
        tagged[13] = (byte) tpid;
        tagged[14] = (byte) (tci >>> 8);
        tagged[15] = (byte) tci;
        System.arraycopy(frame, 12, tagged, 16, frame.length - 12);
        return tagged;
    }

    /** Rewrites and checks every byte: the destination fields changed, the checksums right, the rest untouched. */
    private static void assertRewritten(byte[] original, int ip) {
        byte[] frame = original.clone();
        assertTrue(REWRITER.rewrite(new UnsafeBuffer(frame), 0, frame.length));
        int udp = ip + (original[ip] & 0x0F) * 4;
        assertEquals("01005e010203", HEX.formatHex(frame, 0, 6));
        assertEquals("ef010203", HEX.formatHex(frame, ip + 16, ip + 20));
        assertEquals(NEW_PORT, u16(frame, udp + 2));
        assertEquals(0, u16(frame, udp + 6), "UDP checksum zeroed");
        assertTrue(Checksums.ipv4HeaderChecksumValid(frame, ip), "IPv4 header checksum");
        assertUnchangedExcept(original, frame, new int[][] {
                {0, 6}, {ip + 10, ip + 12}, {ip + 16, ip + 20}, {udp + 2, udp + 4}, {udp + 6, udp + 8}});
    }

    private static void assertUnchangedExcept(byte[] original, byte[] frame, int[][] ranges) {
        assertEquals(original.length, frame.length);
        for (int i = 0; i < original.length; i++) {
            boolean inRange = false;
            for (int[] range : ranges) {
                inRange |= i >= range[0] && i < range[1];
            }
            if (!inRange) {
                assertEquals(original[i], frame[i], "byte " + i + " must not change");
            }
        }
    }

    @Test
    void untagged() {
        assertRewritten(frame(false), 14);
    }

    @Test
    void oneVlanTag() {
        assertRewritten(frame(true), 18);
    }

    @ParameterizedTest
    @ValueSource(ints = {0x88A8, 0x9100, 0x8100})
    void twoVlanTags(int outerTpid) {
        assertRewritten(withOuterTag(frame(true), outerTpid, 0x0064), 22);
    }

    @Test
    void threeVlanTagsAreRefused() {
        byte[] frame = withOuterTag(withOuterTag(frame(true), 0x88A8, 0x0064), 0x88A8, 0x0065);
        assertUntouched(frame);
    }

    @Test
    void frameAtAnOffsetInsideALargerBuffer() {
        byte[] frame = frame(true);
        byte[] buffer = new byte[frame.length + 13];
        Arrays.fill(buffer, (byte) 0xEE);
        System.arraycopy(frame, 0, buffer, 5, frame.length);
        assertTrue(REWRITER.rewrite(new UnsafeBuffer(buffer), 5, frame.length));
        byte[] expected = frame.clone();
        assertTrue(REWRITER.rewrite(new UnsafeBuffer(expected), 0, expected.length));
        assertArrayEquals(expected, Arrays.copyOfRange(buffer, 5, 5 + frame.length));
        for (int i : new int[] {0, 1, 2, 3, 4, 5 + frame.length, buffer.length - 1}) {
            assertEquals((byte) 0xEE, buffer[i], "byte " + i + " outside the frame");
        }
    }

    @Test
    void notIpv4OrNotUdpIsRefused() {
        for (int etherType : new int[] {0x0806, 0x86DD, 0x88CC}) {
            byte[] frame = frame(false);
            frame[12] = (byte) (etherType >>> 8);
            frame[13] = (byte) etherType;
            assertUntouched(frame);
            byte[] tagged = frame(true);
            tagged[16] = (byte) (etherType >>> 8);
            tagged[17] = (byte) etherType;
            assertUntouched(tagged);
        }
        byte[] tcp = frame(true);
        tcp[18 + 9] = 6;
        assertUntouched(tcp);
        byte[] version6 = frame(false);
        version6[14] = 0x65;
        assertUntouched(version6);
        byte[] shortHeader = frame(false);
        shortHeader[14] = 0x44;
        assertUntouched(shortHeader);
    }

    @Test
    void tooShortIsRefusedAtEveryLength() {
        for (byte[] frame : new byte[][] {frame(false), frame(true), withOuterTag(frame(true), 0x88A8, 1)}) {
            int headers = frame.length - 41; // Ethernet, tags, IPv4 and UDP headers
            for (int length = 0; length < headers; length++) {
                byte[] copy = frame.clone();
                assertFalse(REWRITER.rewrite(new UnsafeBuffer(copy), 0, length), "length " + length);
                assertArrayEquals(frame, copy, "length " + length + " must leave the frame alone");
            }
            byte[] copy = frame.clone();
            assertTrue(REWRITER.rewrite(new UnsafeBuffer(copy), 0, headers), "headers alone are enough");
        }
    }

    @Test
    void ipv4OptionsMoveTheUdpHeader() {
        byte[] plain = frame(true);
        byte[] frame = new byte[plain.length + 4];
        System.arraycopy(plain, 0, frame, 0, 18 + 20);
        Arrays.fill(frame, 18 + 20, 18 + 24, (byte) 0x01); // four NOP options
        System.arraycopy(plain, 18 + 20, frame, 18 + 24, plain.length - 18 - 20);
        frame[18] = 0x46;
        int totalLength = u16(plain, 18 + 2) + 4;
        frame[18 + 2] = (byte) (totalLength >>> 8);
        frame[18 + 3] = (byte) totalLength;
        frame[18 + 10] = 0;
        frame[18 + 11] = 0;
        int checksum = Checksums.internetChecksum(frame, 18, 24);
        frame[18 + 10] = (byte) (checksum >>> 8);
        frame[18 + 11] = (byte) checksum;
        assertTrue(Checksums.ipv4HeaderChecksumValid(frame, 18));
        assertRewritten(frame, 18);
    }

    @Test
    void laterFragmentsGetTheirAddressRewrittenOnly() {
        byte[] original = frame(true);
        original[18 + 6] = 0x00;
        original[18 + 7] = (byte) 0xB9; // fragment offset 185 (1480 bytes): no UDP header here
        original[18 + 10] = 0;
        original[18 + 11] = 0;
        int checksum = Checksums.internetChecksum(original, 18, 20);
        original[18 + 10] = (byte) (checksum >>> 8);
        original[18 + 11] = (byte) checksum;
        byte[] frame = original.clone();
        assertTrue(REWRITER.rewrite(new UnsafeBuffer(frame), 0, frame.length));
        assertEquals("01005e010203", HEX.formatHex(frame, 0, 6));
        assertEquals("ef010203", HEX.formatHex(frame, 18 + 16, 18 + 20));
        assertTrue(Checksums.ipv4HeaderChecksumValid(frame, 18));
        assertUnchangedExcept(original, frame, new int[][] {{0, 6}, {18 + 10, 18 + 12}, {18 + 16, 18 + 20}});
    }

    @Test
    void unicastDestination() {
        FrameRewriter unicast = new FrameRewriter(0x001122334455L, PacketHeaders.parseIpv4("192.168.7.9"), 7);
        byte[] frame = frame(false);
        assertTrue(unicast.rewrite(new UnsafeBuffer(frame), 0, frame.length));
        assertEquals("001122334455", HEX.formatHex(frame, 0, 6));
        assertEquals("c0a80709", HEX.formatHex(frame, 14 + 16, 14 + 20));
        assertEquals(7, u16(frame, 14 + 20 + 2));
        assertTrue(Checksums.ipv4HeaderChecksumValid(frame, 14));
        assertThrows(IllegalArgumentException.class, () -> new FrameRewriter(PacketHeaders.parseIpv4("10.0.0.1"), 1),
                "no MAC can be derived for a unicast address");
        assertThrows(IllegalArgumentException.class, () -> new FrameRewriter(NEW_GROUP, 70_000));
        assertEquals(NEW_MAC, REWRITER.dstMac());
    }

    @Test
    void realCaptureFramesRewrite() throws IOException {
        try (CaptureReader reader = CaptureReader.open(SharedCaptures.require(SharedCaptures.MULTIPLE_PACKETS))) {
            while (reader.next()) {
                byte[] original = reader.segment().asSlice(reader.packetOffset(), reader.capturedLength())
                        .toArray(ValueLayout.JAVA_BYTE);
                assertTrue(Checksums.ipv4HeaderChecksumValid(original, 18), "the capture's own checksum");
                assertRewritten(original, 18);
            }
        }
    }

    @Test
    void rewritingAllocatesNothing() throws Exception {
        byte[] frame = withOuterTag(frame(true), 0x88A8, 3);
        UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(frame.length));
        buffer.putBytes(0, frame);
        long bytes = AllocationMeter.bytesAllocated(() -> {
            for (int i = 0; i < 20_000; i++) {
                REWRITER.rewrite(buffer, 0, frame.length);
            }
        });
        assertTrue(bytes < AllocationMeter.NOISE_BYTES, bytes + " bytes allocated for 20,000 rewrites");
    }

    private static void assertUntouched(byte[] frame) {
        byte[] copy = frame.clone();
        assertFalse(REWRITER.rewrite(new UnsafeBuffer(copy), 0, copy.length));
        assertArrayEquals(frame, copy);
    }
}
