package io.mdr.fanout;

import io.mdr.fanout.media.MediaDriverMain;
import io.mdr.fanout.subscribe.SubscribeMain;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fan-out on one host and strategies on another: two network namespaces joined by a veth pair that the test
 * makes ({@link TwoHosts}). md-fanout runs in one, two md-subscribe in the other, over UDP unicast (to the
 * strategy host's media driver, shared by both), multicast on the veth, and multi-destination with a late joiner
 * that replays the archive and merges into live. Then a slow strategy beside a fast one under each flow-control
 * choice: min holds the fast one back; max and tagged leave it unaffected while the slow one catches up.
 */
class TwoHostsTest {
    private static final Pattern MESSAGES = Pattern.compile("messages ([\\d,]+) gaps");
    private static TwoHosts hosts;
    private static Path journal;
    private static String dump;
    private static long messages;

    @TempDir
    Path dir;
    private JvmProcesses processes;

    @BeforeAll
    static void hosts() throws Exception {
        Assumptions.assumeTrue(TwoHosts.possible(), "needs root and iproute2 to make network namespaces");
        journal = Journals.shared();
        dump = Journals.sharedDump();
        messages = dump.lines().filter(l -> !l.startsWith("{\"gap\"")).count();
        hosts = TwoHosts.create();
    }

    @AfterAll
    static void deleteHosts() {
        if (hosts != null) {
            hosts.close();
        }
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
    void unicastToTheStrategyHostsMediaDriverReachesBothStrategies() throws Exception {
        Path aeron = Path.of("/dev/shm/aeron-md-test-fo-" + ProcessHandle.current().pid() + "-b");
        JvmProcesses.Running driver = processes.start("driver", hosts.onStrategyHost(), MediaDriverMain.class,
                "--aeron-dir", aeron.toString());
        processes.await("the strategy host's media driver", 60, () -> driver.out().contains("running in"));
        String channel = "aeron:udp?endpoint=" + TwoHosts.STRATEGY_HOST + ":40001";
        JvmProcesses.Running first = subscriber("strategy-1", channel, "30", "--aeron-dir", aeron.toString(), "--dump");
        JvmProcesses.Running second = subscriber("strategy-2", channel, "30", "--aeron-dir", aeron.toString(), "--dump");
        awaitStarted(first, second);
        JvmProcesses.Running fanout = fanout("fanout", channel, "30", "--exit-when-idle", "2");
        assertEquals(0, fanout.await(120), fanout.err());
        assertEquals(0, first.await(60), first.err());
        assertEquals(0, second.await(60), second.err());
        Journals.assertSameLines(dump, first.out(), "strategy 1");
        Journals.assertSameLines(dump, second.out(), "strategy 2");
    }

    @Test
    void multicastOnTheVethUnderMinReachesBothAndHoldsTheFastOneToTheSlowOnesPace() throws Exception {
        String group = "aeron:udp?endpoint=239.255.77.1:40002|interface=";
        JvmProcesses.Running fast = subscriber("fast", group + TwoHosts.STRATEGY_HOST, "31", "--dump");
        JvmProcesses.Running slow = subscriber("slow", group + TwoHosts.STRATEGY_HOST, "31", "--dump", "--pause-us", "50");
        awaitStarted(fast, slow);
        JvmProcesses.Running fanout = fanout("fanout", group + TwoHosts.FANOUT_HOST, "31", "--flow-control", "min/2",
                "--exit-when-idle", "2");
        long[] took = streamingTimes(fast, slow);
        long fastDone = took[0];
        long slowDone = took[1];
        assertEquals(0, fanout.await(120), fanout.err());
        assertEquals(0, fast.await(60), fast.err());
        assertEquals(0, slow.await(60), slow.err());
        Journals.assertSameLines(dump, fast.out(), "fast strategy");
        Journals.assertSameLines(dump, slow.out(), "slow strategy");
        assertTrue(fastDone > slowDone * 6 / 10, "min: the fast strategy is held to the slow one's pace ("
                + fastDone / 1_000_000 + " ms against " + slowDone / 1_000_000 + " ms)");
    }

    @Test
    void underMaxTheSlowStrategyFallsBehindAndCatchesUpWhileTheFastOneIsUnaffected() throws Exception {
        fastAndSlow("max", "32", "239.255.77.3", "");
    }

    @Test
    void underTaggedOnlyTheTaggedStrategyHoldsTheStream() throws Exception {
        fastAndSlow("tagged:7", "33", "239.255.77.5", "|gtag=7");
    }

    /**
     * A fast live strategy and a slow one that joins through the archive, on multicast to {@code address} (Aeron
     * wants an odd last byte: the next address is its control group) with {@code flowControl}; the fast one's
     * channel ends with {@code fastTag}.
     */
    private void fastAndSlow(String flowControl, String stream, String address, String fastTag) throws Exception {
        String group = "aeron:udp?endpoint=" + address + ":40003|interface=";
        String archiveControl = "aeron:udp?endpoint=" + TwoHosts.FANOUT_HOST + ":40010";
        JvmProcesses.Running fast = subscriber("fast", group + TwoHosts.STRATEGY_HOST + fastTag, stream, "--check");
        JvmProcesses.Running slow = subscriber("slow", group + TwoHosts.STRATEGY_HOST, stream, "--check", "--pause-us", "50",
                "--replay", "--archive-control", archiveControl);
        awaitStarted(fast, slow);
        JvmProcesses.Running fanout = fanout("fanout", group + TwoHosts.FANOUT_HOST, stream, "--flow-control", flowControl,
                "--archive", dir.resolve("archive").toString(), "--archive-control", archiveControl, "--exit-when-idle", "4");
        long[] took = streamingTimes(fast, slow);
        long fastDone = took[0];
        long slowDone = took[1];
        assertEquals(0, fanout.await(120), fanout.err());
        assertEquals(0, fast.await(60), fast.err());
        assertEquals(0, slow.await(60), slow.err());
        String expected = Journals.check(journal);
        assertEquals(expected, fast.out(), "the fast strategy's check");
        assertEquals(expected, slow.out(), "the slow strategy's check");
        assertTrue(fastDone < slowDone / 2, flowControl + ": the fast strategy is not held back ("
                + fastDone / 1_000_000 + " ms against " + slowDone / 1_000_000 + " ms)");
    }

    @Test
    void aLateJoinerReplaysTheArchiveThenMergesIntoLive() throws Exception {
        Path growing = Journals.copy(journal, dir.resolve("journal"));
        String control = "control=" + TwoHosts.FANOUT_HOST + ":40020";
        String archiveControl = "aeron:udp?endpoint=" + TwoHosts.FANOUT_HOST + ":40021";
        JvmProcesses.Running live = subscriber("live", "aeron:udp?endpoint=" + TwoHosts.STRATEGY_HOST + ":40022|" + control,
                "34", "--dump", "--exit-when-idle", "60");
        awaitStarted(live);
        JvmProcesses.Running fanout = processes.start("fanout", hosts.onFanoutHost(), FanoutMain.class,
                "--queue", growing.toString(), "--channel", "aeron:udp?" + control + "|control-mode=dynamic", "--stream", "34",
                "--from-start", "--archive", dir.resolve("archive").toString(), "--archive-control", archiveControl,
                "--position", dir.resolve("late.position").toString(), "--counters", dir.resolve("late-counters.dat").toString());
        long before = dump.lines().count();
        processes.await("the live strategy to have the journal", 120, () -> live.out().lines().count() >= before);

        JvmProcesses.Running late = subscriber("late", "aeron:udp?endpoint=" + TwoHosts.STRATEGY_HOST + ":40023|" + control,
                "34", "--dump", "--exit-when-idle", "60", "--replay", "--archive-control", archiveControl);
        processes.await("the late joiner to replay and merge into live", 120,
                () -> late.out().lines().count() >= before && late.err().contains("live (merged"));

        Journals.receive(dir, growing, 10_000, Journals.SHARED_MESSAGES + 1, 12); // more of the session, live
        String full = Journals.dump(growing);
        long after = full.lines().count();
        assertTrue(after > before);
        processes.await("both strategies to have the new records", 120,
                () -> live.out().lines().count() >= after && late.out().lines().count() >= after);
        fanout.process().destroy();
        assertEquals(0, fanout.await(60), fanout.err());
        live.process().destroy();
        late.process().destroy();
        assertEquals(0, live.await(30), live.err());
        assertEquals(0, late.await(30), late.err());
        Journals.assertSameLines(full, live.out(), "live strategy");
        Journals.assertSameLines(full, late.out(), "late joiner");
        assertTrue(late.err().contains("live (merged"), late.err());
    }

    private JvmProcesses.Running subscriber(String name, String channel, String stream, String... options) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("--channel", channel, "--stream", stream,
                "--exit-when-idle", "5", "--stats-interval", "100"));
        args.addAll(List.of(options));
        return processes.start(name, hosts.onStrategyHost(), SubscribeMain.class, args.toArray(String[]::new));
    }

    private JvmProcesses.Running fanout(String name, String channel, String stream, String... options) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("--queue", journal.toString(), "--channel", channel,
                "--stream", stream, "--from-start", "--position", dir.resolve(name + ".position").toString(),
                "--counters", dir.resolve(name + "-counters.dat").toString()));
        args.addAll(List.of(options));
        return processes.start(name, hosts.onFanoutHost(), FanoutMain.class, args.toArray(String[]::new));
    }

    /** Waits until each subscriber has its Aeron up (its first line). */
    private void awaitStarted(JvmProcesses.Running... subscribers) throws InterruptedException {
        for (JvmProcesses.Running s : subscribers) {
            processes.await(s.name() + " to start", 60, () -> s.err().contains("md-subscribe: aeron:"));
        }
    }

    /**
     * Watches the subscribers' stats lines (every 100 ms) until each counts every message; for each, the time from
     * its first message to its last.
     */
    private long[] streamingTimes(JvmProcesses.Running... subscribers) throws InterruptedException {
        long[] first = new long[subscribers.length];
        long[] done = new long[subscribers.length];
        processes.await("every subscriber to have every message", 180, () -> {
            boolean all = true;
            long now = System.nanoTime();
            for (int i = 0; i < subscribers.length; i++) {
                long count = lastCount(subscribers[i].err());
                if (count > 0 && first[i] == 0) {
                    first[i] = now;
                }
                if (count >= messages && done[i] == 0) {
                    done[i] = now;
                }
                all &= done[i] != 0;
            }
            return all;
        });
        long[] took = new long[subscribers.length];
        for (int i = 0; i < took.length; i++) {
            took[i] = done[i] - first[i];
        }
        return took;
    }

    private static long lastCount(String stats) {
        Matcher m = MESSAGES.matcher(stats);
        long last = -1;
        while (m.find()) {
            last = Long.parseLong(m.group(1).replace(",", ""));
        }
        return last;
    }
}
