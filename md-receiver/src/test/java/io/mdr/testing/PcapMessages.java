package io.mdr.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The ITCH messages of a capture of MoldUDP64 packets, read by hand (pcap record, Ethernet, 802.1Q tags, IPv4,
 * UDP, MoldUDP64 blocks) apart from the receiver's parser, in file order with their sequence numbers.
 */
public final class PcapMessages {
    private PcapMessages() {
    }

    /** One message: its MoldUDP64 sequence number and bytes (type byte first). */
    public record Message(long sequence, byte[] bytes) {
    }

    public static List<Message> read(Path capture) throws IOException {
        ByteBuffer file = ByteBuffer.wrap(Files.readAllBytes(capture)).order(ByteOrder.LITTLE_ENDIAN);
        List<Message> messages = new ArrayList<>();
        int position = 24;
        while (position + 16 <= file.limit()) {
            int captured = file.getInt(position + 8);
            ByteBuffer frame = file.slice(position + 16, captured).order(ByteOrder.BIG_ENDIAN);
            position += 16 + captured;
            int ip = 14;
            while ((frame.getShort(ip - 2) & 0xFFFF) == 0x8100) {
                ip += 4;
            }
            int mold = ip + (frame.get(ip) & 0x0F) * 4 + 8;
            long sequence = frame.getLong(mold + 10);
            int count = frame.getShort(mold + 18) & 0xFFFF;
            int block = mold + 20;
            for (int i = 0; count != 0xFFFF && i < count; i++) {
                int length = frame.getShort(block) & 0xFFFF;
                byte[] bytes = new byte[length];
                frame.get(block + 2, bytes);
                messages.add(new Message(sequence + i, bytes));
                block += 2 + length;
            }
        }
        return messages;
    }
}
