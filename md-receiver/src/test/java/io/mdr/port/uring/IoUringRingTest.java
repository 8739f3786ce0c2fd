package io.mdr.port.uring;

import io.mdr.config.ConfigKeys;
import io.mdr.config.ReceiverConfig;
import io.mdr.metrics.ReceiverCounters;
import io.mdr.port.PortException;
import io.mdr.testing.MoldDatagrams;
import io.mdr.testing.PollingLoop;
import io.mdr.testing.RecordingSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The io_uring port's ring handling under pressure, over loopback: rings far smaller than the traffic, so that the
 * provided buffers run out (ENOBUFS ends the multishot request, which must be re-armed), the completion ring fills
 * (completions wait in the kernel's overflow list), the submission ring cannot take every resubmission at once, and
 * a poll takes fewer completions than are ready (a burst smaller than the ring). Every datagram must still arrive
 * exactly once and in order, through buffers recycled thousands of times.
 */
class IoUringRingTest {
    private static final int DATAGRAMS = 5_000;

    private static ReceiverConfig config(int port, String... settings) {
        ReceiverConfig.Builder builder = ReceiverConfig.builder()
                .set(ConfigKeys.PORT_KIND, "io_uring")
                .channel("loop", "127.0.0.1:" + port)
                .core(Runtime.getRuntime().availableProcessors() - 1)
                .journalPath(Path.of("/nonexistent-not-used"))
                .countersFile(Path.of("/nonexistent-not-used"));
        for (int i = 0; i + 1 < settings.length; i += 2) {
            builder.set(settings[i], settings[i + 1]);
        }
        return builder.build();
    }

    private record Run(RecordingSink sink, IoUringPacketSource source, ReceiverCounters counters) {
    }

    private static Run receive(ReceiverConfig config, int port, int round) throws Exception {
        RecordingSink sink = new RecordingSink(DATAGRAMS);
        IoUringPacketSource source = IoUringPacketSource.open(config, sink, false);
        try (PollingLoop loop = new PollingLoop(source).awaitStarted()) {
            MoldDatagrams.send(new InetSocketAddress("127.0.0.1", port), 1, DATAGRAMS, round, sink.count::get);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (sink.count.get() < DATAGRAMS && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
        }
        ReceiverCounters counters = ReceiverCounters.inMemory();
        source.updateCounters(counters);
        assertEquals(DATAGRAMS, sink.count.get(), source.summary());
        for (int i = 0; i < DATAGRAMS; i++) {
            assertEquals(i + 1, sink.sequences[i], "datagram " + i + "; " + source.summary());
        }
        assertEquals(0, counters.portImissed.get(), "kernel drops");
        return new Run(sink, source, counters);
    }

    @Test
    void multishotWithFourBuffersAndAFourEntryCompletionRingLosesNothing() throws Exception {
        int port = MoldDatagrams.freePort();
        Run run = receive(config(port, ConfigKeys.PORT_URING_RECEIVE, "multishot", ConfigKeys.PORT_URING_BUFFERS, "4",
                ConfigKeys.PORT_URING_ENTRIES, "2", ConfigKeys.PORT_URING_COMPLETION_ENTRIES, "4",
                ConfigKeys.PORT_BURST_SIZE, "3"), port, 400);
        String summary = run.source.summary();
        assertEquals("multishot", run.source.receive().configName());
        assertTrue(run.counters.portRxNoMbuf.get() > 0, "the 4 buffers ran out: " + summary);
        assertTrue(run.source.rearms() > 0, "ended multishot requests were re-armed: " + summary);
        assertEquals(DATAGRAMS, run.counters.portIpackets.get());
    }

    @Test
    void batchedRecvmsgOnTwoLinesKeepsEachLinesOrderWhenTheirChainsWaitForTheSubmissionRing() throws Exception {
        int portA = MoldDatagrams.freePort();
        int portB = MoldDatagrams.freePort();
        ReceiverConfig config = ReceiverConfig.builder()
                .set(ConfigKeys.PORT_KIND, "io_uring")
                .channel("loop", "127.0.0.1:" + portA, "127.0.0.1:" + portB)
                .core(Runtime.getRuntime().availableProcessors() - 1)
                .set(ConfigKeys.PORT_URING_RECEIVE, "recvmsg").set(ConfigKeys.PORT_URING_BUFFERS, "64")
                .set(ConfigKeys.PORT_URING_ENTRIES, "4").set(ConfigKeys.PORT_URING_COMPLETION_ENTRIES, "8")
                .set(ConfigKeys.PORT_BURST_SIZE, "5")
                .build();
        RecordingSink sink = new RecordingSink(DATAGRAMS);
        IoUringPacketSource source = IoUringPacketSource.open(config, sink, false);
        try (PollingLoop loop = new PollingLoop(source).awaitStarted()) {
            MoldDatagrams.send(new InetSocketAddress("127.0.0.1", portA), new InetSocketAddress("127.0.0.1", portB), 1, DATAGRAMS,
                    400, sink.count::get);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (sink.count.get() < DATAGRAMS && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
        }
        String summary = source.summary();
        assertEquals(DATAGRAMS, sink.count.get(), summary);
        long lastA = -1;
        long lastB = 0;
        boolean[] seen = new boolean[DATAGRAMS + 1];
        for (int i = 0; i < DATAGRAMS; i++) {
            long sequence = sink.sequences[i];
            seen[(int) sequence] = true;
            if (sink.ports[i] == portA) {
                assertEquals(lastA + 2, sequence, "line A in order; " + summary);
                lastA = sequence;
            } else {
                assertEquals(portB, sink.ports[i]);
                assertEquals(lastB + 2, sequence, "line B in order; " + summary);
                lastB = sequence;
            }
        }
        for (int s = 1; s <= DATAGRAMS; s++) {
            assertTrue(seen[s], "sequence " + s);
        }
        assertEquals("recvmsg", source.receive().configName());
        assertTrue(source.submissionRingFull() > 0,
                "two chains of 4 through a 4-entry submission ring wait for room: " + summary);
    }

    @ParameterizedTest
    @ValueSource(strings = {"multishot", "recvmsg"})
    void aDatagramLongerThanTheBuffersIsCountedAndDroppedAndTheNextArrives(String receive) throws Exception {
        int port = MoldDatagrams.freePort();
        RecordingSink sink = new RecordingSink(16);
        IoUringPacketSource source = IoUringPacketSource.open(config(port, ConfigKeys.PORT_URING_RECEIVE, receive,
                ConfigKeys.PORT_MAX_DATAGRAM_BYTES, "64", ConfigKeys.PORT_URING_BUFFERS, "8"), sink, false);
        InetSocketAddress destination = new InetSocketAddress("127.0.0.1", port);
        try (PollingLoop loop = new PollingLoop(source).awaitStarted();
             DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET)) {
            ByteBuffer datagram = ByteBuffer.allocateDirect(512);
            channel.send(MoldDatagrams.write(datagram, 1), destination);
            channel.send(ByteBuffer.allocate(200), destination);
            channel.send(MoldDatagrams.write(datagram, 2), destination);
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (sink.count.get() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
        }
        ReceiverCounters counters = ReceiverCounters.inMemory();
        source.updateCounters(counters);
        assertEquals(2, sink.count.get());
        assertEquals(1, sink.sequences[0]);
        assertEquals(2, sink.sequences[1]);
        assertEquals(3, counters.portIpackets.get());
        assertEquals(1, counters.portIerrors.get(), "the 200-byte datagram");
    }

    @Test
    void setupFailuresSayWhatToChange() {
        String disabled = IoUringSupport.setupFailure(Errno.EPERM, 2);
        assertTrue(disabled.contains("kernel.io_uring_disabled = 2") && disabled.contains("port.kind=epoll"), disabled);
        String group = IoUringSupport.setupFailure(Errno.EPERM, 1);
        assertTrue(group.contains("kernel.io_uring_group"), group);
        String seccomp = IoUringSupport.setupFailure(Errno.EPERM, 0);
        assertTrue(seccomp.contains("seccomp"), seccomp);
        String missing = IoUringSupport.setupFailure(Errno.ENOSYS, -1);
        assertTrue(missing.contains("CONFIG_IO_URING"), missing);
        assertTrue(IoUringSupport.setupFailure(Errno.ENOMEM, 0).contains(ConfigKeys.PORT_URING_ENTRIES));
    }

    @Test
    void aMissingInterfaceIsNamed() throws Exception {
        ReceiverConfig config = ReceiverConfig.builder()
                .set(ConfigKeys.PORT_KIND, "io_uring")
                .networkInterface("nosuch" + ProcessHandle.current().pid() % 100_000)
                .channel("itch", "233.54.12.111:26477")
                .core(0)
                .build();
        PortException e = assertThrows(PortException.class, () -> IoUringPacketSource.open(config, new RecordingSink(1), false));
        assertTrue(e.getMessage().startsWith("port.interface=nosuch") && e.getMessage().contains("no such interface"),
                e.getMessage());
    }
}
