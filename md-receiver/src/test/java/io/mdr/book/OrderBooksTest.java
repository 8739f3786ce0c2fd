package io.mdr.book;

import io.mdr.book.BookOps.Add;
import io.mdr.book.BookOps.Cancel;
import io.mdr.book.BookOps.Delete;
import io.mdr.book.BookOps.Directory;
import io.mdr.book.BookOps.Execute;
import io.mdr.book.BookOps.Op;
import io.mdr.book.BookOps.Replace;
import io.mdr.book.BookOps.Truncated;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rules of {@link OrderBooks}, one scenario each, on messages encoded as the feed carries them.
 */
class OrderBooksTest {
    private static final int AAPL = 13;
    private final OrderBooks books = new OrderBooks(1024, 256);
    private final BookOps.Encoder encoder = new BookOps.Encoder();
    private final List<String> tops = new ArrayList<>();
    private final List<String> levels = new ArrayList<>();
    private long sequence;

    OrderBooksTest() {
        books.topOfBookListener((locate, bidPrice, bidShares, askPrice, askShares, stale) ->
                tops.add(locate + ": " + bidShares + "@" + bidPrice + " / " + askShares + "@" + askPrice + (stale ? " stale" : "")));
        books.levelListener((locate, side, price, shares, orders, stale) ->
                levels.add(locate + " " + BookSide.name(side) + " " + price + ": " + shares + " in " + orders));
    }

    private void apply(Op... ops) {
        for (Op op : ops) {
            int length = encoder.encode(op);
            books.apply(encoder.buffer, 0, length, ++sequence);
        }
    }

    @Test
    void aggregatesOrdersIntoLevelsBestFirst() {
        apply(new Directory(AAPL, "AAPL"),
                new Add(AAPL, 1, 'B', 100, 1_502_200, false),
                new Add(AAPL, 2, 'B', 300, 1_502_300, false),
                new Add(AAPL, 3, 'B', 400, 1_502_300, true),
                new Add(AAPL, 4, 'S', 300, 1_502_400, false),
                new Add(AAPL, 5, 'S', 200, 1_502_600, false));
        assertEquals("AAPL", books.stock(AAPL));
        assertEquals(1_502_300, books.bestBidPrice(AAPL));
        assertEquals(700, books.bestBidShares(AAPL));
        assertEquals(2, books.levelOrders(AAPL, BookSide.BID, 0));
        assertEquals(1_502_200, books.levelPrice(AAPL, BookSide.BID, 1));
        assertEquals(100, books.levelShares(AAPL, BookSide.BID, 1));
        assertEquals(1_502_400, books.bestAskPrice(AAPL));
        assertEquals(300, books.bestAskShares(AAPL));
        assertEquals(1_502_600, books.levelPrice(AAPL, BookSide.ASK, 1));
        assertEquals(2, books.levelCount(AAPL, BookSide.BID));
        assertEquals(5, books.orderCount(AAPL));
        assertEquals(4, books.levelCount());
        assertEquals(List.of(
                "13: 100@1502200 / 0@0", "13: 300@1502300 / 0@0", "13: 700@1502300 / 0@0",
                "13: 700@1502300 / 300@1502400"), tops, "the add at 1502600 is not the best ask: no call");
        assertEquals(5, levels.size());
        assertEquals("13 bid 1502300: 700 in 2", levels.get(2));
    }

    @Test
    void executionsAndCancelsToZeroRemoveTheOrderAndEmptyLevelsGo() {
        apply(new Add(AAPL, 1, 'B', 100, 1_000_000, false), new Add(AAPL, 2, 'B', 50, 990_000, false));
        apply(new Execute(AAPL, 1, 40, false));
        assertEquals(60, books.orderShares(1));
        apply(new Cancel(AAPL, 1, 60));
        assertEquals(-1, books.orderShares(1), "cancelled down to 0: gone");
        assertEquals(990_000, books.bestBidPrice(AAPL));
        assertEquals(1, books.levelCount(AAPL, BookSide.BID));
        apply(new Execute(AAPL, 2, 50, true));
        assertEquals(0, books.orderCount(AAPL));
        assertEquals(0, books.levelCount());
        assertEquals("13: 0@0 / 0@0", tops.getLast());
        assertEquals("13 bid 990000: 0 in 0", levels.getLast());
    }

    @Test
    void overExecutionsAndOverCancelsAreClampedAndCounted() {
        apply(new Add(AAPL, 1, 'S', 100, 1_000_000, false), new Add(AAPL, 2, 'S', 100, 1_000_000, false));
        apply(new Execute(AAPL, 1, 150, false), new Cancel(AAPL, 2, 101));
        assertEquals(0, books.orderCount());
        assertEquals(0, books.levelCount(AAPL, BookSide.ASK));
        assertEquals(1, books.counters().get(BookCounter.CLAMPED_EXECUTION));
        assertEquals(1, books.counters().get(BookCounter.CLAMPED_CANCEL));
    }

    @Test
    void unknownReferencesAreCountedNeverThrown() {
        apply(new Execute(AAPL, 77, 10, false), new Cancel(AAPL, 78, 1), new Delete(AAPL, 79),
                new Replace(AAPL, 80, 81, 100, 1_000_000), new Execute(AAPL, 0, 1, true));
        assertEquals(5, books.counters().get(BookCounter.UNKNOWN_REFERENCE));
        assertEquals(0, books.orderCount());
        assertEquals(-1, books.orderShares(81), "a replace of an unknown order rests nothing: its side is unknown");
        assertTrue(tops.isEmpty() && levels.isEmpty());
    }

    @Test
    void replaceKeepsSideAndLocateAndChainsOfReplacesFollowTheNewReference() {
        apply(new Add(AAPL, 1, 'S', 100, 1_000_000, false));
        apply(new Replace(AAPL, 1, 2, 200, 1_000_100));
        apply(new Replace(AAPL, 2, 3, 300, 1_000_200));
        assertEquals(-1, books.orderShares(1));
        assertEquals(-1, books.orderShares(2));
        assertEquals(300, books.orderShares(3));
        assertEquals(BookSide.ASK, books.orderSide(3));
        assertEquals(AAPL, books.orderLocate(3));
        assertEquals(1_000_200, books.bestAskPrice(AAPL));
        assertEquals(1, books.levelCount(AAPL, BookSide.ASK));
        assertEquals(List.of("13 ask 1000000: 100 in 1", "13 ask 1000000: 0 in 0", "13 ask 1000100: 200 in 1",
                "13 ask 1000100: 0 in 0", "13 ask 1000200: 300 in 1"), levels);
        assertEquals(List.of("13: 0@0 / 100@1000000", "13: 0@0 / 200@1000100", "13: 0@0 / 300@1000200"), tops,
                "one top-of-book call per replace");
    }

    @Test
    void replaceAtTheSamePriceIsOneLevelChange() {
        apply(new Add(AAPL, 1, 'B', 100, 1_000_000, false), new Add(AAPL, 2, 'B', 100, 1_000_000, false));
        levels.clear();
        tops.clear();
        apply(new Replace(AAPL, 1, 3, 250, 1_000_000));
        assertEquals(List.of("13 bid 1000000: 350 in 2"), levels);
        assertEquals(List.of("13: 350@1000000 / 0@0"), tops);
        apply(new Replace(AAPL, 3, 4, 250, 1_000_000));
        assertEquals(1, levels.size(), "same price, same shares: nothing changed, nothing said");
        assertEquals(250, books.orderShares(4));
    }

    @Test
    void deletingALevelInTheMiddleKeepsTheSideInOrder() {
        for (int i = 0; i < 5; i++) {
            apply(new Add(AAPL, i + 1, 'B', 100, 1_000_000 - 100 * i, false));
        }
        apply(new Delete(AAPL, 3));
        assertEquals(4, books.levelCount(AAPL, BookSide.BID));
        long[] expected = {1_000_000, 999_900, 999_700, 999_600};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], books.levelPrice(AAPL, BookSide.BID, i));
        }
        apply(new Add(AAPL, 9, 'B', 10, 999_800, false));
        assertEquals(999_800, books.levelPrice(AAPL, BookSide.BID, 2), "a new level between two others");
        assertEquals(List.of("13 bid 999800: 0 in 0", "13 bid 999800: 10 in 1"), levels.subList(5, 7));
    }

    @Test
    void duplicatesInvalidOrdersAndTruncatedMessagesAreCounted() {
        apply(new Add(AAPL, 1, 'B', 100, 1_000_000, false), new Add(AAPL, 1, 'S', 5, 2_000_000, false),
                new Add(AAPL, 2, 'X', 100, 1_000_000, false), new Add(AAPL, 0, 'B', 100, 1_000_000, false),
                new Add(AAPL, 3, 'B', 0, 1_000_000, false),
                new Truncated(new Add(AAPL, 4, 'B', 100, 1_000_000, false), 1),
                new Add(AAPL, 5, 'S', 10, 2_000_000, false), new Replace(AAPL, 5, 1, 10, 2_000_000));
        assertEquals(2, books.counters().get(BookCounter.DUPLICATE_REFERENCE));
        assertEquals(3, books.counters().get(BookCounter.INVALID_ORDER));
        assertEquals(1, books.counters().get(BookCounter.TRUNCATED));
        assertEquals(1, books.orderCount(), "the replace retired order 5 and could not rest duplicate 1");
        assertEquals(100, books.orderShares(1));
        assertEquals(BookSide.BID, books.orderSide(1));
    }

    @Test
    void aMessageForAnotherLocateIsAppliedToTheOrdersOwnBookAndCounted() {
        apply(new Add(AAPL, 1, 'B', 100, 1_000_000, false), new Execute(99, 1, 10, false));
        assertEquals(90, books.bestBidShares(AAPL));
        assertEquals(1, books.counters().get(BookCounter.LOCATE_MISMATCH));
    }

    @Test
    void fullTablesDropTheOrderCountItMarkItsBookStaleAndSayWhatToRaise() {
        OrderBooks small = new OrderBooks(3, 2);
        BookOps.Encoder enc = new BookOps.Encoder();
        Op[] ops = {
            new Add(1, 1, 'B', 100, 1_000_000, false), new Add(1, 2, 'B', 100, 990_000, false),
            new Add(1, 3, 'B', 100, 990_000, false), new Add(2, 4, 'B', 100, 1_000_000, false),
            new Delete(1, 3), new Add(1, 5, 'S', 1, 1_100_000, false)};
        long seq = 100;
        for (Op op : ops) {
            small.apply(enc.buffer, 0, enc.encode(op), seq++);
        }
        assertEquals(1, small.counters().get(BookCounter.ORDERS_FULL));
        assertEquals(1, small.counters().get(BookCounter.LEVELS_FULL));
        assertTrue(small.isStale(1));
        assertTrue(small.isStale(2));
        assertEquals(103, small.staleFromSequence(2));
        assertEquals(105, small.staleFromSequence(1));
        assertFalse(small.isStale(3));
        assertEquals(2, small.orderCount());
        String problem = small.capacityProblem();
        assertTrue(problem.contains("raise book.maxOrders") && problem.contains("from message 103"), problem);
        assertTrue(problem.contains("raise book.maxLevels") && problem.contains("from message 105"), problem);
        assertNull(books.capacityProblem());
    }

    @Test
    void aGapMarksEveryBookStaleAndTheListenersSaySo() {
        List<Long> staleFrom = new ArrayList<>();
        books.topOfBookListener(new TopOfBookListener() {
            @Override
            public void onTopOfBook(int locate, long bp, long bs, long ap, long as, boolean stale) {
                tops.add(locate + (stale ? " stale" : " fresh"));
            }

            @Override
            public void onStale(long fromSequence) {
                staleFrom.add(fromSequence);
            }
        });
        apply(new Add(AAPL, 1, 'B', 100, 1_000_000, false));
        assertFalse(books.isStale(AAPL));
        books.markStale(42);
        books.markStale(50);
        assertEquals(List.of(42L, 50L), staleFrom);
        assertTrue(books.isStale(AAPL) && books.isStale(7));
        assertEquals(42, books.staleFromSequence(AAPL), "the earliest gap counts");
        apply(new Add(AAPL, 2, 'B', 100, 1_000_000, false));
        assertEquals(List.of("13 fresh", "13 stale"), tops);
        assertEquals(2, books.counters().get(BookCounter.STALE_EVENTS));
        books.clear();
        assertFalse(books.isStale(AAPL));
        assertEquals(0, books.orderCount());
        assertEquals(0, books.counters().get(BookCounter.STALE_EVENTS));
    }

    @Test
    void messagesThatChangeNoBookAreIgnored() {
        int length = encoder.systemEvent('O');
        books.apply(encoder.buffer, 0, length, 1);
        length = encoder.encode(new BookOps.Trade(AAPL, 1_000_000));
        books.apply(encoder.buffer, 0, length, 2);
        assertEquals(0, books.orderCount());
        assertEquals("none", books.counters().describe());
    }
}
