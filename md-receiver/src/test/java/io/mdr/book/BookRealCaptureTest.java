package io.mdr.book;

import io.mdr.testing.PcapMessages;
import io.mdr.testing.SharedData;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real NASDAQ TotalView-ITCH 5.0 messages (shared/data/itch50) give the same books in {@link OrderBooks} and in
 * {@link ReferenceBook}, compared after every message; and the books hold what the captures say, decoded by hand.
 */
class BookRealCaptureTest {
    private static final int META = 6514;
    private static final int IVOO = 5528;

    @Test
    void everyCaptureGivesTheSameBooksAsTheReference() throws Exception {
        for (Path capture : SharedData.allCaptures()) {
            replay(PcapMessages.read(capture), capture.getFileName().toString());
        }
    }

    @Test
    void allCapturesAsOneFeedGiveTheSameBooksAsTheReference() throws Exception {
        List<PcapMessages.Message> feed = new ArrayList<>();
        for (Path capture : SharedData.allCaptures()) {
            feed.addAll(PcapMessages.read(capture));
        }
        feed.sort(Comparator.comparingLong(PcapMessages.Message::sequence));
        OrderBooks books = replay(feed, "all captures");

        // Decoded by hand from Multiple.Packets.pcap (sequences 19009117..19009154: 36 A and 2 F for META).
        assertNull(books.stock(META), "the captures hold no Stock Directory message");
        long[][] bids = {{805_200, 1}, {805_000, 2}, {802_900, 28}, {802_600, 1}, {801_100, 5}, {800_700, 2},
            {800_500, 1}, {800_000, 522}};
        long[][] asks = {{3_573_300, 100}, {3_573_700, 1}, {3_574_200, 1}, {3_575_000, 14}, {3_575_500, 25},
            {3_577_200, 2}, {3_578_900, 112}, {3_579_900, 5}, {3_580_000, 239}};
        assertSide(books, META, BookSide.BID, bids);
        assertSide(books, META, BookSide.ASK, asks);
        assertEquals(38, books.orderCount(META));
        assertEquals(12, books.levelOrders(META, BookSide.BID, 7));
        // AddOrderNoMpidAttributionMessage.pcap: IVOO buys 1600 at 87.39; OrderDeleteMessage.pcap deletes another order.
        assertEquals(873_900, books.bestBidPrice(IVOO));
        assertEquals(1_600, books.bestBidShares(IVOO));
        // U, D, E and the D of Multiple.Packets name orders from before the captures start.
        assertEquals(4, books.counters().get(BookCounter.UNKNOWN_REFERENCE));
        assertTrue(books.isStale(META), "joined at 14757701 and lost what came between the captures");
        assertEquals(14_757_701, books.staleFromSequence(META));
    }

    private static void assertSide(OrderBooks books, int locate, int side, long[][] expected) {
        assertEquals(expected.length, books.levelCount(locate, side));
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i][0], books.levelPrice(locate, side, i), "price of level " + i);
            assertEquals(expected[i][1], books.levelShares(locate, side, i), "shares of level " + i);
        }
    }

    /** Applies a feed to both books, as the journal would give it (late join and holes mark them stale). */
    private static OrderBooks replay(List<PcapMessages.Message> feed, String name) {
        OrderBooks books = new OrderBooks(1 << 12, 1 << 10);
        ReferenceBook reference = new ReferenceBook();
        UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
        TreeSet<Integer> locates = new TreeSet<>();
        long next = 1;
        for (PcapMessages.Message message : feed) {
            if (message.sequence() != next) {
                books.markStale(next == 1 ? message.sequence() : next);
                reference.markStale(next == 1 ? message.sequence() : next);
            }
            next = message.sequence() + 1;
            buffer.putBytes(0, message.bytes());
            books.apply(buffer, 0, message.bytes().length, message.sequence());
            reference.apply(buffer, 0, message.bytes().length, message.sequence());
            locates.add(buffer.getShort(1, java.nio.ByteOrder.BIG_ENDIAN) & 0xFFFF);
            String where = name + ", message " + message.sequence();
            for (int locate : locates) {
                assertEquals(reference.side(locate, 'B'), side(books, locate, BookSide.BID), where);
                assertEquals(reference.side(locate, 'S'), side(books, locate, BookSide.ASK), where);
                assertEquals(reference.isStale(locate), books.isStale(locate), where);
                assertEquals(reference.stock(locate), books.stock(locate), where);
            }
            for (BookCounter counter : BookCounter.values()) {
                assertEquals(reference.count(counter), books.counters().get(counter), where + ", " + counter);
            }
        }
        assertEquals(reference.orderCount(), books.orderCount(), name);
        return books;
    }

    private static List<ReferenceBook.Level> side(OrderBooks books, int locate, int side) {
        List<ReferenceBook.Level> levels = new ArrayList<>();
        for (int level = books.bestLevel(locate, side); level != OrderBooks.NO_LEVEL; level = books.nextLevel(level)) {
            levels.add(new ReferenceBook.Level(books.priceOf(level), books.sharesOf(level), books.ordersOf(level)));
        }
        return levels;
    }
}
