package io.mdr.fanout;

import io.mdr.fanout.media.MediaDriverMain;
import io.mdr.fanout.subscribe.SubscribeMain;
import io.mdr.metrics.CountersFile;
import io.mdr.tools.StatMain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * receiver → journal → md-fanout → md-subscribe on one host, each command in its own process: over UDP on
 * 127.0.0.1 (the acceptance sequence, with and without a SIGKILL of the fan-out mid-stream) and over IPC
 * through a shared media driver. The subscriber's output must be md-dump's, line for line.
 */
class FanoutLoopbackTest {
    private static Path journal;
    private static String dump;

    @TempDir
    Path dir;
    private JvmProcesses processes;

    @BeforeAll
    static void journal() throws Exception {
        journal = Journals.shared();
        dump = Journals.sharedDump();
    }

    @BeforeEach
    void processes() {
        processes = new JvmProcesses(dir);
    }

    @AfterEach
    void stop() {
        processes.close();
    }

    @Test
    void udpOnLoopbackGivesMdDumpsLinesAsTheAcceptanceSequenceRunsIt() throws Exception {
        String channel = "aeron:udp?endpoint=127.0.0.1:" + freePort();
        JvmProcesses.Running subscriber = processes.start("subscribe", SubscribeMain.class,
                "--channel", channel, "--stream", "10", "--dump", "--exit-when-idle", "5");
        JvmProcesses.Running fanout = processes.start("fanout", FanoutMain.class, "--queue", journal.toString(),
                "--channel", channel, "--stream", "10", "--from-start", "--exit-when-idle", "2",
                "--position", dir.resolve("fanout.position").toString(), "--counters", dir.resolve("fanout-counters.dat").toString());
        assertEquals(0, fanout.await(120), fanout.err());
        assertEquals(0, subscriber.await(60), subscriber.err());
        Journals.assertSameLines(dump, subscriber.out(), "md-subscribe");
        assertTrue(fanout.out().contains("from the journal's start"), fanout.out());
        assertTrue(subscriber.err().contains(" 0 duplicates dropped, 0 missed"), subscriber.err());

        try (CountersFile counters = CountersFile.open(dir.resolve("fanout-counters.dat"))) {
            String stat = StatMain.format(counters);
            assertTrue(stat.startsWith("md-fanout pid "), stat);
            assertTrue(stat.matches("(?s).*messages-published\\s+" + String.format("%,d", messagesIn(dump)) + "\\n.*"), stat);
            assertTrue(stat.matches("(?s).*lag-excerpts\\s+0\\n.*"), stat);
            assertTrue(stat.contains("back-pressure-events") && stat.contains("subscribers-connected"), stat);
        }
    }

    @Test
    void ipcThroughASharedMediaDriverGivesMdDumpsLines() throws Exception {
        Path aeron = Path.of("/dev/shm/aeron-md-test-fo-" + ProcessHandle.current().pid());
        JvmProcesses.Running driver = processes.start("driver", MediaDriverMain.class, "--aeron-dir", aeron.toString());
        processes.await("the media driver", 60, () -> driver.out().contains("running in"));
        JvmProcesses.Running subscriber = processes.start("subscribe", SubscribeMain.class, "--channel", "aeron:ipc",
                "--stream", "11", "--aeron-dir", aeron.toString(), "--check", "--exit-when-idle", "5");
        JvmProcesses.Running dumper = processes.start("subscribe-dump", SubscribeMain.class, "--channel", "aeron:ipc",
                "--stream", "11", "--aeron-dir", aeron.toString(), "--dump", "--exit-when-idle", "5");
        JvmProcesses.Running fanout = processes.start("fanout", FanoutMain.class, "--queue", journal.toString(),
                "--channel", "aeron:ipc", "--stream", "11", "--aeron-dir", aeron.toString(), "--from-start",
                "--exit-when-idle", "2", "--position", dir.resolve("ipc.position").toString(),
                "--counters", dir.resolve("ipc-counters.dat").toString());
        assertEquals(0, fanout.await(120), fanout.err());
        assertEquals(0, dumper.await(60), dumper.err());
        assertEquals(0, subscriber.await(60), subscriber.err() + subscriber.out());
        Journals.assertSameLines(dump, dumper.out(), "md-subscribe --dump");
        assertEquals(Journals.check(journal), subscriber.out(), "md-subscribe --check reports as md-dump --check");
        driver.process().destroy();
        assertEquals(0, driver.await(30), driver.err());
        assertTrue(Files.notExists(aeron), "the driver removed its directory");
    }

    @Test
    void aFanoutKilledMidStreamAndRestartedLosesAndRepeatsNothing() throws Exception {
        String channel = "aeron:udp?endpoint=127.0.0.1:" + freePort();
        String[] fanoutArgs = {"--queue", journal.toString(), "--channel", channel, "--stream", "12", "--from-start",
                "--exit-when-idle", "2", "--position", dir.resolve("kill.position").toString(),
                "--counters", dir.resolve("kill-counters.dat").toString()};
        // a strategy a little slower than the feed (about 50 us a message): the fan-out is well ahead of what
        // was sent when it is killed, and what it had only in its log dies with it. The idle limit leaves
        // room for a JVM start on a loaded machine.
        JvmProcesses.Running subscriber = processes.start("subscribe", SubscribeMain.class,
                "--channel", channel, "--stream", "12", "--dump", "--exit-when-idle", "20", "--pause-us", "1");
        JvmProcesses.Running first = processes.start("fanout-1", FanoutMain.class, fanoutArgs);
        long total = dump.lines().count();
        processes.await("a tenth of the stream at the subscriber", 120, () -> subscriber.out().lines().count() > total / 10);
        first.kill();
        long atKill = subscriber.out().lines().count();
        assertTrue(atKill < total * 8 / 10, "killed mid-stream: " + atKill + " of " + total + " lines had arrived");

        JvmProcesses.Running second = processes.start("fanout-2", FanoutMain.class, fanoutArgs);
        assertEquals(0, second.await(180), second.err());
        assertEquals(0, subscriber.await(60), subscriber.err());
        assertTrue(second.out().contains("resuming after journal index"), second.out());
        Journals.assertSameLines(dump, subscriber.out(), "md-subscribe across the restart");
        assertTrue(subscriber.err().contains(" 0 missed"), subscriber.err());
    }

    private static long messagesIn(String dump) {
        return dump.lines().filter(l -> !l.startsWith("{\"gap\"")).count();
    }

    static int freePort() throws Exception {
        try (DatagramSocket socket = new DatagramSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
