package io.mdr.port;

import io.mdr.config.ConfigKeys;
import io.mdr.config.PortKind;
import io.mdr.config.ReceiverConfig;
import io.mdr.config.UringReceive;
import io.mdr.metrics.ReceiverCounters;
import io.mdr.port.kernel.KernelPacketSources;
import io.mdr.port.uring.IoUringPacketSource;
import io.mdr.testing.MoldDatagrams;
import io.mdr.testing.PollingLoop;
import io.mdr.testing.RecordingSink;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetSocketAddress;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every kernel port receives every datagram sent to its line over loopback, exactly once and in order, with the line
 * and the sender, and counts them as the port's ipackets.
 */
class KernelPortLoopbackTest {
    private static final int DATAGRAMS = 20_000;

    static PacketSource open(ReceiverConfig config, PacketSink sink) {
        return config.portKind() == PortKind.IO_URING ? IoUringPacketSource.open(config, sink, false)
                : KernelPacketSources.open(config, sink, false);
    }

    static ReceiverConfig config(String kind, String receive, int port, String... more) {
        ReceiverConfig.Builder builder = ReceiverConfig.builder()
                .set(ConfigKeys.PORT_KIND, kind)
                .channel("loop", "127.0.0.1:" + port)
                .core(Runtime.getRuntime().availableProcessors() - 1)
                .journalPath(Path.of("/nonexistent-not-used"))
                .countersFile(Path.of("/nonexistent-not-used"));
        if (kind.equals("io_uring")) {
            builder.set(ConfigKeys.PORT_URING_RECEIVE, receive);
        }
        for (int i = 0; i + 1 < more.length; i += 2) {
            builder.set(more[i], more[i + 1]);
        }
        return builder.build();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"socket, -", "epoll, -", "io_uring, multishot", "io_uring, recvmsg"})
    void everyDatagramArrivesOnceInOrderWithItsLineAndSender(String kind, String receive) throws Exception {
        int port = MoldDatagrams.freePort();
        RecordingSink sink = new RecordingSink(DATAGRAMS);
        ReceiverConfig config = config(kind, receive, port);
        PacketSource source = open(config, sink);
        try (PollingLoop loop = new PollingLoop(source).awaitStarted()) {
            MoldDatagrams.send(new InetSocketAddress("127.0.0.1", port), 1, DATAGRAMS, 256, sink.count::get);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (sink.count.get() < DATAGRAMS && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            loop.rethrow();
        }
        assertEquals(DATAGRAMS, sink.count.get(), kind + " received");
        for (int i = 0; i < DATAGRAMS; i++) {
            assertEquals(i + 1, sink.sequences[i], "datagram " + i);
        }
        assertEquals(MoldDatagrams.LENGTH, sink.lastLength);
        assertEquals(0x7F000001, sink.lastDestination);
        assertEquals(port, sink.lastPort);
        assertEquals(0x7F000001, sink.lastSource, "the sender's address");
        assertTrue(sink.lastRxNanos > 0 && sink.lastRxNanos <= System.nanoTime());
        ReceiverCounters counters = ReceiverCounters.inMemory();
        source.updateCounters(counters);
        assertEquals(DATAGRAMS, counters.portIpackets.get());
        assertEquals(0, counters.portImissed.get(), "kernel drops");
        assertEquals(0, counters.portIerrors.get());
    }
}
