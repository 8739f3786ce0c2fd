package io.mdr.port;

import io.mdr.config.ReceiverConfig;
import io.mdr.feed.ArbiterSettings;
import io.mdr.feed.ChannelRouter;
import io.mdr.metrics.AllocationMonitor;
import io.mdr.metrics.LatencyRecorders;
import io.mdr.metrics.ReceiverCounters;
import io.mdr.receiver.ExchangeClock;
import io.mdr.receiver.FeedPipeline;
import io.mdr.receiver.MessageHandler;
import io.mdr.receiver.PacketProcessor;
import io.mdr.testing.MoldDatagrams;
import io.mdr.testing.PollingLoop;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetSocketAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The epoll and io_uring ports allocate nothing per packet: after a warm-up, 100,000 datagrams go from the kernel
 * through the port and the whole per-packet path (parse, route, arbitrate, handler, latency recording), and the
 * polling thread's allocated-bytes counter (HotSpot's per-thread TLAB accounting) moves by less than one byte per
 * ten packets: anything allocated per packet, even once in ten, would be 16 bytes x 10,000 = 160 KB at least. (The
 * JVM's GC count is not asserted: the sending thread in this JVM allocates.)
 */
class KernelPortAllocationTest {
    private static final int WARMUP = 60_000;
    private static final int MEASURED = 100_000;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"epoll, -", "io_uring, multishot", "io_uring, recvmsg"})
    void thePollingThreadAllocatesNothingPerPacket(String kind, String receive) throws Exception {
        int port = MoldDatagrams.freePort();
        ReceiverConfig config = KernelPortLoopbackTest.config(kind, receive, port);
        ReceiverCounters counters = ReceiverCounters.inMemory();
        FeedPipeline pipeline = new FeedPipeline(MessageHandler.NONE, null, counters, new LatencyRecorders(), ExchangeClock.disabled());
        ChannelRouter router = ChannelRouter.configured(ArbiterSettings.defaults(), pipeline, counters);
        router.addChannel("loop", null, new int[] {0x7F000001}, new int[] {port}, new int[] {0});
        PacketProcessor processor = new PacketProcessor(router, counters);
        PacketSource source = KernelPortLoopbackTest.open(config, processor);
        InetSocketAddress destination = new InetSocketAddress("127.0.0.1", port);
        long allocated;
        try (PollingLoop loop = new PollingLoop(source, processor).awaitStarted()) {
            try {
                MoldDatagrams.send(destination, 1, WARMUP, 256, counters.messages::get);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; packets " + counters.packets.get() + ", drops " + counters.totalDrops()
                        + ", duplicates " + counters.duplicatePackets.get() + ", gaps " + counters.gaps.get() + "; " + source.summary(), e);
            }
            awaitMessages(counters, WARMUP);
            AllocationMonitor monitor = new AllocationMonitor(loop.thread().threadId());
            monitor.mark(counters.packets.get());
            MoldDatagrams.send(destination, 1 + WARMUP, MEASURED, 256, counters.messages::get);
            awaitMessages(counters, WARMUP + MEASURED);
            allocated = monitor.allocatedSinceMark();
        }
        System.out.printf("%s %s: the polling thread allocated %d bytes over %d packets after warm-up%n", kind, receive,
                allocated, MEASURED);
        assertEquals(WARMUP + MEASURED, counters.messages.get(), "every message delivered once");
        assertEquals(0, counters.gaps.get());
        assertTrue(allocated >= 0 && allocated < MEASURED / 10,
                kind + " " + receive + ": the polling thread allocated " + allocated + " bytes over " + MEASURED + " packets");
    }

    private static void awaitMessages(ReceiverCounters counters, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (counters.messages.get() < expected && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
    }
}
