package io.mdr.receiver;

import io.mdr.feed.ArbiterSettings;
import io.mdr.feed.ChannelRouter;
import io.mdr.itch.AddOrderEncoder;
import io.mdr.itch.OrderDeleteEncoder;
import io.mdr.journal.JournalWriter;
import io.mdr.metrics.LatencyRecorders;
import io.mdr.metrics.ReceiverCounters;
import io.mdr.mold.MoldUdp64Packet;
import io.mdr.mold.MoldUdp64PacketBuilder;
import io.mdr.net.PacketHeaders;
import io.mdr.net.UdpFrameBuilder;
import org.agrona.BufferUtil;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs synthetic packets through a throwaway copy of the per-packet path (parse, route, MoldUDP64,
 * arbitration, handler, latency recording, and a journal in a temporary directory) before the port is
 * polled, so that the JIT has compiled it when the first real packet arrives rather than during the first
 * milliseconds of the feed.
 */
final class Warmup {
    /** Packets the warm-up sends; enough for C2 to compile the path (a few hundred ms). */
    static final int PACKETS = 100_000;
    private static final int MESSAGES_PER_PACKET = 8;

    private Warmup() {
    }

    /**
     * The user's handler never sees the synthetic messages: the warm-up's pipeline has a handler of its own.
     *
     * @return messages that went through
     */
    static long run(boolean datagrams) {
        Path dir;
        try {
            dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "md-receiver-warmup");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the warm-up journal's directory: " + e.getMessage(), e);
        }
        try (JournalWriter journal = JournalWriter.open(dir, "FAST_HOURLY")) {
            return run(journal, datagrams);
        } finally {
            IoUtil.delete(dir.toFile(), true);
        }
    }

    /** @param datagrams hand each packet on as a kernel port does (UDP payload and line), not as a whole frame */
    private static long run(JournalWriter journal, boolean datagrams) {
        ReceiverCounters counters = ReceiverCounters.inMemory();
        FeedPipeline pipeline = new FeedPipeline(MessageHandler.NONE, journal, counters, new LatencyRecorders(), ExchangeClock.disabled());
        ChannelRouter router = ChannelRouter.configured(ArbiterSettings.defaults(), pipeline, counters);
        String group = "239.255.0.1";
        int port = 9;
        router.addChannel("warm-up", null, new int[] {PacketHeaders.parseIpv4(group)}, new int[] {port}, new int[] {0});
        PacketProcessor processor = new PacketProcessor(router, counters);

        UnsafeBuffer frame = new UnsafeBuffer(BufferUtil.allocateDirectAligned(2048, 64));
        int length = buildFrame(frame, group, port);
        int payloadAt = length - payloadLength(frame, length);
        int sequenceAt = payloadAt + MoldUdp64Packet.SEQUENCE_OFFSET;
        int groupAddress = PacketHeaders.parseIpv4(group);
        long now = System.nanoTime();
        for (int i = 0; i < PACKETS; i++) {
            frame.putLong(sequenceAt, 1 + (long) i * MESSAGES_PER_PACKET, ByteOrder.BIG_ENDIAN);
            if (datagrams) {
                processor.onDatagram(frame.addressOffset() + payloadAt, length - payloadAt, groupAddress, port, 0, now);
            } else {
                processor.onFrame(frame, 0, length, now);
            }
            now += 1_000;
            if ((i & 31) == 31) {
                processor.endOfBurst(now);
            }
            if ((i & 255) == 0) {
                processor.idle(now);
            }
        }
        return counters.messages.get();
    }

    private static int buildFrame(UnsafeBuffer frame, String group, int port) {
        MoldUdp64PacketBuilder mold = new MoldUdp64PacketBuilder("WARMUP", 1);
        UnsafeBuffer payload = new UnsafeBuffer(new byte[1500]);
        UnsafeBuffer message = new UnsafeBuffer(new byte[64]);
        mold.wrap(payload, 0);
        AddOrderEncoder add = new AddOrderEncoder();
        OrderDeleteEncoder delete = new OrderDeleteEncoder();
        for (int m = 0; m < MESSAGES_PER_PACKET; m++) {
            if (m % 2 == 0) {
                add.wrap(message, 0).stockLocate(1).timestamp(1).orderReferenceNumber(m).buySellIndicator('B')
                        .shares(100).stock("WARM").price(10_000);
                mold.tryAdd(message, 0, AddOrderEncoder.LENGTH);
            } else {
                delete.wrap(message, 0).stockLocate(1).timestamp(1).orderReferenceNumber(m - 1);
                mold.tryAdd(message, 0, OrderDeleteEncoder.LENGTH);
            }
        }
        return new UdpFrameBuilder().dstIp(group).dstPort(port).vlan(1).build(frame, payload, 0, mold.length());
    }

    private static int payloadLength(UnsafeBuffer frame, int length) {
        io.mdr.net.UdpFrame udp = new io.mdr.net.UdpFrame();
        if (udp.parse(frame, 0, length) != null) {
            throw new IllegalStateException("warm-up frame does not parse");
        }
        return udp.payloadLength();
    }
}
