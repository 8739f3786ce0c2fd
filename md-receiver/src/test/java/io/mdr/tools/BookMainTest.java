package io.mdr.tools;

import io.mdr.book.BookOps;
import io.mdr.book.BookOps.Add;
import io.mdr.book.BookOps.Delete;
import io.mdr.book.BookOps.Directory;
import io.mdr.book.BookOps.Execute;
import io.mdr.book.BookOps.Op;
import io.mdr.feed.Channel;
import io.mdr.journal.JournalWriter;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * md-book over journals written here: the snapshot's exact lines, depth, one stock, staleness, full tables, the
 * follow modes, latency, and the errors.
 */
class BookMainTest {
    private static final int AAPL = 13;
    private static final int MSFT = 14;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** The example of the snapshot format, and a second stock, an emptied one and one with levels beyond depth 2. */
    private Path journal() {
        return journal(1, List.of(
                new Directory(AAPL, "AAPL"), new Directory(MSFT, "MSFT"), new Directory(15, "GONE"),
                new Add(AAPL, 1, 'B', 300, 1_502_300, false), new Add(AAPL, 2, 'B', 400, 1_502_300, true),
                new Add(AAPL, 3, 'B', 100, 1_502_200, false), new Add(AAPL, 4, 'S', 300, 1_502_400, false),
                new Add(15, 5, 'S', 10, 100_000, false), new Delete(15, 5),
                new Add(MSFT, 6, 'S', 50, 4_200_000, false), new Add(MSFT, 7, 'S', 60, 4_200_100, false),
                new Add(MSFT, 8, 'S', 70, 4_200_200, false), new Execute(MSFT, 6, 20, false)));
    }

    private Path journal(long firstSequence, List<Op> ops) {
        Path queue = dir.resolve("journal");
        try (JournalWriter writer = JournalWriter.open(queue, "FAST_HOURLY")) {
            append(writer, firstSequence, ops);
        }
        return queue;
    }

    private static final Channel CHANNEL = new Channel(0, "itch", 1, "SESSION001");

    private static void append(JournalWriter writer, long firstSequence, List<Op> ops) {
        BookOps.Encoder encoder = new BookOps.Encoder();
        UnsafeBuffer block = new UnsafeBuffer(new byte[64]);
        if (firstSequence == 1) {
            writer.writeChannel(CHANNEL);
        }
        long sequence = firstSequence;
        for (Op op : ops) {
            int length = encoder.encode(op);
            block.putShort(0, (short) length, ByteOrder.BIG_ENDIAN);
            block.putBytes(2, encoder.buffer, 0, length);
            writer.writeMessages(CHANNEL, 0, sequence++, 1, block, 0, 2 + length, System.nanoTime());
        }
        writer.commit();
    }

    private int run(String... args) {
        return BookMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), () -> true);
    }

    private List<String> lines() {
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void snapshotPrintsOneLinePerStockWithOrdersInTheDocumentedFormat() {
        Path queue = journal();
        assertEquals(0, run("--queue", queue.toString(), "--snapshot"), errors());
        assertEquals(List.of(
                "{\"stockLocate\":13,\"stock\":\"AAPL\",\"bids\":[[1502300,700],[1502200,100]],\"asks\":[[1502400,300]]}",
                "{\"stockLocate\":14,\"stock\":\"MSFT\",\"bids\":[],\"asks\":[[4200000,30],[4200100,60],[4200200,70]]}"),
                lines());
    }

    @Test
    void depthAndStockLimitTheOutput() {
        Path queue = journal();
        assertEquals(0, run("--queue", queue.toString(), "--snapshot", "--depth", "2", "--stock", "MSFT"), errors());
        assertEquals(List.of("{\"stockLocate\":14,\"stock\":\"MSFT\",\"bids\":[],\"asks\":[[4200000,30],[4200100,60]]}"),
                lines());
        out.reset();
        assertEquals(0, run("--queue", queue.toString(), "--snapshot", "--stock", "GONE"), errors());
        assertEquals(List.of("{\"stockLocate\":15,\"stock\":\"GONE\",\"bids\":[],\"asks\":[]}"), lines(),
                "a stock asked for by name is printed even when its book is empty");
    }

    @Test
    void aGapRecordMakesTheBooksStale() {
        Path queue = dir.resolve("journal");
        try (JournalWriter writer = JournalWriter.open(queue, "FAST_HOURLY")) {
            append(writer, 1, List.of(new Add(AAPL, 1, 'B', 100, 1_000_000, false)));
            writer.writeGap(CHANNEL, 2, 9, System.nanoTime());
            append(writer, 10, List.of(new Add(AAPL, 2, 'S', 100, 1_000_100, false)));
        }
        assertEquals(0, run("--queue", queue.toString(), "--snapshot"), errors());
        assertEquals(List.of("{\"stockLocate\":13,\"stock\":null,\"bids\":[[1000000,100]],\"asks\":[[1000100,100]],\"stale\":true}"),
                lines());
    }

    @Test
    void aJournalThatStartsAfterTheSessionDidGivesStaleBooks() {
        Path queue = dir.resolve("journal");
        try (JournalWriter writer = JournalWriter.open(queue, "FAST_HOURLY")) {
            writer.writeChannel(CHANNEL);
            append(writer, 500, List.of(new Add(AAPL, 1, 'B', 100, 1_000_000, false), new Execute(AAPL, 77, 1, false)));
        }
        assertEquals(0, run("--queue", queue.toString(), "--snapshot"), errors());
        assertEquals(List.of("{\"stockLocate\":13,\"stock\":null,\"bids\":[[1000000,100]],\"asks\":[],\"stale\":true}"), lines());
    }

    @Test
    void aFullTableIsAClearErrorAndTheBooksThatLostOrdersAreStale() {
        Path queue = journal();
        assertEquals(1, run("--queue", queue.toString(), "--snapshot", "--max-orders", "3"));
        assertTrue(errors().contains("order table full at 3 orders") && errors().contains("raise --max-orders"), errors());
        assertTrue(lines().getFirst().endsWith("\"stale\":true}"), lines().toString());
    }

    @Test
    void latencyPercentilesGoToStandardError() {
        Path queue = journal();
        assertEquals(0, run("--queue", queue.toString(), "--snapshot", "--latency"), errors());
        assertTrue(errors().contains("journal->book n=13 p50 ") && errors().contains("rx->book n=13"), errors());
        assertEquals(2, lines().size());
    }

    @Test
    void followBboPrintsTheCurrentTopThenEveryChangeAsTheJournalGrows() throws Exception {
        Path queue = journal();
        String text = follow(new String[] {"--queue", queue.toString(), "--follow", "--bbo", "--stock", "AAPL", "--latency"},
                writer -> append(writer, 14, List.of(new Add(AAPL, 20, 'B', 5, 1_502_400 - 50, false),
                        new Add(MSFT, 21, 'B', 5, 100, false), new Execute(AAPL, 4, 300, false))),
                s -> s.contains("\"seq\":16"));
        List<String> bbo = text.lines().toList();
        assertEquals(List.of(
                "{\"seq\":13,\"stockLocate\":13,\"stock\":\"AAPL\",\"bid\":[1502300,700],\"ask\":[1502400,300]}",
                "{\"seq\":14,\"stockLocate\":13,\"stock\":\"AAPL\",\"bid\":[1502350,5],\"ask\":[1502400,300]}",
                "{\"seq\":16,\"stockLocate\":13,\"stock\":\"AAPL\",\"bid\":[1502350,5],\"ask\":null}"), bbo);
        assertTrue(errors().contains("journal->book latency after catching up: journal->book n=3"), errors());
    }

    @Test
    void followStockDrawsADepthLadder() throws Exception {
        Path queue = journal();
        String text = follow(new String[] {"--queue", queue.toString(), "--follow", "--stock", "AAPL"},
                writer -> append(writer, 14, List.of(new Add(AAPL, 30, 'S', 1_000, 1_502_500, false))),
                s -> s.contains("1,000"));
        String frame = text.substring(text.lastIndexOf("\033[H\033[2J") + 7);
        assertTrue(frame.startsWith("AAPL (locate 13)"), frame);
        assertTrue(frame.contains("message 14"), frame);
        List<String> rows = frame.lines().toList();
        assertTrue(rows.get(2).contains("150.2500") && rows.get(2).contains("1,000"), frame);
        assertTrue(rows.get(3).contains("150.2400") && rows.get(3).contains("300"), frame);
        assertTrue(rows.get(4).contains("spread") && rows.get(4).contains("0.0100"), frame);
        assertTrue(rows.get(5).contains("150.2300") && rows.get(5).contains("700"), frame);
        assertTrue(rows.get(6).contains("150.2200") && rows.get(6).contains("100"), frame);
    }

    /** Runs md-book until {@code done} holds for its output, after appending to the journal from another thread. */
    private String follow(String[] args, java.util.function.Consumer<JournalWriter> more,
                          java.util.function.Predicate<String> done) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        BooleanSupplier stopWhen = stop::get;
        CompletableFuture<Integer> md = CompletableFuture.supplyAsync(() -> BookMain.run(args,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), stopWhen));
        // md-book prints its first output (the current top, or the first ladder) once it has caught up with the
        // journal: only then does the journal grow, whatever time opening the queue takes on a loaded host.
        long caughtUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (out.size() == 0 && !md.isDone() && System.nanoTime() < caughtUp) {
            Thread.sleep(20);
        }
        try (JournalWriter writer = JournalWriter.open(dir.resolve("journal"), "FAST_HOURLY")) {
            more.accept(writer);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!done.test(out.toString(StandardCharsets.UTF_8)) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(150);
        stop.set(true);
        assertEquals(0, md.get(20, TimeUnit.SECONDS), errors());
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void errorsNameTheProblem() throws Exception {
        Path queue = journal();
        Path empty = Files.createDirectory(dir.resolve("empty"));
        List<String[]> cases = new ArrayList<>();
        cases.add(new String[] {"--snapshot"});
        cases.add(new String[] {"--queue", dir.resolve("nowhere").toString(), "--snapshot"});
        cases.add(new String[] {"--queue", empty.toString(), "--snapshot"});
        cases.add(new String[] {"--queue", queue.toString(), "--snapshot", "--stock", "ZZZZ"});
        cases.add(new String[] {"--queue", queue.toString(), "--snapshot", "--channel", "other"});
        cases.add(new String[] {"--queue", queue.toString(), "--follow"});
        cases.add(new String[] {"--queue", queue.toString(), "--snapshot", "--follow"});
        cases.add(new String[] {"--queue", queue.toString()});
        cases.add(new String[] {"--queue", queue.toString(), "--snapshot", "--bbo"});
        cases.add(new String[] {"--queue", queue.toString(), "--snapshot", "--depth", "0"});
        cases.add(new String[] {"--queue", queue.toString(), "--snapshot", "--depth"});
        cases.add(new String[] {"--queue", queue.toString(), "--snapshot", "--bogus"});
        List<String> expected = List.of("--queue DIR is required", "nowhere: no such directory",
                "empty: no journal there", "no stock ZZZZ", "no channel other", "--follow needs --stock SYMBOL",
                "give one of them", "give --snapshot, or --follow", "goes with --follow",
                "--depth 0: expected an integer in 1..10000", "--depth needs a value", "unknown option --bogus");
        for (int i = 0; i < cases.size(); i++) {
            err.reset();
            assertEquals(2, run(cases.get(i)), String.join(" ", cases.get(i)));
            assertTrue(errors().startsWith("md-book: ") && errors().contains(expected.get(i)), errors());
        }
        out.reset();
        assertEquals(0, run("--help"));
        String help = out.toString(StandardCharsets.UTF_8);
        for (String option : List.of("--snapshot", "--depth", "--stock", "--follow", "--bbo", "--latency", "--channel",
                "--max-orders", "--max-levels", "\"stale\":true")) {
            assertTrue(help.contains(option), option);
        }
    }
}
