package io.mdr.metrics;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The writer holds HdrHistogram's phaser for a whole burst: a reader on another thread gets every value of the
 * bursts that ended, waits for the one in flight (never sees half of it), and no value is lost or counted twice.
 */
class BurstRecorderTest {

    @Test
    void aReaderWaitsForTheBurstInFlightAndGetsItWhole() throws Exception {
        BurstRecorder recorder = new BurstRecorder(LatencyRecorders.HIGHEST_NANOS, 3);
        CountDownLatch recorded = new CountDownLatch(1);
        CountDownLatch end = new CountDownLatch(1);
        Thread writer = Thread.ofPlatform().start(() -> {
            recorder.recordValueWithCount(1_000, 3);
            recorder.recordValueWithCount(2_000, 1);
            recorded.countDown();
            try {
                end.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            recorder.endBurst();
        });
        assertTrue(recorded.await(10, TimeUnit.SECONDS));
        CompletableFuture<Histogram> interval = CompletableFuture.supplyAsync(recorder::getIntervalHistogram);
        assertThrows(TimeoutException.class, () -> interval.get(200, TimeUnit.MILLISECONDS),
                "the reader waits while the burst is open");
        end.countDown();
        Histogram h = interval.get(10, TimeUnit.SECONDS);
        writer.join();
        assertEquals(4, h.getTotalCount(), "the whole burst");
        assertEquals(3, h.getCountAtValue(1_000));
        assertEquals(0, recorder.getIntervalHistogram().getTotalCount(), "nothing counted twice");
    }

    @Test
    void valuesOfManyBurstsAreNeitherLostNorRepeatedWhileTheReaderHarvests() throws Exception {
        BurstRecorder recorder = new BurstRecorder(LatencyRecorders.HIGHEST_NANOS, 3);
        long bursts = 200_000;
        Thread writer = Thread.ofPlatform().start(() -> {
            for (long b = 0; b < bursts; b++) {
                recorder.recordValueWithCount(100 + (b & 1023), 2);
                recorder.recordValueWithCount(5_000, 1);
                recorder.endBurst();
            }
        });
        long total = 0;
        Histogram recycle = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (writer.isAlive() && System.nanoTime() < deadline) {
            recycle = recorder.getIntervalHistogram(recycle);
            total += recycle.getTotalCount();
        }
        writer.join();
        total += recorder.getIntervalHistogram(recycle).getTotalCount();
        assertEquals(3 * bursts, total);
    }

    @Test
    void aReaderOnTheWritersThreadEndsItsOpenBurstFirst() {
        BurstRecorder recorder = new BurstRecorder(LatencyRecorders.HIGHEST_NANOS, 3);
        recorder.recordValueWithCount(7_000, 5);
        Histogram h = recorder.getIntervalHistogram();
        assertEquals(5, h.getTotalCount());
        recorder.recordValueWithCount(8_000, 1);
        Histogram next = recorder.getIntervalHistogram(h);
        assertEquals(1, next.getTotalCount());
        assertFalse(next.getCountAtValue(7_000) > 0);
        recorder.recordValueWithCount(9_000, 2);
        Histogram third = recorder.getIntervalHistogram(next);
        assertSame(h, third, "the recycled histogram is recorded into next, then handed back");
        assertEquals(2, third.getTotalCount(), "reset before its reuse");
    }
}
