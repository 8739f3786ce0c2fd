package io.mdr.bench;

import io.mdr.feed.ArbiterSettings;
import io.mdr.feed.ChannelRouter;
import io.mdr.metrics.LatencyRecorders;
import io.mdr.metrics.ReceiverCounters;
import io.mdr.mold.MoldUdp64Packet;
import io.mdr.net.DropReason;
import io.mdr.net.UdpFrame;
import io.mdr.receiver.ExchangeClock;
import io.mdr.receiver.FeedPipeline;
import io.mdr.receiver.MessageHandler;
import io.mdr.receiver.PacketProcessor;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersManager;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;

/**
 * The per-packet receive path, on one frame in native memory (802.1Q, IPv4, UDP, MoldUDP64 with N ITCH
 * messages) as the polling loop sees an mbuf's data.
 *
 * <ul>
 *   <li>{@code parse}: {@link UdpFrame#parse} and {@link MoldUdp64Packet#wrap} only (headers checked, every
 *       block length walked), ns per packet;</li>
 *   <li>{@code onFrame}: the whole {@link PacketProcessor#onFrame(long, int, long)} through a configured
 *       {@link ChannelRouter} and {@link FeedPipeline} without a journal: parse, route, A/B arbitration, the
 *       per-message type/length check, {@link MessageHandler#NONE}, one {@code System.nanoTime()} and one
 *       rx-to-handler latency record per message, and the counters. The MoldUDP64 sequence number is
 *       rewritten in place before each call so that every packet is new to the arbiter (in order, no
 *       duplicate, no gap; checked at the end of the trial). ns per packet;</li>
 *   <li>{@code ...PerMessage}: the same on a {@value #PER_MESSAGE_PACKET}-message packet, ns per message.</li>
 * </ul>
 *
 * <p>The rx timestamp is taken once per iteration, not per call: the polling loop reads the clock once per
 * burst of up to 32 packets, so its cost is not a per-packet one.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ParserBenchmark {
    /** Messages in the packet of the per-message benchmarks. */
    static final int PER_MESSAGE_PACKET = 20;

    /** A packet of {@code messages} messages, and the receive path it goes through. */
    @State(Scope.Thread)
    public static class Packet {
        @Param({"1", "20"})
        public int messages;

        ReceivePath path;

        @Setup(Level.Trial)
        public void setUp() {
            path = new ReceivePath(messages);
        }

        @Setup(Level.Iteration)
        public void stampBurst() {
            path.rxNanos = System.nanoTime();
        }

        @TearDown(Level.Trial)
        public void check() {
            path.check();
        }
    }

    /** A packet of {@value #PER_MESSAGE_PACKET} messages, for figures per message. */
    @State(Scope.Thread)
    public static class Packet20 {
        ReceivePath path;

        @Setup(Level.Trial)
        public void setUp() {
            path = new ReceivePath(PER_MESSAGE_PACKET);
        }

        @Setup(Level.Iteration)
        public void stampBurst() {
            path.rxNanos = System.nanoTime();
        }

        @TearDown(Level.Trial)
        public void check() {
            path.check();
        }
    }

    @Benchmark
    public int parse(Packet packet) {
        return packet.path.parse();
    }

    @Benchmark
    @OperationsPerInvocation(PER_MESSAGE_PACKET)
    public int parsePerMessage(Packet20 packet) {
        return packet.path.parse();
    }

    @Benchmark
    public void onFrame(Packet packet) {
        packet.path.onFrame();
    }

    @Benchmark
    @OperationsPerInvocation(PER_MESSAGE_PACKET)
    public void onFramePerMessage(Packet20 packet) {
        packet.path.onFrame();
    }

    /** The frame in native memory, the parse flyweights, and a receiver's pipeline wired as in production. */
    static final class ReceivePath {
        private final int messages;
        private final UnsafeBuffer frame = BenchFrames.nativeBuffer(BenchFrames.CAPACITY);
        private final long address = frame.addressOffset();
        private final int length;
        private final UdpFrame udp = new UdpFrame();
        private final MoldUdp64Packet mold = new MoldUdp64Packet();
        // Off-heap and aligned like the receiver's memory-mapped counters file (Agrona warns about byte[] ones).
        private final ReceiverCounters counters = new ReceiverCounters(new CountersManager(
                BenchFrames.nativeBuffer(64 * 512), BenchFrames.nativeBuffer(64 * 128)));
        private final PacketProcessor processor;
        private long nextSequence = 1;
        long rxNanos;

        ReceivePath(int messages) {
            this.messages = messages;
            this.length = BenchFrames.writeFrame(frame, messages, nextSequence);
            FeedPipeline pipeline = new FeedPipeline(MessageHandler.NONE, null, counters, new LatencyRecorders(),
                    ExchangeClock.disabled());
            ChannelRouter router = ChannelRouter.configured(ArbiterSettings.defaults(), pipeline, counters);
            router.addChannel("bench", BenchFrames.SESSION, new int[] {BenchFrames.GROUP},
                    new int[] {BenchFrames.PORT}, new int[] {BenchFrames.SOURCE});
            processor = new PacketProcessor(router, counters);
            int parsed = parse();
            if (parsed != messages) {
                throw new IllegalStateException("the benchmark's frame does not parse: " + parsed);
            }
        }

        /** The message count when the frame is valid; minus one minus the drop reason's ordinal otherwise. */
        int parse() {
            DropReason reason = udp.parse(frame, 0, length);
            if (reason == null) {
                reason = mold.wrap(frame, udp.payloadOffset(), udp.payloadLength());
                if (reason == null) {
                    return mold.messageCount();
                }
            }
            return -1 - reason.ordinal();
        }

        void onFrame() {
            frame.putLong(BenchFrames.SEQUENCE_OFFSET, nextSequence, ByteOrder.BIG_ENDIAN);
            nextSequence += messages;
            processor.onFrame(address, length, rxNanos);
        }

        /** Every packet the onFrame benchmarks sent was delivered whole, in order, once. */
        void check() {
            // The pipeline publishes its message count at a burst's end, which the benchmark's calls never reach.
            processor.endOfBurst(System.nanoTime());
            long sent = nextSequence - 1;
            if (counters.messages.get() != sent || counters.totalDrops() != 0 || counters.duplicatePackets.get() != 0
                    || counters.gaps.get() != 0 || counters.reorderedPackets.get() != 0
                    || counters.badMessageLengths.get() != 0 || counters.unknownMessageTypes.get() != 0) {
                throw new IllegalStateException("the receive path did not take every packet as new: " + sent
                        + " messages sent, " + counters.messages.get() + " delivered, " + counters.totalDrops()
                        + " drops, " + counters.duplicatePackets.get() + " duplicate packets, "
                        + counters.gaps.get() + " gaps, " + counters.reorderedPackets.get() + " reordered");
            }
        }
    }
}
