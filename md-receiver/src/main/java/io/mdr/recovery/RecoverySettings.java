package io.mdr.recovery;

import io.mdr.config.RecoveryConfig;

import java.util.concurrent.TimeUnit;

/**
 * How the recovery thread asks: per request, how long it waits, how many unanswered requests in a row it makes
 * before giving a hole up (moving to the next server after each), how the wait grows, how many messages one request
 * asks for and how many requests are outstanding at once.
 *
 * @param timeoutNanos       wait for the first answer to a request
 * @param attempts           unanswered requests in a row before the hole is given up
 * @param backoff            factor the wait grows by after each unanswered request
 * @param messagesPerRequest most messages one request asks for (at most 65534)
 * @param requestsInFlight   requests outstanding at once, over all channels
 */
public record RecoverySettings(long timeoutNanos, int attempts, double backoff, int messagesPerRequest,
                               int requestsInFlight) {
    public RecoverySettings {
        if (timeoutNanos <= 0 || attempts < 1 || backoff < 1 || messagesPerRequest < 1 || messagesPerRequest > 0xFFFE
                || requestsInFlight < 1) {
            throw new IllegalArgumentException("recovery settings out of range");
        }
    }

    public static RecoverySettings from(RecoveryConfig config) {
        return new RecoverySettings(TimeUnit.MILLISECONDS.toNanos(config.timeoutMs()), config.attempts(), config.backoff(),
                config.messagesPerRequest(), config.requestsInFlight());
    }

    /** The longest a hole stays requested before it is given up: every attempt's wait. */
    public long giveUpNanos() {
        double total = 0;
        double timeout = timeoutNanos;
        for (int i = 0; i < attempts; i++) {
            total += timeout;
            timeout *= backoff;
        }
        return (long) Math.min(total, Long.MAX_VALUE / 2.0);
    }
}
