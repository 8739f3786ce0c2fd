package io.mdr.replay.interop;

import io.mdr.feed.ArbiterSettings;
import io.mdr.feed.Channel;
import io.mdr.feed.ChannelRouter;
import io.mdr.feed.FeedListener;
import io.mdr.metrics.ReceiverCounters;
import io.mdr.receiver.PacketProcessor;
import io.mdr.recovery.RecoveryAgent;
import io.mdr.recovery.RecoveryRings;
import io.mdr.recovery.RecoveryServers;
import io.mdr.recovery.RecoverySettings;
import io.mdr.replay.capture.CaptureReader;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.AgentRunner;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The receiver's per-packet path in this JVM, with recovery: frames of a capture through the {@link PacketProcessor}
 * (automatic channels) on the test's thread, which plays the polling thread, and a real {@link RecoveryAgent} on a
 * thread of its own asking a request server on 127.0.0.1. What the arbiters deliver is recorded.
 */
final class InProcessReceiver implements AutoCloseable, FeedListener {
    final ReceiverCounters counters = ReceiverCounters.inMemory();
    final List<Long> sequences = new ArrayList<>();
    final List<Integer> lines = new ArrayList<>();
    final List<byte[]> messages = new ArrayList<>();
    final List<String> gaps = new ArrayList<>();
    private final RecoveryRings rings;
    private final AgentRunner recoveryRunner;
    private final PacketProcessor processor;

    InProcessReceiver(InetSocketAddress server, RecoverySettings settings) {
        rings = new RecoveryRings(RecoveryServers.everyChannel(List.of(server)));
        RecoveryAgent agent = new RecoveryAgent(rings, settings, new InetSocketAddress("127.0.0.1", 0), counters);
        recoveryRunner = new AgentRunner(agent.idleStrategy(), Throwable::printStackTrace, null, agent);
        AgentRunner.startOnThread(recoveryRunner);
        processor = new PacketProcessor(ChannelRouter.automatic(ArbiterSettings.defaults(), this, counters, rings), counters,
                rings);
    }

    /** Every frame of the capture, in bursts of 32, as fast as they go (as net_pcap reads a file). */
    void receive(Path capture) throws IOException {
        try (CaptureReader reader = CaptureReader.open(capture)) {
            int inBurst = 0;
            while (reader.next()) {
                long now = System.nanoTime();
                processor.onFrame(reader.packetAddress(), reader.capturedLength(), now);
                if (++inBurst == 32) {
                    processor.pollRecovery(now);
                    processor.endOfBurst(now);
                    inBurst = 0;
                }
            }
        }
    }

    /** Polls (answers back, timers) until no hole is open, at most {@code seconds}; then flushes. */
    void finish(long seconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline && counters.holesOpen.get() > 0) {
            long now = System.nanoTime();
            processor.pollRecovery(now);
            processor.idle(now);
            Thread.onSpinWait();
        }
        processor.flush(System.nanoTime());
    }

    @Override
    public void onMessages(Channel channel, int line, long firstSequence, int count, DirectBuffer buffer,
                           int blocksOffset, int blocksLength, boolean regular, long rxNanos) {
        int position = blocksOffset;
        for (int i = 0; i < count; i++) {
            int length = buffer.getShort(position, ByteOrder.BIG_ENDIAN) & 0xFFFF;
            byte[] message = new byte[length];
            buffer.getBytes(position + 2, message);
            sequences.add(firstSequence + i);
            lines.add(line);
            messages.add(message);
            position += 2 + length;
        }
    }

    @Override
    public void onGap(Channel channel, long from, long to, long nowNanos) {
        gaps.add(from + "-" + to);
    }

    @Override
    public void close() {
        recoveryRunner.close();
    }
}
