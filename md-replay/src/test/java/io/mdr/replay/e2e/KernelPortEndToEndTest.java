package io.mdr.replay.e2e;

import io.mdr.journal.JournalListener;
import io.mdr.journal.JournalMessage;
import io.mdr.journal.JournalTailer;
import io.mdr.metrics.CountersFile;
import io.mdr.receiver.ReceiverMain;
import io.mdr.replay.gen.FeedImpairments;
import io.mdr.replay.gen.FeedOutputs;
import io.mdr.replay.gen.FeedPcapWriter;
import io.mdr.replay.gen.FeedReport;
import io.mdr.replay.gen.FeedSettings;
import io.mdr.replay.gen.GeneratorSettings;
import io.mdr.replay.gen.SequenceRange;
import io.mdr.replay.tx.ReplayMain;
import org.agrona.concurrent.status.CountersReader;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kernel ports end to end, over a veth into a network namespace this test creates (a second host): md-receiver
 * with {@code port.kind} socket, epoll or io_uring joins the A and B groups on the namespace's end of the veth and
 * receives a generated, impaired A/B feed through the whole pipeline (parse, arbitration, journal); the journal then
 * holds every message once and in order, and exactly the gaps lost on both lines (when the polling thread was held
 * up beyond the arbiter's 5 ms wait on a busy host, late copies may become gaps too: each must then be a range one
 * line carried). The shipped configuration files
 * themselves ({@code config/receiver-<kind>.properties}) receive md-replay's stream over the veth with nothing lost.
 */
class KernelPortEndToEndTest {
    private static final long MESSAGES = 40_000;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"socket, auto", "epoll, auto", "io_uring, auto", "io_uring, recvmsg"})
    void anImpairedAbFeedOverTwoGroupsIsJournaledOnceInOrderWithExactGaps(String kind, String receive, @TempDir Path dir)
            throws Exception {
        Path capture = dir.resolve("ab.pcap");
        FeedReport report = new FeedPcapWriter(
                GeneratorSettings.defaults().withMessageCount(MESSAGES).withSeed(11),
                FeedSettings.builder().messagesPerPacket(4)
                        .impairments(FeedImpairments.NONE.withLossA(0.02).withLossB(0.02).withLossBoth(0.004)).build())
                .write(FeedOutputs.merged(capture));
        Path config = Files.writeString(dir.resolve("receiver.properties"), String.join("\n",
                "port.kind=" + kind,
                "port.interface=" + VethNamespaces.RECEIVER_INTERFACE,
                kind.equals("io_uring") ? "port.uringReceive=" + receive : "",
                "receiver.core=" + (Runtime.getRuntime().availableProcessors() - 1),
                "channel.itch.a.group=233.54.12.111:26477",
                "channel.itch.b.group=233.54.12.112:26477",
                "journal.path=" + dir.resolve("journal"),
                "stats.countersFile=" + dir.resolve("counters.dat"),
                ""));
        String output;
        long sent;
        try (VethNamespaces veth = VethNamespaces.create(true);
             BackgroundProcess receiver = BackgroundProcess.start("md-receiver", VethNamespaces.inNamespace(veth.receiverNamespace(),
                     BackgroundProcess.java(ReceiverMain.class.getName(), List.of("--config", config.toString()))),
                     dir.resolve("receiver.log"))) {
            receiver.awaitLine("polling on core", 60);
            List<String> send = BackgroundProcess.java(UdpCaptureSender.class.getName(), List.of(capture.toString(),
                    veth.senderInterface(), "20000"));
            try (BackgroundProcess sender = BackgroundProcess.start("sender", VethNamespaces.inNamespace(veth.senderNamespace(), send),
                    dir.resolve("sender.log"))) {
                assertEquals(0, sender.await(180), sender.output());
                sent = counter(sender.output(), "udp-capture-sender: sent (\\d+) datagrams");
            }
            awaitReceived(dir.resolve("counters.dat"), sent);
            int exit = receiver.stop();
            output = receiver.output();
            assertEquals(0, exit, output);
        }
        assertTrue(output.contains(kind + " port ("), output);
        assertEquals(sent, counter(output, "^  packets (\\d+) "), "every datagram sent was received\n" + output);
        if (kind.equals("io_uring")) {
            assertTrue(output.contains(receive.equals("recvmsg") ? "batched recvmsg" : "multishot recvmsg"), output);
        }
        assertEquals(0, counter(output, "^  drops (\\d+)"), output);
        assertEquals(0, counter(output, "imissed (\\d+)"), "kernel drops on the sockets\n" + output);

        Outcome outcome = Outcome.read(dir.resolve("journal"), report);
        List<String> expectedGaps = report.lostOnBothLines().stream().map(r -> r.first() + "-" + r.last()).toList();
        assertTrue(expectedGaps.size() > 3, "the generator lost packets on both lines");
        assertTrue(report.lineA().packetsDropped() > 40 && report.lineB().packetsDropped() > 40, "each line lost packets");
        // Every message once and in order, but for exactly the ranges the journal's gap records name.
        outcome.assertEveryMessageOnceInOrder(outcome.gapRanges());
        // A hole one line lost waits for the other line's copy at most 5 ms (ArbiterSettings.maxHoleWaitNanos), counted
        // in the polling thread's time: when that thread was held up longer (a busy shared host), a copy taken from the
        // socket after the wait makes the hole a gap, and one gap record may then span a range lost on both lines and
        // the late copies beside it. Exact gaps are required when it never was held up that long; else every range lost
        // on both lines must lie within a gap record, and every message of a gap record must be one that a line lost
        // (lost on both, or its copy on the other line came late), never one both lines carried in time.
        long maxRxToJournalMicros = (long) Double.parseDouble(matcher(output, "^  rx->journal .* max ([0-9.]+)us$"));
        List<String> extra = outcome.gaps.stream().filter(g -> !expectedGaps.contains(g)).toList();
        if (maxRxToJournalMicros < 5_000) {
            assertEquals(expectedGaps, outcome.gaps, output);
        } else {
            for (SequenceRange lost : report.lostOnBothLines()) {
                assertTrue(outcome.gapRanges().stream().anyMatch(g -> g.contains(lost.first()) && g.contains(lost.last())),
                        "range " + lost.first() + "-" + lost.last() + " lost on both lines is within a gap record\n" + output);
            }
            for (SequenceRange gap : outcome.gapRanges()) {
                for (long seq = gap.first(); seq <= gap.last(); seq++) {
                    long s = seq;
                    boolean lostOnBoth = report.lostOnBothLines().stream().anyMatch(r -> r.contains(s));
                    boolean lostByA = report.lineA().lost().stream().anyMatch(r -> r.contains(s));
                    boolean lostByB = report.lineB().lost().stream().anyMatch(r -> r.contains(s));
                    assertTrue(lostOnBoth || lostByA || lostByB,
                            "message " + s + " of gap " + gap.first() + "-" + gap.last() + " was lost by neither line\n" + output);
                }
            }
            System.out.printf("%s %s: the polling thread was held up %d us (rx->journal max): %d late copies became gaps: %s%n",
                    kind, receive, maxRxToJournalMicros, extra.size(), extra);
        }
    }

    private static String matcher(String output, String regex) {
        Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(output);
        if (!m.find()) {
            throw new AssertionError("no /" + regex + "/ in:\n" + output);
        }
        return m.group(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"socket", "epoll", "io_uring"})
    void theShippedConfigurationReceivesMdReplaysStreamOverAVethWithNothingLost(String kind, @TempDir Path dir) throws Exception {
        Path capture = dir.resolve("ab.pcap");
        FeedReport report = new FeedPcapWriter(GeneratorSettings.defaults().withMessageCount(20_000).withSeed(5),
                FeedSettings.builder().messagesPerPacket(2).build()).write(FeedOutputs.merged(capture));
        Path shipped = io.mdr.testing.SharedData.projectRoot().resolve("config/receiver-" + kind + ".properties");
        String output;
        String replayOutput;
        try (VethNamespaces veth = VethNamespaces.create(false);
             BackgroundProcess receiver = BackgroundProcess.start("md-receiver", VethNamespaces.inNamespace(veth.receiverNamespace(),
                     BackgroundProcess.java(ReceiverMain.class.getName(), List.of("--config", shipped.toString(),
                             "--queue", dir.resolve("journal").toString(), "--counters", dir.resolve("counters.dat").toString()))),
                     dir.resolve("receiver.log"))) {
            receiver.awaitLine("polling on core", 60);
            try (BackgroundProcess replay = BackgroundProcess.start("md-replay", BackgroundProcess.java(ReplayMain.class.getName(),
                    List.of("--pcap", capture.toString(), "--port", "net_af_packet0,iface=" + veth.senderInterface(),
                            "--eal", "--no-huge -m 256 --no-pci --no-shconf -l 0 --log-level lib.*:warning --file-prefix "
                                    + "mdkr" + ProcessHandle.current().pid(),
                            "--pps", "20000", "--restamp", "--no-progress")), dir.resolve("replay.log"))) {
                assertEquals(0, replay.await(120), replay.output());
                replayOutput = replay.output();
            } finally {
                // EAL leaves its run directory behind even with --no-shconf
                org.agrona.IoUtil.delete(java.nio.file.Path.of("/var/run/dpdk", "mdkr" + ProcessHandle.current().pid()).toFile(), true);
            }
            awaitReceived(dir.resolve("counters.dat"), counter(replayOutput, "md-replay: sent ([\\d,]+) packets"));
            int exit = receiver.stop();
            output = receiver.output();
            assertEquals(0, exit, output);
        }
        long sent = counter(replayOutput, "md-replay: sent ([\\d,]+) packets");
        assertEquals(report.lineA().framesWritten() + report.lineB().framesWritten(), sent, replayOutput);
        assertEquals(sent, counter(output, "^  packets (\\d+) "), "every datagram md-replay sent was received\n" + output);
        assertEquals(0, counter(output, "^  drops (\\d+)"), output);
        assertEquals(0, counter(output, "imissed (\\d+)"), output);
        assertTrue(output.contains("exchange->handler"), "exchange latency from md-replay --restamp\n" + output);
        Outcome outcome = Outcome.read(dir.resolve("journal"), report);
        assertEquals(List.of(), outcome.gaps, output);
        outcome.assertEveryMessageOnceInOrder(List.of());
    }

    /**
     * Waits until the receiver has taken {@code expected} packets, reading its live counters file as md-stat does, or
     * until it has taken none for 5 s (the rest was lost: the assertions that follow say so).
     */
    private static void awaitReceived(Path countersFile, long expected) throws InterruptedException {
        try (CountersFile counters = CountersFile.open(countersFile)) {
            long last = -1;
            long lastChange = System.nanoTime();
            while (true) {
                long packets = value(counters.reader(), "rx-packets");
                if (packets >= expected) {
                    return;
                }
                if (packets != last) {
                    last = packets;
                    lastChange = System.nanoTime();
                } else if (System.nanoTime() - lastChange > 5_000_000_000L) {
                    return;
                }
                Thread.sleep(20);
            }
        }
    }

    private static long value(CountersReader reader, String label) {
        long[] value = {-1};
        reader.forEach((id, typeId, keyBuffer, counterLabel) -> {
            if (counterLabel.equals(label)) {
                value[0] = reader.getCounterValue(id);
            }
        });
        return value[0];
    }

    private static long counter(String output, String regex) {
        Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(output);
        if (!m.find()) {
            throw new AssertionError("no /" + regex + "/ in:\n" + output);
        }
        return Long.parseLong(m.group(1).replace(",", ""));
    }

    private static final class Outcome implements JournalListener {
        final FeedReport report;
        final List<Long> sequences = new ArrayList<>();
        final List<String> gaps = new ArrayList<>();

        private Outcome(FeedReport report) {
            this.report = report;
        }

        static Outcome read(Path journal, FeedReport report) {
            Outcome outcome = new Outcome(report);
            try (JournalTailer tailer = JournalTailer.open(journal).fromStart()) {
                while (tailer.poll(outcome, 4096) > 0) {
                    // to the end
                }
            }
            return outcome;
        }

        @Override
        public void onMessage(JournalMessage message) {
            assertEquals("itch", message.channelName());
            sequences.add(message.sequence());
        }

        @Override
        public void onGap(int channelId, String channelName, long from, long to, long nanos) {
            gaps.add(from + "-" + to);
        }

        /** The journal's gap records as ranges. */
        List<SequenceRange> gapRanges() {
            return gaps.stream().map(g -> new SequenceRange(Long.parseLong(g.substring(0, g.indexOf('-'))),
                    Long.parseLong(g.substring(g.indexOf('-') + 1)))).toList();
        }

        void assertEveryMessageOnceInOrder(List<SequenceRange> lost) {
            List<Long> expected = new ArrayList<>();
            for (long s = report.firstSequence(); s <= report.lastSequence(); s++) {
                long sequence = s;
                if (lost.stream().noneMatch(r -> r.contains(sequence))) {
                    expected.add(sequence);
                }
            }
            assertEquals(expected.size(), sequences.size(), "message count");
            assertEquals(expected, sequences);
        }
    }
}
