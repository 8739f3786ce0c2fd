package io.mdr.feed;

/**
 * Where an arbiter asks for the messages of a hole that neither line filled. The implementation hands the request
 * to the recovery thread without blocking, without a system call and without allocating: the arbiter runs on the
 * polling thread. The answers come back through {@link ChannelRouter#onRecovered} and
 * {@link ChannelRouter#onRecoveryFailed}.
 */
public interface RecoveryRequests {
    /** No recovery: every hole neither line fills is a gap. */
    RecoveryRequests NONE = new RecoveryRequests() {
        @Override
        public boolean recovers(int channelId) {
            return false;
        }

        @Override
        public boolean request(Channel channel, long from, long to) {
            return false;
        }

        @Override
        public void cancel(Channel channel, long from, long to) {
        }
    };

    /** Whether the channel with this id has request servers to ask. */
    boolean recovers(int channelId);

    /**
     * Asks for messages {@code from} (inclusive) to {@code to} (exclusive) of the channel's current session.
     *
     * @return false when the request cannot be queued now (the arbiter asks again on its next poll)
     */
    boolean request(Channel channel, long from, long to);

    /** The arbiter no longer needs anything of {@code [from, to)}: stop asking. Best effort. */
    void cancel(Channel channel, long from, long to);
}
