package io.mdr.mold;

import io.mdr.itch.ItchMessageType;
import io.mdr.net.DropReason;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link MoldUdp64Packet#wrap}, whose walk reads only the second byte of a block's length while the first is 0 and
 * turns to a loop that reads both at the first block of 256 bytes or more, against the plain walk of the protocol
 * written here: the same verdict, drop reason, header fields and count of irregular messages, on packets of ITCH-sized,
 * long and empty blocks whose count, lengths and claimed size are damaged at random, on the heap and in native memory.
 */
class MoldUdp64PacketPropertyTest {
    /** Room for the longest packet generated: 48 blocks of up to 700 bytes. */
    private static final int CAPACITY = 36 * 1024;
    private static final int[] LENGTH_BY_TYPE = ItchMessageType.lengthByType();

    @Property(tries = 2000)
    void theWalkAgreesWithThePlainOne(@ForAll("blocks") List<Integer> blockLengths,
                                      @ForAll @IntRange(min = 0, max = 64) int offset,
                                      @ForAll("countChanges") int countChange,
                                      @ForAll("lengthChanges") int lengthChange,
                                      @ForAll("damage") List<int[]> damage) {
        byte[] packet = packet(blockLengths, countChange);
        int blocksLength = packet.length - MoldUdp64Packet.HEADER_LENGTH;
        for (int[] change : damage) {
            if (blocksLength > 0) {
                packet[MoldUdp64Packet.HEADER_LENGTH + change[0] % blocksLength] = (byte) change[1];
            }
        }
        int claimed = Math.max(0, Math.min(CAPACITY - offset, packet.length + lengthChange));
        for (boolean offHeap : new boolean[] {false, true}) {
            UnsafeBuffer buffer = offHeap
                    ? new UnsafeBuffer(BufferUtil.allocateDirectAligned(CAPACITY, 64), 0, CAPACITY)
                    : new UnsafeBuffer(new byte[CAPACITY]);
            buffer.putBytes(offset, packet, 0, Math.min(packet.length, CAPACITY - offset));
            MoldUdp64Packet mold = new MoldUdp64Packet(LENGTH_BY_TYPE);
            DropReason verdict = mold.wrap(buffer, offset, claimed);
            Plain expected = Plain.walk(buffer, offset, claimed);
            String where = offHeap ? "native" : "heap";
            Statistics.collect(offHeap, verdict);
            assertEquals(expected.verdict, verdict, where + ": the drop reason");
            if (verdict == null) {
                assertEquals(expected.count, mold.messageCount(), where + ": the count");
                assertEquals(expected.sequence, mold.sequenceNumber(), where + ": the sequence number");
                assertEquals(expected.irregular, mold.irregularMessages(), where + ": irregular messages");
            }
        }
    }

    /** Mostly ITCH-sized blocks, with empty ones, blocks either side of 256 bytes, and long ones. */
    @Provide
    Arbitrary<List<Integer>> blocks() {
        Arbitrary<Integer> length = Arbitraries.frequencyOf(
                Tuple.of(12, Arbitraries.integers().between(1, 60)),
                Tuple.of(1, Arbitraries.just(0)),
                Tuple.of(2, Arbitraries.integers().between(250, 262)),
                Tuple.of(1, Arbitraries.integers().between(263, 700)));
        return length.list().ofMaxSize(48);
    }

    /** Most packets keep their count, so that most reach the walk's end. */
    @Provide
    Arbitrary<Integer> countChanges() {
        return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(0)),
                Tuple.of(1, Arbitraries.integers().between(-3, 3)));
    }

    /** Most packets are given at their size: valid ones, whose irregular messages are then compared, are common. */
    @Provide
    Arbitrary<Integer> lengthChanges() {
        return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(0)),
                Tuple.of(1, Arbitraries.integers().between(-40, 40)));
    }

    @Provide
    Arbitrary<List<int[]>> damage() {
        Arbitrary<int[]> one = Combinators.combine(
                Arbitraries.integers().between(0, CAPACITY), Arbitraries.integers().between(0, 255))
                .as((at, value) -> new int[] {at, value});
        return one.list().ofMaxSize(3);
    }

    /**
     * A packet with these blocks, each message starting with an ITCH type (a block of its type's length when that is
     * the block's length, so that most are regular), and a count off by {@code countChange}.
     */
    private static byte[] packet(List<Integer> blockLengths, int countChange) {
        int size = MoldUdp64Packet.HEADER_LENGTH;
        for (int length : blockLengths) {
            size += MoldUdp64Packet.BLOCK_HEADER_LENGTH + length;
        }
        UnsafeBuffer packet = new UnsafeBuffer(new byte[size]);
        packet.putBytes(0, "SESSION001".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        packet.putLong(MoldUdp64Packet.SEQUENCE_OFFSET, 1_000_000L + blockLengths.size(), ByteOrder.BIG_ENDIAN);
        packet.putShort(MoldUdp64Packet.COUNT_OFFSET, (short) Math.max(0, blockLengths.size() + countChange),
                ByteOrder.BIG_ENDIAN);
        int position = MoldUdp64Packet.HEADER_LENGTH;
        for (int length : blockLengths) {
            packet.putShort(position, (short) length, ByteOrder.BIG_ENDIAN);
            position += MoldUdp64Packet.BLOCK_HEADER_LENGTH;
            if (length > 0) {
                packet.putByte(position, typeOfLength(length));
                for (int i = 1; i < length; i++) {
                    packet.putByte(position + i, (byte) (i * 13 + length));
                }
            }
            position += length;
        }
        return packet.byteArray();
    }

    /** An ITCH type whose messages have this length, or 'A' (Add Order, 36 bytes) when none has. */
    private static byte typeOfLength(int length) {
        for (int type = 'A'; type <= 'Z'; type++) {
            if (LENGTH_BY_TYPE[type] == length) {
                return (byte) type;
            }
        }
        return 'A';
    }

    /** The protocol's walk as the specification states it: header, count, then each block's 2-byte length and body. */
    private record Plain(DropReason verdict, int count, long sequence, int irregular) {
        static Plain walk(UnsafeBuffer buffer, int offset, int length) {
            if (length < MoldUdp64Packet.HEADER_LENGTH) {
                return new Plain(DropReason.MOLD_TRUNCATED, 0, 0, -1);
            }
            long sequence = buffer.getLong(offset + MoldUdp64Packet.SEQUENCE_OFFSET, ByteOrder.BIG_ENDIAN);
            int count = buffer.getShort(offset + MoldUdp64Packet.COUNT_OFFSET, ByteOrder.BIG_ENDIAN) & 0xFFFF;
            if (count == MoldUdp64Packet.HEARTBEAT_COUNT || count == MoldUdp64Packet.END_OF_SESSION_COUNT) {
                return new Plain(length == MoldUdp64Packet.HEADER_LENGTH ? null : DropReason.MOLD_BAD_COUNT, count,
                        sequence, 0);
            }
            int end = offset + length;
            int position = offset + MoldUdp64Packet.HEADER_LENGTH;
            int irregular = 0;
            for (int i = 0; i < count; i++) {
                if (end - position < MoldUdp64Packet.BLOCK_HEADER_LENGTH) {
                    return new Plain(DropReason.MOLD_BAD_COUNT, count, sequence, -1);
                }
                int blockLength = buffer.getShort(position, ByteOrder.BIG_ENDIAN) & 0xFFFF;
                position += MoldUdp64Packet.BLOCK_HEADER_LENGTH;
                if (blockLength == 0 || blockLength > end - position) {
                    return new Plain(DropReason.MOLD_BAD_BLOCK, count, sequence, -1);
                }
                if (LENGTH_BY_TYPE[buffer.getByte(position) & 0xFF] != blockLength) {
                    irregular++;
                }
                position += blockLength;
            }
            return new Plain(position == end ? null : DropReason.MOLD_BAD_COUNT, count, sequence, irregular);
        }
    }
}
