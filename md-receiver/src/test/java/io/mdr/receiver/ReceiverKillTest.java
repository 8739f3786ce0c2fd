package io.mdr.receiver;

import io.mdr.itch.OrderDeleteDecoder;
import io.mdr.journal.JournalListener;
import io.mdr.journal.JournalMessage;
import io.mdr.journal.JournalTailer;
import io.mdr.testing.SharedData;
import io.mdr.testing.SyntheticCapture;
import io.mdr.tools.DumpMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Acceptance: SIGKILL at random moments of one stream, each time restarted on the same journal and the same
 * capture, leaves every message in the journal exactly once, in order; and a tailer in another process that reads
 * all along (this test's JVM) goes on across every kill and restart, with nothing lost or repeated.
 *
 * <p>The moments: the first a random delay after launch (start-up or the journal opening), then four while the receiver journals, each when the tailer has seen a randomly chosen share of the stream. Each restart
 * replays the capture from its start: what the journal already holds comes back as counted duplicates, the rest
 * continues it. The seed is printed, so a failure can be replayed.
 */
class ReceiverKillTest {
    private static final long MESSAGES = 400_000;
    private static final int KILLS_WHILE_JOURNALING = 4;

    @Test
    void sigkillAtRandomMomentsThenRestartJournalsEveryMessageExactlyOnceInOrder(@TempDir Path dir) throws Exception {
        long seed = System.nanoTime();
        System.out.println("ReceiverKillTest seed " + seed);
        Random random = new Random(seed);
        Path capture = SyntheticCapture.write(dir.resolve("stream.pcap"), "KILLTEST", 1, MESSAGES, 4);
        Path queue = dir.resolve("journal");
        long[] targets = new long[KILLS_WHILE_JOURNALING];
        for (int i = 0; i < targets.length; i++) {
            targets[i] = 1 + (long) (random.nextDouble() * (MESSAGES - 20_000));
        }
        Arrays.sort(targets);

        CheckingTailer tailer = new CheckingTailer(queue);
        List<String> kills = new ArrayList<>();
        try {
            // A kill at a random time from launch: during start-up (JVM, EAL, warm-up) or while the journal opens.
            Run early = Run.start(capture, queue, dir);
            Thread.sleep(300 + random.nextInt(2700));
            assertTrue(early.process.isAlive(), "still starting up:\n" + early.output());
            kills.add("after " + early.millis() + " ms, its last line: " + early.lastLine());
            early.kill();

            for (long target : targets) {
                Run run = Run.start(capture, queue, dir);
                tailer.startWhenJournalExists();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (tailer.seen() < target && run.process.isAlive() && System.nanoTime() < deadline) {
                    Thread.sleep(1);
                }
                assertTrue(run.process.isAlive(), "the receiver ended before message " + target + ":\n" + run.output());
                kills.add("at ~" + tailer.seen() + " messages (target " + target + ")");
                run.kill();
            }

            Run last = Run.start(capture, queue, dir);
            tailer.startWhenJournalExists();
            assertTrue(last.process.waitFor(120, TimeUnit.SECONDS), "the last run did not finish:\n" + last.output());
            String output = last.output();
            assertEquals(0, last.process.exitValue(), output);
            assertTrue(output.contains("journal resume: 1 channel"), output);
            assertTrue(output.contains("mbuf pool 8191/8191 (full)"), output);
            assertTrue(output.contains("gaps 0 (0 messages)"), "restarting from the capture's start leaves no hole\n" + output);

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (tailer.seen() < MESSAGES && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
        } finally {
            tailer.stop();
        }
        String story = "seed " + seed + ", kills: " + String.join("; ", kills);

        ByteArrayOutputStream check = new ByteArrayOutputStream();
        int rc = DumpMain.run(new String[] {"--queue", queue.toString(), "--check"}, new PrintStream(check, true, StandardCharsets.UTF_8));
        String report = check.toString(StandardCharsets.UTF_8);
        assertEquals(0, rc, story + "\n" + report);
        assertTrue(report.contains(SyntheticCapture.channelName("KILLTEST") + ": 400,000 messages (0 recovered), sequences 1..400000, 0 gaps"
                + " (0 messages), 0 repeated or out of order, 0 missing: OK"), story + "\n" + report);

        assertNull(tailer.problem(), story);
        assertEquals(MESSAGES, tailer.seen(), "the tailer that read across every kill saw every message once: " + story);
    }

    /** One receiver process over the capture, its output gathered as it comes. */
    private record Run(Process process, StringBuffer log, long started) {
        static Run start(Path capture, Path queue, Path dir) throws IOException {
            List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "@" + SharedData.projectRoot().resolve("config/jvm.options"), "-cp", System.getProperty("java.class.path"),
                    ReceiverMain.class.getName(), "--pcap", capture.toString(), "--queue", queue.toString(),
                    "--counters", dir.resolve("counters.dat").toString(), "--exit-when-idle", "1500");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            StringBuffer log = new StringBuffer();
            Thread.ofPlatform().daemon().start(() -> drain(process.getInputStream(), log));
            return new Run(process, log, System.nanoTime());
        }

        private static void drain(InputStream in, StringBuffer log) {
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    log.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                }
            } catch (IOException ignored) {
                // the process was killed
            }
        }

        void kill() throws InterruptedException {
            process.destroyForcibly(); // SIGKILL
            assertTrue(process.waitFor(30, TimeUnit.SECONDS));
            assertEquals(137, process.exitValue(), "killed by SIGKILL");
        }

        long millis() {
            return (System.nanoTime() - started) / 1_000_000;
        }

        String lastLine() {
            String[] lines = log.toString().split("\n");
            return lines.length == 0 ? "(no output yet)" : lines[lines.length - 1];
        }

        String output() throws InterruptedException {
            Thread.sleep(100);
            return log.toString();
        }
    }

    /** Tails the journal from this process the whole time, checking each message against the one before. */
    private static final class CheckingTailer implements JournalListener {
        private final Path queue;
        private final AtomicLong seen = new AtomicLong();
        private final AtomicReference<String> problem = new AtomicReference<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private Thread thread;
        private long next = 1;

        CheckingTailer(Path queue) {
            this.queue = queue;
        }

        void startWhenJournalExists() throws InterruptedException {
            if (thread != null) {
                return;
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(queue.resolve("metadata.cq4t")) && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            thread = Thread.ofPlatform().daemon().name("kill-test-tailer").start(() -> {
                try (JournalTailer tailer = JournalTailer.open(queue).fromStart()) {
                    while (running.get()) {
                        if (tailer.poll(this, 256) == 0) {
                            Thread.onSpinWait();
                        }
                    }
                } catch (RuntimeException e) {
                    problem.compareAndSet(null, "tailer failed: " + e);
                }
            });
        }

        @Override
        public void onMessage(JournalMessage message) {
            long sequence = message.sequence();
            if (sequence != next) {
                problem.compareAndSet(null, "after " + (next - 1) + " came " + sequence);
            }
            if (!(message.itch() instanceof OrderDeleteDecoder delete) || delete.orderReferenceNumber() != sequence) {
                problem.compareAndSet(null, "message " + sequence + " does not hold its own bytes");
            }
            next = Math.max(next, sequence + 1);
            seen.incrementAndGet();
        }

        long seen() {
            return seen.get();
        }

        String problem() {
            return problem.get();
        }

        void stop() throws InterruptedException {
            running.set(false);
            if (thread != null) {
                thread.join(10_000);
            }
        }
    }
}
