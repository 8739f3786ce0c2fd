package io.mdr.dpdk;

import java.util.Locale;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Maps a NIC's clock onto this host's {@code System.nanoTime()}, so that a packet's hardware rx timestamp and the
 * moment its handler runs are read on one clock and their difference is a latency.
 *
 * <p>DPDK hands out the device clock raw: {@code rte_eth_read_clock} returns "a raw amount of ticks, with no given
 * time reference", from the same clock that fills the {@code rte_dynfield_timestamp} mbuf field, and leaves the
 * conversion to the application (rte_ethdev.h; examples/rxtx_callbacks). This class does what those suggest:
 * <ul>
 *   <li><b>calibration</b> ({@link #calibrate}): two clock reads {@value #CALIBRATION_NANOS} ns apart, each
 *       bracketed by two host reads (the narrowest of {@value #CALIBRATION_TRIES} brackets, its midpoint taken as
 *       the host time of the read), give nanoseconds per tick and an anchor (ticks, host nanos);</li>
 *   <li><b>re-anchoring</b> ({@link #maintain}): at most once every {@value #REANCHOR_INTERVAL_NANOS} ns, from the
 *       polling thread, one bracketed read moves the anchor to now, so an error in the rate accumulates over a
 *       second at most; the same read refines the rate over a baseline of {@value #RATE_WINDOW_NANOS} to twice that
 *       ns, so the rate follows the two oscillators' drift with an error of (bracket width / baseline) rather than
 *       (bracket width / 100 ms).</li>
 * </ul>
 *
 * <p>A read can fail later (mlx5 answers -EIO when its clock queue loses sync) or be useless (the thread was
 * preempted between the host reads: bracket wider than {@link #maxBracketNanos()}): either leaves the mapping as it
 * was and is counted. A read whose rate disagrees with the calibration by more than {@value #MAX_RATE_DEVIATION}
 * (a crystal is off by 100 ppm at most, so this is a step of the NIC clock, not drift) re-anchors and restarts the
 * rate baseline, keeping the rate. Once no read has succeeded for {@value #MAX_ANCHOR_AGE_NANOS} ns the mapping is
 * not trusted ({@link #mappable()} is false) until one does.
 *
 * <p>Threads: {@link #calibrate} on any thread; afterwards {@link #maintain} and {@link #toHostNanos} on one thread
 * only (the polling thread; starting it publishes the calibration). Neither allocates, locks or logs.
 */
public final class NicClock {
    /** Wait between the two calibration reads, as in examples/rxtx_callbacks. */
    public static final long CALIBRATION_NANOS = 100_000_000L;
    /** Bracketed reads per calibration sample; the narrowest bracket is kept. */
    public static final int CALIBRATION_TRIES = 5;
    /** Least time between two re-anchoring reads. */
    public static final long REANCHOR_INTERVAL_NANOS = 1_000_000_000L;
    /** The rate is measured over at least this much host time (once the receiver has run that long). */
    public static final long RATE_WINDOW_NANOS = 32_000_000_000L;
    /** With no successful read for this long, packets get the rx_burst time instead. */
    public static final long MAX_ANCHOR_AGE_NANOS = 10_000_000_000L;
    /** A re-anchoring bracket up to this wide is accepted even when calibration saw narrower ones. */
    public static final long MIN_BRACKET_LIMIT_NANOS = 50_000L;
    /** A measured rate further than this from the calibrated one means the NIC clock stepped. */
    public static final double MAX_RATE_DEVIATION = 1e-3;

    /** Reads a device clock. Production: {@link PortClock} ({@code rte_eth_read_clock}); tests: a synthetic clock. */
    @FunctionalInterface
    public interface TickSource {
        /** @return the device clock now, in ticks (0..Long.MAX_VALUE), or a negative errno when it cannot be read */
        long readTicks();

        /** @return what a negative {@link #readTicks()} result means, for start-up messages */
        default String describeFailure(long result) {
            return "reading the NIC clock failed (" + result + ")";
        }
    }

    private final TickSource ticks;
    private final LongSupplier hostNanos;
    private final double calibratedNanosPerTick;
    private final long maxBracketNanos;

    private double nanosPerTick;
    private long anchorTicks;
    private long anchorNanos;
    /** Start of the baseline the rate is measured over. */
    private long rateBaseTicks;
    private long rateBaseNanos;
    /** Becomes the baseline's start once it is {@link #RATE_WINDOW_NANOS} old, so the baseline slides. */
    private long nextRateBaseTicks;
    private long nextRateBaseNanos;
    private long lastAttemptNanos;
    private boolean mappable = true;
    private long failedReads;
    private long slowReads;
    private long clockSteps;
    private long lastFailure;

    private NicClock(TickSource ticks, LongSupplier hostNanos, Sample first, Sample second) {
        this.ticks = ticks;
        this.hostNanos = hostNanos;
        this.calibratedNanosPerTick = (double) (second.nanos - first.nanos) / (second.ticks - first.ticks);
        this.maxBracketNanos = Math.max(MIN_BRACKET_LIMIT_NANOS, 4 * Math.max(first.width, second.width));
        this.nanosPerTick = calibratedNanosPerTick;
        this.anchorTicks = second.ticks;
        this.anchorNanos = second.nanos;
        this.rateBaseTicks = first.ticks;
        this.rateBaseNanos = first.nanos;
        this.nextRateBaseTicks = second.ticks;
        this.nextRateBaseNanos = second.nanos;
        this.lastAttemptNanos = second.nanos;
    }

    /**
     * Measures the NIC clock against the host's: blocks for about {@link #CALIBRATION_NANOS}.
     *
     * @param ticks     the NIC clock
     * @param hostNanos the host clock ({@code System::nanoTime})
     * @param pause     waits the given nanoseconds between the two samples
     * @throws IllegalStateException saying why when the clock cannot be read or does not advance
     */
    public static NicClock calibrate(TickSource ticks, LongSupplier hostNanos, LongConsumer pause) {
        Sample first = narrowestSample(ticks, hostNanos);
        pause.accept(CALIBRATION_NANOS);
        Sample second = narrowestSample(ticks, hostNanos);
        if (second.ticks - first.ticks <= 0 || second.nanos - first.nanos <= 0) {
            throw new IllegalStateException("the NIC clock did not advance: " + first.ticks + " then " + second.ticks
                    + " ticks over " + (second.nanos - first.nanos) + " ns");
        }
        return new NicClock(ticks, hostNanos, first, second);
    }

    private record Sample(long ticks, long nanos, long width) {
    }

    private static Sample narrowestSample(TickSource ticks, LongSupplier hostNanos) {
        Sample best = null;
        for (int i = 0; i < CALIBRATION_TRIES; i++) {
            long before = hostNanos.getAsLong();
            long value = ticks.readTicks();
            long after = hostNanos.getAsLong();
            if (value < 0) {
                throw new IllegalStateException(ticks.describeFailure(value));
            }
            if (best == null || after - before < best.width) {
                best = new Sample(value, before + (after - before) / 2, after - before);
            }
        }
        return best;
    }

    /**
     * Re-anchors when {@link #REANCHOR_INTERVAL_NANOS} have passed since the last attempt: one clock read, else
     * nothing. Called once per poll of the polling loop, busy or idle, never per packet.
     *
     * @param nowNanos the host time the caller already read ({@code System.nanoTime()})
     */
    public void maintain(long nowNanos) {
        if (nowNanos - lastAttemptNanos >= REANCHOR_INTERVAL_NANOS) {
            lastAttemptNanos = nowNanos;
            reanchor();
        }
    }

    /** One bracketed read: moves the anchor and refines the rate, or counts why not. Returns whether it moved. */
    boolean reanchor() {
        long before = hostNanos.getAsLong();
        long value = ticks.readTicks();
        long after = hostNanos.getAsLong();
        if (value < 0) {
            failedReads++;
            lastFailure = value;
        } else if (after - before > maxBracketNanos) {
            slowReads++;
        } else {
            long mid = before + (after - before) / 2;
            if (mid - nextRateBaseNanos >= RATE_WINDOW_NANOS) {
                rateBaseTicks = nextRateBaseTicks;
                rateBaseNanos = nextRateBaseNanos;
                nextRateBaseTicks = value;
                nextRateBaseNanos = mid;
            }
            long baseTicks = value - rateBaseTicks;
            double rate = baseTicks > 0 ? (double) (mid - rateBaseNanos) / baseTicks : Double.NaN;
            if (Math.abs(rate / calibratedNanosPerTick - 1) <= MAX_RATE_DEVIATION) {
                nanosPerTick = rate;
            } else {
                // A step (or a reset) of the NIC clock: what was measured across it is no rate. Start over from here.
                clockSteps++;
                rateBaseTicks = nextRateBaseTicks = value;
                rateBaseNanos = nextRateBaseNanos = mid;
            }
            anchorTicks = value;
            anchorNanos = mid;
            mappable = true;
            return true;
        }
        mappable = after - anchorNanos <= MAX_ANCHOR_AGE_NANOS;
        return false;
    }

    /** @return the host time ({@code System.nanoTime()} timebase) of a NIC clock reading */
    public long toHostNanos(long nicTicks) {
        return anchorNanos + (long) ((nicTicks - anchorTicks) * nanosPerTick);
    }

    /** @return false once no clock read has succeeded for {@link #MAX_ANCHOR_AGE_NANOS} */
    public boolean mappable() {
        return mappable;
    }

    /** @return nanoseconds per NIC tick, as now estimated */
    public double nanosPerTick() {
        return nanosPerTick;
    }

    /** @return the NIC clock's frequency as calibrated at start-up, in Hz */
    public double calibratedHz() {
        return 1e9 / calibratedNanosPerTick;
    }

    /** @return e.g. {@code 1.000 GHz} or {@code 156.250 MHz}: the calibrated frequency for people */
    public String describeFrequency() {
        double hz = calibratedHz();
        if (hz >= 1e9) {
            return String.format(Locale.ROOT, "%.3f GHz", hz / 1e9);
        }
        if (hz >= 1e6) {
            return String.format(Locale.ROOT, "%.3f MHz", hz / 1e6);
        }
        return String.format(Locale.ROOT, "%.3f kHz", hz / 1e3);
    }

    /** @return the NIC reading of the current anchor */
    public long anchorTicks() {
        return anchorTicks;
    }

    /** @return the host time of the current anchor */
    public long anchorNanos() {
        return anchorNanos;
    }

    /** @return the widest bracket (two host reads around a clock read) a re-anchoring accepts */
    public long maxBracketNanos() {
        return maxBracketNanos;
    }

    /** @return re-anchoring reads that failed (read on the polling thread, or after it stopped) */
    public long failedReads() {
        return failedReads;
    }

    /** @return the negative errno of the last failed read, 0 if none failed */
    public long lastFailure() {
        return lastFailure;
    }

    /** @return re-anchoring reads ignored because their bracket was wider than {@link #maxBracketNanos()} */
    public long slowReads() {
        return slowReads;
    }

    /** @return re-anchoring reads that found the NIC clock stepped rather than drifted */
    public long clockSteps() {
        return clockSteps;
    }
}
