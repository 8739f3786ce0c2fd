package io.mdr.metrics;

/**
 * Latency values taken on the polling thread during a burst and recorded into their {@link BurstRecorder}s only when
 * {@link #flush()} is called, after the burst's journal commit: a histogram update touches a bucket line that is
 * rarely in cache, and the first one of a burst enters HdrHistogram's phaser. Recorded inline, the rx-to-handler and
 * exchange-to-handler updates of a 44-message packet held its journal commit back by about 0.3 µs.
 *
 * <p>Bounded and allocation-free: when the buffer is full the values it holds are recorded at once, so a value is
 * never lost, only recorded earlier. Single-threaded (the polling thread).
 */
public final class DeferredLatencies {
    /**
     * Values one burst can hold before they are recorded early: a burst of 32 packets of 44 messages whose ITCH
     * timestamps all differ (exchange latency on a feed that is not restamped) holds about 1,500.
     */
    public static final int CAPACITY = 4096;

    private final BurstRecorder[] recorders = new BurstRecorder[CAPACITY];
    private final long[] values = new long[CAPACITY];
    private final long[] counts = new long[CAPACITY];
    private int size;

    /** Holds {@code nanos} for {@code recorder}, {@code count} times, until {@link #flush()}. */
    public void add(BurstRecorder recorder, long nanos, long count) {
        if (size == CAPACITY) {
            flush();
        }
        int i = size++;
        recorders[i] = recorder;
        values[i] = nanos;
        counts[i] = count;
    }

    /** Records every value held, in the order added, and empties the buffer. */
    public void flush() {
        int n = size;
        for (int i = 0; i < n; i++) {
            LatencyRecorders.record(recorders[i], values[i], counts[i]);
        }
        size = 0;
    }
}
