package io.mdr.replay.e2e;

import io.mdr.journal.JournalListener;
import io.mdr.journal.JournalMessage;
import io.mdr.journal.JournalTailer;
import io.mdr.receiver.ReceiverMain;
import io.mdr.replay.gen.FeedImpairments;
import io.mdr.replay.gen.FeedOutputs;
import io.mdr.replay.gen.FeedPcapWriter;
import io.mdr.replay.gen.FeedReport;
import io.mdr.replay.gen.FeedSettings;
import io.mdr.replay.gen.GeneratorSettings;
import io.mdr.replay.gen.SequenceRange;
import io.mdr.testing.ReceiverProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A/B arbitration end to end: generated A and B lines, impaired, merged into one capture as a receiver's
 * port would see them, received through DPDK's net_pcap port by md-receiver with a configured A/B channel,
 * then read back from the journal with the consumer API.
 */
class ArbitrationEndToEndTest {
    private static final long MESSAGES = 200_000;

    @Test
    void lossOnLineAOnlyGivesNoGap(@TempDir Path dir) throws Exception {
        Outcome outcome = run(dir, FeedImpairments.NONE.withLossA(0.05));
        assertTrue(outcome.report.lineA().packetsDropped() > 100, "line A really lost packets");
        assertEquals(List.of(), outcome.gaps);
        outcome.assertEveryMessageOnceInOrder(List.of());
    }

    @Test
    void lossOnBothLinesGivesGapRecordsWithTheExactBounds(@TempDir Path dir) throws Exception {
        Outcome outcome = run(dir, FeedImpairments.NONE.withLossBoth(0.01).withLossA(0.02).withLossB(0.02));
        List<String> expected = outcome.report.lostOnBothLines().stream().map(r -> r.first() + "-" + r.last()).toList();
        assertTrue(expected.size() > 5, "the generator lost packets on both lines: " + expected.size());
        assertEquals(expected, outcome.gaps);
        outcome.assertEveryMessageOnceInOrder(outcome.report.lostOnBothLines());
    }

    @Test
    void duplicationAndReorderingStillGiveEachMessageOnceInOrder(@TempDir Path dir) throws Exception {
        Outcome outcome = run(dir, FeedImpairments.NONE.withDuplicate(0.02).withReorder(0.02));
        assertTrue(outcome.report.lineA().duplicatedSequences().length > 10, "duplicates were generated");
        assertEquals(List.of(), outcome.gaps);
        outcome.assertEveryMessageOnceInOrder(List.of());
    }

    private static Outcome run(Path dir, FeedImpairments impairments) throws Exception {
        Path capture = dir.resolve("ab.pcap");
        FeedReport report = new FeedPcapWriter(
                GeneratorSettings.defaults().withMessageCount(MESSAGES).withSeed(7),
                FeedSettings.builder().messagesPerPacket(4).impairments(impairments).build())
                .write(FeedOutputs.merged(capture));
        Path config = Files.writeString(dir.resolve("receiver.properties"), String.join("\n",
                "eal.args=--no-huge -m 512 --no-pci --no-shconf -l 0 --log-level lib.*:warning --file-prefix md-ab-" + ProcessHandle.current().pid(),
                "receiver.core=" + (Runtime.getRuntime().availableProcessors() - 1),
                "port.device=net_pcap0,rx_pcap=" + capture,
                "channel.itch.a.group=233.54.12.111:26477",
                "channel.itch.b.group=233.54.12.112:26477",
                "journal.path=" + dir.resolve("journal"),
                "stats.countersFile=" + dir.resolve("counters.dat"),
                ""));
        ReceiverProcess.Result result = ReceiverProcess.run(ReceiverMain.class.getName(),
                List.of("--config", config.toString(), "--exit-when-idle", "1000"), 120);
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("(full)"), result.output());

        Outcome outcome = new Outcome(report);
        try (JournalTailer tailer = JournalTailer.open(dir.resolve("journal")).fromStart()) {
            while (tailer.poll(outcome, 4096) > 0) {
                // read to the end
            }
        }
        return outcome;
    }

    private static final class Outcome implements JournalListener {
        final FeedReport report;
        final List<Long> sequences = new ArrayList<>();
        final List<String> gaps = new ArrayList<>();

        Outcome(FeedReport report) {
            this.report = report;
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

        /** Sequences first..last, each once and ascending, except those in {@code lost}. */
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
