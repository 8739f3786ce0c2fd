package io.mdr.journal;

import io.mdr.feed.Channel;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The decoder the tailer uses, on its own: records copied out of the journal into another buffer (as a subscriber
 * receives them) decode to exactly what the tailer hands over, record by record, channel names included.
 */
class JournalDecoderTest {
    private static final Channel CHANNEL = new Channel(2, "itch", 2, "DECODE");

    @Test
    void recordsCopiedOutOfTheJournalDecodeAsTheTailerReadsThem(@TempDir Path dir) {
        try (JournalWriter writer = JournalWriter.open(dir.resolve("j"), "FAST_HOURLY")) {
            writer.writeChannel(CHANNEL);
            writer.writeMessages(CHANNEL, 0, 10, 3, blocks(3, 10), 0, blocks(3, 10).capacity(), 1_000);
            writer.writeGap(CHANNEL, 13, 14, 2_000);
            writer.writeMessages(CHANNEL, 1, 15, 1, blocks(1, 15), 0, blocks(1, 15).capacity(), 3_000);
            writer.commit();
            writer.writeEndOfSession(CHANNEL, 16, 4_000);
            writer.commit();
        }
        List<String> fromTailer = new ArrayList<>();
        List<byte[]> excerpts = new ArrayList<>();
        try (JournalTailer tailer = JournalTailer.open(dir.resolve("j")).fromStart()) {
            while (tailer.pollExcerpts((index, buffer, offset, length) -> {
                byte[] copy = new byte[length];
                buffer.getBytes(offset, copy);
                excerpts.add(copy);
                return true;
            }, 10) > 0) {
                // every excerpt, raw
            }
        }
        try (JournalTailer tailer = JournalTailer.open(dir.resolve("j")).fromStart()) {
            while (tailer.poll(recording(fromTailer), 10) > 0) {
                // every excerpt, decoded
            }
        }

        List<String> decoded = new ArrayList<>();
        JournalDecoder decoder = new JournalDecoder();
        for (byte[] excerpt : excerpts) {
            UnsafeBuffer buffer = new UnsafeBuffer(new byte[excerpt.length + 7]);
            buffer.putBytes(7, excerpt); // at an odd offset, as in a network frame
            for (int offset = 7, length; offset < buffer.capacity(); offset += length) {
                length = decoder.decodeRecord(buffer, offset, buffer.capacity(), recording(decoded));
                if (length < 0) {
                    break;
                }
            }
        }
        assertEquals(List.of("itch#10 line 0 rx 1000", "itch#11 line 0 rx 1000", "itch#12 line 0 rx 1000", "gap itch 13..14",
                "itch#15 line 1 rx 3000", "eos itch 16"), fromTailer);
        assertEquals(fromTailer, decoded);
        assertEquals(2, excerpts.size(), "two excerpts, as committed");
    }

    @Test
    void aTruncatedRecordIsRefusedAndAnUnknownChannelGetsAPlaceholderName() {
        UnsafeBuffer record = new UnsafeBuffer(new byte[JournalFormat.GAP_LENGTH]);
        record.putByte(JournalFormat.TYPE_OFFSET, JournalFormat.GAP);
        record.putShort(JournalFormat.CHANNEL_OFFSET, (short) 9);
        record.putLong(JournalFormat.GAP_FROM_OFFSET, 5);
        record.putLong(JournalFormat.GAP_TO_OFFSET, 6);
        List<String> seen = new ArrayList<>();
        JournalDecoder decoder = new JournalDecoder();
        assertEquals(-1, decoder.decodeRecord(record, 0, JournalFormat.GAP_LENGTH - 1, recording(seen)));
        assertEquals(List.of(), seen);
        assertEquals(JournalFormat.GAP_LENGTH, decoder.decodeRecord(record, 0, JournalFormat.GAP_LENGTH, recording(seen)));
        assertEquals(List.of("gap channel-9 5..6"), seen);
    }

    private static JournalListener recording(List<String> seen) {
        return new JournalListener() {
            @Override
            public void onMessage(JournalMessage m) {
                seen.add(m.channelName() + "#" + m.sequence() + " line " + m.line() + " rx " + m.rxNanos());
            }

            @Override
            public void onGap(int channelId, String channelName, long from, long to, long nanos) {
                seen.add("gap " + channelName + " " + from + ".." + to);
            }

            @Override
            public void onEndOfSession(int channelId, String channelName, long nextSequence, long nanos) {
                seen.add("eos " + channelName + " " + nextSequence);
            }
        };
    }

    /** {@code count} MoldUDP64 blocks of one 'D' message (19 bytes) each, numbered from {@code first}. */
    private static UnsafeBuffer blocks(int count, long first) {
        UnsafeBuffer buffer = new UnsafeBuffer(new byte[count * 21]);
        for (int i = 0; i < count; i++) {
            buffer.putShort(i * 21, (short) 19, ByteOrder.BIG_ENDIAN);
            buffer.putByte(i * 21 + 2, (byte) 'D');
            buffer.putLong(i * 21 + 3, first + i, ByteOrder.BIG_ENDIAN);
        }
        return buffer;
    }
}
