package io.mdr.feed;

/**
 * What the recovery thread has passed back (answers from the retransmission server, ranges given up), drained by the
 * polling thread into the arbiters without blocking, without a system call and without allocating.
 */
@FunctionalInterface
public interface RecoveryAnswers {
    /** No recovery: nothing ever comes back. */
    RecoveryAnswers NONE = (router, nowNanos) -> 0;

    /**
     * Hands what is waiting to {@link ChannelRouter#onRecovered} and {@link ChannelRouter#onRecoveryFailed}.
     *
     * @return answers and give-ups handed over
     */
    int poll(ChannelRouter router, long nowNanos);
}
