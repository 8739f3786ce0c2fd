package io.mdr.replay.tx;

import io.mdr.replay.capture.CaptureReader;
import io.mdr.testing.ReceiverProcess;
import io.mdr.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * md-replay through DPDK, end to end: a real capture sent with tx_burst into a net_pcap port that writes a
 * file, which must then hold the same frames byte for byte (looped twice), or the rewritten ones.
 */
class ReplayToPcapTest {

    @Test
    void everyFrameGoesOutUnchangedAndLooped(@TempDir Path dir) throws Exception {
        Path in = SharedData.capture("Multiple.Packets.pcap");
        Path out = dir.resolve("out.pcap");
        ReceiverProcess.Result run = ReceiverProcess.run(ReplayMain.class.getName(), List.of(
                "--pcap", in.toString(), "--port", "net_pcap0,tx_pcap=" + out, "--pps", "1000", "--loop", "2",
                "--no-progress", "--eal", ealArgs()), 60);
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("sent 4 packets"), run.output());
        assertTrue(run.output().contains("mbuf pool 8191/8191 (full)"), run.output());
        List<byte[]> sent = frames(in);
        List<byte[]> twice = new ArrayList<>(sent);
        twice.addAll(sent);
        List<byte[]> written = frames(out);
        assertEquals(twice.size(), written.size());
        for (int i = 0; i < twice.size(); i++) {
            assertArrayEquals(twice.get(i), written.get(i), "frame " + i);
        }
    }

    @Test
    void onTheTimelineASenderBehindSendsWhatIsDueInBurstsAndLosesNothing(@TempDir Path dir) throws Exception {
        Path in = SharedData.capture("Multiple.Packets.pcap");      // 2 frames
        Path late = dir.resolve("late.pcap");
        // 20 Mpps: every packet is due before the last one is out, so the sender is always behind its timeline
        ReceiverProcess.Result behind = ReceiverProcess.run(ReplayMain.class.getName(), List.of(
                "--pcap", in.toString(), "--port", "net_pcap0,tx_pcap=" + late, "--pps", "20000000", "--keep-timeline",
                "--loop", "200", "--burst", "32", "--no-progress", "--eal", ealArgs()), 60);
        assertEquals(0, behind.exitCode(), behind.output());
        assertTrue(behind.output().contains("sent 400 packets"), behind.output());
        long bursts = txBursts(behind.output());
        assertTrue(bursts < 400 && bursts >= 400 / 32, "late packets share tx bursts: " + behind.output());
        List<byte[]> sent = frames(in);
        List<byte[]> written = frames(late);
        assertEquals(400, written.size());
        for (int i = 0; i < written.size(); i++) {
            assertArrayEquals(sent.get(i % sent.size()), written.get(i), "frame " + i + " in order");
        }

        // keeping each gap instead, every packet goes alone, at its time
        ReceiverProcess.Result gaps = ReceiverProcess.run(ReplayMain.class.getName(), List.of(
                "--pcap", in.toString(), "--port", "net_pcap0,tx_pcap=" + dir.resolve("gaps.pcap"), "--pps", "20000",
                "--loop", "50", "--no-progress", "--eal", ealArgs()), 60);
        assertEquals(0, gaps.exitCode(), gaps.output());
        assertEquals(100, txBursts(gaps.output()), gaps.output());
    }

    @Test
    void afterTheReceiversWarmUpTheBackPressureAndLatenessAreReportedApart(@TempDir Path dir) throws Exception {
        Path in = SharedData.capture("Multiple.Packets.pcap");      // 2 frames
        ReceiverProcess.Result run = ReceiverProcess.run(ReplayMain.class.getName(), List.of(
                "--pcap", in.toString(), "--port", "net_pcap0,tx_pcap=" + dir.resolve("out.pcap"), "--pps", "20000",
                "--keep-timeline", "--loop", "10", "--settle", "5", "--no-progress", "--eal", ealArgs()), 60);
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("sent 20 packets"), run.output());
        // the 15 packets after the first 5: a file port never refuses a packet
        assertTrue(Pattern.compile("after the first 5 packets \\(the receiver's warm-up\\): tx ring full 0"
                + " times; pacing error p50 [0-9.]+ us, p99 [0-9.]+ us, max [0-9.]+ us \\(n=15\\); late by more than 10 us:"
                + " [0-9]+\\.[0-9]{2}% of them").matcher(run.output()).find(),
                run.output());

        ReceiverProcess.Result bad = ReceiverProcess.run(ReplayMain.class.getName(), List.of(
                "--pcap", in.toString(), "--port", "net_pcap0,tx_pcap=" + dir.resolve("bad.pcap"), "--settle", "0",
                "--no-progress", "--eal", ealArgs()), 60);
        assertTrue(bad.exitCode() != 0, bad.output());
        assertTrue(bad.output().contains("--settle"), bad.output());
    }

    private static long txBursts(String output) {
        Matcher m = Pattern.compile("tx bursts ([0-9,]+)").matcher(output);
        assertTrue(m.find(), output);
        return Long.parseLong(m.group(1).replace(",", ""));
    }

    @Test
    void theDestinationIsRewrittenWithAValidChecksum(@TempDir Path dir) throws Exception {
        Path in = SharedData.capture("OrderDeleteMessage.pcap");
        Path out = dir.resolve("out.pcap");
        ReceiverProcess.Result run = ReceiverProcess.run(ReplayMain.class.getName(), List.of(
                "--pcap", in.toString(), "--port", "net_pcap0,tx_pcap=" + out, "--top-speed",
                "--dst-ip", "239.1.2.3", "--dst-port", "30001", "--no-progress", "--eal", ealArgs()), 60);
        assertEquals(0, run.exitCode(), run.output());
        byte[] frame = frames(out).getFirst();
        int ip = 18;                                                    // one 802.1Q tag in these captures
        assertEquals(239, frame[ip + 16] & 0xFF);
        assertEquals(3, frame[ip + 19] & 0xFF);
        assertEquals(30001, ((frame[ip + 22] & 0xFF) << 8) | (frame[ip + 23] & 0xFF));
        assertEquals(0x01, frame[0] & 0xFF, "multicast MAC follows the group");
        assertEquals(0, ipv4Checksum(frame, ip), "IPv4 header checksum verifies");
    }

    @Test
    void burstsGoBackToBackEveryPeriodAndCountStopsTheReplay(@TempDir Path dir) throws Exception {
        Path in = SharedData.capture("Multiple.Packets.pcap");
        Path out = dir.resolve("out.pcap");
        // 2 packets a loop, 10 loops: 20 available; --count 9 sends 9, in bursts of 3 every 20 ms
        ReceiverProcess.Result run = ReceiverProcess.run(ReplayMain.class.getName(), List.of(
                "--pcap", in.toString(), "--port", "net_pcap0,tx_pcap=" + out, "--bursts", "3/20000", "--loop", "10",
                "--count", "9", "--no-progress", "--eal", ealArgs()), 60);
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("bursts of 3 packets every 20000.0 us (150 pps)"), run.output());
        assertTrue(run.output().contains("sent 9 packets"), run.output());
        List<Long> times = new ArrayList<>();
        try (CaptureReader reader = CaptureReader.open(out)) {
            while (reader.next()) {
                times.add(reader.timestampNanos());
            }
        }
        assertEquals(9, times.size());
        // On the schedule's timeline a burst never goes before its time (20 ms after the first one was due), and goes
        // late only when the sender was: a preempted sender catches up at once, so no upper bound holds on a busy host.
        // The first burst may itself have gone late, by at most the sender's largest pacing error (its report), so a
        // later burst is at least its period multiple after the first one's time, less that.
        Matcher late = Pattern.compile("pacing error \\(sent - due on the capture's timeline\\):.* max ([0-9.]+) us")
                .matcher(run.output());
        assertTrue(late.find(), run.output());
        long firstLateNanos = Math.round(Double.parseDouble(late.group(1)) * 1000);
        long start = times.get(0);
        for (int burst = 0; burst < 3; burst++) {
            long first = times.get(burst * 3);
            assertTrue(first - start >= burst * 20_000_000L - 1_000_000 - firstLateNanos,
                    "burst " + burst + " not early (the sender was late by " + firstLateNanos + " ns at most): " + times);
            // back to back: well within the period (a preemption of the sender on a loaded host is the only delay)
            assertTrue(times.get(burst * 3 + 2) - first < 15_000_000, "a burst's packets back to back: " + times);
        }
        assertTrue(run.output().contains("pacing error (sent - due on the capture's timeline)"), run.output());
    }

    private static String ealArgs() {
        return "--no-huge -m 256 --no-pci --no-shconf -l 0 --log-level lib.*:warning --file-prefix md-replay-test-"
                + System.nanoTime();
    }

    private static List<byte[]> frames(Path pcap) throws Exception {
        List<byte[]> frames = new ArrayList<>();
        try (CaptureReader reader = CaptureReader.open(pcap)) {
            while (reader.next()) {
                frames.add(reader.segment().asSlice(reader.packetOffset(), reader.capturedLength())
                        .toArray(java.lang.foreign.ValueLayout.JAVA_BYTE));
            }
        }
        return frames;
    }

    private static int ipv4Checksum(byte[] frame, int ip) {
        int sum = 0;
        for (int i = 0; i < 20; i += 2) {
            sum += ((frame[ip + i] & 0xFF) << 8) | (frame[ip + i + 1] & 0xFF);
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return ~sum & 0xFFFF;
    }
}
