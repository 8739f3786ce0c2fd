package io.mdr.book;

/**
 * Told when a stock's best bid or best ask changes, in price or in shares: the quote stream a strategy usually
 * trades on. Called on the thread that applies messages, after the book has changed; it must not block, and on the
 * receiver's polling thread it must not allocate either.
 */
@FunctionalInterface
public interface TopOfBookListener {
    /**
     * The new top of {@code stockLocate}'s book. An empty side has price 0 and shares 0.
     *
     * @param stale whether the book is stale ({@link OrderBooks#isStale(int)}): a gap may have lost messages
     *              about it, so its quote may be wrong
     */
    void onTopOfBook(int stockLocate, long bidPrice, long bidShares, long askPrice, long askShares, boolean stale);

    /**
     * Every book of the feed has become stale from message {@code fromSequence} on (a gap, a late join): see
     * {@link OrderBooks} for what a strategy should do. Called once per such event, not per stock.
     */
    default void onStale(long fromSequence) {
    }
}
