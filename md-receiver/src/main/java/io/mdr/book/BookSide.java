package io.mdr.book;

/**
 * The two sides of a book as the book's API numbers them, and their ITCH Buy/Sell Indicator bytes.
 */
public final class BookSide {
    /** Bids: buy orders, best = highest price. */
    public static final int BID = 0;
    /** Asks (offers): sell orders, best = lowest price. */
    public static final int ASK = 1;
    /** Neither: what {@link #fromItch} returns for a byte other than 'B' and 'S'. */
    public static final int NONE = -1;

    private BookSide() {
    }

    /** {@link #BID} for 'B', {@link #ASK} for 'S', else {@link #NONE}. */
    public static int fromItch(int buySellIndicator) {
        return switch (buySellIndicator) {
            case 'B' -> BID;
            case 'S' -> ASK;
            default -> NONE;
        };
    }

    /** 'B' or 'S'. */
    public static char toItch(int side) {
        return side == BID ? 'B' : 'S';
    }

    /** "bid" or "ask". */
    public static String name(int side) {
        return side == BID ? "bid" : "ask";
    }
}
