package io.mdr.journal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.Arena;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * journal.retainCycles keeps the newest N cycle files and deletes older ones, but never one that a process maps
 * (a tailer reading it) nor any file after it: the tailer will read those next.
 */
class JournalRetentionTest {
    private static final List<String> OLD = List.of("20200101-00F.cq4", "20200101-01F.cq4", "20200101-02F.cq4", "20200101-03F.cq4");

    @Test
    void keepsTheNewestCyclesAndEverythingFromTheOldestOneATailerMaps(@TempDir Path dir) throws Exception {
        Path journal = dir.resolve("journal");
        try (JournalWriter writer = JournalWriter.open(journal, "FAST_HOURLY")) {
            for (String name : OLD) {
                Files.write(journal.resolve(name), new byte[4096]);
            }
            String current = files(journal).getLast();
            assertEquals(5, files(journal).size(), files(journal).toString());
            JournalRetention retention = new JournalRetention(writer, 2);

            // A reader maps 01F (here this very process, as a tailer in another one would): 01F and later stay.
            try (Arena arena = Arena.ofConfined();
                 FileChannel channel = FileChannel.open(journal.resolve(OLD.get(1)), StandardOpenOption.READ)) {
                channel.map(FileChannel.MapMode.READ_ONLY, 0, 4096, arena);
                List<String> done = retention.run();
                assertEquals(List.of(OLD.get(1), OLD.get(2), OLD.get(3), current), files(journal), done.toString());
                assertTrue(done.getFirst().startsWith("journal retention: deleted 20200101-00F.cq4 (keeping the newest 2 cycle"
                        + " files; the oldest a process maps is 20200101-01F.cq4)"), done.toString());
                assertTrue(done.getLast().contains("keeping 20200101-01F.cq4 and later: a process maps 20200101-01F.cq4"),
                        done.toString());
            }
            // Unmapped: down to the newest two.
            retention.run();
            assertEquals(List.of(OLD.get(3), current), files(journal));
            assertEquals(3, retention.deletedFiles());
            assertTrue(retention.run().isEmpty(), "nothing left to do");
        }
    }

    @Test
    void theLiveCycleTheWriterMapsIsNeverTheReasonToKeepOlderOnes(@TempDir Path dir) throws Exception {
        Path journal = dir.resolve("journal");
        try (JournalWriter writer = JournalWriter.open(journal, "FAST_HOURLY")) {
            for (String name : OLD) {
                Files.write(journal.resolve(name), new byte[4096]);
            }
            new JournalRetention(writer, 1).run();
            assertEquals(1, files(journal).size(), files(journal).toString());
        }
    }

    private static List<String> files(Path journal) {
        String[] names = journal.toFile().list((d, n) -> n.endsWith(".cq4"));
        Arrays.sort(names);
        return List.of(names);
    }
}
