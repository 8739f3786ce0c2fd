package io.mdr.receiver;

import io.mdr.testing.ReceiverProcess;
import io.mdr.testing.SyntheticCapture;
import io.mdr.testing.Tmpfs;
import io.mdr.tools.DumpMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Acceptance: the journal on a small tmpfs that the test mounts fills up while the receiver runs. The receiver
 * stops the clean way: exit 1 with a message naming the journal's path, the free space and the key, the summary,
 * every mbuf back in the pool, EAL cleaned up, and no InternalError or SIGBUS anywhere; what it journaled reads back
 * exactly once and in order. Started again on the full file system, it refuses at start-up, naming the same. A
 * request server is configured, so that the recovery thread runs and is stopped on the way out too.
 */
class ReceiverFullDiskTest {
    /**
     * Well beyond what the 64 MB file system holds, whatever the race between the writer and the pretoucher: at 3M
     * messages the writer had finished the capture before the pretoucher's look-ahead reached the threshold, and the
     * clean stop came only once all were journaled.
     */
    private static final int MESSAGES = 6_000_000;

    @Test
    void aFullJournalFileSystemIsACleanStopWithExitOne(@TempDir Path dir) throws Exception {
        Path capture = SyntheticCapture.write(dir.resolve("stream.pcap"), "FULLDISK", 1, MESSAGES, 20);
        try (Tmpfs tmpfs = Tmpfs.mount(dir.resolve("small"), 64);
             DatagramChannel silentServer = DatagramChannel.open(StandardProtocolFamily.INET).bind(new InetSocketAddress("127.0.0.1", 0))) {
            Path journal = tmpfs.path().resolve("journal");
            Path config = Files.writeString(dir.resolve("receiver.properties"), String.join("\n",
                    "eal.args=--no-huge -m 512 --no-pci --no-shconf -l 0 --log-level lib.*:warning --file-prefix md-fulldisk-"
                            + ProcessHandle.current().pid(),
                    "receiver.core=" + (Runtime.getRuntime().availableProcessors() - 1),
                    "port.device=net_pcap0,rx_pcap=" + capture,
                    "journal.path=" + journal,
                    "journal.minFreeMb=16",
                    "recovery.requestServer=127.0.0.1:" + ((InetSocketAddress) silentServer.getLocalAddress()).getPort(),
                    "stats.countersFile=" + dir.resolve("counters.dat"),
                    ""));
            ReceiverProcess.Result run = ReceiverProcess.run(ReceiverMain.class.getName(),
                    List.of("--config", config.toString(), "--exit-when-idle", "2000"), 120);
            String out = run.output();

            assertEquals(1, run.exitCode(), out);
            // Either warning stops it: the free-space check (statvfs every 100 ms) or, when the journal grows faster
            // than that, the pretoucher's madvise failing on the first page the file system cannot back.
            Matcher stop = Pattern.compile("md-receiver: journal " + Pattern.quote(journal.toString())
                    + ": (?:(\\d+\\.\\d) MB free on its file system, below journal\\.minFreeMb=16"
                    + "|the file system cannot back the journal's next pages \\(madvise\\(MADV_POPULATE_WRITE\\) .*"
                    + " failed: [A-Z]+.*\\), (\\d+\\.\\d) MB free \\(journal\\.minFreeMb=16\\)): stopping cleanly").matcher(out);
            assertTrue(stop.find(), out);
            double freeMb = Double.parseDouble(stop.group(1) != null ? stop.group(1) : stop.group(2));
            assertTrue(freeMb < 16.0, out);
            assertTrue(out.indexOf("stopping cleanly") < out.indexOf("summary after"), "the cause, then the summary\n" + out);
            assertTrue(out.contains("md-receiver: recovery thread on CPUs"), out);
            assertTrue(out.contains("mbuf pool 8191/8191 (full)"), out);
            assertTrue(out.contains("EAL cleaned up"), out);
            assertTrue(out.contains("md-receiver: exiting 1: journal " + journal), out);
            for (String fault : List.of("InternalError", "SIGBUS", "fault occurred", "mbufs leaked", "hs_err")) {
                assertFalse(out.contains(fault), fault + "\n" + out);
            }

            ByteArrayOutputStream check = new ByteArrayOutputStream();
            int rc = DumpMain.run(new String[] {"--queue", journal.toString(), "--check"}, new PrintStream(check, true, StandardCharsets.UTF_8));
            String report = check.toString(StandardCharsets.UTF_8);
            assertEquals(0, rc, report);
            Matcher counted = Pattern.compile(Pattern.quote(SyntheticCapture.channelName("FULLDISK"))
                    + ": ([\\d,]+) messages \\(0 recovered\\), sequences 1\\.\\.(\\d+), 0 gaps").matcher(report);
            assertTrue(counted.find(), report);
            long messages = Long.parseLong(counted.group(1).replace(",", ""));
            assertTrue(messages > 100_000 && messages < MESSAGES, "it stopped part way: " + report);
            assertEquals(messages, Long.parseLong(counted.group(2)), report);

            ReceiverProcess.Result again = ReceiverProcess.run(ReceiverMain.class.getName(),
                    List.of("--config", config.toString(), "--exit-when-idle", "2000"), 120);
            assertEquals(1, again.exitCode(), again.output());
            assertTrue(again.output().contains("md-receiver: journal " + journal + ": "), again.output());
            assertTrue(again.output().contains("MB free on its file system, below journal.minFreeMb=16: not starting"),
                    again.output());
            assertFalse(again.output().contains("rte_eal_init"), "refused before EAL started\n" + again.output());
        }
    }
}
