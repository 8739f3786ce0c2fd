package io.mdr.receiver;

import io.mdr.feed.ArbiterSettings;
import io.mdr.feed.ChannelRouter;
import io.mdr.metrics.LatencyRecorders;
import io.mdr.metrics.ReceiverCounters;
import io.mdr.mold.MoldUdp64PacketBuilder;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersManager;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A message of an unknown ITCH type or of the wrong length for its type is counted once, when the arbiter hands it
 * on (not again for the other line's copy), with or without a handler, whether or not the pipeline walks the
 * messages of a packet {@code wrap} found regular; every message still reaches the handler.
 */
class MessageChecksTest {
    private static final String SESSION = "CHECKS0001";
    private static final int GROUP_A = 0xE9360C6F;
    private static final int GROUP_B = 0xE9360C70;
    private static final int PORT = 26477;
    private static final int SOURCE = 0x0A010101;
    private static final byte ORDER_DELETE = 'D';
    private static final int ORDER_DELETE_LENGTH = 19;

    @Test
    void irregularMessagesAreCountedOnceWithoutAHandler() {
        Run run = new Run(MessageHandler.NONE);
        run.bothLines(message(ORDER_DELETE, ORDER_DELETE_LENGTH), message(ORDER_DELETE, ORDER_DELETE_LENGTH));
        assertEquals(0, run.counters.unknownMessageTypes.get());
        assertEquals(0, run.counters.badMessageLengths.get());

        run.bothLines(message(ORDER_DELETE, ORDER_DELETE_LENGTH), message((byte) 'z', 5),
                message(ORDER_DELETE, 10), message((byte) 'z', 7));
        assertEquals(2, run.counters.unknownMessageTypes.get(), "two unknown types, each counted once");
        assertEquals(1, run.counters.badMessageLengths.get(), "one OrderDelete of 10 bytes, counted once");
    }

    @Test
    void everyMessageReachesAHandlerAndIrregularOnesAreCountedOnce() {
        List<Long> handled = new ArrayList<>();
        Run run = new Run((channel, sequence, line, rxNanos, buffer, offset, length) -> handled.add(sequence));
        run.bothLines(message(ORDER_DELETE, ORDER_DELETE_LENGTH), message(ORDER_DELETE, ORDER_DELETE_LENGTH));
        run.bothLines(message((byte) 'z', 5), message(ORDER_DELETE, 10));
        assertEquals(List.of(1L, 2L, 3L, 4L), handled);
        assertEquals(1, run.counters.unknownMessageTypes.get());
        assertEquals(1, run.counters.badMessageLengths.get());
    }

    private static byte[] message(byte type, int length) {
        byte[] message = new byte[length];
        message[0] = type;
        return message;
    }

    /** A configured A/B channel, the pipeline without a journal, and packets handed in as a kernel port does. */
    private static final class Run {
        final ReceiverCounters counters = new ReceiverCounters(new CountersManager(
                new UnsafeBuffer(ByteBuffer.allocateDirect(64 * 512)), new UnsafeBuffer(ByteBuffer.allocateDirect(64 * 128))));
        final PacketProcessor processor;
        final MoldUdp64PacketBuilder builder = new MoldUdp64PacketBuilder(SESSION, 1);
        final UnsafeBuffer packet = new UnsafeBuffer(ByteBuffer.allocateDirect(2048));

        Run(MessageHandler handler) {
            FeedPipeline pipeline = new FeedPipeline(handler, null, counters, new LatencyRecorders(),
                    ExchangeClock.disabled());
            ChannelRouter router = ChannelRouter.configured(ArbiterSettings.defaults(), pipeline, counters);
            router.addChannel("checks", SESSION, new int[] {GROUP_A, GROUP_B}, new int[] {PORT, PORT},
                    new int[] {SOURCE, SOURCE});
            processor = new PacketProcessor(router, counters);
        }

        /** One packet of these messages on line A, then the same packet on line B. */
        void bothLines(byte[]... messages) {
            builder.wrap(packet, 0);
            for (byte[] message : messages) {
                if (!builder.tryAdd(new UnsafeBuffer(message), 0, message.length)) {
                    throw new IllegalStateException("the packet is full");
                }
            }
            int length = builder.length();
            long now = System.nanoTime();
            processor.onDatagram(packet.addressOffset(), length, GROUP_A, PORT, SOURCE, now);
            processor.onDatagram(packet.addressOffset(), length, GROUP_B, PORT, SOURCE, now);
            processor.endOfBurst(now);
            builder.clear();
        }
    }
}
