package io.mdr.journal;

/**
 * Receives what a {@link JournalTailer} reads, in journal order.
 */
public interface JournalListener {
    /** One message. {@code message} is reused: copy what must outlive the call. */
    void onMessage(JournalMessage message);

    /** Messages {@code from..to} (inclusive) of a channel were lost on every line. */
    default void onGap(int channelId, String channelName, long from, long to, long nanos) {
    }

    /** A channel's session ended; {@code nextSequence} follows its last message. */
    default void onEndOfSession(int channelId, String channelName, long nextSequence, long nanos) {
    }
}
