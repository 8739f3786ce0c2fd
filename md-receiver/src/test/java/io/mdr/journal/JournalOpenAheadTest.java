package io.mdr.journal;

import io.mdr.testing.SharedData;
import io.mdr.feed.Channel;
import net.openhft.chronicle.core.time.SetTimeProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static io.mdr.journal.TestRecords.block;
import static io.mdr.journal.TestRecords.drain;
import static io.mdr.journal.TestRecords.sequences;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The excerpt the polling thread opens ahead while idle ({@link JournalWriter#prepareNext(long)}): it takes the next
 * records and shows nothing until they are committed, it is rolled back when nothing comes, it is never held into the
 * end of its roll cycle, and a writer killed while holding one leaves a journal the next writer continues at once.
 */
class JournalOpenAheadTest {
    private static final long MINUTE = 60_000;
    private static final Channel CHANNEL = new Channel(0, "ahead", 1, "AHEAD");

    @Test
    void theExcerptOpenedAheadTakesTheNextRecordsAndShowsNothingUntilTheirCommit(@TempDir Path dir) {
        Path journal = dir.resolve("journal");
        try (JournalWriter writer = JournalWriter.open(journal, "FAST_HOURLY");
             JournalTailer tailer = JournalTailer.open(journal).fromStart()) {
            writer.writeChannel(CHANNEL);
            writer.writeMessages(CHANNEL, 0, 1, 1, block(1), 0, 21, 1);
            writer.commit();
            long now = System.nanoTime();
            writer.prepareNext(now);
            assertTrue(writer.heldAhead());
            assertEquals(0, writer.commit(), "an empty excerpt is not committed");
            assertTrue(writer.heldAhead(), "and stays open for the next record");
            assertEquals(List.of(1L), drain(tailer));

            writer.writeMessages(CHANNEL, 0, 2, 1, block(2), 0, 21, 2);
            assertEquals(List.of(), drain(tailer), "not visible before the commit");
            assertEquals(1, writer.commit());
            assertFalse(writer.heldAhead());
            assertEquals(List.of(2L), drain(tailer));
        }
        assertEquals(List.of(1L, 2L), sequences(journal));
    }

    @Test
    void anExcerptLeftEmptyIsRolledBackAfterItsHoldAndOnClose(@TempDir Path dir) {
        Path journal = dir.resolve("journal");
        try (JournalWriter writer = JournalWriter.open(journal, "FAST_HOURLY")) {
            writer.writeChannel(CHANNEL);
            writer.writeMessages(CHANNEL, 0, 1, 1, block(1), 0, 21, 1);
            writer.commit();
            long now = System.nanoTime();
            writer.openAhead(now);
            assertTrue(writer.heldAhead());
            writer.openAhead(now + JournalWriter.OPEN_AHEAD_NANOS / 2);
            assertTrue(writer.heldAhead(), "held within its time");
            writer.openAhead(now + JournalWriter.OPEN_AHEAD_NANOS + 1);
            assertFalse(writer.heldAhead(), "rolled back after it");
            writer.openAhead(now + JournalWriter.OPEN_AHEAD_NANOS + 2);
            assertFalse(writer.heldAhead(), "and not opened again at once: a quiet feed holds nothing open");
            writer.openAhead(now + 10 * JournalWriter.OPEN_AHEAD_NANOS);
            assertFalse(writer.heldAhead(), "nor later, until records are committed");

            writer.writeMessages(CHANNEL, 0, 2, 1, block(2), 0, 21, 2);
            writer.commit();
            writer.openAhead(now + 11 * JournalWriter.OPEN_AHEAD_NANOS);
            assertTrue(writer.heldAhead(), "opened ahead again after a commit");
            // closed while holding one: rolled back, nothing for the next writer to repair
        }
        try (JournalWriter writer = JournalWriter.open(journal, "FAST_HOURLY")) {
            assertTrue(writer.recoveryNotes().isEmpty(), writer.recoveryNotes().toString());
            writer.writeMessages(CHANNEL, 0, 3, 1, block(3), 0, 21, 3);
            writer.commit();
        }
        assertEquals(List.of(1L, 2L, 3L), sequences(journal));
    }

    @Test
    void noExcerptIsHeldIntoTheEndOfItsCycleAndTheNextCycleOpensAhead(@TempDir Path dir) {
        Path journal = dir.resolve("journal");
        SetTimeProvider clock = new SetTimeProvider();
        clock.currentTimeMillis(1_700_000_000_000L - 1_700_000_000_000L % MINUTE + 30_000);
        try (JournalWriter writer = JournalWriter.open(journal, "MINUTELY", null, clock)) {
            writer.writeChannel(CHANNEL);
            writer.writeMessages(CHANNEL, 0, 1, 1, block(1), 0, 21, 1);
            writer.commit();
            clock.currentTimeMillis(clock.currentTimeMillis() + 30_000 - JournalWriter.OPEN_AHEAD_ROLL_MARGIN_MILLIS);
            writer.openAhead(System.nanoTime());
            assertFalse(writer.heldAhead(), "within the roll margin");

            clock.currentTimeMillis(clock.currentTimeMillis() + 1_000);
            long later = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            writer.openAhead(later);
            assertTrue(writer.heldAhead(), "the next cycle's excerpt, its channel records already committed");
            writer.writeMessages(CHANNEL, 0, 2, 1, block(2), 0, 21, 2);
            writer.commit();
        }
        try (Stream<Path> files = Files.list(journal)) {
            assertEquals(2, files.filter(f -> f.toString().endsWith(".cq4")).count(), "two cycle files");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertEquals(List.of(1L, 2L), sequences(journal));
    }

    @Test
    void aWriterKilledWhileHoldingAnExcerptLeavesAJournalTheNextWriterContinuesAtOnce(@TempDir Path dir)
            throws Exception {
        Path journal = dir.resolve("journal");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + SharedData.projectRoot().resolve("config/jvm.options"), "-cp", System.getProperty("java.class.path"),
                JournalWriterProcess.class.getName(), journal.toString(), "1000", "1000", "hold");
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.equals("held") && !line.equals("not held"));
            assertEquals("held", line);
            assertEquals(LongStream.rangeClosed(1, 1000).boxed().toList(), sequences(journal),
                    "an excerpt held open hides none of the committed ones");
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }

        long started = System.nanoTime();
        try (JournalWriter writer = JournalWriter.open(journal, "FAST_HOURLY")) {
            writer.writeMessages(CHANNEL, 0, 1001, 1, block(1001), 0, 21, 1);
            writer.commit();
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertTrue(millis < 5_000, "the torn header is written over without a wait: " + millis + " ms");
        assertEquals(LongStream.rangeClosed(1, 1001).boxed().toList(), sequences(journal));
    }
}
