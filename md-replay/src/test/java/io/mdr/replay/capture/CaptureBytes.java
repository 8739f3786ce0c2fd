package io.mdr.replay.capture;

import org.agrona.concurrent.UnsafeBuffer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Capture files built by hand, byte by byte from the format descriptions (libpcap's pcap-savefile(5) and
 * the pcapng draft), independent of the code under test.
 */
final class CaptureBytes {
    static final int PCAP_MICROS = 0xA1B2C3D4;
    static final int PCAP_NANOS = 0xA1B23C4D;

    /**
     * OrderDeleteMessage.pcap converted by Wireshark's {@code editcap -F pcapng} (4.0.17): a pcapng file written
     * by another tool (SHB with shb_userappl, IDB with if_tsresol 9, one EPB).
     */
    static final String EDITCAP_ORDER_DELETE_PCAPNG = ""
            + "0a0d0d0a6c0000004d3c2b1a01000000ffffffffffffffff0400450045646974636170202857697265736861726b2920"
            + "342e302e313720284769742076342e302e3137207061636b6167656420617320342e302e31372d302b64656231327533"
            + "29000000000000006c000000010000002000000001000000000004000900010009000000000000002000000006000000"
            + "7800000000000000afb77d17225a66a6570000005700000001005e360c6fd4aff7cb20d58100008d080045000045bbab"
            + "400015116604cec87f8ae9360c6fc1f5676d00315df5303030303130303539420000000000e12f5a00010013440dbd00"
            + "001f1aced85ad80000000001668bd60078000000";

    /** A packet as a test expects to read it back. */
    record Packet(long timestampNanos, byte[] data, int originalLength) {
        Packet(long timestampNanos, byte[] data) {
            this(timestampNanos, data, data.length);
        }
    }

    private CaptureBytes() {
    }

    /** Distinct, recognisable packet contents. */
    static byte[] data(int length, int seed) {
        byte[] data = new byte[length];
        for (int i = 0; i < length; i++) {
            data[i] = (byte) (seed * 31 + i * 7);
        }
        return data;
    }

    /** Every packet of a capture, its bytes copied out; checks the offset and address views agree. */
    static List<Packet> readAll(java.nio.file.Path file) throws IOException {
        try (CaptureReader reader = CaptureReader.open(file)) {
            return readAll(reader);
        }
    }

    static List<Packet> readAll(CaptureReader reader) throws CaptureFormatException {
        List<Packet> packets = new ArrayList<>();
        while (reader.next()) {
            int length = reader.capturedLength();
            byte[] data = reader.segment().asSlice(reader.packetOffset(), length).toArray(ValueLayout.JAVA_BYTE);
            byte[] viaAddress = new byte[length];
            new UnsafeBuffer(reader.packetAddress(), length).getBytes(0, viaAddress);
            assertArrayEquals(data, viaAddress, "packet bytes at packetOffset() and packetAddress() differ");
            packets.add(new Packet(reader.timestampNanos(), data, reader.originalLength()));
        }
        return packets;
    }

    static void assertSamePackets(List<Packet> expected, List<Packet> actual) {
        assertEquals(expected.size(), actual.size(), "packet count");
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).timestampNanos(), actual.get(i).timestampNanos(), "timestamp of packet " + i);
            assertEquals(expected.get(i).originalLength(), actual.get(i).originalLength(), "original length of packet " + i);
            assertArrayEquals(expected.get(i).data(), actual.get(i).data(), "bytes of packet " + i);
        }
    }

    /** A libpcap file: 24-byte header, then per packet a 16-byte record header and the captured bytes. */
    static byte[] pcap(ByteOrder order, boolean nanos, int snapLength, int linkType, List<Packet> packets) {
        int size = 24;
        for (Packet packet : packets) {
            size += 16 + packet.data().length;
        }
        ByteBuffer out = ByteBuffer.allocate(size).order(order);
        out.putInt(nanos ? PCAP_NANOS : PCAP_MICROS).putShort((short) 2).putShort((short) 4)
                .putInt(0).putInt(0).putInt(snapLength).putInt(linkType);
        for (Packet packet : packets) {
            long seconds = packet.timestampNanos() / 1_000_000_000L;
            long nanosOfSecond = packet.timestampNanos() % 1_000_000_000L;
            out.putInt((int) seconds)
                    .putInt((int) (nanos ? nanosOfSecond : nanosOfSecond / 1000))
                    .putInt(packet.data().length)
                    .putInt(packet.originalLength())
                    .put(packet.data());
        }
        return out.array();
    }

    /** Offsets of the record headers of a pcap built by {@link #pcap}. */
    static List<Long> pcapRecordOffsets(List<Packet> packets) {
        List<Long> offsets = new ArrayList<>();
        long offset = 24;
        for (Packet packet : packets) {
            offsets.add(offset);
            offset += 16 + packet.data().length;
        }
        return offsets;
    }

    /** A pcapng file, block by block. */
    static final class Pcapng {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final List<Long> blockOffsets = new ArrayList<>();
        private ByteOrder order = ByteOrder.LITTLE_ENDIAN;

        /** Section Header Block, version 1.0, section length unknown (-1), with an shb_userappl option. */
        Pcapng section(ByteOrder order) {
            this.order = order;
            byte[] application = "md-replay test".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            ByteBuffer body = body(16 + option(application.length) + 4);
            body.putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1L);
            putOption(body, 4, application);
            body.putShort((short) 0).putShort((short) 0);
            return block(0x0A0D0D0A, body);
        }

        /** Interface Description Block with optional if_tsresol and if_tsoffset. */
        Pcapng interfaceDescription(int linkType, int snapLength, Integer tsresol, Long tsoffsetSeconds) {
            int options = (tsresol != null ? option(1) : 0) + (tsoffsetSeconds != null ? option(8) : 0);
            ByteBuffer body = body(8 + options + (options > 0 ? 4 : 0));
            body.putShort((short) linkType).putShort((short) 0).putInt(snapLength);
            if (tsresol != null) {
                putOption(body, 9, new byte[] {(byte) (int) tsresol});
            }
            if (tsoffsetSeconds != null) {
                putOption(body, 14, ByteBuffer.allocate(8).order(order).putLong(tsoffsetSeconds).array());
            }
            if (options > 0) {
                body.putShort((short) 0).putShort((short) 0);
            }
            return block(1, body);
        }

        /** Enhanced Packet Block; with {@code flagsOption} an epb_flags option follows the padded data. */
        Pcapng enhancedPacket(int interfaceId, long ticks, byte[] data, int originalLength, boolean flagsOption) {
            ByteBuffer body = body(20 + pad(data.length) + (flagsOption ? option(4) + 4 : 0));
            body.putInt(interfaceId).putInt((int) (ticks >>> 32)).putInt((int) ticks)
                    .putInt(data.length).putInt(originalLength).put(data);
            body.position(20 + pad(data.length));
            if (flagsOption) {
                putOption(body, 2, ByteBuffer.allocate(4).order(order).putInt(1).array());
                body.putShort((short) 0).putShort((short) 0);
            }
            return block(6, body);
        }

        /** The obsolete Packet Block: 16-bit interface id and drop count, then as an Enhanced Packet Block. */
        Pcapng obsoletePacket(int interfaceId, long ticks, byte[] data) {
            ByteBuffer body = body(20 + pad(data.length));
            body.putShort((short) interfaceId).putShort((short) 0).putInt((int) (ticks >>> 32)).putInt((int) ticks)
                    .putInt(data.length).putInt(data.length).put(data);
            return block(2, body);
        }

        /** Simple Packet Block holding {@code data} (already cut to the interface's snaplen). */
        Pcapng simplePacket(byte[] data, int originalLength) {
            ByteBuffer body = body(4 + pad(data.length));
            body.putInt(originalLength).put(data);
            return block(3, body);
        }

        /**
         * Any other block, which a reader skips, with a zero-filled body: valid as it stands for a Name
         * Resolution Block (one end-of-records entry), an Interface Statistics Block (interface 0, time 0,
         * no options), a Decryption Secrets Block of length 0 and a custom block.
         */
        Pcapng otherBlock(int type, int bodyLength) {
            return block(type, body(pad(bodyLength)));
        }

        /** Offsets of every block so far, in order. */
        List<Long> blockOffsets() {
            return List.copyOf(blockOffsets);
        }

        byte[] bytes() {
            return out.toByteArray();
        }

        private ByteBuffer body(int length) {
            return ByteBuffer.allocate(length).order(order);
        }

        private Pcapng block(int type, ByteBuffer body) {
            int total = 12 + body.capacity();
            ByteBuffer block = ByteBuffer.allocate(total).order(order);
            block.putInt(type).putInt(total).put(body.array()).putInt(total);
            blockOffsets.add((long) out.size());
            out.writeBytes(block.array());
            return this;
        }

        private static int pad(int length) {
            return (length + 3) & ~3;
        }

        private static int option(int valueLength) {
            return 4 + pad(valueLength);
        }

        private void putOption(ByteBuffer body, int code, byte[] value) {
            body.putShort((short) code).putShort((short) value.length).put(value);
            body.position(body.position() + pad(value.length) - value.length);
        }
    }
}
