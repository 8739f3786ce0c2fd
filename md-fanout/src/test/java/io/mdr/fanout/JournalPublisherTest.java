package io.mdr.fanout;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.mdr.feed.Channel;
import io.mdr.journal.JournalDecoder;
import io.mdr.journal.JournalListener;
import io.mdr.journal.JournalMessage;
import io.mdr.journal.JournalTailer;
import io.mdr.journal.JournalWriter;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersManager;
import org.agrona.concurrent.status.CountersReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The publisher on its own, over IPC on an embedded driver: every record arrives as one Aeron message no longer
 * than the payload limit (a messages record longer than that in parts of consecutive messages), numbered
 * 1, 2, 3... in the position file's epoch, and decodes with the journal's decoder to what the tailer reads; the
 * position saved at the end is the last excerpt's.
 */
class JournalPublisherTest {
    private static final Channel CHANNEL = new Channel(4, "itch", 2, "SPLIT");

    @Test
    void recordsArriveWholeOrSplitAtBlocksNumberedAndDecodableAsTheTailerReadsThem(@TempDir Path dir) {
        Path journal = dir.resolve("j");
        try (JournalWriter writer = JournalWriter.open(journal, "FAST_HOURLY")) {
            writer.writeChannel(CHANNEL);
            writer.commit();
            UnsafeBuffer big = blocks(200, 1); // 4,200 bytes: beyond one message of 1,376
            writer.writeMessages(CHANNEL, 0, 1, 200, big, 0, big.capacity(), 111);
            writer.writeGap(CHANNEL, 201, 203, 222);
            writer.commit();
            UnsafeBuffer small = blocks(3, 204);
            writer.writeMessages(CHANNEL, 1, 204, 3, small, 0, small.capacity(), 333);
            writer.writeEndOfSession(CHANNEL, 207, 444);
            writer.commit();
        }
        List<String> expected = new ArrayList<>();
        try (JournalTailer tailer = JournalTailer.open(journal).fromStart()) {
            while (tailer.poll(recording(expected), 10) > 0) {
                // all of it
            }
        }

        MediaDriver.Context driverContext = new MediaDriver.Context()
                .aeronDirectoryName(dir.resolve("aeron").toString())
                .threadingMode(ThreadingMode.SHARED)
                .dirDeleteOnShutdown(true);
        try (MediaDriver driver = MediaDriver.launch(driverContext);
             Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
             ExclusivePublication publication = aeron.addExclusivePublication("aeron:ipc", 9);
             Subscription subscription = aeron.addSubscription("aeron:ipc", 9);
             JournalTailer tailer = JournalTailer.open(journal).fromStart();
             PublishedPosition position = PublishedPosition.open(dir.resolve("p.position"))) {
            FanoutCounters counters = new FanoutCounters(new CountersManager(
                    new UnsafeBuffer(BufferUtil.allocateDirectAligned(32 * CountersReader.METADATA_LENGTH, 64)),
                    new UnsafeBuffer(BufferUtil.allocateDirectAligned(32 * CountersReader.COUNTER_LENGTH, 64))));
            while (!subscription.isConnected() || !publication.isConnected()) {
                Thread.onSpinWait();
            }
            JournalPublisher publisher = new JournalPublisher(publication, tailer, counters, position, 1, List.of(),
                    aeron.countersReader(), CountersReader.NULL_COUNTER_ID, null, System::nanoTime);
            List<String> received = new ArrayList<>();
            List<Long> numbers = new ArrayList<>();
            List<Integer> lengths = new ArrayList<>();
            JournalDecoder decoder = new JournalDecoder();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (received.size() < expected.size() && System.nanoTime() < deadline) {
                publisher.doWork();
                subscription.poll((buffer, offset, length, header) -> {
                    numbers.add(header.reservedValue());
                    lengths.add(length);
                    assertEquals(length, decoder.decodeRecord(buffer, offset, offset + length, recording(received)));
                }, 100);
            }
            assertEquals(expected, received);
            int parts = (int) Math.ceil(4200.0 / (publication.maxPayloadLength() - 40));
            assertTrue(parts >= 4, "the big record needs parts: " + parts);
            assertEquals(1 + parts + 1 + 2, numbers.size(), "channel, the big record's parts, gap, small record, end of session");
            for (int i = 0; i < numbers.size(); i++) {
                assertEquals(RecordIdentity.pack(position.epoch(), i + 1), numbers.get(i), "record " + (i + 1));
                assertTrue(lengths.get(i) <= publication.maxPayloadLength(), "one message each: " + lengths.get(i));
            }
            assertTrue(publisher.allConsumed(), "IPC: the log is served");
            assertEquals(numbers.size(), position.number(), "the last record's number is saved");
            assertEquals(numbers.size(), counters.records.get());
            assertEquals(203, counters.messages.get());
        }
    }

    @Test
    void aResumedPublisherWithNoSubscriberYetHoldsTheCatalogAndSendsItFirstOnceOneJoins(@TempDir Path dir) {
        Path journal = dir.resolve("j");
        try (JournalWriter writer = JournalWriter.open(journal, "FAST_HOURLY")) {
            writer.writeChannel(CHANNEL);
            writer.commit();
            UnsafeBuffer first = blocks(2, 1);
            writer.writeMessages(CHANNEL, 0, 1, 2, first, 0, first.capacity(), 111);
            writer.commit();
            UnsafeBuffer second = blocks(3, 3);
            writer.writeMessages(CHANNEL, 0, 3, 3, second, 0, second.capacity(), 222);
            writer.commit();
        }
        List<Long> indices = new ArrayList<>();
        List<byte[]> excerpts = new ArrayList<>();
        try (JournalTailer tailer = JournalTailer.open(journal).fromStart()) {
            while (tailer.pollExcerpts((index, buffer, offset, length) -> {
                indices.add(index);
                byte[] copy = new byte[length];
                buffer.getBytes(offset, copy);
                excerpts.add(copy);
                return true;
            }, 10) > 0) {
                // all of it
            }
        }
        assertEquals(3, indices.size());

        MediaDriver.Context driverContext = new MediaDriver.Context()
                .aeronDirectoryName(dir.resolve("aeron").toString())
                .threadingMode(ThreadingMode.SHARED)
                .dirDeleteOnShutdown(true);
        try (MediaDriver driver = MediaDriver.launch(driverContext);
             Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
             ExclusivePublication publication = aeron.addExclusivePublication("aeron:ipc", 10);
             JournalTailer tailer = JournalTailer.open(journal).afterIndex(indices.get(1));
             PublishedPosition position = PublishedPosition.open(dir.resolve("p.position"))) {
            List<byte[]> catalog = tailer.channelRecordsBefore();
            assertEquals(1, catalog.size(), "the channel record before the resume point");
            assertArrayEquals(excerpts.get(0), catalog.get(0), "the channel record as the journal holds it");
            FanoutCounters counters = new FanoutCounters(new CountersManager(
                    new UnsafeBuffer(BufferUtil.allocateDirectAligned(32 * CountersReader.METADATA_LENGTH, 64)),
                    new UnsafeBuffer(BufferUtil.allocateDirectAligned(32 * CountersReader.COUNTER_LENGTH, 64))));
            JournalPublisher publisher = new JournalPublisher(publication, tailer, counters, position, 8, catalog,
                    aeron.countersReader(), CountersReader.NULL_COUNTER_ID, null, System::nanoTime);
            for (int i = 0; i < 10; i++) {
                publisher.doWork();
            }
            assertTrue(publisher.excerptPending(), "no subscriber: the catalog waits, so the fan-out is not idle");
            assertEquals(0, counters.records.get());
            assertEquals(1, counters.notConnectedEvents.get(), "one not-connected episode");

            try (Subscription subscription = aeron.addSubscription("aeron:ipc", 10)) {
                List<Long> numbers = new ArrayList<>();
                List<String> received = new ArrayList<>();
                JournalDecoder decoder = new JournalDecoder();
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (numbers.size() < 2 && System.nanoTime() < deadline) {
                    publisher.doWork();
                    subscription.poll((buffer, offset, length, header) -> {
                        numbers.add(header.reservedValue());
                        if (RecordIdentity.number(header.reservedValue()) == RecordIdentity.CATALOG) {
                            decoder.applyChannelRecord(buffer, offset, offset + length);
                        } else {
                            decoder.decodeRecord(buffer, offset, offset + length, recording(received));
                        }
                    }, 10);
                }
                assertEquals(List.of(RecordIdentity.pack(position.epoch(), RecordIdentity.CATALOG), RecordIdentity.pack(position.epoch(), 8)),
                        numbers, "the catalog, then the record after the resume point, numbered on");
                assertEquals(List.of("itch#3 line 0 rx 222 3", "itch#4 line 0 rx 222 4", "itch#5 line 0 rx 222 5"), received);
                assertTrue(!publisher.excerptPending(), "all sent");
            }
        }
    }

    private static JournalListener recording(List<String> seen) {
        return new JournalListener() {
            @Override
            public void onMessage(JournalMessage m) {
                seen.add(m.channelName() + "#" + m.sequence() + " line " + m.line() + " rx " + m.rxNanos() + " "
                        + m.buffer().getLong(m.offset() + 1, ByteOrder.BIG_ENDIAN));
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
