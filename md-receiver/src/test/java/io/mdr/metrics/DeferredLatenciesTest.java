package io.mdr.metrics;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Deferred values reach their own recorder, with their counts, at the flush, and none is lost when the buffer fills. */
class DeferredLatenciesTest {

    @Test
    void valuesWaitForTheFlushAndGoToTheirOwnRecorder() {
        BurstRecorder a = new BurstRecorder(LatencyRecorders.HIGHEST_NANOS, 3);
        BurstRecorder b = new BurstRecorder(LatencyRecorders.HIGHEST_NANOS, 3);
        DeferredLatencies deferred = new DeferredLatencies();
        deferred.add(a, 1_000, 3);
        deferred.add(b, 5_000, 2);
        deferred.add(a, -7, 1);
        assertEquals(0, a.getIntervalHistogram().getTotalCount());

        deferred.flush();
        Histogram ha = a.getIntervalHistogram();
        Histogram hb = b.getIntervalHistogram();
        assertEquals(4, ha.getTotalCount());
        assertEquals(3, ha.getCountAtValue(1_000));
        assertEquals(1, ha.getCountAtValue(0), "a negative value is clamped to 0");
        assertEquals(2, hb.getTotalCount());
        assertEquals(5_000, hb.getMaxValue(), 5);

        deferred.flush();
        assertEquals(0, a.getIntervalHistogram().getTotalCount(), "a flush empties the buffer");
    }

    @Test
    void aFullBufferIsRecordedEarlyAndNothingIsLost() {
        BurstRecorder a = new BurstRecorder(LatencyRecorders.HIGHEST_NANOS, 3);
        DeferredLatencies deferred = new DeferredLatencies();
        int values = DeferredLatencies.CAPACITY * 3 + 17;
        for (int i = 0; i < values; i++) {
            deferred.add(a, 100 + i, 2);
        }
        a.endBurst();
        long early = a.getIntervalHistogram().getTotalCount();
        assertEquals(2L * DeferredLatencies.CAPACITY * 3, early, "three full buffers recorded as they filled");

        deferred.flush();
        a.endBurst();
        assertEquals(2L * 17, a.getIntervalHistogram().getTotalCount());
    }
}
