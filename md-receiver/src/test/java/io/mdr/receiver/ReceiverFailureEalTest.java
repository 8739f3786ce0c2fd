package io.mdr.receiver;

import io.mdr.config.ConfigKeys;
import io.mdr.config.ReceiverConfig;
import io.mdr.testing.SyntheticCapture;
import io.mdr.tools.DumpMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A fatal error on the polling thread (here the JVM's own error for a fault in a mapped file, thrown by the
 * in-process handler in the middle of a packet) stops the receiver the same clean way as every other stop: the
 * cause named, the journal committed up to the last complete packet, the summary, every mbuf back in the pool, EAL
 * cleaned up, and a failure the caller turns into exit 1. Never "mbufs leaked". With a request server configured,
 * the recovery thread stops too and its socket is closed. (In-process: its own JVM.)
 */
class ReceiverFailureEalTest {

    @Test
    void anErrorOnThePollingThreadStopsCleanly(@TempDir Path dir) throws Exception {
        Path capture = SyntheticCapture.write(dir.resolve("stream.pcap"), "FAILURE", 1, 100, 4);
        // A request server that never answers: the recovery thread runs (with its socket) whatever happens.
        DatagramChannel silentServer = DatagramChannel.open(StandardProtocolFamily.INET).bind(new InetSocketAddress("127.0.0.1", 0));
        ReceiverConfig config = ReceiverConfig.builder()
                .ealArgs("--no-huge -m 512 --no-pci --no-shconf -l 0 --log-level lib.*:warning --file-prefix md-rx-failure-test-"
                        + ProcessHandle.current().pid())
                .pcap(capture)
                .core(Runtime.getRuntime().availableProcessors() - 1)
                .journalPath(dir.resolve("journal"))
                .countersFile(dir.resolve("counters.dat"))
                .set(ConfigKeys.RECOVERY_REQUEST_SERVER, "127.0.0.1:" + ((InetSocketAddress) silentServer.getLocalAddress()).getPort())
                .set(ConfigKeys.RECOVERY_LOCAL_ADDRESS, "127.0.0.1:0")
                .build();
        MessageHandler handler = (channel, sequence, line, rxNanos, buffer, offset, length) -> {
            if (sequence == 50) {
                throw new InternalError("a fault occurred in an unsafe memory access operation (injected at message 50)");
            }
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Receiver receiver = new Receiver(config, handler, ExchangeClock.disabled(), new PrintStream(out, true, StandardCharsets.UTF_8));

        receiver.run(() -> false, 5_000_000_000L);
        silentServer.close();

        String log = out.toString(StandardCharsets.UTF_8);
        Matcher recovery = Pattern.compile("recovery thread on CPUs .*, requests from /127\\.0\\.0\\.1:(\\d+) ").matcher(log);
        assertTrue(recovery.find(), log);
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals("md-receiver-recovery")),
                "the recovery thread has stopped");
        try (DatagramChannel rebound = DatagramChannel.open(StandardProtocolFamily.INET)) {
            // Binding its port again succeeds only once the recovery socket is closed.
            rebound.bind(new InetSocketAddress("127.0.0.1", Integer.parseInt(recovery.group(1))));
        }
        assertNotNull(receiver.failure(), log);
        assertTrue(receiver.failure().startsWith("error on the polling thread: java.lang.InternalError: a fault occurred"), log);
        assertTrue(log.contains("md-receiver: error on the polling thread: java.lang.InternalError"), log);
        assertTrue(log.indexOf("error on the polling thread") < log.indexOf("summary after"), "the cause, then the summary\n" + log);
        assertTrue(receiver.poolReturnedFull(), log);
        assertTrue(log.contains("mbuf pool 8191/8191 (full)"), log);
        assertFalse(log.contains("leaked"), log);
        assertTrue(log.contains("EAL cleaned up"), log);
        assertTrue(log.contains("md-receiver: exiting 1: error on the polling thread"), log);

        // Packets 1..12 (messages 1..48) were complete; packet 13 failed at its second message and is not journaled.
        ByteArrayOutputStream check = new ByteArrayOutputStream();
        int rc = DumpMain.run(new String[] {"--queue", dir.resolve("journal").toString(), "--check"},
                new PrintStream(check, true, StandardCharsets.UTF_8));
        String report = check.toString(StandardCharsets.UTF_8);
        assertEquals(0, rc, report);
        assertTrue(report.contains(SyntheticCapture.channelName("FAILURE") + ": 48 messages (0 recovered), sequences 1..48, 0 gaps"), report);
    }
}
