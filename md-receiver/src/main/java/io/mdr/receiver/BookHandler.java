package io.mdr.receiver;

import io.mdr.book.BookCounter;
import io.mdr.book.OrderBooks;
import io.mdr.config.BookConfig;
import io.mdr.feed.Channel;
import org.agrona.DirectBuffer;

/**
 * {@code receiver.handler=book}: keeps the order books of each channel on the polling thread, every accepted
 * message applied before it is journalled. Channel {@code i} (ids in the order channels are configured, or seen)
 * has books of its own for {@code i} below the number made at start-up; messages of other channels are counted and
 * not applied. A gap on a channel, or a first message later than sequence 1 (the receiver joined the session late),
 * marks its books stale from there ({@link OrderBooks#markStale}).
 *
 * <p>Code that embeds the receiver makes the handler, attaches its listeners to {@link #books(int)} and passes it
 * to {@link Receiver}: they are then called on the polling thread, and must not block or allocate.
 */
public final class BookHandler implements MessageHandler {
    private final OrderBooks[] books;
    private final boolean[] started;
    private volatile long otherChannelMessages;

    /**
     * Preallocates the books of {@code channels} channels, each with room for {@code config}'s orders and levels.
     */
    public BookHandler(int channels, BookConfig config) {
        if (channels < 1) {
            throw new IllegalArgumentException("channels must be at least 1: " + channels);
        }
        this.books = new OrderBooks[channels];
        this.started = new boolean[channels];
        for (int i = 0; i < channels; i++) {
            books[i] = new OrderBooks(config.maxOrders(), config.maxLevels());
        }
    }

    @Override
    public void onMessage(Channel channel, long sequence, int line, long rxNanos, DirectBuffer buffer, int offset, int length) {
        int id = channel.id();
        if (id >= books.length) {
            otherChannelMessages++;
            return;
        }
        OrderBooks channelBooks = books[id];
        if (!started[id]) {
            started[id] = true;
            if (sequence > 1) {
                channelBooks.markStale(sequence);
            }
        }
        channelBooks.apply(buffer, offset, length, sequence);
    }

    @Override
    public void onGap(Channel channel, long from, long to) {
        int id = channel.id();
        if (id < books.length) {
            started[id] = true;
            books[id].markStale(from);
        }
    }

    /** The books of channel {@code channelId} (0 for the first). */
    public OrderBooks books(int channelId) {
        return books[channelId];
    }

    /** Channels with books. */
    public int channels() {
        return books.length;
    }

    /** Messages of channels without books, not applied. */
    public long otherChannelMessages() {
        return otherChannelMessages;
    }

    /** A counter summed over every channel's books; safe from any thread. */
    public long count(BookCounter counter) {
        long sum = 0;
        for (OrderBooks channelBooks : books) {
            sum += channelBooks.counters().get(counter);
        }
        return sum;
    }

    /** Orders resting over every channel's books (read racily from another thread: a gauge). */
    public long orders() {
        long sum = 0;
        for (OrderBooks channelBooks : books) {
            sum += channelBooks.orderCount();
        }
        return sum;
    }

    /** Price levels in use over every channel's books (a gauge, as {@link #orders()}). */
    public long levels() {
        long sum = 0;
        for (OrderBooks channelBooks : books) {
            sum += channelBooks.levelCount();
        }
        return sum;
    }

    /** One line for start-up: channels and room. */
    public String describe() {
        OrderBooks first = books[0];
        return String.format(java.util.Locale.ROOT, "order books for %d channel%s, each up to %,d orders and %,d price"
                        + " levels (%,d MB preallocated)", books.length, books.length == 1 ? "" : "s", first.maxOrders(),
                first.maxLevels(), books.length * first.footprintBytes() >> 20);
    }

    /** The books' state and counts, for the summary (allocates). */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(java.util.Locale.ROOT, "books: %,d orders resting at %,d price levels", orders(), levels()));
        for (int i = 0; i < books.length; i++) {
            OrderBooks channelBooks = books[i];
            String counts = channelBooks.counters().describe();
            if (!"none".equals(counts)) {
                sb.append("; channel ").append(i).append(": ").append(counts);
            }
            String problem = channelBooks.capacityProblem();
            if (problem != null) {
                sb.append("; channel ").append(i).append(" ERROR: ").append(problem);
            }
        }
        if (otherChannelMessages > 0) {
            sb.append("; ").append(otherChannelMessages).append(" messages of channels without books");
        }
        return sb.toString();
    }
}
