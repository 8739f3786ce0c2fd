package io.mdr.fanout.subscribe;

import io.mdr.journal.JournalListener;
import io.mdr.journal.JournalMessage;
import io.mdr.metrics.LatencyRecorders;
import org.HdrHistogram.Histogram;

import java.util.concurrent.locks.LockSupport;


/**
 * What {@code md-subscribe} does with each message: counts it, and (as asked) passes it to md-dump's JSON lines
 * or sequence check, records journal-commit→handler and rx→handler latency, or pauses to act as a slow strategy.
 */
final class SubscriberListener implements JournalListener {
    private final JournalListener dump;
    private final JournalListener check;
    private final boolean latency;
    private final long pauseNanos;
    private long latencySkip;
    final Histogram journalToHandler = LatencyRecorders.newHistogram();
    final Histogram rxToHandler = LatencyRecorders.newHistogram();
    long messages;
    long firstMessageNanos;
    long lastMessageNanos;
    long gaps;
    long endsOfSession;

    SubscriberListener(JournalListener dump, JournalListener check, boolean latency, long latencySkip, long pauseNanos) {
        this.dump = dump;
        this.check = check;
        this.latency = latency;
        this.latencySkip = latencySkip;
        this.pauseNanos = pauseNanos;
    }

    @Override
    public void onMessage(JournalMessage message) {
        if (latency) {
            long now = System.nanoTime();
            if (latencySkip > 0) {
                latencySkip--;
            } else {
                journalToHandler.recordValue(clamp(now - message.journalNanos()));
                rxToHandler.recordValue(clamp(now - message.rxNanos()));
            }
        }
        messages++;
        if (dump != null) {
            dump.onMessage(message);
        }
        if (check != null) {
            check.onMessage(message);
        }
        if (pauseNanos > 0) {
            LockSupport.parkNanos(pauseNanos);
        }
    }

    @Override
    public void onGap(int channelId, String channelName, long from, long to, long nanos) {
        gaps++;
        if (dump != null) {
            dump.onGap(channelId, channelName, from, to, nanos);
        }
        if (check != null) {
            check.onGap(channelId, channelName, from, to, nanos);
        }
    }

    @Override
    public void onEndOfSession(int channelId, String channelName, long nextSequence, long nanos) {
        endsOfSession++;
        if (dump != null) {
            dump.onEndOfSession(channelId, channelName, nextSequence, nanos);
        }
        if (check != null) {
            check.onEndOfSession(channelId, channelName, nextSequence, nanos);
        }
    }

    private static long clamp(long nanos) {
        return nanos < 0 ? 0 : Math.min(nanos, LatencyRecorders.HIGHEST_NANOS);
    }
}
