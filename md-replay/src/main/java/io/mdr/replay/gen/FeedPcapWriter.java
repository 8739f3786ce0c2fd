package io.mdr.replay.gen;

import io.mdr.itch.ItchMessageType;
import io.mdr.replay.capture.PcapWriter;
import io.mdr.mold.MoldUdp64PacketBuilder;
import io.mdr.net.UdpFrameBuilder;
import org.agrona.collections.LongArrayList;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Puts a generated ITCH session on an A/B pair of MoldUDP64 lines and writes them as nanosecond pcaps: one file
 * per line, one merged file, or both.
 *
 * <p>Messages from an {@link ItchSessionGenerator} fill MoldUDP64 packets up to the MTU (or to
 * {@link FeedSettings#messagesPerPacket()}); each packet is framed twice, for line A's group and line B's, and
 * each line applies its {@link FeedImpairments}. Packet {@code i} is due on line A at its pacing slot, the session's
 * midnight plus the generator's start timestamp plus {@code i / pps} seconds (a burst's packets share the slot of
 * its first), and on line B {@link FeedSettings#lineBDelayNanos()} later. After the last data packet each line sends
 * one end-of-session packet announcing the next sequence number; it is never impaired, so a receiver learns where
 * the session ends even when its last packets are lost on both lines.
 *
 * <p>Each {@link #write} or {@link #generate} call runs the whole session from the seed again, so equal settings
 * give equal bytes. Generation allocates nothing per message; the report's lists grow per impairment.
 */
public final class FeedPcapWriter {
    /** Messages between two calls of the progress listener. */
    public static final long PROGRESS_INTERVAL_MESSAGES = 1 << 16;
    /** Mixed into the generator's seed for the impairment draws, so that they are not the order flow's. */
    private static final long IMPAIRMENT_SALT = 0x1A2B_3C4D_5E6F_7081L;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final GeneratorSettings generatorSettings;
    private final FeedSettings feedSettings;
    private FeedProgressListener progressListener = (messages, packets) -> {
    };

    public FeedPcapWriter(GeneratorSettings generatorSettings, FeedSettings feedSettings) {
        this.generatorSettings = generatorSettings;
        this.feedSettings = feedSettings;
        if (feedSettings.midnightEpochNanos() + generatorSettings.startTimestampNanos() < 0) {
            throw new IllegalArgumentException("session midnight plus start timestamp overflows");
        }
    }

    /** Called every {@link #PROGRESS_INTERVAL_MESSAGES} messages during {@link #write} and {@link #generate}. */
    public FeedPcapWriter progressListener(FeedProgressListener listener) {
        this.progressListener = listener;
        return this;
    }

    public GeneratorSettings generatorSettings() {
        return generatorSettings;
    }

    public FeedSettings feedSettings() {
        return feedSettings;
    }

    /** Writes the session to the files named in {@code outputs}, replacing them. */
    public FeedReport write(FeedOutputs outputs) throws IOException {
        try (PcapWriter lineA = open(outputs.lineA());
             PcapWriter lineB = open(outputs.lineB());
             PcapWriter merged = open(outputs.merged());
             PcapWriter full = open(outputs.full())) {
            FrameMerger merger = merged == null ? null : new FrameMerger(merged::write, maxFrameLength());
            FrameSink sinkA = lineSink(lineA, merger, 0);
            FrameSink sinkB = lineSink(lineB, merger, 1);
            return run(sinkA, sinkB, merger, full == null ? null : full::write);
        }
    }

    /** Generates the session into two sinks, one per line, each receiving its frames in time order. */
    public FeedReport generate(FrameSink lineA, FrameSink lineB) throws IOException {
        return run(lineA, lineB, null, null);
    }

    private FeedReport run(FrameSink sinkA, FrameSink sinkB, FrameMerger merger, FrameSink sinkFull) throws IOException {
        FeedSettings feed = feedSettings;
        FeedImpairments impairments = feed.impairments();
        SplittableRandom impairmentRandom = new SplittableRandom(generatorSettings.seed() ^ IMPAIRMENT_SALT);
        SplittableRandom bothRandom = impairmentRandom.split();
        FeedLine lineA = new FeedLine("A", feed.groupA(), frameBuilder(feed.groupA()),
                new LineImpairer(impairments, 0, impairmentRandom.split()), sinkA, feed.maxPayloadLength());
        FeedLine lineB = new FeedLine("B", feed.groupB(), frameBuilder(feed.groupB()),
                new LineImpairer(impairments, 1, impairmentRandom.split()), sinkB, feed.maxPayloadLength());
        // Line A as the exchange sent it: no draw, so the other lines' impairments are the same with or without it.
        FeedLine full = sinkFull == null ? null : new FeedLine("full", feed.groupA(), frameBuilder(feed.groupA()),
                new LineImpairer(FeedImpairments.NONE, 0, null), sinkFull, feed.maxPayloadLength());

        ItchSessionGenerator generator = new ItchSessionGenerator(generatorSettings);
        MoldUdp64PacketBuilder packet =
                new MoldUdp64PacketBuilder(feed.session(), feed.firstSequence(), feed.maxPayloadLength());
        UnsafeBuffer message = new UnsafeBuffer(new byte[ItchMessageType.MAX_LENGTH]);
        int messagesPerPacket = feed.messagesPerPacket() == FeedSettings.AS_MANY_AS_FIT
                ? FeedSettings.MAX_MESSAGES_PER_PACKET
                : feed.messagesPerPacket();
        double lossBoth = impairments.lossBoth();
        long delayB = feed.lineBDelayNanos();
        LongArrayList lostOnBoth = new LongArrayList();

        long packets = 0;
        int maxMessagesInPacket = 0;
        long nextProgress = PROGRESS_INTERVAL_MESSAGES;
        int length;
        while ((length = generator.next(message, 0)) > 0) {
            if (packet.messageCount() == messagesPerPacket || !packet.tryAdd(message, 0, length)) {
                maxMessagesInPacket = Math.max(maxMessagesInPacket, packet.messageCount());
                sendPacket(packet, packets, lossBoth > 0 && bothRandom.nextDouble() < lossBoth, lineA, lineB,
                        lostOnBoth, merger, delayB, full);
                packets++;
                packet.clear();
                packet.tryAdd(message, 0, length);
            }
            if (generator.messagesGenerated() == nextProgress) {
                progressListener.onProgress(nextProgress, packets);
                nextProgress += PROGRESS_INTERVAL_MESSAGES;
            }
        }
        if (!packet.isEmpty()) {
            maxMessagesInPacket = Math.max(maxMessagesInPacket, packet.messageCount());
            sendPacket(packet, packets, lossBoth > 0 && bothRandom.nextDouble() < lossBoth, lineA, lineB,
                    lostOnBoth, merger, delayB, full);
            packets++;
            packet.clear();
        }
        long lastSequence = packet.nextSequence() - 1;
        int endLength = packet.endOfSession();
        long endSlot = slot(packets);
        lineA.endOfSession(endSlot, packet.buffer(), packet.offset(), endLength);
        lineB.endOfSession(endSlot + delayB, packet.buffer(), packet.offset(), endLength);
        if (full != null) {
            full.endOfSession(endSlot, packet.buffer(), packet.offset(), endLength);
        }
        if (generator.messagesGenerated() != nextProgress - PROGRESS_INTERVAL_MESSAGES) {
            progressListener.onProgress(generator.messagesGenerated(), packets);
        }
        long mergedFrames = 0;
        if (merger != null) {
            merger.flush();
            mergedFrames = merger.framesWritten();
        }
        return new FeedReport(feed.session(), feed.firstSequence(), lastSequence, generator.messagesGenerated(), packets,
                maxMessagesInPacket, lineA.report(), lineB.report(), FeedLine.ranges(lostOnBoth), mergedFrames);
    }

    private void sendPacket(MoldUdp64PacketBuilder packet, long index, boolean lostOnBoth, FeedLine lineA,
            FeedLine lineB, LongArrayList lostOnBothRanges, FrameMerger merger, long delayB, FeedLine full)
            throws IOException {
        long slot = slot(index);
        long first = packet.sequenceNumber();
        int count = packet.messageCount();
        if (full != null) {
            full.send(slot, packet.buffer(), packet.offset(), packet.length(), first, count, false);
        }
        boolean lostA = lineA.send(slot, packet.buffer(), packet.offset(), packet.length(), first, count, lostOnBoth);
        boolean lostB = lineB.send(slot + delayB, packet.buffer(), packet.offset(), packet.length(), first, count,
                lostOnBoth);
        if (lostA && lostB) {
            FeedLine.addRange(lostOnBothRanges, first, first + count - 1);
        }
        if (merger != null) {
            long nextSlot = slot(index + 1);
            merger.release(lineA.watermark(nextSlot), lineB.watermark(nextSlot + delayB));
        }
    }

    /** Pacing slot of data packet {@code index} on line A; a burst's packets share the slot of its first. */
    long slot(long index) {
        long pps = feedSettings.packetsPerSecond();
        long first = index - index % feedSettings.burstPackets();
        // Whole seconds and the remainder apart, so that no product overflows.
        return feedSettings.midnightEpochNanos() + generatorSettings.startTimestampNanos()
                + first / pps * NANOS_PER_SECOND + first % pps * NANOS_PER_SECOND / pps;
    }

    private UdpFrameBuilder frameBuilder(UdpEndpoint group) {
        UdpFrameBuilder builder = new UdpFrameBuilder()
                .srcIp(feedSettings.source().address())
                .srcPort(feedSettings.source().port())
                .dstIp(group.address())
                .dstPort(group.port());
        if (feedSettings.hasVlan()) {
            builder.vlan(feedSettings.vlanId());
        }
        return builder;
    }

    private int maxFrameLength() {
        return frameBuilder(feedSettings.groupA()).headerLength() + feedSettings.maxPayloadLength();
    }

    private static PcapWriter open(Path file) throws IOException {
        return file == null ? null : new PcapWriter(file);
    }

    private static FrameSink lineSink(PcapWriter file, FrameMerger merger, int line) {
        FrameSink mergeInput = merger == null ? null : merger.input(line);
        if (file == null) {
            return mergeInput == null ? (timestamp, frame, offset, length) -> {
            } : mergeInput;
        }
        if (mergeInput == null) {
            return file::write;
        }
        return (timestamp, frame, offset, length) -> {
            file.write(timestamp, frame, offset, length);
            mergeInput.onFrame(timestamp, frame, offset, length);
        };
    }
}
