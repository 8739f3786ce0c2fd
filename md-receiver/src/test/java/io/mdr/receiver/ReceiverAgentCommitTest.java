package io.mdr.receiver;

import io.mdr.journal.JournalWriter;
import io.mdr.metrics.ReceiverCounters;
import io.mdr.port.PacketSink;
import io.mdr.port.PacketSource;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The polling loop's commit policy ({@code journal.fullBurstsPerCommit}): a full burst's records wait in the open
 * excerpt for the next poll's, up to the limit; a burst that is not full, or an empty poll, commits at once. Read
 * back as Chronicle excerpts: how many, and how many records each holds.
 */
class ReceiverAgentCommitTest {
    private static final int BURST = 4;
    private static final int PAYLOAD = 16;
    /** Packets each poll brings: a backlog of 8 full bursts, a partial one, a microburst of 3 full ones, empty polls. */
    private static final int[] POLLS = {4, 4, 4, 4, 4, 4, 4, 4, 2, 0, 4, 4, 4, 0, 1};
    private static final int PACKETS = 47;

    @Test
    void aBacklogSharesExcerptsUpToTheLimit(@TempDir Path dir) {
        // The first 3 full bursts commit one by one; then 3 share an excerpt; the next 2 wait for the partial burst
        // after them. The microburst of 3 commits burst by burst; the last packet commits alone.
        assertEquals(List.of(4, 4, 4, 12, 10, 4, 4, 4, 1), recordsPerExcerpt(dir.resolve("three"), 3));
    }

    @Test
    void oneCommitsEveryBurst(@TempDir Path dir) {
        assertEquals(List.of(4, 4, 4, 4, 4, 4, 4, 4, 2, 4, 4, 4, 1), recordsPerExcerpt(dir.resolve("one"), 1));
    }

    @Test
    void anEmptyPollCommitsWhatIsHeld(@TempDir Path dir) {
        // With 2: the microburst's third full burst is held, and the empty poll after it commits it alone (not with
        // the last packet).
        assertEquals(List.of(4, 4, 8, 8, 8, 2, 4, 4, 4, 1), recordsPerExcerpt(dir.resolve("two"), 2));
    }

    private static List<Integer> recordsPerExcerpt(Path journalDir, int fullBurstsPerCommit) {
        try (JournalWriter journal = JournalWriter.open(journalDir, "FAST_HOURLY")) {
            ReceiverCounters counters = ReceiverCounters.inMemory();
            RawJournalSink raw = new RawJournalSink(journal, counters);
            ScriptedSource source = new ScriptedSource(raw);
            ReceiverAgent agent = new ReceiverAgent(source, null, raw, counters, journal, null, 0, false,
                    fullBurstsPerCommit);
            for (int i = 0; i < POLLS.length; i++) {
                agent.doWork();
            }
            agent.onClose();
            assertEquals(PACKETS, counters.packets.get(), "packets counted");
        }
        List<Integer> lengths = new ArrayList<>();
        try (SingleChronicleQueue queue = SingleChronicleQueueBuilder.single(journalDir.toFile()).readOnly(true).build();
             ExcerptTailer tailer = queue.createTailer()) {
            while (true) {
                try (DocumentContext dc = tailer.readingDocument()) {
                    if (!dc.isPresent()) {
                        break;
                    }
                    lengths.add((int) dc.wire().bytes().readRemaining());
                }
            }
        }
        // The last excerpt holds one record: every record is that long (one payload length throughout).
        int record = lengths.getLast();
        List<Integer> records = new ArrayList<>();
        for (int length : lengths) {
            assertEquals(0, length % record, "excerpt of " + length + " bytes, records of " + record);
            records.add(length / record);
        }
        return records;
    }

    /** Brings {@link #POLLS} packets poll by poll, each a UDP payload handed on as a kernel port does. */
    private static final class ScriptedSource implements PacketSource {
        private final PacketSink sink;
        private final UnsafeBuffer payload = new UnsafeBuffer(BufferUtil.allocateDirectAligned(PAYLOAD, 64));
        private int poll;
        private long sequence;
        private long nanos;

        ScriptedSource(PacketSink sink) {
            this.sink = sink;
        }

        @Override
        public void onStart(int cpu) {
        }

        @Override
        public int burstCapacity() {
            return BURST;
        }

        @Override
        public int poll() {
            nanos = System.nanoTime();
            int count = POLLS[poll++];
            for (int i = 0; i < count; i++) {
                payload.putLong(0, ++sequence);
                sink.onDatagram(payload.addressOffset(), PAYLOAD, 0x7F000001, 9000, 0x7F000001, nanos);
            }
            return count;
        }

        @Override
        public long pollNanos() {
            return nanos;
        }

        @Override
        public void onClose() {
        }

        @Override
        public void updateCounters(ReceiverCounters counters) {
        }

        @Override
        public int osThreadId() {
            return 0;
        }

        @Override
        public String describe() {
            return "scripted";
        }

        @Override
        public String rxTimestamps() {
            return "poll time";
        }

        @Override
        public void close() {
        }
    }
}
