package io.mdr.metrics;

import org.HdrHistogram.Histogram;

/**
 * Per-message latency, recorded on the polling thread with {@link BurstRecorder}s (HdrHistogram's phaser, entered
 * once per burst; wait-free, allocation-free) and harvested as interval histograms by the stats thread. The polling
 * loop calls {@link #endBurst()} at the end of every iteration.
 *
 * <ul>
 *   <li>rx-to-handler: the packet's rx timestamp to the moment the in-process handler has run for its messages
 *       (one clock read per packet, recorded with the packet's message count);</li>
 *   <li>rx-to-journal: the packet's rx timestamp to the journal commit of its messages (once per burst);</li>
 *   <li>exchange-to-handler: the ITCH timestamp to the handler (meaningful when md-replay restamps);</li>
 *   <li>recovery time: per hole asked of a request server, from the hole opening (the first packet after it) to the
 *       last of its messages delivered; not a per-message figure.</li>
 *   <li>rx-to-book: the packet's rx timestamp to the order books updated for its messages, listeners called (with
 *       {@code receiver.handler=book}: the same clock read as rx-to-handler, under the name of the stage it
 *       measures).</li>
 * </ul>
 * Messages recovered from the request server are left out of the per-packet stages: the recovery time measures them.
 */
public final class LatencyRecorders {
    /** Highest trackable value: 10 s in ns; larger values are clamped, not dropped. */
    public static final long HIGHEST_NANOS = 10_000_000_000L;
    private static final int SIGNIFICANT_DIGITS = 3;

    public final BurstRecorder rxToHandler = new BurstRecorder(HIGHEST_NANOS, SIGNIFICANT_DIGITS);
    public final BurstRecorder rxToJournal = new BurstRecorder(HIGHEST_NANOS, SIGNIFICANT_DIGITS);
    public final BurstRecorder exchangeToHandler = new BurstRecorder(HIGHEST_NANOS, SIGNIFICANT_DIGITS);
    /** From a hole opening to the hole filled by the retransmission server's answers (one value per hole). */
    public final BurstRecorder recoveryTime = new BurstRecorder(HIGHEST_NANOS, SIGNIFICANT_DIGITS);
    public final BurstRecorder rxToBook = new BurstRecorder(HIGHEST_NANOS, SIGNIFICANT_DIGITS);

    /** Records {@code nanos} (clamped to [0, HIGHEST_NANOS]) {@code count} times. */
    public static void record(BurstRecorder recorder, long nanos, long count) {
        recorder.recordValueWithCount(clamp(nanos), count);
    }

    /** As {@link #record(BurstRecorder, long, long)}, into HdrHistogram's recorder (a consumer's own thread). */
    public static void record(org.HdrHistogram.SingleWriterRecorder recorder, long nanos, long count) {
        recorder.recordValueWithCount(clamp(nanos), count);
    }

    private static long clamp(long nanos) {
        return nanos < 0 ? 0 : Math.min(nanos, HIGHEST_NANOS);
    }

    /**
     * Records values of every magnitude, from below 0 to beyond {@link #HIGHEST_NANOS}, into a throwaway recorder, so
     * that the JIT has seen every branch of the recording code (clamping, HdrHistogram's bucket and min/max updates)
     * before the first packet. Otherwise the first unusually long latency (a packet held behind a hole for
     * milliseconds) hits a branch compiled as never taken: the polling thread deoptimizes, and re-creates on the heap
     * the objects the compiled code had kept in registers.
     *
     * @return values recorded
     */
    public static long warmUp() {
        BurstRecorder recorder = new BurstRecorder(HIGHEST_NANOS, SIGNIFICANT_DIGITS);
        Histogram total = newHistogram();
        long recorded = 0;
        for (int round = 0; round < 2_000; round++) {
            record(recorder, -1 - round, 1);
            for (long value = 1 + round; value < 4 * HIGHEST_NANOS; value = value * 3 + round) {
                record(recorder, value, 1 + (round & 3));
                recorded++;
            }
            if ((round & 63) == 0) {
                recorder.endBurst();
                // As the stats thread sums intervals into a run's totals: HdrHistogram's add() loads
                // ConcurrentHistogram, which loaded only at the first stats line invalidated the recording code
                // compiled while Histogram had no subclass loaded.
                total.add(recorder.getIntervalHistogram());
            }
        }
        recorder.endBurst();
        return recorded;
    }

    /** Ends the polling thread's burst on every stage: the stats thread may harvest what it recorded. */
    public void endBurst() {
        rxToHandler.endBurst();
        rxToJournal.endBurst();
        exchangeToHandler.endBurst();
        recoveryTime.endBurst();
        rxToBook.endBurst();
    }

    /** A fresh accumulating histogram of the same shape, for totals over a run. */
    public static Histogram newHistogram() {
        return new Histogram(HIGHEST_NANOS, SIGNIFICANT_DIGITS);
    }
}
