package io.mdr.replay.tx;

/**
 * When each packet is due, relative to the start of the replay.
 *
 * @param mode  how the schedule is derived
 * @param speed for {@link Mode#ORIGINAL}: 2.0 replays twice as fast as captured
 * @param pps   for {@link Mode#RATE}: packets per second
 */
public record Pacing(Mode mode, double speed, long pps) {
    public enum Mode {
        /** The capture's own inter-packet gaps, divided by {@code speed}. */
        ORIGINAL,
        /** A fixed rate, whatever the capture's timestamps. */
        RATE,
        /** As fast as the port takes them, in bursts. */
        TOP_SPEED
    }

    public Pacing {
        if (mode == Mode.ORIGINAL && !(speed > 0)) {
            throw new IllegalArgumentException("--speed must be above 0, got " + speed);
        }
        if (mode == Mode.RATE && pps <= 0) {
            throw new IllegalArgumentException("--pps must be above 0, got " + pps);
        }
    }

    public static Pacing original(double speed) {
        return new Pacing(Mode.ORIGINAL, speed, 0);
    }

    public static Pacing rate(long pps) {
        return new Pacing(Mode.RATE, 1, pps);
    }

    public static Pacing topSpeed() {
        return new Pacing(Mode.TOP_SPEED, 1, 0);
    }

    /**
     * Nanoseconds after the start at which packet {@code index} (captured at {@code captureNanos}, the first
     * at {@code firstCaptureNanos}) is due.
     */
    public long dueNanos(long index, long captureNanos, long firstCaptureNanos) {
        return switch (mode) {
            case ORIGINAL -> (long) ((captureNanos - firstCaptureNanos) / speed);
            case RATE -> index * 1_000_000_000L / pps;
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
        };
    }
}
