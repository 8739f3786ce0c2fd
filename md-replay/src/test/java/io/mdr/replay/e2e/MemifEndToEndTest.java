package io.mdr.replay.e2e;

import io.mdr.receiver.ReceiverMain;
import io.mdr.replay.gen.FeedOutputs;
import io.mdr.replay.gen.FeedPcapWriter;
import io.mdr.replay.gen.FeedSettings;
import io.mdr.replay.gen.GeneratorSettings;
import io.mdr.replay.tx.ReplayMain;
import io.mdr.testing.ReceiverProcess;
import io.mdr.testing.SharedData;
import io.mdr.tools.DumpMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * md-replay into md-receiver over net_memif, as the demo and the soak run them: a capture looped with
 * {@code --continue-sequence} arrives as one stream (every message once, in order), and the receiver's summary gives
 * the packets the port really counted, though DPDK's memif PMD reports 0 once md-replay has disconnected.
 */
class MemifEndToEndTest {
    private static final long MESSAGES = 50_000;

    @Test
    void aContinuedLoopIsOneStreamAndThePortCountIsWhatArrived(@TempDir Path dir) throws Exception {
        Path capture = dir.resolve("feed.pcap");
        new FeedPcapWriter(GeneratorSettings.defaults().withMessageCount(MESSAGES).withSeed(3),
                FeedSettings.builder().messagesPerPacket(10).build()).write(FeedOutputs.merged(capture));
        Path socket = dir.resolve("memif.sock");
        long pid = ProcessHandle.current().pid();
        List<String> replayCommand = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + SharedData.projectRoot().resolve("config/jvm.options"), "-cp", System.getProperty("java.class.path"),
                ReplayMain.class.getName(), "--pcap", capture.toString(), "--port", "net_memif0,role=server,socket=" + socket,
                "--core", "0", "--loop", "2", "--continue-sequence", "--pps", "40000", "--no-progress", "--wait-link", "120000",
                "--eal", "--no-huge -m 512 --no-pci --no-shconf -l 0 --log-level lib.*:error --file-prefix md-memif-tx-" + pid);
        Path replayLog = dir.resolve("replay.log");
        Process replay = new ProcessBuilder(replayCommand).redirectErrorStream(true).redirectOutput(replayLog.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!(Files.exists(replayLog) && Files.readString(replayLog).contains("-> port")) && replay.isAlive()
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Path config = Files.writeString(dir.resolve("receiver.properties"), String.join("\n",
                    "eal.args=--no-huge -m 512 --no-pci --no-shconf -l 0 --log-level lib.*:error --file-prefix md-memif-rx-" + pid,
                    "receiver.core=" + (Runtime.getRuntime().availableProcessors() - 1),
                    "port.device=net_memif0,role=client,socket=" + socket,
                    "journal.path=" + dir.resolve("journal"),
                    "stats.countersFile=" + dir.resolve("counters.dat"),
                    ""));
            ReceiverProcess.Result run = ReceiverProcess.run(ReceiverMain.class.getName(),
                    List.of("--config", config.toString(), "--exit-when-idle", "5000"), 180);
            assertTrue(replay.waitFor(60, TimeUnit.SECONDS));
            String replayed = Files.readString(replayLog);
            assertEquals(0, replay.exitValue(), replayed);
            String out = run.output();
            assertEquals(0, run.exitCode(), out);

            Matcher sent = Pattern.compile("md-replay: sent ([\\d,]+) packets").matcher(replayed);
            assertTrue(sent.find(), replayed);
            long packets = Long.parseLong(sent.group(1).replace(",", ""));
            assertTrue(out.contains("  packets " + packets + " ("), out);
            assertTrue(out.contains("  port: ipackets " + packets + ", imissed 0"), "the port's own count\n" + out);
            // The server kept the link up until the receiver left (a memif client must never outlive its server's
            // regions while it polls), so the PMD's counters were still live at the receiver's summary.
            assertTrue(replayed.contains("md-replay: keeping the link up until the receiver leaves"), replayed);
            assertTrue(out.contains("mbuf pool 8191/8191 (full)"), out);

            ByteArrayOutputStream check = new ByteArrayOutputStream();
            assertEquals(0, DumpMain.run(new String[] {"--queue", dir.resolve("journal").toString(), "--check"},
                    new PrintStream(check, true, StandardCharsets.UTF_8)), check.toString(StandardCharsets.UTF_8));
            assertTrue(check.toString(StandardCharsets.UTF_8).contains(": 100,000 messages (0 recovered), sequences 1..100000, 0 gaps"),
                    check.toString(StandardCharsets.UTF_8));
        } finally {
            replay.destroyForcibly();
            replay.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
