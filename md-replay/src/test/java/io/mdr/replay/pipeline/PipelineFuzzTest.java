package io.mdr.replay.pipeline;

import io.mdr.feed.ArbiterSettings;
import io.mdr.feed.ChannelRouter;
import io.mdr.journal.JournalWriter;
import io.mdr.metrics.LatencyRecorders;
import io.mdr.metrics.ReceiverCounters;
import io.mdr.net.DropReason;
import io.mdr.net.FrameReads;
import io.mdr.receiver.ExchangeClock;
import io.mdr.receiver.FeedPipeline;
import io.mdr.receiver.MessageHandler;
import io.mdr.receiver.PacketProcessor;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Mutates valid frames at random, 1M of them, and feeds each through the whole in-process pipeline (parse,
 * route, MoldUDP64, arbitration, handler, journal). Each mutated frame sits in a buffer exactly its own
 * length with Agrona's bounds checks on, and the parsers' unchecked reads checked too ({@link FrameReads#checked()}),
 * so a read outside the frame would throw. Nothing may throw, and
 * every frame must be either a counted drop or an accepted packet.
 */
class PipelineFuzzTest {
    private static final int FRAMES = 1_000_000;

    @Test
    void aMillionMutatedFramesNeverThrowAndAreAllAccountedFor(@TempDir Path dir) {
        assertTrue(UnsafeBuffer.SHOULD_BOUNDS_CHECK, "Agrona bounds checks must be on for this test to mean anything");
        assertTrue(FrameReads.checked(), "the parsers' reads must be checked (-Dio.mdr.net.checkFrameReads=true, set by the"
                + " build) for this test to mean anything");
        ReceiverCounters counters = ReceiverCounters.inMemory();
        long[] handled = new long[1];
        MessageHandler handler = (channel, sequence, line, rxNanos, buffer, offset, length) -> {
            // Touch every byte the pipeline claims is the message: out of bounds would throw here.
            for (int i = 0; i < length; i++) {
                buffer.getByte(offset + i);
            }
            handled[0]++;
        };
        try (JournalWriter journal = JournalWriter.open(dir.resolve("journal"), "FAST_HOURLY")) {
            FeedPipeline pipeline = new FeedPipeline(handler, journal, counters, new LatencyRecorders(), ExchangeClock.disabled());
            PacketProcessor processor = new PacketProcessor(ChannelRouter.automatic(ArbiterSettings.defaults(), pipeline, counters), counters);

            List<byte[]> valid = FeedFrames.frames(1, 64, 5, 0);
            valid.addAll(FeedFrames.frames(1000, 64, 1, 1));
            valid.addAll(FeedFrames.frames(5000, 64, 20, 2));
            SplittableRandom random = new SplittableRandom(20261122);
            ByteBuffer direct = BufferUtil.allocateDirectAligned(4096, 64);
            UnsafeBuffer frame = new UnsafeBuffer(0, 0);
            long now = 0;
            for (int i = 0; i < FRAMES; i++) {
                byte[] base = valid.get(random.nextInt(valid.size()));
                int length = mutate(base, direct, random);
                frame.wrap(direct, 0, length);
                processor.onFrame(frame, 0, length, now += 1_000);
                if ((i & 31) == 31) {
                    processor.endOfBurst(now);
                }
                if ((i & 1023) == 0) {
                    processor.idle(now);
                }
            }
            processor.flush(now);
        }

        long accepted = FRAMES - counters.totalDrops();
        assertEquals(FRAMES, counters.packets.get());
        assertTrue(accepted > 0 && counters.totalDrops() > 0, "both outcomes happened: " + accepted + " accepted");
        for (DropReason reason : List.of(DropReason.ETHERNET_TRUNCATED, DropReason.NOT_IPV4, DropReason.IP_BAD_HEADER,
                DropReason.IP_BAD_LENGTH, DropReason.UDP_BAD_LENGTH, DropReason.MOLD_BAD_BLOCK, DropReason.MOLD_BAD_COUNT)) {
            assertTrue(counters.drops(reason) > 0, "the fuzzer reached " + reason);
        }
        assertEquals(handled[0], counters.messages.get());
    }

    /** Copies {@code base} into {@code out} and damages it one of several ways; returns the length to parse. */
    private static int mutate(byte[] base, ByteBuffer out, SplittableRandom random) {
        out.clear();
        out.put(base);
        int length = base.length;
        int ip = 14 + 4 * vlanTags(base);
        switch (random.nextInt(8)) {
            case 0 -> length = random.nextInt(length + 1);                                     // truncate anywhere
            case 1 -> {                                                                          // flip random bytes
                for (int i = random.nextInt(1, 8); i > 0; i--) {
                    out.put(random.nextInt(length), (byte) random.nextInt(256));
                }
            }
            case 2 -> out.putShort(ip + 2, (short) random.nextInt(65536));                      // IPv4 total length lies
            case 3 -> out.put(ip, (byte) random.nextInt(256));                                  // version / IHL
            case 4 -> out.putShort(ip + 20 + 4, (short) random.nextInt(65536));                 // UDP length lies
            case 5 -> out.putShort(ip + 28 + 18, (short) choose(random, 0, 1, 0xFFFF, random.nextInt(65536))); // Mold count
            case 6 -> out.putShort(ip + 28 + 20, (short) choose(random, 0, 1, 0xFFFF, random.nextInt(65536))); // block length
            default -> out.putShort(12, (short) choose(random, 0x0806, 0x86DD, 0x8100, 0x88A8)); // another protocol
        }
        if (random.nextInt(16) == 0) {
            out.put(ip + 9, (byte) choose(random, 1, 6, 2, 17));                                 // ICMP, TCP, IGMP
        }
        out.order(ByteOrder.BIG_ENDIAN);
        return Math.min(length, base.length);
    }

    private static int vlanTags(byte[] frame) {
        int tags = 0;
        int at = 12;
        while (at + 2 <= frame.length && (((frame[at] & 0xFF) << 8 | (frame[at + 1] & 0xFF)) == 0x8100
                || ((frame[at] & 0xFF) << 8 | (frame[at + 1] & 0xFF)) == 0x88A8)) {
            tags++;
            at += 4;
        }
        return tags;
    }

    private static int choose(SplittableRandom random, int... values) {
        return values[random.nextInt(values.length)];
    }
}
