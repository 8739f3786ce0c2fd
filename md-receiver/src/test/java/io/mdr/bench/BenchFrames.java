package io.mdr.bench;

import io.mdr.itch.AddOrderEncoder;
import io.mdr.itch.OrderCancelEncoder;
import io.mdr.itch.OrderDeleteEncoder;
import io.mdr.itch.OrderExecutedEncoder;
import io.mdr.itch.OrderReplaceEncoder;
import io.mdr.mold.MoldUdp64Packet;
import org.agrona.BufferUtil;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/**
 * The benchmarks' input, written byte by byte: an 802.1Q-tagged Ethernet / IPv4 / UDP frame carrying one
 * MoldUDP64 packet of ITCH 5.0 messages, in native memory as an mbuf's data would be. md-replay has frame
 * builders, but md-receiver cannot depend on md-replay, and a benchmark's input should be plain to read.
 *
 * <p>Messages cycle through a book-building mix: Add Order (36 bytes), Order Executed (31), Order Cancel (23),
 * Order Delete (19), Order Replace (35); a 1-message packet is one Add Order.
 */
final class BenchFrames {
    static final int GROUP = 0xE9360C6F;          // 233.54.12.111
    static final int PORT = 26477;
    static final int SOURCE = 0x0A010101;         // 10.1.1.1
    static final int SOURCE_PORT = 49653;
    static final String SESSION = "BENCH00001";
    static final int VLAN_ID = 100;

    static final int ETHERNET = 14;
    static final int VLAN_TAG = 4;
    static final int IPV4 = 20;
    static final int UDP = 8;
    /** Offset of the MoldUDP64 packet (its session field) in the frame. */
    static final int MOLD_OFFSET = ETHERNET + VLAN_TAG + IPV4 + UDP;
    /** Offset of the MoldUDP64 sequence number in the frame: the benchmarks rewrite it in place. */
    static final int SEQUENCE_OFFSET = MOLD_OFFSET + MoldUdp64Packet.SEQUENCE_OFFSET;
    /** Room for any frame here (a 20-message packet is about 680 bytes); an mbuf's data room is 2 KiB. */
    static final int CAPACITY = 2048;

    private static final long BASE_TIMESTAMP = 34_200_000_000_000L; // 09:30:00 in ns since midnight

    private BenchFrames() {
    }

    /** A zeroed, cache-line aligned buffer in native memory. */
    static UnsafeBuffer nativeBuffer(int capacity) {
        return new UnsafeBuffer(BufferUtil.allocateDirectAligned(capacity, 64));
    }

    /**
     * Writes the frame at offset 0 of {@code buffer}: {@code messages} ITCH messages from sequence
     * {@code firstSequence}.
     *
     * @return the frame's length
     */
    static int writeFrame(MutableDirectBuffer buffer, int messages, long firstSequence) {
        int blocksLength = writeBlocks(buffer, MOLD_OFFSET + MoldUdp64Packet.HEADER_LENGTH, messages);
        int moldLength = MoldUdp64Packet.HEADER_LENGTH + blocksLength;
        int udpLength = UDP + moldLength;
        int ipLength = IPV4 + udpLength;

        // Ethernet: destination is the group's multicast MAC (01:00:5e + low 23 bits of the group)
        buffer.putInt(0, 0x01005E00 | ((GROUP >>> 16) & 0x7F), ByteOrder.BIG_ENDIAN);
        buffer.putShort(4, (short) GROUP, ByteOrder.BIG_ENDIAN);
        buffer.putInt(6, 0x02000000, ByteOrder.BIG_ENDIAN);
        buffer.putShort(10, (short) 0x0001, ByteOrder.BIG_ENDIAN);
        buffer.putShort(12, (short) 0x8100, ByteOrder.BIG_ENDIAN);
        // 802.1Q: priority 0, VLAN id, then the inner EtherType
        buffer.putShort(14, (short) VLAN_ID, ByteOrder.BIG_ENDIAN);
        buffer.putShort(16, (short) 0x0800, ByteOrder.BIG_ENDIAN);

        int ip = ETHERNET + VLAN_TAG;
        buffer.putByte(ip, (byte) 0x45);                                   // IPv4, 5 words of header
        buffer.putByte(ip + 1, (byte) 0);
        buffer.putShort(ip + 2, (short) ipLength, ByteOrder.BIG_ENDIAN);
        buffer.putShort(ip + 4, (short) 0, ByteOrder.BIG_ENDIAN);           // identification
        buffer.putShort(ip + 6, (short) 0x4000, ByteOrder.BIG_ENDIAN);      // don't fragment
        buffer.putByte(ip + 8, (byte) 64);                                 // TTL
        buffer.putByte(ip + 9, (byte) 17);                                 // UDP
        buffer.putShort(ip + 10, (short) 0, ByteOrder.BIG_ENDIAN);
        buffer.putInt(ip + 12, SOURCE, ByteOrder.BIG_ENDIAN);
        buffer.putInt(ip + 16, GROUP, ByteOrder.BIG_ENDIAN);
        buffer.putShort(ip + 10, ipv4Checksum(buffer, ip), ByteOrder.BIG_ENDIAN);

        int udp = ip + IPV4;
        buffer.putShort(udp, (short) SOURCE_PORT, ByteOrder.BIG_ENDIAN);
        buffer.putShort(udp + 2, (short) PORT, ByteOrder.BIG_ENDIAN);
        buffer.putShort(udp + 4, (short) udpLength, ByteOrder.BIG_ENDIAN);
        buffer.putShort(udp + 6, (short) 0, ByteOrder.BIG_ENDIAN);          // no checksum, as feeds send

        for (int i = 0; i < MoldUdp64Packet.SESSION_LENGTH; i++) {
            buffer.putByte(MOLD_OFFSET + i, (byte) SESSION.charAt(i));
        }
        buffer.putLong(SEQUENCE_OFFSET, firstSequence, ByteOrder.BIG_ENDIAN);
        buffer.putShort(MOLD_OFFSET + MoldUdp64Packet.COUNT_OFFSET, (short) messages, ByteOrder.BIG_ENDIAN);
        return MOLD_OFFSET + moldLength;
    }

    /**
     * Writes {@code messages} MoldUDP64 blocks (2-byte length, then the ITCH message) from {@code offset}.
     *
     * @return the bytes written
     */
    static int writeBlocks(MutableDirectBuffer buffer, int offset, int messages) {
        AddOrderEncoder add = new AddOrderEncoder();
        OrderExecutedEncoder executed = new OrderExecutedEncoder();
        OrderCancelEncoder cancel = new OrderCancelEncoder();
        OrderDeleteEncoder delete = new OrderDeleteEncoder();
        OrderReplaceEncoder replace = new OrderReplaceEncoder();
        int position = offset;
        for (int i = 0; i < messages; i++) {
            int message = position + MoldUdp64Packet.BLOCK_HEADER_LENGTH;
            long order = 1_000_000L + i;
            long timestamp = BASE_TIMESTAMP + 100L * i;
            int length = switch (i % 5) {
                case 0 -> add.wrap(buffer, message).stockLocate(13).trackingNumber(0).timestamp(timestamp)
                        .orderReferenceNumber(order).buySellIndicator('B').shares(100).stock("AAPL")
                        .price(1_872_500).length();
                case 1 -> executed.wrap(buffer, message).stockLocate(13).trackingNumber(0).timestamp(timestamp)
                        .orderReferenceNumber(order - 1).executedShares(100).matchNumber(77_000L + i).length();
                case 2 -> cancel.wrap(buffer, message).stockLocate(13).trackingNumber(0).timestamp(timestamp)
                        .orderReferenceNumber(order - 2).cancelledShares(50).length();
                case 3 -> delete.wrap(buffer, message).stockLocate(13).trackingNumber(0).timestamp(timestamp)
                        .orderReferenceNumber(order - 3).length();
                default -> replace.wrap(buffer, message).stockLocate(13).trackingNumber(0).timestamp(timestamp)
                        .originalOrderReferenceNumber(order - 4).newOrderReferenceNumber(order + 1_000_000L)
                        .shares(200).price(1_872_400).length();
            };
            buffer.putShort(position, (short) length, ByteOrder.BIG_ENDIAN);
            position = message + length;
        }
        return position - offset;
    }

    private static short ipv4Checksum(MutableDirectBuffer buffer, int ip) {
        int sum = 0;
        for (int i = 0; i < IPV4; i += 2) {
            sum += buffer.getShort(ip + i, ByteOrder.BIG_ENDIAN) & 0xFFFF;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (short) ~sum;
    }
}
