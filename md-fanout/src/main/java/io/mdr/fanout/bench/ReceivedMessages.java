package io.mdr.fanout.bench;

import io.mdr.journal.JournalListener;
import io.mdr.journal.JournalMessage;
import io.mdr.metrics.LatencyRecorders;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * What a benchmark receiver got: messages, those out of sequence, the first and last arrival, and journal→receiver
 * latency per message (the journal's write time is in each record; one host, one clock), the warm-up's messages
 * left out.
 */
final class ReceivedMessages implements JournalListener {
    /** Written by the receiving loop only; harvested by an {@link IntervalLog}. */
    final SingleWriterRecorder journalToReceiver = new SingleWriterRecorder(LatencyRecorders.HIGHEST_NANOS, 3);
    /** The warm-up's messages are recorded here and dropped: the recording code is compiled before it counts. */
    private final SingleWriterRecorder warmup = new SingleWriterRecorder(LatencyRecorders.HIGHEST_NANOS, 3);
    private long skip;
    long messages;
    long outOfSequence;
    long firstNanos;
    long lastNanos;
    private long nextSequence = -1;

    ReceivedMessages(long warmupMessages) {
        this.skip = warmupMessages;
    }

    @Override
    public void onMessage(JournalMessage message) {
        long now = System.nanoTime();
        if (skip > 0) {
            skip--;
            LatencyRecorders.record(warmup, now - message.journalNanos(), 1);
        } else {
            LatencyRecorders.record(journalToReceiver, now - message.journalNanos(), 1);
        }
        if (nextSequence >= 0 && message.sequence() != nextSequence) {
            outOfSequence++;
        }
        nextSequence = message.sequence() + 1;
        if (messages++ == 0) {
            firstNanos = now; // from the first message (the channel record comes long before)
        }
        lastNanos = now;
    }

    /** Messages per second from the first to the last. */
    double messagesPerSecond() {
        return (messages - 1) / Math.max((lastNanos - firstNanos) / 1e9, 1e-9);
    }

    double streamSeconds() {
        return (lastNanos - firstNanos) / 1e9;
    }
}
