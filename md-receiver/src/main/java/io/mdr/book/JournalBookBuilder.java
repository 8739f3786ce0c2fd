package io.mdr.book;

import io.mdr.journal.JournalListener;
import io.mdr.journal.JournalMessage;

/**
 * Builds the {@link OrderBooks} of one journal channel from what a {@link io.mdr.journal.JournalTailer} reads: a
 * strategy's way to keep books in its own process on the receiver's host.
 *
 * <pre>{@code
 * OrderBooks books = new OrderBooks(4_000_000, 1_000_000).topOfBookListener(strategy);
 * JournalBookBuilder builder = new JournalBookBuilder(books, "itch");
 * try (JournalTailer tailer = JournalTailer.open(Path.of("/dev/shm/md-receiver/journal")).fromStart()) {
 *     while (running) {
 *         idle.idle(tailer.poll(builder, 256));
 *     }
 * }
 * }</pre>
 *
 * <p>Start from the journal's start: a book needs every order since the session began. A gap record of the channel
 * marks the books stale from its first missing message; so does a first message later than sequence 1 (the journal
 * began after the session did, or the tailer did not start at the start). Messages of other channels are skipped.
 */
public final class JournalBookBuilder implements JournalListener {
    private final OrderBooks books;
    private final String channelName;
    private int channelId = -1;
    private boolean started;
    private long otherChannelMessages;

    /**
     * @param channelName the channel whose books to build, or null for the first channel the journal holds
     */
    public JournalBookBuilder(OrderBooks books, String channelName) {
        this.books = books;
        this.channelName = channelName;
    }

    @Override
    public void onMessage(JournalMessage message) {
        if (!isChannel(message.channelId(), message.channelName())) {
            otherChannelMessages++;
            return;
        }
        long sequence = message.sequence();
        if (!started) {
            started = true;
            if (sequence > 1) {
                books.markStale(sequence);
            }
        }
        books.apply(message.buffer(), message.offset(), message.length(), sequence);
    }

    @Override
    public void onGap(int channelId, String channelName, long from, long to, long nanos) {
        if (isChannel(channelId, channelName)) {
            started = true;
            books.markStale(from);
        }
    }

    /** The books being built. */
    public OrderBooks books() {
        return books;
    }

    /** The id of the channel being built, or -1 before its first record. */
    public int channelId() {
        return channelId;
    }

    /** Messages skipped because they belong to another channel. */
    public long otherChannelMessages() {
        return otherChannelMessages;
    }

    private boolean isChannel(int id, String name) {
        if (channelId >= 0) {
            return id == channelId;
        }
        if (channelName == null || channelName.equals(name)) {
            channelId = id;
            return true;
        }
        return false;
    }
}
