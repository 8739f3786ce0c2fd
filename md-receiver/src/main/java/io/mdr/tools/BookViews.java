package io.mdr.tools;

import io.mdr.book.BookSide;
import io.mdr.book.OrderBooks;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * What md-book prints of a book: the snapshot's JSON line, the top-of-book JSON line and the terminal ladder.
 */
final class BookViews {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private BookViews() {
    }

    /**
     * {@code {"stockLocate":13,"stock":"AAPL","bids":[[1502300,700],...],"asks":[[1502400,300],...]}}, best levels
     * first, at most {@code depth} a side, then {@code ,"stale":true} for a stale book.
     */
    static void snapshotLine(OrderBooks books, int locate, int depth, StringBuilder sb) {
        sb.append("{\"stockLocate\":").append(locate).append(",\"stock\":");
        stock(books, locate, sb);
        sb.append(",\"bids\":");
        levels(books, locate, BookSide.BID, depth, sb);
        sb.append(",\"asks\":");
        levels(books, locate, BookSide.ASK, depth, sb);
        if (books.isStale(locate)) {
            sb.append(",\"stale\":true");
        }
        sb.append("}\n");
    }

    /** {@code {"seq":..,"stockLocate":..,"stock":..,"bid":[price,shares],"ask":[price,shares]}}; null for an empty side. */
    static void topOfBookLine(OrderBooks books, int locate, long sequence, StringBuilder sb) {
        sb.append("{\"seq\":").append(sequence).append(",\"stockLocate\":").append(locate).append(",\"stock\":");
        stock(books, locate, sb);
        sb.append(",\"bid\":");
        top(books, locate, BookSide.BID, sb);
        sb.append(",\"ask\":");
        top(books, locate, BookSide.ASK, sb);
        if (books.isStale(locate)) {
            sb.append(",\"stale\":true");
        }
        sb.append("}\n");
    }

    /**
     * The depth ladder of one stock as a terminal screen: asks above bids, best prices in the middle, prices in
     * dollars, shares and orders per level; then the footer lines.
     */
    static String ladder(OrderBooks books, int locate, int depth, long sequence, String footer) {
        StringBuilder sb = new StringBuilder(2048);
        sb.append(String.format(Locale.ROOT, "%s (locate %d)   %s   message %d   %d orders, %d x %d levels%s%n",
                books.stock(locate), locate, LocalTime.now().format(TIME), sequence, books.orderCount(locate),
                books.levelCount(locate, BookSide.BID), books.levelCount(locate, BookSide.ASK),
                books.isStale(locate) ? "   STALE since message " + books.staleFromSequence(locate) : ""));
        sb.append(String.format(Locale.ROOT, "%8s %12s %14s %12s %8s%n", "orders", "bid shares", "price", "ask shares",
                "orders"));
        // Asks are printed worst first, down to the best: collect the best `depth` of them, then print backwards.
        int asks = Math.min(depth, books.levelCount(locate, BookSide.ASK));
        int[] askLevels = new int[asks];
        int level = books.bestLevel(locate, BookSide.ASK);
        for (int i = 0; i < asks; i++, level = books.nextLevel(level)) {
            askLevels[i] = level;
        }
        for (int i = asks - 1; i >= 0; i--) {
            sb.append(String.format(Locale.ROOT, "%8s %12s %14s %,12d %8d%n", "", "", dollars(books.priceOf(askLevels[i])),
                    books.sharesOf(askLevels[i]), books.ordersOf(askLevels[i])));
        }
        long bid = books.bestBidPrice(locate);
        long ask = books.bestAskPrice(locate);
        sb.append(bid != 0 && ask != 0
                ? String.format(Locale.ROOT, "%23s %14s%n", "spread", dollars(ask - bid))
                : String.format(Locale.ROOT, "%23s %14s%n", "spread", "-"));
        level = books.bestLevel(locate, BookSide.BID);
        for (int i = 0; i < depth && level != OrderBooks.NO_LEVEL; i++, level = books.nextLevel(level)) {
            sb.append(String.format(Locale.ROOT, "%8d %,12d %14s%n", books.ordersOf(level), books.sharesOf(level),
                    dollars(books.priceOf(level))));
        }
        if (footer != null && !footer.isEmpty()) {
            sb.append(footer).append('\n');
        }
        return sb.toString();
    }

    /** An ITCH price (4 implied decimals) in dollars. */
    static String dollars(long price) {
        return String.format(Locale.ROOT, "%d.%04d", price / 10_000, price % 10_000);
    }

    private static void levels(OrderBooks books, int locate, int side, int depth, StringBuilder sb) {
        sb.append('[');
        int n = 0;
        for (int level = books.bestLevel(locate, side); level != OrderBooks.NO_LEVEL && n < depth;
             level = books.nextLevel(level), n++) {
            if (n > 0) {
                sb.append(',');
            }
            sb.append('[').append(books.priceOf(level)).append(',').append(books.sharesOf(level)).append(']');
        }
        sb.append(']');
    }

    private static void top(OrderBooks books, int locate, int side, StringBuilder sb) {
        long shares = books.bestShares(locate, side);
        if (shares == 0) {
            sb.append("null");
        } else {
            sb.append('[').append(books.bestPrice(locate, side)).append(',').append(shares).append(']');
        }
    }

    private static void stock(OrderBooks books, int locate, StringBuilder sb) {
        String stock = books.stock(locate);
        if (stock == null) {
            sb.append("null");
            return;
        }
        sb.append('"');
        for (int i = 0; i < stock.length(); i++) {
            char c = stock.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7E) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        sb.append('"');
    }
}
