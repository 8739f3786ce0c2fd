package io.mdr.replay.gen;

import io.mdr.mold.MoldUdp64Packet;
import io.mdr.net.DropReason;
import io.mdr.net.UdpFrame;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a generated pcap back with a walk of its own (nanosecond pcap, Ethernet) and the receiver's frame and
 * MoldUDP64 parsers, so that the tests check the files and not the writer's view of them.
 */
public final class CapturedFeed {
    static final int PCAP_MAGIC_NANOS = 0xA1B23C4D;
    static final int GLOBAL_HEADER = 24;
    static final int RECORD_HEADER = 16;

    /** One MoldUDP64 packet as captured. */
    public record Packet(
            long timestampNanos,
            int frameLength,
            int vlanTags,
            int source,
            int sourcePort,
            int destination,
            int destinationPort,
            String session,
            long sequence,
            int messageCount,
            byte[] payload) {

        boolean isEndOfSession() {
            return messageCount == MoldUdp64Packet.END_OF_SESSION_COUNT;
        }

        public int messages() {
            return isEndOfSession() ? 0 : messageCount;
        }

        /** Sequence number of the last message (sequence - 1 for a packet without messages). */
        long lastSequence() {
            return sequence + messages() - 1;
        }

        /** Calls {@code visitor} with each message: its sequence number, the payload and the message's place in it. */
        public void forEachMessage(MessageVisitor visitor) {
            DirectBuffer buffer = new UnsafeBuffer(payload);
            int position = MoldUdp64Packet.HEADER_LENGTH;
            for (int i = 0; i < messages(); i++) {
                int length = buffer.getShort(position, ByteOrder.BIG_ENDIAN) & 0xFFFF;
                visitor.onMessage(sequence + i, buffer, position + 2, length);
                position += 2 + length;
            }
        }
    }

    @FunctionalInterface
    public interface MessageVisitor {
        void onMessage(long sequence, DirectBuffer buffer, int offset, int length);
    }

    private CapturedFeed() {
    }

    public static List<Packet> read(Path file) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.getInt(0) != PCAP_MAGIC_NANOS) {
            throw new IllegalStateException(file + " is not a little-endian nanosecond pcap");
        }
        if (bytes.getInt(20) != 1) {
            throw new IllegalStateException(file + " is not Ethernet");
        }
        UnsafeBuffer buffer = new UnsafeBuffer(bytes.array());
        UdpFrame frame = new UdpFrame();
        MoldUdp64Packet mold = new MoldUdp64Packet();
        List<Packet> packets = new ArrayList<>();
        int position = GLOBAL_HEADER;
        while (position < bytes.limit()) {
            long seconds = bytes.getInt(position) & 0xFFFF_FFFFL;
            long nanos = bytes.getInt(position + 4) & 0xFFFF_FFFFL;
            int captured = bytes.getInt(position + 8);
            int original = bytes.getInt(position + 12);
            if (captured != original) {
                throw new IllegalStateException("truncated frame at " + position);
            }
            int at = position + RECORD_HEADER;
            DropReason drop = frame.parse(buffer, at, captured);
            if (drop != null) {
                throw new IllegalStateException("frame at " + position + " dropped: " + drop);
            }
            DropReason badMold = mold.wrap(buffer, frame.payloadOffset(), frame.payloadLength());
            if (badMold != null) {
                throw new IllegalStateException("MoldUDP64 packet at " + position + " invalid: " + badMold);
            }
            byte[] payload = new byte[frame.payloadLength()];
            buffer.getBytes(frame.payloadOffset(), payload);
            packets.add(new Packet(seconds * 1_000_000_000L + nanos, captured, frame.vlanTags(),
                    frame.sourceAddress(), frame.sourcePort(), frame.destinationAddress(), frame.destinationPort(),
                    mold.session(), mold.sequenceNumber(), mold.messageCount(), payload));
            position = at + captured;
        }
        return packets;
    }
}
