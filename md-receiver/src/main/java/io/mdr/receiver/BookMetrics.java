package io.mdr.receiver;

import io.mdr.book.BookCounter;
import io.mdr.metrics.ReceiverCounters;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;

import java.util.Locale;

/**
 * The order books' figures beside the receiver's: gauges and counts in the counters file (for md-stat), copied
 * from the {@link BookHandler} by the main thread every few milliseconds, and a part of the stats line.
 */
final class BookMetrics {
    private final BookHandler handler;
    private final AtomicCounter orders;
    private final AtomicCounter levels;
    private final AtomicCounter otherChannelMessages;
    private final AtomicCounter[] counts = new AtomicCounter[BookCounter.values().length];

    BookMetrics(BookHandler handler, CountersManager manager) {
        this.handler = handler;
        orders = manager.newCounter("book-orders", ReceiverCounters.TYPE_ID);
        levels = manager.newCounter("book-levels", ReceiverCounters.TYPE_ID);
        otherChannelMessages = manager.newCounter("book-other-channel-messages", ReceiverCounters.TYPE_ID);
        for (BookCounter counter : BookCounter.values()) {
            counts[counter.ordinal()] = manager.newCounter(
                    "book-" + counter.name().toLowerCase(Locale.ROOT).replace('_', '-'), ReceiverCounters.TYPE_ID);
        }
    }

    BookHandler handler() {
        return handler;
    }

    /** Copies the books' figures into the counters file. */
    void update() {
        orders.setRelease(handler.orders());
        levels.setRelease(handler.levels());
        otherChannelMessages.setRelease(handler.otherChannelMessages());
        for (BookCounter counter : BookCounter.values()) {
            counts[counter.ordinal()].setRelease(handler.count(counter));
        }
    }

    /** The stats line's part: resting orders and levels, and what the books could not apply, if anything. */
    String intervalText() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, " | book %,d orders %,d levels",
                handler.orders(), handler.levels()));
        long unknown = handler.count(BookCounter.UNKNOWN_REFERENCE);
        if (unknown > 0) {
            sb.append(", unknown refs ").append(unknown);
        }
        long full = handler.count(BookCounter.ORDERS_FULL) + handler.count(BookCounter.LEVELS_FULL);
        if (full > 0) {
            sb.append(", FULL: ").append(full).append(" orders dropped");
        }
        return sb.toString();
    }
}
