package io.mdr.replay.tx;

/**
 * When each packet is due, relative to the start of the replay.
 *
 * @param mode  how the schedule is derived
 * @param speed for {@link Mode#ORIGINAL}: 2.0 replays twice as fast as captured
 * @param pps   for {@link Mode#RATE}: packets per second; for {@link Mode#BURSTS}: packets per burst
 * @param periodNanos for {@link Mode#BURSTS}: from one burst's start to the next's
 */
public record Pacing(Mode mode, double speed, long pps, long periodNanos) {
    public enum Mode {
        /** The capture's own inter-packet gaps, divided by {@code speed}. */
        ORIGINAL,
        /** A fixed rate, whatever the capture's timestamps. */
        RATE,
        /** As fast as the port takes them, in bursts. */
        TOP_SPEED,
        /** {@code pps} packets back to back at the start of every period: a burst pattern at a known mean rate. */
        BURSTS
    }

    public Pacing {
        if (mode == Mode.ORIGINAL && !(speed > 0)) {
            throw new IllegalArgumentException("--speed must be above 0, got " + speed);
        }
        if (mode == Mode.RATE && pps <= 0) {
            throw new IllegalArgumentException("--pps must be above 0, got " + pps);
        }
        if (mode == Mode.BURSTS && (pps <= 0 || periodNanos <= 0)) {
            throw new IllegalArgumentException("--bursts needs packets and a period above 0, got " + pps + " every "
                    + periodNanos + " ns");
        }
    }

    public static Pacing original(double speed) {
        return new Pacing(Mode.ORIGINAL, speed, 0, 0);
    }

    public static Pacing rate(long pps) {
        return new Pacing(Mode.RATE, 1, pps, 0);
    }

    public static Pacing topSpeed() {
        return new Pacing(Mode.TOP_SPEED, 1, 0, 0);
    }

    /** {@code packets} back to back every {@code periodNanos}. */
    public static Pacing bursts(long packets, long periodNanos) {
        return new Pacing(Mode.BURSTS, 1, packets, periodNanos);
    }

    /**
     * Parses {@code N/MICROS} ({@code 64/200}: 64 packets back to back every 200 µs).
     *
     * @throws IllegalArgumentException naming the option and the expected form
     */
    public static Pacing parseBursts(String text) {
        int slash = text.indexOf('/');
        try {
            if (slash > 0) {
                long packets = Long.parseLong(text.substring(0, slash).trim());
                double micros = Double.parseDouble(text.substring(slash + 1).trim());
                if (packets > 0 && micros > 0 && packets <= 1_000_000 && micros <= 60_000_000) {
                    return bursts(packets, Math.round(micros * 1000));
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--bursts " + text + ": expected PACKETS/MICROSECONDS, e.g. 64/200");
    }

    /** Packets per second on average (0 for the capture's own timing and top speed). */
    public double meanPps() {
        return switch (mode) {
            case RATE -> pps;
            case BURSTS -> pps * 1e9 / periodNanos;
            default -> 0;
        };
    }

    /**
     * Nanoseconds after the start at which packet {@code index} (captured at {@code captureNanos}, the first
     * at {@code firstCaptureNanos}) is due.
     */
    public long dueNanos(long index, long captureNanos, long firstCaptureNanos) {
        return switch (mode) {
            case ORIGINAL -> (long) ((captureNanos - firstCaptureNanos) / speed);
            case RATE -> index * 1_000_000_000L / pps;
            case BURSTS -> index / pps * periodNanos;
            case TOP_SPEED -> 0;
        };
    }

    public boolean paced() {
        return mode != Mode.TOP_SPEED;
    }

    @Override
    public String toString() {
        return switch (mode) {
            case ORIGINAL -> speed == 1 ? "original timing" : "original timing x" + speed;
            case RATE -> pps + " pps";
            case TOP_SPEED -> "top speed";
            case BURSTS -> String.format(java.util.Locale.ROOT, "bursts of %d packets every %.1f us (%.0f pps)",
                    pps, periodNanos / 1e3, meanPps());
        };
    }
}
