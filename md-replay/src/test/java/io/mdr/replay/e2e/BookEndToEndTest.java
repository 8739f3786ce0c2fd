package io.mdr.replay.e2e;

import io.mdr.book.ReferenceBook;
import io.mdr.itch.ItchMessageType;
import io.mdr.receiver.ReceiverMain;
import io.mdr.replay.gen.GeneratorMain;
import io.mdr.replay.gen.GeneratorSettings;
import io.mdr.replay.gen.ItchSessionGenerator;
import io.mdr.testing.ReceiverProcess;
import io.mdr.tools.BookMain;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Acceptance, end to end: {@code md-gen} writes a session with a seed no test fixed (a new one each run, in the
 * failure message), {@code md-receiver --pcap --handler book} receives it through DPDK, building the books on its
 * polling thread and journalling every message, and {@code md-book --snapshot --depth 5} prints exactly the books of
 * {@link ReferenceBook} fed the same session straight from the generator. The receiver's in-process books end with
 * the reference's orders and levels, and its summary reports the rx->book stage.
 */
class BookEndToEndTest {
    private static final long MESSAGES = 200_000;

    @Test
    void mdBookSnapshotOfAReceivedSessionEqualsTheReferenceBook(@TempDir Path dir) throws Exception {
        long seed = new SplittableRandom().nextLong();
        String where = "md-gen --seed " + seed + " --messages " + MESSAGES;
        Path capture = dir.resolve("feed-a.pcap");
        ByteArrayOutputStream genOut = new ByteArrayOutputStream();
        int generated = GeneratorMain.run(new String[] {"--out-a", capture.toString(), "--seed", Long.toString(seed),
                "--messages", Long.toString(MESSAGES), "--quiet"}, new PrintStream(genOut), new PrintStream(genOut));
        assertEquals(GeneratorMain.EXIT_OK, generated, genOut.toString());

        Path queue = dir.resolve("journal");
        ReceiverProcess.Result receiver = ReceiverProcess.run(ReceiverMain.class.getName(), List.of(
                "--pcap", capture.toString(), "--queue", queue.toString(),
                "--counters", dir.resolve("counters.dat").toString(), "--exit-when-idle", "2000", "--handler", "book"), 180);
        assertEquals(0, receiver.exitCode(), receiver.output());
        assertTrue(receiver.output().contains("messages " + MESSAGES + ","), where + "\n" + receiver.output());
        assertTrue(receiver.output().contains("rx->book           n=" + MESSAGES + " "), receiver.output());

        ReferenceBook reference = new ReferenceBook();
        ItchSessionGenerator generator = new ItchSessionGenerator(GeneratorSettings.defaults().withSeed(seed)
                .withMessageCount(MESSAGES));
        UnsafeBuffer buffer = new UnsafeBuffer(new byte[ItchMessageType.MAX_LENGTH]);
        long sequence = 0;
        int length;
        while ((length = generator.next(buffer, 0)) > 0) {
            reference.apply(buffer, 0, length, ++sequence);
        }
        List<String> expected = reference.snapshot(5);
        assertTrue(receiver.output().contains(String.format(java.util.Locale.ROOT, "books: %,d orders resting at %,d price levels",
                reference.orderCount(), reference.levelCount())), where + ": in-process books\n" + receiver.output());
        assertEquals(GeneratorSettings.DEFAULT_SYMBOLS, expected.size(), where + ": every stock has a book");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = BookMain.run(new String[] {"--queue", queue.toString(), "--snapshot", "--depth", "5"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                () -> true);
        assertEquals(0, rc, err.toString(StandardCharsets.UTF_8));
        List<String> snapshot = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(expected.size(), snapshot.size(), where);
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), snapshot.get(i), where + ", line " + (i + 1));
        }
    }
}
