package io.mdr.receiver;

import io.mdr.testing.IndependentItch;
import io.mdr.testing.ReceiverProcess;
import io.mdr.testing.SharedData;
import io.mdr.tools.DumpMain;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Acceptance: for each real capture, {@code md-receiver --pcap} then {@code md-dump} prints exactly the
 * messages in the capture, field by field. The expectation comes from an independent walk of the pcap and
 * an independent table of the ITCH spec ({@link IndependentItch}), not from the receiver's parser.
 */
class ReceiverCaptureTest {

    static Stream<Path> captures() {
        return SharedData.allCaptures().stream();
    }

    @ParameterizedTest
    @MethodSource("captures")
    void theJournalHoldsExactlyTheCapturesMessagesFieldByField(Path capture, @TempDir Path dir) throws Exception {
        Path queue = dir.resolve("journal");
        ReceiverProcess.Result run = ReceiverProcess.run(ReceiverMain.class.getName(), List.of(
                "--pcap", capture.toString(), "--queue", queue.toString(),
                "--counters", dir.resolve("counters.dat").toString(), "--exit-when-idle", "500"), 60);
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("mbuf pool 8191/8191 (full)"), run.output());
        // The time the feed flowed: after start-up began and before the idle wait ended, so within the run.
        java.util.regex.Matcher summary = java.util.regex.Pattern.compile("(?m)^summary after ([0-9.]+) s$").matcher(run.output());
        java.util.regex.Matcher traffic = java.util.regex.Pattern.compile(
                "(?m)^  traffic ([0-9.]+) s, from the first poll with packets to the end of the last$").matcher(run.output());
        assertTrue(summary.find() && traffic.find(), run.output());
        double trafficSeconds = Double.parseDouble(traffic.group(1));
        assertTrue(trafficSeconds > 0 && trafficSeconds < Double.parseDouble(summary.group(1)), run.output());

        Expected expected = expectedFrom(capture);
        List<String> dumped = dump(queue);
        List<String> messages = dumped.stream().filter(l -> !l.startsWith("{\"gap\"")).map(ReceiverCaptureTest::withoutRxNanos).toList();
        List<String> gaps = dumped.stream().filter(l -> l.startsWith("{\"gap\"")).toList();
        assertEquals(expected.messages, messages);
        assertEquals(expected.gaps, gaps);
    }

    private static String withoutRxNanos(String line) {
        return line.replaceFirst(",\"rxNanos\":\\d+", "");
    }

    private static List<String> dump(Path queue) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rc = DumpMain.run(new String[] {"--queue", queue.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8));
        assertEquals(0, rc);
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private record Expected(List<String> messages, List<String> gaps) {
    }

    /** Walks the pcap by hand: Ethernet, 802.1Q, IPv4, UDP, MoldUDP64, then the independent ITCH table. */
    private static Expected expectedFrom(Path capture) throws IOException {
        ByteBuffer file = ByteBuffer.wrap(Files.readAllBytes(capture)).order(ByteOrder.LITTLE_ENDIAN);
        List<String> messages = new ArrayList<>();
        List<String> gaps = new ArrayList<>();
        long next = -1;
        int position = 24;
        while (position + 16 <= file.limit()) {
            int captured = file.getInt(position + 8);
            ByteBuffer frame = file.slice(position + 16, captured).order(ByteOrder.BIG_ENDIAN);
            position += 16 + captured;
            int ip = 14;
            while ((frame.getShort(ip - 2) & 0xFFFF) == 0x8100) {
                ip += 4;
            }
            int ihl = (frame.get(ip) & 0x0F) * 4;
            int destination = frame.getInt(ip + 16);
            int udp = ip + ihl;
            int port = frame.getShort(udp + 2) & 0xFFFF;
            int mold = udp + 8;
            byte[] sessionBytes = new byte[10];
            frame.get(mold, sessionBytes);
            String session = new String(sessionBytes, StandardCharsets.US_ASCII).trim();
            String channel = (destination >>> 24) + "." + ((destination >>> 16) & 0xFF) + "." + ((destination >>> 8) & 0xFF)
                    + "." + (destination & 0xFF) + ":" + port + "/" + session;
            long sequence = frame.getLong(mold + 10);
            int count = frame.getShort(mold + 18) & 0xFFFF;
            if (next < 0 && sequence > 1) {
                // Joined late: the receiver journals 1..first-1 as a gap (recovery.lateJoin=gap).
                gaps.add("{\"gap\":{\"channel\":\"" + channel + "\",\"from\":1,\"to\":" + (sequence - 1) + "}}");
            }
            if (next >= 0 && sequence > next) {
                gaps.add("{\"gap\":{\"channel\":\"" + channel + "\",\"from\":" + next + ",\"to\":" + (sequence - 1) + "}}");
            }
            int block = mold + 20;
            for (int i = 0; i < count; i++) {
                int length = frame.getShort(block) & 0xFFFF;
                ByteBuffer message = frame.slice(block + 2, length);
                messages.add("{\"channel\":\"" + channel + "\",\"session\":\"" + session + "\",\"seq\":" + (sequence + i)
                        + ",\"line\":\"A\"," + IndependentItch.jsonFields(message) + "}");
                block += 2 + length;
            }
            next = sequence + count;
        }
        return new Expected(messages, gaps);
    }
}
