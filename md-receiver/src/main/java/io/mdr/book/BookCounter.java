package io.mdr.book;

/**
 * What a book counts instead of failing: messages it could not apply as they are, and why.
 */
public enum BookCounter {
    /** An execution, cancel, delete or replace named an order that does not rest (after a late join or a gap). */
    UNKNOWN_REFERENCE("unknown order reference"),
    /** An add or a replace gave a reference that already rests; the resting order is kept. */
    DUPLICATE_REFERENCE("order reference already resting"),
    /** An execution of more shares than the order had left: clamped, the order left the book. */
    CLAMPED_EXECUTION("execution larger than the order, clamped"),
    /** A cancel of more shares than the order had left: clamped, the order left the book. */
    CLAMPED_CANCEL("cancel larger than the order, clamped"),
    /** A message about an order gave another stock locate than the order's; the order's was used. */
    LOCATE_MISMATCH("stock locate other than the order's"),
    /** An add or a replace with reference 0, zero shares or a Buy/Sell Indicator other than 'B' or 'S'. */
    INVALID_ORDER("invalid order (reference 0, 0 shares or bad side)"),
    /** A message shorter than its type's length. */
    TRUNCATED("message shorter than its type"),
    /** An add found the order table full ({@code book.maxOrders}): the order was dropped, its book marked stale. */
    ORDERS_FULL("order table full (book.maxOrders)"),
    /** An add needed a new price level and the pool was full ({@code book.maxLevels}): dropped, book marked stale. */
    LEVELS_FULL("level pool full (book.maxLevels)"),
    /** Events that made every book stale: gaps, late joins. */
    STALE_EVENTS("gaps and late joins (books stale)");

    private static final BookCounter[] VALUES = values();

    private final String label;

    BookCounter(String label) {
        this.label = label;
    }

    /** What it counts, for people. */
    public String label() {
        return label;
    }

    /** Every counter, in declaration order (shared: do not modify). */
    static BookCounter[] all() {
        return VALUES;
    }
}
