package io.mdr.book;

/**
 * Told of every change of every price level: the market-by-price stream. Each call gives a level's new total
 * shares; 0 means the level is gone. A replace that moves an order to another price is two calls (the old level,
 * then the new one); one that keeps its price is one call. Called on the thread that applies messages, after the
 * book has changed; it must not block, and on the receiver's polling thread it must not allocate either.
 */
@FunctionalInterface
public interface LevelListener {
    /**
     * @param side   {@link BookSide#BID} or {@link BookSide#ASK}
     * @param price  the level's price, ITCH's integer with 4 implied decimals
     * @param shares the level's shares now; 0 when it has gone
     * @param orders the orders resting at the level now
     * @param stale  whether the book is stale ({@link OrderBooks#isStale(int)})
     */
    void onLevel(int stockLocate, int side, long price, long shares, int orders, boolean stale);

    /** Every book of the feed has become stale from message {@code fromSequence} on; once per event. */
    default void onStale(long fromSequence) {
    }
}
