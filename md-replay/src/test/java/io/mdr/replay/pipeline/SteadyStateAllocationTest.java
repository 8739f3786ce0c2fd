package io.mdr.replay.pipeline;

import io.mdr.book.BookCounter;
import io.mdr.config.BookConfig;
import io.mdr.feed.ArbiterSettings;
import io.mdr.feed.ChannelRouter;
import io.mdr.feed.RecoveryRequests;
import io.mdr.journal.JournalWriter;
import io.mdr.metrics.LatencyRecorders;
import io.mdr.metrics.ReceiverCounters;
import io.mdr.receiver.BookHandler;
import io.mdr.receiver.ExchangeClock;
import io.mdr.receiver.FeedPipeline;
import io.mdr.receiver.MessageHandler;
import io.mdr.receiver.PacketProcessor;
import io.mdr.recovery.RecoveryAgent;
import io.mdr.recovery.RecoveryRings;
import io.mdr.recovery.RecoveryServers;
import io.mdr.recovery.RecoverySettings;
import io.mdr.replay.capture.PcapWriter;
import io.mdr.replay.request.CaptureMessageStore;
import io.mdr.replay.request.RequestServer;
import org.agrona.BufferUtil;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The per-packet path allocates nothing in steady state. After warm-up, half a million new packets (two
 * million messages) go through parse, arbitration (including a reordered packet every 1000), the handler
 * and latency recording, and the thread's allocated-bytes counter does not move. With the Chronicle journal
 * on, the one allocation left is Chronicle's own when the appender maps the next chunk of the queue file
 * (a MappedBytesStore and a file lock, found with JFR) and its index maintenance; the bound below, 1/16 byte
 * per message, would fail at once if anything allocated per message (2M messages x even 16 bytes = 32 MB).
 *
 * <p>With recovery active, one packet in a thousand never arrives: the arbiter holds what follows, asks the recovery
 * thread (a real {@link RecoveryAgent} on its own thread, with its UDP socket) through the ring, and the answers
 * from a request server on 127.0.0.1 come back through the other ring into the journal's place; the polling
 * thread's side of all that allocates nothing either.
 */
class SteadyStateAllocationTest {
    private static final int WARMUP_PACKETS = 300_000;
    private static final int WARMUP_CHUNKS = 30;
    private static final int MEASURED_PACKETS = 500_000;
    private static final int PER_PACKET = 4;
    /** Bound on Chronicle's one-off allocations in the measured window: 1/16 of one byte per message. */
    private static final long MAX_CHRONICLE_ONE_OFF_BYTES = (long) MEASURED_PACKETS * PER_PACKET / 16;

    @Test
    void theReceivePathAllocatesNothingAfterWarmUp() {
        assertEquals(0, allocatedAfterWarmUp(null, MessageHandler.NONE));
    }

    /** Up to three fresh runs, as {@link #upToThreeRuns} says: the books' methods are the likeliest to recompile late. */
    @Test
    void theOrderBooksAsHandlerAllocateNothingAfterWarmUp() {
        BookHandler[] last = new BookHandler[1];
        long[] topOfBookCalls = new long[1];
        List<Long> runs = upToThreeRuns(() -> {
            BookHandler books = new BookHandler(1, new BookConfig(1 << 21, 1 << 10));
            last[0] = books;
            topOfBookCalls[0] = 0;
            books.books(0).topOfBookListener((locate, bidPrice, bidShares, askPrice, askShares, stale) -> topOfBookCalls[0]++);
            return allocatedAfterWarmUp(null, books);
        });
        assertEquals(0, runs.getLast(), "bytes allocated by the polling thread after warm-up, per run: " + runs);
        BookHandler books = last[0];
        assertTrue(books.orders() > 1_000_000, "a third of the messages delete, two thirds add: " + books.orders());
        assertTrue(topOfBookCalls[0] > 0);
        assertEquals(0, books.count(BookCounter.UNKNOWN_REFERENCE));
    }

    @Test
    void withTheJournalOnlyChronicleChunkMappingAllocates(@TempDir Path dir) {
        try (JournalWriter journal = JournalWriter.open(dir.resolve("journal"), "FAST_HOURLY")) {
            long allocated = allocatedAfterWarmUp(journal, MessageHandler.NONE);
            // Chronicle's own one-offs (chunk mapping, index arrays, a late deoptimisation) vary from run to run:
            // 0.7 to 22 KB have been seen. Per-message allocation would be at least 2M x 16 bytes = 32 MB.
            assertTrue(allocated < MAX_CHRONICLE_ONE_OFF_BYTES, allocated + " bytes for " + MEASURED_PACKETS + " packets");
        }
    }

    @Test
    void withRecoveryActiveThePollingThreadAllocatesNothing(@TempDir Path dir) throws IOException {
        UnsafeBuffer frames = framesInNativeMemory();
        Path capture = dir.resolve("session.pcap");
        try (PcapWriter writer = new PcapWriter(capture)) {
            int stride = frames.getInt(0);
            for (int i = 0; i < WARMUP_PACKETS + MEASURED_PACKETS; i++) {
                int at = (i + 1) * stride;
                writer.write(i, frames, at + 4, frames.getInt(at));
            }
        }
        try (CaptureMessageStore store = CaptureMessageStore.load(List.of(capture), null);
             RequestServer server = new RequestServer(store, new InetSocketAddress("127.0.0.1", 0),
                     RequestServer.DEFAULT_MAX_PAYLOAD, List.of())) {
            Thread serving = new Thread(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        if (server.serve() == 0) {
                            LockSupport.parkNanos(20_000);
                        }
                    }
                } catch (IOException e) {
                    // closed
                }
            }, "request-server");
            serving.setDaemon(true);
            serving.start();
            InetSocketAddress serverAddress = server.address();
            try {
                long lost = ((long) WARMUP_PACKETS / WARMUP_LOSS_EVERY + MEASURED_PACKETS / LOSS_EVERY) * PER_PACKET;
                List<Long> runs = upToThreeRuns(() -> {
                    ReceiverCounters counters = ReceiverCounters.inMemory();
                    RecoveryRings rings = new RecoveryRings(RecoveryServers.everyChannel(List.of(serverAddress)));
                    AgentRunner recovery = new AgentRunner(new BackoffIdleStrategy(100, 10, 1_000, 100_000),
                            Throwable::printStackTrace, null, new RecoveryAgent(rings,
                            new RecoverySettings(TimeUnit.MILLISECONDS.toNanos(200), 10, 1.5, 65534, 64),
                            new InetSocketAddress("127.0.0.1", 0), counters));
                    AgentRunner.startOnThread(recovery);
                    long allocated;
                    try {
                        allocated = allocatedAfterWarmUp(null, MessageHandler.NONE, counters, frames, rings);
                    } finally {
                        recovery.close();
                    }
                    assertEquals(lost, counters.recoveredMessages.get(), "every lost message recovered");
                    assertEquals(counters.recoveryHolesRequested.get(), counters.recoveryHolesHealed.get());
                    return allocated;
                });
                assertEquals(0, runs.getLast(), "bytes allocated by the polling thread with recovery active, per run: " + runs);
            } finally {
                serving.interrupt();
            }
        }
    }

    /**
     * On a loaded host C2 may still recompile a method after the warm-up, and the deoptimization re-creates its
     * scalar-replaced objects on the heap once (a few hundred bytes; seen at a load average of 15, and once, 120 bytes,
     * with recovery active in CI). So the steady state is measured in up to three fresh runs, and the last must
     * allocate nothing at all: per-message allocation would show in every run (500,000 packets x even 16 bytes =
     * 8 MB). No run may allocate more than a one-off would.
     */
    private static List<Long> upToThreeRuns(java.util.function.LongSupplier run) {
        List<Long> runs = new java.util.ArrayList<>();
        for (int i = 0; i < 3 && (runs.isEmpty() || runs.getLast() != 0); i++) {
            runs.add(run.getAsLong());
        }
        assertTrue(runs.stream().allMatch(bytes -> bytes < 64 * 1024), "one-off allocations only: " + runs);
        return runs;
    }

    private static long allocatedAfterWarmUp(JournalWriter journal, MessageHandler handler) {
        return allocatedAfterWarmUp(journal, handler, ReceiverCounters.inMemory(), framesInNativeMemory(), null);
    }

    /** One packet in this many is lost on the line when recovery is active, in the measured window. */
    private static final int LOSS_EVERY = 1000;
    /**
     * And during the warm-up: often enough that the recovery path (hold, answer, drain) runs thousands of times and
     * is compiled by C2 before the measurement, so that no late recompilation (whose deoptimization re-creates
     * scalar-replaced objects on the heap) lands in the measured window.
     */
    private static final int WARMUP_LOSS_EVERY = 20;

    private static long allocatedAfterWarmUp(JournalWriter journal, MessageHandler handler, ReceiverCounters counters,
                                             UnsafeBuffer frames, RecoveryRings rings) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        int stride = frames.getInt(0);
        long allocated;
        {
            FeedPipeline pipeline = new FeedPipeline(handler, journal, counters, new LatencyRecorders(),
                    ExchangeClock.disabled());
            ArbiterSettings settings = ArbiterSettings.defaults().withHoldBytes(64L << 20);
            ChannelRouter router = ChannelRouter.configured(settings, pipeline, counters,
                    rings == null ? RecoveryRequests.NONE : rings);
            router.addChannel("itch", null, new int[] {ipv4(FeedFrames.GROUP)}, new int[] {FeedFrames.PORT}, new int[] {0});
            PacketProcessor processor = rings == null ? new PacketProcessor(router, counters)
                    : new PacketProcessor(router, counters, rings);
            UnsafeBuffer frame = new UnsafeBuffer(0, 0);
            // As the receiver's warm-up does: latencies of every magnitude seen before the first packet.
            LatencyRecorders.warmUp();

            // Several calls, so that run() itself is compiled normally, not only on-stack-replaced, before measuring.
            for (int chunk = 0; chunk < WARMUP_CHUNKS; chunk++) {
                run(processor, frames, frame, stride, chunk * WARMUP_PACKETS / WARMUP_CHUNKS,
                        (chunk + 1) * WARMUP_PACKETS / WARMUP_CHUNKS, rings == null ? 0 : WARMUP_LOSS_EVERY);
            }
            long before = threads.getThreadAllocatedBytes(Thread.currentThread().threadId());
            run(processor, frames, frame, stride, WARMUP_PACKETS, WARMUP_PACKETS + MEASURED_PACKETS,
                    rings == null ? 0 : LOSS_EVERY);
            allocated = threads.getThreadAllocatedBytes(Thread.currentThread().threadId()) - before;
        }
        assertEquals((long) (WARMUP_PACKETS + MEASURED_PACKETS) * PER_PACKET, counters.messages.get());
        assertEquals(0, counters.gaps.get());
        assertEquals(0, counters.totalDrops());
        return allocated;
    }

    /**
     * Feeds packets [from, to), swapping every 1000th pair so arbitration's reorder path runs too; with
     * {@code lossEvery > 0}, one packet in {@code lossEvery} is lost instead, and the loop polls the recovery ring as
     * the receiver's does, then waits (polling) until every hole of the run is healed.
     */
    private static void run(PacketProcessor processor, UnsafeBuffer frames, UnsafeBuffer frame, int stride,
                            int from, int to, int lossEvery) {
        boolean lossy = lossEvery > 0;
        long now = System.nanoTime();
        for (int i = from; i < to; i++) {
            if (lossy && i % lossEvery == lossEvery / 2) {
                continue;
            }
            int index = lossy ? i : (i % 1000 == 998) ? i + 1 : (i % 1000 == 999) ? i - 1 : i;
            int at = (index + 1) * stride;
            int length = frames.getInt(at);
            frame.wrap(frames, at + 4, length);
            processor.onFrame(frame, 0, length, now);
            now += 500;
            if ((i & 31) == 31) {
                if (lossy) {
                    now = System.nanoTime();
                    processor.pollRecovery(now);
                }
                processor.endOfBurst(now);
            }
        }
        if (lossy) {
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (processor.router().openHoles() > 0 && System.nanoTime() < deadline) {
                now = System.nanoTime();
                processor.pollRecovery(now);
                processor.idle(now);
            }
        }
    }

    /** Slot 0 holds the stride; slot i + 1 holds frame i's length and bytes. One direct buffer. */
    private static UnsafeBuffer framesInNativeMemory() {
        int packets = WARMUP_PACKETS + MEASURED_PACKETS;
        List<byte[]> list = FeedFrames.frames(1, packets, PER_PACKET, 1);
        int stride = list.stream().mapToInt(f -> f.length).max().orElseThrow() + 4;
        UnsafeBuffer all = new UnsafeBuffer(BufferUtil.allocateDirectAligned(stride * (packets + 1), 64));
        all.putInt(0, stride);
        for (int i = 0; i < packets; i++) {
            all.putInt((i + 1) * stride, list.get(i).length);
            all.putBytes((i + 1) * stride + 4, list.get(i));
        }
        return all;
    }

    private static int ipv4(String dotted) {
        int v = 0;
        for (String part : dotted.split("\\.")) {
            v = (v << 8) | Integer.parseInt(part);
        }
        return v;
    }
}
