package io.mdr.fanout;

import io.mdr.receiver.ReceiverMain;
import io.mdr.replay.gen.FeedImpairments;
import io.mdr.replay.gen.FeedOutputs;
import io.mdr.replay.gen.FeedPcapWriter;
import io.mdr.replay.gen.FeedSettings;
import io.mdr.replay.gen.GeneratorSettings;
import io.mdr.testing.ReceiverProcess;
import io.mdr.tools.DumpMain;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Journals written the product's way: md-gen's A/B feed (with losses on both lines, so gap records too) received
 * through DPDK's net_pcap port by md-receiver in its own process, into a Chronicle queue; and md-dump's view of them.
 */
final class Journals {
    /** Messages in the journal the tests share. */
    static final long SHARED_MESSAGES = 30_000;
    private static Path shared;
    private static String sharedDump;

    private Journals() {
    }

    /**
     * One journal for every test of this JVM (made once: generating and receiving it takes seconds), with md-dump's
     * lines for it; removed when the JVM ends. Tests that append copy it first ({@link #copy}).
     */
    static synchronized Path shared() throws Exception {
        if (shared == null) {
            Path dir = Files.createTempDirectory("fanout-journal-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
            shared = receive(dir, dir.resolve("journal"), SHARED_MESSAGES, 1, 11);
            sharedDump = dump(shared);
            assertTrue(check(shared).contains("OK, every message exactly once and in order"));
        }
        return shared;
    }

    /** md-dump's lines for {@link #shared()}. */
    static synchronized String sharedDump() throws Exception {
        shared();
        return sharedDump;
    }

    /** A copy of a journal (its queue files), for a test that appends to it. */
    static Path copy(Path journal, Path target) throws java.io.IOException {
        Files.createDirectories(target);
        try (var files = Files.list(journal)) {
            for (Path f : files.toList()) {
                Files.copy(f, target.resolve(f.getFileName()));
            }
        }
        return target;
    }

    static void deleteTree(Path dir) {
        try (var tree = Files.walk(dir)) {
            tree.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            // best effort
        }
    }

    /**
     * Receives {@code messages} generated messages starting at {@code firstSequence} into the journal at
     * {@code journal} (appending when it exists), as the configured A/B channel "itch".
     */
    static Path receive(Path dir, Path journal, long messages, long firstSequence, long seed) throws Exception {
        Path capture = dir.resolve("feed-" + firstSequence + ".pcap");
        new FeedPcapWriter(
                GeneratorSettings.defaults().withMessageCount(messages).withSeed(seed),
                FeedSettings.builder().firstSequence(firstSequence)
                        .impairments(FeedImpairments.NONE.withLossBoth(0.002).withLossA(0.01).withLossB(0.01)).build())
                .write(FeedOutputs.merged(capture));
        Path config = Files.writeString(dir.resolve("receiver-" + firstSequence + ".properties"), String.join("\n",
                "eal.args=--no-huge -m 512 --no-pci --no-shconf -l 0 --log-level lib.*:warning --file-prefix fo-"
                        + ProcessHandle.current().pid() + "-" + firstSequence,
                "receiver.core=" + (Runtime.getRuntime().availableProcessors() - 1),
                "port.device=net_pcap0,rx_pcap=" + capture,
                "channel.itch.a.group=233.54.12.111:26477",
                "channel.itch.b.group=233.54.12.112:26477",
                "journal.path=" + journal,
                "stats.countersFile=" + dir.resolve("receiver-counters.dat"),
                ""));
        ReceiverProcess.Result result = ReceiverProcess.run(ReceiverMain.class.getName(),
                List.of("--config", config.toString(), "--exit-when-idle", "1000"), 120);
        assertEquals(0, result.exitCode(), result.output());
        Files.delete(capture);
        return journal;
    }

    /** What {@code md-dump --queue journal} prints. */
    static String dump(Path journal) {
        return run(new String[] {"--queue", journal.toString()}, 0);
    }

    /** What {@code md-dump --queue journal --check} prints (it must pass). */
    static String check(Path journal) {
        return run(new String[] {"--queue", journal.toString(), "--check"}, 0);
    }

    private static String run(String[] args, int expectedExit) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rc = DumpMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(expectedExit, rc, text);
        return text;
    }

    /** Asserts a subscriber's output is md-dump's, line for line, naming the first line that differs. */
    static void assertSameLines(String expected, String actual, String who) {
        assertTrue(!expected.isEmpty() && expected.contains("\"gap\""), "the journal holds messages and gaps");
        if (expected.equals(actual)) {
            return;
        }
        String[] e = expected.split("\n", -1);
        String[] a = actual.split("\n", -1);
        for (int i = 0; i < Math.min(e.length, a.length); i++) {
            if (!e[i].equals(a[i])) {
                throw new AssertionError(who + ": line " + (i + 1) + " differs from md-dump's\n  md-dump: " + e[i] + "\n  " + who + ": " + a[i]);
            }
        }
        throw new AssertionError(who + ": " + a.length + " lines, md-dump " + e.length + " (the common lines are equal)");
    }
}
