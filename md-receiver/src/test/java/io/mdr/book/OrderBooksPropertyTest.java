package io.mdr.book;

import io.mdr.book.BookOps.Add;
import io.mdr.book.BookOps.Cancel;
import io.mdr.book.BookOps.Delete;
import io.mdr.book.BookOps.Directory;
import io.mdr.book.BookOps.Execute;
import io.mdr.book.BookOps.Gap;
import io.mdr.book.BookOps.Op;
import io.mdr.book.BookOps.Replace;
import io.mdr.book.BookOps.Trade;
import io.mdr.book.BookOps.Truncated;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link OrderBooks} against {@link ReferenceBook} on random message streams, compared after every message: every
 * level of every side, order counts, staleness, every counter, and what the listeners were told (exactly one
 * top-of-book call per stock whose best bid or ask changed, none otherwise; one level call per level that changed).
 * The streams draw references from a small pool and prices from a small grid, so that they are full of unknown
 * references, duplicates, over-executions, replaces of replaced orders and deletes of levels in the middle of a side;
 * some messages are cut short, some gaps make the books stale, and some runs have room for only a few orders or
 * levels.
 */
class OrderBooksPropertyTest {
    private static final int LOCATES = 4;
    private static final long BASE_PRICE = 1_000_000;

    @Property(tries = 200)
    @StatisticsReport(onFailureOnly = true)
    void fastBookEqualsReferenceBookAfterEveryMessage(@ForAll("streams") List<Op> stream,
                                                      @ForAll("maxOrders") int maxOrders,
                                                      @ForAll("maxLevels") int maxLevels) {
        Comparison comparison = new Comparison(maxOrders, maxLevels);
        long sequence = 1;
        for (Op op : stream) {
            comparison.step(op, sequence++);
        }
        comparison.collectStatistics();
        // The streams must keep reaching the cases this property is about, in a fair share of the tries.
        for (String label : List.of("UNKNOWN_REFERENCE", "DUPLICATE_REFERENCE", "CLAMPED_EXECUTION", "CLAMPED_CANCEL",
                "LOCATE_MISMATCH", "INVALID_ORDER", "TRUNCATED", "STALE_EVENTS", "replace of a replaced order",
                "delete of a level in the middle", "side of 4+ levels")) {
            Statistics.label(label).coverage(coverage -> coverage.check(true).percentage(p -> p >= 10));
        }
        for (String label : List.of("ORDERS_FULL", "LEVELS_FULL")) {
            Statistics.label(label).coverage(coverage -> coverage.check(true).percentage(p -> p >= 3));
        }
    }

    @Provide
    Arbitrary<Integer> maxOrders() {
        return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(1 << 16)), Tuple.of(1, Arbitraries.integers().between(1, 12)));
    }

    @Provide
    Arbitrary<Integer> maxLevels() {
        return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(1 << 12)), Tuple.of(1, Arbitraries.integers().between(1, 8)));
    }

    @Provide
    Arbitrary<List<Op>> streams() {
        Arbitrary<Integer> locates = Arbitraries.frequency(Tuple.of(60, 1), Tuple.of(25, 2), Tuple.of(10, 3), Tuple.of(5, 0));
        // A small pool: the same references come back as duplicates, unknowns, and replaces of replaced orders.
        Arbitrary<Long> references = Arbitraries.frequencyOf(
                Tuple.of(97, Arbitraries.longs().between(1, 60)), Tuple.of(2, Arbitraries.just(0L)),
                Tuple.of(1, Arbitraries.just(-1L)));
        Arbitrary<Character> sides = Arbitraries.frequency(Tuple.of(49, 'B'), Tuple.of(49, 'S'), Tuple.of(2, 'X'));
        Arbitrary<Long> shares = Arbitraries.frequencyOf(
                Tuple.of(90, Arbitraries.longs().between(1, 500)), Tuple.of(5, Arbitraries.just(0L)),
                Tuple.of(5, Arbitraries.longs().between(0xFFFF_FF00L, 0xFFFF_FFFFL)));
        // Ten ticks, so that sides have several levels and orders share them.
        Arbitrary<Long> prices = Arbitraries.integers().between(0, 9).map(tick -> BASE_PRICE + 100L * tick);

        Arbitrary<Op> add = Combinators.combine(locates, references, sides, shares, prices, Arbitraries.of(false, true))
                .as((l, r, s, n, p, mpid) -> new Add(l, r, s, n, p, mpid));
        Arbitrary<Op> execute = Combinators.combine(locates, references, shares, Arbitraries.of(false, true))
                .as((l, r, n, withPrice) -> new Execute(l, r, n, withPrice));
        Arbitrary<Op> cancel = Combinators.combine(locates, references, shares).as(Cancel::new);
        Arbitrary<Op> delete = Combinators.combine(locates, references).as(Delete::new);
        Arbitrary<Op> replace = Combinators.combine(locates, references, references, shares, prices).as(Replace::new);
        Arbitrary<Op> directory = Combinators.combine(locates, Arbitraries.of("AAPL", "MSFT", "QQQ", "ZVZZT"))
                .as(Directory::new);
        Arbitrary<Op> trade = locates.map(l -> new Trade(l, BASE_PRICE));
        Arbitrary<Op> gap = Arbitraries.just(new Gap());
        Arbitrary<Op> bookChanging = Arbitraries.oneOf(add, execute, cancel, delete, replace, directory);
        Arbitrary<Op> truncated = Combinators.combine(bookChanging, Arbitraries.integers().between(1, 20))
                .as(Truncated::new);
        Arbitrary<Op> op = Arbitraries.frequencyOf(
                Tuple.of(36, add), Tuple.of(12, execute), Tuple.of(9, cancel), Tuple.of(18, delete),
                Tuple.of(18, replace), Tuple.of(3, directory), Tuple.of(2, trade), Tuple.of(1, gap),
                Tuple.of(1, truncated));
        return op.list().ofMinSize(1).ofMaxSize(400).withSizeDistribution(RandomDistribution.uniform());
    }

    /** Both books, the fast one's listener calls, and the checks after each message. */
    static final class Comparison {
        private final OrderBooks fast;
        private final ReferenceBook reference;
        private final BookOps.Encoder encoder = new BookOps.Encoder();
        private final List<long[]> topCalls = new ArrayList<>();
        private final List<long[]> levelCalls = new ArrayList<>();
        private final long[] staleCalls = new long[2];
        private final java.util.Set<Long> replacements = new java.util.HashSet<>();
        private int deepestSide;
        private boolean replacedAReplacement;
        private boolean deletedAMiddleLevel;

        Comparison(int maxOrders, int maxLevels) {
            fast = new OrderBooks(maxOrders, maxLevels);
            reference = new ReferenceBook(maxOrders, maxLevels);
            fast.topOfBookListener(new TopOfBookListener() {
                @Override
                public void onTopOfBook(int locate, long bidPrice, long bidShares, long askPrice, long askShares, boolean stale) {
                    topCalls.add(new long[] {locate, bidPrice, bidShares, askPrice, askShares, stale ? 1 : 0});
                }

                @Override
                public void onStale(long fromSequence) {
                    staleCalls[0]++;
                }
            });
            fast.levelListener(new LevelListener() {
                @Override
                public void onLevel(int locate, int side, long price, long shares, int orders, boolean stale) {
                    levelCalls.add(new long[] {locate, side, price, shares, orders, stale ? 1 : 0});
                }

                @Override
                public void onStale(long fromSequence) {
                    staleCalls[1]++;
                }
            });
        }

        void step(Op op, long sequence) {
            long[][] topBefore = new long[LOCATES][];
            List<Map<Long, ReferenceBook.Level>> levelsBefore = new ArrayList<>();
            for (int locate = 0; locate < LOCATES; locate++) {
                topBefore[locate] = reference.topOfBook(locate);
                levelsBefore.add(reference.levels(locate, 'B'));
                levelsBefore.add(reference.levels(locate, 'S'));
            }
            boolean middle = op instanceof Delete d && isOnlyOrderOfAMiddleLevel(d.reference());
            long capacityBefore = reference.count(BookCounter.ORDERS_FULL) + reference.count(BookCounter.LEVELS_FULL);
            topCalls.clear();
            levelCalls.clear();
            long staleBefore = staleCalls[0];

            deletedAMiddleLevel |= middle;
            if (op instanceof Gap) {
                fast.markStale(sequence);
                reference.markStale(sequence);
                assertEquals(staleBefore + 1, staleCalls[0], "onStale once per gap");
                assertEquals(staleCalls[0], staleCalls[1], "both listeners hear of the gap");
            } else {
                int length = encoder.encode(op);
                fast.apply(encoder.buffer, 0, length, sequence);
                reference.apply(encoder.buffer, 0, length, sequence);
            }
            noteSpecialCases(op);
            boolean becameCapacityStale =
                    reference.count(BookCounter.ORDERS_FULL) + reference.count(BookCounter.LEVELS_FULL) != capacityBefore;

            String where = "after message " + sequence + ": " + op;
            for (int locate = 0; locate < LOCATES; locate++) {
                for (int s = 0; s < 2; s++) {
                    char side = s == BookSide.BID ? 'B' : 'S';
                    assertEquals(reference.sideFromOrders(locate, side), reference.side(locate, side), where + ": reference");
                    assertEquals(reference.side(locate, side), fastSide(locate, s), where + ", locate " + locate + " " + side);
                    assertEquals(reference.side(locate, side).size(), fast.levelCount(locate, s), where);
                    deepestSide = Math.max(deepestSide, fast.levelCount(locate, s));
                }
                assertEquals(reference.orderCount(locate), fast.orderCount(locate), where + ", orders of locate " + locate);
                assertEquals(reference.isStale(locate), fast.isStale(locate), where + ", stale " + locate);
                assertEquals(reference.stock(locate), fast.stock(locate), where + ", stock " + locate);
                long[] top = reference.topOfBook(locate);
                assertEquals(top[0], fast.bestBidPrice(locate), where);
                assertEquals(top[1], fast.bestBidShares(locate), where);
                assertEquals(top[2], fast.bestAskPrice(locate), where);
                assertEquals(top[3], fast.bestAskShares(locate), where);
            }
            assertEquals(reference.orderCount(), fast.orderCount(), where + ", orders");
            assertEquals(reference.levelCount(), fast.levelCount(), where + ", levels");
            for (BookCounter counter : BookCounter.values()) {
                assertEquals(reference.count(counter), fast.counters().get(counter), where + ", " + counter);
            }
            checkListeners(topBefore, levelsBefore, becameCapacityStale, where);
        }

        private List<ReferenceBook.Level> fastSide(int locate, int side) {
            List<ReferenceBook.Level> levels = new ArrayList<>();
            for (int level = fast.bestLevel(locate, side); level != OrderBooks.NO_LEVEL; level = fast.nextLevel(level)) {
                levels.add(new ReferenceBook.Level(fast.priceOf(level), fast.sharesOf(level), fast.ordersOf(level)));
            }
            for (int i = 0; i < levels.size(); i++) {
                assertEquals(levels.get(i).price(), fast.levelPrice(locate, side, i));
                assertEquals(levels.get(i).shares(), fast.levelShares(locate, side, i));
                assertEquals(levels.get(i).orders(), fast.levelOrders(locate, side, i));
            }
            assertEquals(0, fast.levelPrice(locate, side, levels.size()), "no level past the last");
            return levels;
        }

        private void checkListeners(long[][] topBefore, List<Map<Long, ReferenceBook.Level>> levelsBefore,
                                    boolean becameCapacityStale, String where) {
            List<String> expectedTop = new ArrayList<>();
            List<String> expectedLevels = new ArrayList<>();
            for (int locate = 0; locate < LOCATES; locate++) {
                long[] after = reference.topOfBook(locate);
                if (!java.util.Arrays.equals(topBefore[locate], after)) {
                    expectedTop.add(locate + " " + after[0] + "x" + after[1] + " " + after[2] + "x" + after[3]);
                }
                for (int s = 0; s < 2; s++) {
                    Map<Long, ReferenceBook.Level> before = levelsBefore.get(2 * locate + s);
                    Map<Long, ReferenceBook.Level> now = reference.levels(locate, s == 0 ? 'B' : 'S');
                    java.util.TreeSet<Long> prices = new java.util.TreeSet<>(before.keySet());
                    prices.addAll(now.keySet());
                    for (long price : prices) {
                        if (!Objects.equals(before.get(price), now.get(price))) {
                            ReferenceBook.Level level = now.get(price);
                            expectedLevels.add(locate + " " + s + " " + price + " " + (level == null ? 0 : level.shares())
                                    + " " + (level == null ? 0 : level.orders()));
                        }
                    }
                }
            }
            List<String> actualTop = new ArrayList<>();
            for (long[] call : topCalls) {
                actualTop.add(call[0] + " " + call[1] + "x" + call[2] + " " + call[3] + "x" + call[4]);
                checkStaleFlag(call[5] == 1, (int) call[0], becameCapacityStale, where);
            }
            List<String> actualLevels = new ArrayList<>();
            for (long[] call : levelCalls) {
                actualLevels.add(call[0] + " " + call[1] + " " + call[2] + " " + call[3] + " " + call[4]);
                checkStaleFlag(call[5] == 1, (int) call[0], becameCapacityStale, where);
            }
            assertEquals(expectedTop, actualTop, where + ": top-of-book calls");
            assertEquals(sorted(expectedLevels), sorted(actualLevels), where + ": level calls");
        }

        /** The flag is the book's staleness when the call was made: before a capacity failure later in the message, or after. */
        private void checkStaleFlag(boolean flag, int locate, boolean becameCapacityStale, String where) {
            if (!becameCapacityStale) {
                assertEquals(reference.isStale(locate), flag, where + ": stale flag of a listener call");
            }
        }

        private static List<String> sorted(List<String> list) {
            return list.stream().sorted().toList();
        }

        /** Before the message: whether {@code orderReference} is the one order of a level with levels on both sides of it. */
        private boolean isOnlyOrderOfAMiddleLevel(long orderReference) {
            ReferenceBook.Order order = reference.order(orderReference);
            if (order == null) {
                return false;
            }
            List<ReferenceBook.Level> side = reference.side(order.locate, order.side);
            for (int i = 1; i < side.size() - 1; i++) {
                if (side.get(i).price() == order.price && side.get(i).orders() == 1) {
                    return true;
                }
            }
            return false;
        }

        /** After the message: a replace that retired an order which a replace had rested. */
        private void noteSpecialCases(Op op) {
            if (op instanceof Replace u && reference.orderShares(u.replacement()) >= 0) {
                replacedAReplacement |= replacements.contains(u.original());
                replacements.add(u.replacement());
            }
        }

        void collectStatistics() {
            for (BookCounter counter : BookCounter.values()) {
                Statistics.label(counter.name()).collect(fast.counters().get(counter) > 0);
            }
            Statistics.label("side of 4+ levels").collect(deepestSide >= 4);
            Statistics.label("replace of a replaced order").collect(replacedAReplacement);
            Statistics.label("delete of a level in the middle").collect(deletedAMiddleLevel);
        }
    }
}
