package io.mdr.replay.gen;

import io.mdr.book.BookCounter;
import io.mdr.book.BookSide;
import io.mdr.book.OrderBooks;
import io.mdr.itch.ItchMessageType;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The books of md-gen's sessions look like a live market's: never crossed nor locked after any message, adds
 * passive, executions at the best price, spreads of a few cents, activity skewed to a few names. Each run also
 * takes a seed no test fixed before (printed on failure).
 */
class GeneratedBooksTest {
    private static final long MESSAGES = 1_000_000;

    @Test
    void noBookIsEverCrossedOrLockedWhateverTheSeed() {
        long unseen = new SplittableRandom().nextLong();
        for (long seed : new long[] {1, 7, 2026, unseen}) {
            Observed observed = observe(GeneratorSettings.defaults().withSeed(seed).withMessageCount(MESSAGES));
            assertEquals(0, observed.crossed, "seed " + seed + ": crossed or locked quotes, first " + observed.firstCrossed);
            assertTrue(observed.topChanges > MESSAGES / 4, "seed " + seed + ": the quotes move");
        }
    }

    @Test
    void ordersRestPassivelyAndExecutionsHitTheBestPrice() {
        long seed = new SplittableRandom().nextLong();
        Observed observed = observe(GeneratorSettings.defaults().withSeed(seed).withMessageCount(MESSAGES));
        String where = "seed " + seed;
        assertEquals(0, observed.aggressiveAdds, where + ": an add at or through the other side's best");
        assertEquals(0, observed.executionsAwayFromBest, where + ": an execution of an order not at its side's best");
        assertTrue(observed.executions > MESSAGES / 40, where + ": executions happen");
        assertTrue(observed.addsJoiningBest > observed.adds / 4, where + ": many adds join the best price");
        assertTrue(observed.addsBehindBest > observed.adds / 4, where + ": many adds rest behind it");
        // Counted over every top-of-book change of the busiest stock: most spreads are a cent or a few.
        long tight = observed.spreadTicks[1] + observed.spreadTicks[2] + observed.spreadTicks[3];
        assertTrue(tight > observed.spreads * 0.8, where + ": spreads in ticks " + Arrays.toString(observed.spreadTicks));
        for (BookCounter counter : BookCounter.values()) {
            if (counter != BookCounter.STALE_EVENTS) {
                assertEquals(0, observed.books.counters().get(counter), where + ": " + counter.label());
            }
        }
    }

    @Test
    void aFewNamesCarryMostOfTheFlowAndALongTailLittle() {
        Observed observed = observe(GeneratorSettings.defaults().withSeed(5).withMessageCount(MESSAGES));
        long[] perSymbol = observed.messagesPerLocate.clone();
        Arrays.sort(perSymbol);
        long total = Arrays.stream(perSymbol).sum();
        long top5 = 0;
        for (int i = perSymbol.length - 5; i < perSymbol.length; i++) {
            top5 += perSymbol[i];
        }
        long bottomHalf = 0;
        for (int i = perSymbol.length - 100; i < perSymbol.length - 50; i++) {
            bottomHalf += perSymbol[i];
        }
        assertTrue(top5 > total / 4, "5 busiest of 100 names: " + top5 + " of " + total);
        assertTrue(bottomHalf < total / 4, "50 quietest: " + bottomHalf + " of " + total);
        assertTrue(observed.messagesPerLocate[1] > observed.messagesPerLocate[100], "AAPL is busier than the last name");
    }

    /** What a session's books went through. */
    static final class Observed {
        final OrderBooks books = new OrderBooks(1 << 22, 1 << 16);
        final long[] messagesPerLocate = new long[65536];
        final long[] spreadTicks = new long[12];
        long spreads;
        long crossed;
        String firstCrossed;
        long topChanges;
        long adds;
        long addsJoiningBest;
        long addsBehindBest;
        long aggressiveAdds;
        long executions;
        long executionsAwayFromBest;
    }

    static Observed observe(GeneratorSettings settings) {
        Observed o = new Observed();
        o.books.topOfBookListener((locate, bidPrice, bidShares, askPrice, askShares, stale) -> {
            o.topChanges++;
            if (bidShares > 0 && askShares > 0) {
                if (bidPrice >= askPrice && o.crossed++ == 0) {
                    o.firstCrossed = "locate " + locate + " bid " + bidPrice + " ask " + askPrice;
                }
                if (locate == 1) {
                    o.spreads++;
                    o.spreadTicks[(int) Math.min(o.spreadTicks.length - 1, (askPrice - bidPrice) / ItchSessionGenerator.TICK)]++;
                }
            }
        });
        ItchSessionGenerator generator = new ItchSessionGenerator(settings);
        UnsafeBuffer buffer = new UnsafeBuffer(new byte[ItchMessageType.MAX_LENGTH]);
        long sequence = 0;
        int length;
        while ((length = generator.next(buffer, 0)) > 0) {
            byte type = buffer.getByte(0);
            int locate = buffer.getShort(1, ByteOrder.BIG_ENDIAN) & 0xFFFF;
            o.messagesPerLocate[locate]++;
            switch (type) {
                case 'A', 'F' -> {
                    int side = BookSide.fromItch(buffer.getByte(19));
                    long price = buffer.getInt(32, ByteOrder.BIG_ENDIAN) & 0xFFFF_FFFFL;
                    long best = o.books.bestPrice(locate, side);
                    long opposite = o.books.bestPrice(locate, 1 - side);
                    o.adds++;
                    if (price == best) {
                        o.addsJoiningBest++;
                    } else if (best != 0 && (side == BookSide.BID ? price < best : price > best)) {
                        o.addsBehindBest++;
                    }
                    if (opposite != 0 && (side == BookSide.BID ? price >= opposite : price <= opposite)) {
                        o.aggressiveAdds++;
                    }
                }
                case 'E', 'C' -> {
                    long reference = buffer.getLong(11, ByteOrder.BIG_ENDIAN);
                    int side = o.books.orderSide(reference);
                    o.executions++;
                    if (o.books.orderPrice(reference) != o.books.bestPrice(o.books.orderLocate(reference), side)) {
                        o.executionsAwayFromBest++;
                    }
                }
                default -> {
                }
            }
            o.books.apply(buffer, 0, length, ++sequence);
        }
        return o;
    }
}
