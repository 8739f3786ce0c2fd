package io.mdr.receiver;

import io.mdr.feed.Channel;
import org.agrona.DirectBuffer;

/**
 * The in-process handler: called on the polling thread for every accepted message, in sequence order,
 * before the message is journaled. It must not block, allocate or log: it is on the hot path.
 */
@FunctionalInterface
public interface MessageHandler {
    /**
     * @param buffer the message bytes (ITCH type byte at {@code offset}); valid only during the call
     */
    void onMessage(Channel channel, long sequence, int line, long rxNanos, DirectBuffer buffer, int offset, int length);

    /** Messages {@code from..to} (inclusive) of the channel were lost on every line: what follows is after a gap. */
    default void onGap(Channel channel, long from, long to) {
    }

    /** A handler that does nothing (latency then measures the pipeline up to the handler call). */
    MessageHandler NONE = (channel, sequence, line, rxNanos, buffer, offset, length) -> {
    };
}
