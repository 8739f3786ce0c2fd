package io.mdr.journal;

import io.mdr.feed.Channel;
import io.mdr.testing.SharedData;
import net.openhft.chronicle.queue.impl.TableStore;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.table.AbstractTSQueueLock;
import net.openhft.chronicle.queue.impl.table.Metadata;
import net.openhft.chronicle.queue.impl.table.SingleTableBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.mdr.journal.TestRecords.block;
import static io.mdr.journal.TestRecords.sequences;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a writer finds and repairs: a Chronicle write lock left by a PID that is alive again (no 15 s wait and
 * exception at start-up), a second writer of the same journal (refused, naming the first), and a record a failure
 * interrupted (dropped, the complete ones committed).
 */
class JournalWriterRecoveryTest {
    private static final String WRITE_LOCK_KEY = "chronicle.write.lock";

    @Test
    void aStaleWriteLockHeldByALivePidIsClearedWithoutWaiting(@TempDir Path dir) {
        Path journal = dir.resolve("journal");
        Channel channel = new Channel(0, "lock", 1, "LOCK");
        try (JournalWriter writer = JournalWriter.open(journal, "FAST_HOURLY")) {
            writer.writeChannel(channel);
            writer.writeMessages(channel, 0, 1, 1, block(1), 0, 21, 1);
        }
        // As a writer killed inside an excerpt leaves it, with its PID reused by a live process: PID 1 after a
        // container restart.
        long pid1 = 1;
        assertTrue(ProcessHandle.of(pid1).map(ProcessHandle::isAlive).orElse(false), "PID 1 is alive");
        try (TableStore<?> store = SingleTableBuilder.binary(journal.resolve(SingleChronicleQueue.QUEUE_METADATA_FILE),
                Metadata.NoMeta.INSTANCE).readOnly(false).build()) {
            store.acquireValueFor(WRITE_LOCK_KEY, AbstractTSQueueLock.UNLOCKED).setOrderedValue(pid1);
        }

        long started = System.nanoTime();
        try (JournalWriter writer = JournalWriter.open(journal, "FAST_HOURLY")) {
            writer.writeMessages(channel, 0, 2, 1, block(2), 0, 21, 1);
            writer.commit();
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(millis < 5_000, "no lock timeout (Chronicle's is about 15 s): " + millis + " ms");
            List<String> notes = writer.recoveryNotes();
            assertEquals(1, notes.size(), notes.toString());
            assertTrue(notes.getFirst().contains("Chronicle's write lock was left set by PID 1, a live process that is not"
                    + " this journal's writer (writer.lock was free)"), notes.getFirst());
        }
        assertEquals(List.of(1L, 2L), sequences(journal));
    }

    @Test
    void anExistingJournalOpensInAProcessWhoseFirstChronicleUseIsTheWriter(@TempDir Path dir) throws Exception {
        Path journal = dir.resolve("journal");
        Channel channel = new Channel(0, "first", 1, "FIRST");
        try (JournalWriter writer = JournalWriter.open(journal, "FAST_HOURLY")) {
            writer.writeChannel(channel);
            writer.writeMessages(channel, 0, 1, 1, block(1), 0, 21, 1);
            writer.commit();
        }
        // A fresh JVM: its writer reads the journal's metadata file (for stale locks) before anything else of Chronicle
        // has run there.
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + SharedData.projectRoot().resolve("config/jvm.options"), "-cp", System.getProperty("java.class.path"),
                JournalWriterProcess.class.getName(), journal.toString(), "3", "3");
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(child.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(0, child.exitValue(), output);
        assertTrue(output.contains("done"), output);
        assertEquals(List.of(1L, 1L, 2L, 3L), sequences(journal), "the first writer's message, then the second's three");
    }

    @Test
    void aSecondWriterOfTheSameJournalIsRefusedNamingTheFirst(@TempDir Path dir) {
        Path journal = dir.resolve("journal");
        try (JournalWriter first = JournalWriter.open(journal, "FAST_HOURLY")) {
            JournalLockedException refused = assertThrows(JournalLockedException.class,
                    () -> JournalWriter.open(journal, "FAST_HOURLY"));
            assertTrue(refused.getMessage().contains("journal " + journal + " is being written by another process (PID "
                    + ProcessHandle.current().pid()), refused.getMessage());
            assertTrue(first.recoveryNotes().isEmpty());
        }
        try (JournalWriter again = JournalWriter.open(journal, "FAST_HOURLY")) {
            assertTrue(again.recoveryNotes().isEmpty(), "closed cleanly: nothing to repair");
        }
    }

    @Test
    void aRecordInterruptedByAFailureIsDroppedAndTheCompleteOnesAreCommitted(@TempDir Path dir) {
        Path journal = dir.resolve("journal");
        Channel channel = new Channel(0, "partial", 1, "PARTIAL");
        try (JournalWriter writer = JournalWriter.open(journal, "FAST_HOURLY")) {
            writer.writeChannel(channel);
            // Different rx times (different bursts): a record each.
            writer.writeMessages(channel, 0, 1, 1, block(1), 0, 21, 1);
            writer.writeMessages(channel, 0, 2, 1, block(2), 0, 21, 2);
            // Claims 3 blocks from a buffer of one: the header is written, then the copy fails.
            assertThrows(RuntimeException.class, () -> writer.writeMessages(channel, 0, 3, 3, block(3), 0, 63, 3));
            assertEquals(3, writer.commitAfterFailure(), "the channel record and two message records");
            writer.writeMessages(channel, 0, 3, 1, block(3), 0, 21, 4);
        }
        assertEquals(List.of(1L, 2L, 3L), sequences(journal));
    }

    @Test
    void blocksThatFailToExtendARunAreDroppedAndTheRunKeepsItsMessages(@TempDir Path dir) {
        Path journal = dir.resolve("journal");
        Channel channel = new Channel(0, "partial", 1, "PARTIAL");
        try (JournalWriter writer = JournalWriter.open(journal, "FAST_HOURLY")) {
            writer.writeChannel(channel);
            // One burst: the second packet's message extends the first's record.
            assertTrue(writer.writeMessages(channel, 0, 1, 1, block(1), 0, 21, 7));
            assertFalse(writer.writeMessages(channel, 0, 2, 1, block(2), 0, 21, 7), "extends the run");
            assertThrows(RuntimeException.class, () -> writer.writeMessages(channel, 0, 3, 3, block(3), 0, 63, 7));
            assertEquals(2, writer.commitAfterFailure(), "the channel record and the run of two messages");
            writer.writeMessages(channel, 0, 3, 1, block(3), 0, 21, 8);
        }
        assertEquals(List.of(1L, 2L, 3L), sequences(journal));
    }
}
