package io.mdr.replay.journal;

import io.mdr.journal.JournalListener;
import io.mdr.journal.JournalMessage;
import io.mdr.journal.JournalTailer;

import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/**
 * Replays a journal to a listener, paced by the messages' recorded receive times.
 *
 * <pre>{@code
 * JournalReplay.Result r = JournalReplay.replay(Path.of("/data/2026-11-20"), myStrategy, 10.0, () -> false);
 * }</pre>
 */
public final class JournalReplay {
    private JournalReplay() {
    }

    /** What a replay did. */
    public record Result(long messages, long gaps, long recordedSpanNanos, long elapsedNanos) {
    }

    /**
     * @param speed 1.0 for the recorded pace, 10.0 for ten times faster, {@code Double.POSITIVE_INFINITY}
     *              for as fast as {@code listener} takes them
     */
    public static Result replay(Path journal, JournalListener listener, double speed, BooleanSupplier stop) {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed must be above 0, got " + speed);
        }
        Pacer pacer = new Pacer(listener, speed);
        long start;
        long end;
        try (JournalTailer tailer = JournalTailer.open(journal).fromStart()) {
            start = System.nanoTime(); // the replay's time, not the queue's opening (tens of ms on a busy host)
            while (!stop.getAsBoolean() && tailer.poll(pacer, 256) > 0) {
                // poll hands each record to the pacer, which waits for its moment
            }
            end = System.nanoTime();
        }
        return new Result(pacer.messages, pacer.gaps, pacer.lastRx - pacer.firstRx, end - start);
    }

    /** Holds each message back until its recorded offset from the first one (divided by the speed) has passed. */
    private static final class Pacer implements JournalListener {
        private final JournalListener listener;
        private final double speed;
        private long firstRx = Long.MIN_VALUE;
        private long lastRx;
        private long startNanos;
        private long messages;
        private long gaps;

        Pacer(JournalListener listener, double speed) {
            this.listener = listener;
            this.speed = speed;
        }

        @Override
        public void onMessage(JournalMessage message) {
            long rx = message.rxNanos();
            if (firstRx == Long.MIN_VALUE) {
                firstRx = rx;
                startNanos = System.nanoTime();
            }
            lastRx = Math.max(lastRx, rx);
            if (speed != Double.POSITIVE_INFINITY) {
                long due = startNanos + (long) ((rx - firstRx) / speed);
                while (System.nanoTime() < due) {
                    Thread.onSpinWait();
                }
            }
            messages++;
            listener.onMessage(message);
        }

        @Override
        public void onGap(int channelId, String channelName, long from, long to, long nanos) {
            gaps++;
            listener.onGap(channelId, channelName, from, to, nanos);
        }

        @Override
        public void onEndOfSession(int channelId, String channelName, long nextSequence, long nanos) {
            listener.onEndOfSession(channelId, channelName, nextSequence, nanos);
        }
    }
}
