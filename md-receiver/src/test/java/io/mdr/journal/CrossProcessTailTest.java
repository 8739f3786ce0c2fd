package io.mdr.journal;

import io.mdr.itch.OrderDeleteDecoder;
import io.mdr.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The consumer API works from another process while the writer writes: a child process journals 100k
 * messages over about a second, and this process tails them as they come, from the start, with typed
 * flyweights, each message once and in order.
 */
class CrossProcessTailTest {
    private static final int MESSAGES = 100_000;

    @Test
    void aTailerInAnotherProcessSeesEveryMessageWhileTheyAreWritten(@TempDir Path dir) throws Exception {
        Path journal = dir.resolve("journal");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + SharedData.projectRoot().resolve("config/jvm.options"), "-cp", System.getProperty("java.class.path"),
                JournalWriterProcess.class.getName(), journal.toString(), Integer.toString(MESSAGES), "100");
        Process writer = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        assertEquals("writing", first);
        while (!Files.isDirectory(journal)) {
            Thread.sleep(5);
        }

        List<Long> sequences = new ArrayList<>(MESSAGES);
        long[] lastOrderReference = {0};
        int pollsWhileWriting = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try (JournalTailer tailer = JournalTailer.open(journal).fromStart()) {
            JournalListener listener = message -> {
                sequences.add(message.sequence());
                if (message.itch() instanceof OrderDeleteDecoder delete) {
                    lastOrderReference[0] = delete.orderReferenceNumber();
                }
            };
            while (sequences.size() < MESSAGES && System.nanoTime() < deadline) {
                if (tailer.poll(listener, 1024) > 0 && writer.isAlive()) {
                    pollsWhileWriting++;
                }
            }
        }
        assertTrue(writer.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, writer.exitValue());
        assertEquals(MESSAGES, sequences.size());
        for (int i = 0; i < MESSAGES; i++) {
            assertEquals(i + 1, sequences.get(i));
        }
        assertEquals(MESSAGES, lastOrderReference[0], "typed flyweight read the last message's field");
        assertTrue(pollsWhileWriting > 10, "the tailer read while the writer was still writing: " + pollsWhileWriting);
    }
}
