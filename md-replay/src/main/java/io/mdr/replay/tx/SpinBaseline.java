package io.mdr.replay.tx;

import org.HdrHistogram.Histogram;

import java.util.Locale;

/**
 * The pacing baseline: the same busy-wait to a schedule as {@link CaptureReplayer}, with no DPDK, no copy
 * and no send. What it measures is the machine's own ability to wake a spinning thread on time (VM steal,
 * interrupts, other threads on the core); the replay's pacing error is to be read against it.
 *
 * <pre>java @config/jvm.options -cp ... io.mdr.replay.tx.SpinBaseline [PPS] [PACKETS]</pre>
 */
public final class SpinBaseline {
    private SpinBaseline() {
    }

    public static void main(String[] args) {
        long pps = args.length > 0 ? Long.parseLong(args[0]) : 100_000;
        int packets = args.length > 1 ? Integer.parseInt(args[1]) : 300_000;
        Histogram lateness = run(pps, packets);
        System.out.println(String.format(Locale.ROOT,
                "spin baseline at %d pps over %d gaps: excess p50 %.2f us, p90 %.2f us, p99 %.2f us, p99.9 %.2f us, max %.2f us",
                pps, packets, lateness.getValueAtPercentile(50) / 1e3, lateness.getValueAtPercentile(90) / 1e3,
                lateness.getValueAtPercentile(99) / 1e3, lateness.getValueAtPercentile(99.9) / 1e3, lateness.getMaxValue() / 1e3));
    }

    /**
     * Spins to {@code packets} deadlines each {@code 1/pps} after the previous wake-up (as the replay keeps
     * inter-packet gaps), after an equal warm-up run, and records how late each wake-up is.
     */
    public static Histogram run(long pps, int packets) {
        spin(pps, packets, new Histogram(60_000_000_000L, 3));
        Histogram lateness = new Histogram(60_000_000_000L, 3);
        spin(pps, packets, lateness);
        return lateness;
    }

    private static void spin(long pps, int packets, Histogram lateness) {
        long gap = 1_000_000_000L / pps;
        long due = System.nanoTime() + 1_000_000;
        for (int i = 0; i < packets; i++) {
            long now;
            while ((now = System.nanoTime()) < due) {
                Thread.onSpinWait();
            }
            lateness.recordValue(now - due);
            due = now + gap;
        }
    }
}
