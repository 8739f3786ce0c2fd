package io.mdr.receiver;

import io.mdr.feed.Channel;
import io.mdr.feed.Line;
import io.mdr.metrics.LatencyRecorders;
import io.mdr.metrics.ReceiverCounters;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersManager;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * exchange-to-handler is recorded for every message, one record per run of equal ITCH timestamps: the histogram
 * holds each message once, at its own timestamp's latency, whatever the runs.
 */
class ExchangeLatencyRecordingTest {

    @Test
    void everyMessageIsCountedAtItsOwnTimestamp() {
        ReceiverCounters counters = new ReceiverCounters(new CountersManager(
                new UnsafeBuffer(ByteBuffer.allocateDirect(64 * 1024)), new UnsafeBuffer(ByteBuffer.allocateDirect(16 * 1024))));
        LatencyRecorders latency = new LatencyRecorders();
        ExchangeClock clock = ExchangeClock.since(ZoneOffset.UTC);
        FeedPipeline pipeline = new FeedPipeline(MessageHandler.NONE, null, counters, latency, clock);

        long now = clock.nanosSinceMidnight(System.nanoTime());
        // 6 messages: 3 stamped 1 s ago, 2 stamped 2 s ago, then 1 stamped 1 s ago again
        long[] stamps = {now - 1_000_000_000L, now - 1_000_000_000L, now - 1_000_000_000L, now - 2_000_000_000L,
                now - 2_000_000_000L, now - 1_000_000_000L};
        UnsafeBuffer blocks = new UnsafeBuffer(new byte[stamps.length * 21]);
        int position = 0;
        for (long stamp : stamps) {
            blocks.putShort(position, (short) 19, ByteOrder.BIG_ENDIAN);
            blocks.putByte(position + 2, (byte) 'D');
            // stock locate and tracking number all ones: the timestamp is read from the long that ends with it
            blocks.putInt(position + 2 + 1, -1);
            blocks.putShort(position + 2 + 5, (short) (stamp >>> 32), ByteOrder.BIG_ENDIAN);
            blocks.putInt(position + 2 + 7, (int) stamp, ByteOrder.BIG_ENDIAN);
            position += 21;
        }
        pipeline.onMessages(new Channel(0, "x", Line.COUNT, "SESSION001"), Line.A, 1, stamps.length, blocks, 0, position,
                false, System.nanoTime());

        assertEquals(0, latency.exchangeToHandler.getIntervalHistogram().getTotalCount(),
                "recorded only after the burst's commit");
        assertEquals(0, latency.rxToHandler.getIntervalHistogram().getTotalCount(), "recorded only after the burst's commit");
        pipeline.onBurstEnd(System.nanoTime());

        assertEquals(6, latency.rxToHandler.getIntervalHistogram().getTotalCount(), "rx-to-handler, one value for the run of 6");
        Histogram h = latency.exchangeToHandler.getIntervalHistogram();
        assertEquals(6, h.getTotalCount());
        assertEquals(2, h.getCountBetweenValues(1_900_000_000L, 2_500_000_000L), "the two stamped 2 s ago");
        assertEquals(4, h.getCountBetweenValues(900_000_000L, 1_500_000_000L), "the four stamped 1 s ago");
        assertTrue(h.getMinValue() >= h.lowestEquivalentValue(1_000_000_000L), "never earlier than its stamp: " + h.getMinValue());
    }
}
