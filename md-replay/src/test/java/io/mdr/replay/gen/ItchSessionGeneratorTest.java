package io.mdr.replay.gen;

import io.mdr.itch.ItchMessageType;
import io.mdr.itch.StockDirectoryDecoder;
import io.mdr.itch.StockTradingActionDecoder;
import io.mdr.itch.SystemEventDecoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ItchSessionGeneratorTest {
    private static final GeneratorSettings SMALL = GeneratorSettings.defaults().withMessageCount(100_000);

    @Test
    void opensWithDirectoryAndTradingActionsAndClosesWithSystemEvents() {
        GeneratorSettings settings = GeneratorSettings.defaults().withSymbols(5).withMessageCount(100);
        List<byte[]> messages = generateAll(settings);
        assertEquals(100, messages.size());

        assertEvent(messages.get(0), 'O');
        for (int i = 0; i < 5; i++) {
            StockDirectoryDecoder directory = new StockDirectoryDecoder().wrap(new UnsafeBuffer(messages.get(1 + i)), 0);
            assertEquals('R', directory.messageType());
            assertEquals(i + 1, directory.stockLocate());
            StockTradingActionDecoder action = new StockTradingActionDecoder().wrap(new UnsafeBuffer(messages.get(6 + i)), 0);
            assertEquals('H', action.messageType());
            assertEquals(i + 1, action.stockLocate());
            assertEquals('T', action.tradingState());
            assertEquals(directory.stock(), action.stock());
        }
        assertEvent(messages.get(11), 'S');
        assertEvent(messages.get(12), 'Q');
        assertEvent(messages.get(97), 'M');
        assertEvent(messages.get(98), 'E');
        assertEvent(messages.get(99), 'C');
        for (int i = 13; i < 97; i++) {
            assertTrue("AFECXDUP".indexOf(messages.get(i)[0]) >= 0, "order flow between Q and M");
        }
        assertEquals(GeneratorSettings.MARKET_OPEN_NANOS,
                new SystemEventDecoder().wrap(new UnsafeBuffer(messages.get(0)), 0).timestamp());
    }

    @Test
    void returnsZeroOnceTheSessionIsOver() {
        ItchSessionGenerator generator = new ItchSessionGenerator(GeneratorSettings.defaults().withSymbols(3).withMessageCount(20));
        UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
        for (int i = 0; i < 20; i++) {
            assertTrue(generator.next(buffer, 0) > 0);
        }
        assertTrue(generator.isDone());
        assertEquals(0, generator.next(buffer, 0));
        assertEquals(0, generator.next(buffer, 0));
        assertEquals(20, generator.messagesGenerated());
    }

    @Test
    void finishClosesTheSessionEarly() {
        ItchSessionGenerator generator = new ItchSessionGenerator(SMALL);
        UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
        for (int i = 0; i < 1_000; i++) {
            generator.next(buffer, 0);
        }
        generator.finish();
        char[] closing = {'M', 'E', 'C'};
        for (char code : closing) {
            assertEquals(SystemEventDecoder.LENGTH, generator.next(buffer, 0));
            assertEquals(code, new SystemEventDecoder().wrap(buffer, 0).eventCode());
        }
        assertEquals(0, generator.next(buffer, 0));
        assertEquals(1_003, generator.messagesGenerated());
        generator.finish();
        assertEquals(0, generator.next(buffer, 0));
    }

    @Test
    void everyMessageIsConsistentWithAnOrderBook() {
        OrderBookModel book = replay(SMALL.withMessageCount(300_000).withSeed(42));
        assertEquals(300_000, book.messages());
        assertEquals(100, book.symbols());
        assertTrue(book.liveOrders() > 0);
    }

    @Test
    void staysConsistentWhenTheBooksAreFull() {
        GeneratorSettings settings = SMALL.withMaxLiveOrders(50).withSeed(7);
        ItchSessionGenerator generator = new ItchSessionGenerator(settings);
        OrderBookModel book = new OrderBookModel();
        UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
        int length;
        while ((length = generator.next(buffer, 0)) > 0) {
            book.apply(buffer, 0, length);
            assertTrue(generator.liveOrders() <= 50);
            assertEquals(generator.liveOrders(), book.liveOrders());
        }
    }

    @Test
    void orderFlowMatchesTheTargetMix() {
        GeneratorSettings settings = SMALL.withSeed(3);
        OrderBookModel book = replay(settings);
        double flow = settings.orderFlowMessageCount();
        assertShare(book, 'A', ItchSessionGenerator.ADD_ORDER_PER_MILLE, flow);
        assertShare(book, 'F', ItchSessionGenerator.ADD_ORDER_MPID_PER_MILLE, flow);
        assertShare(book, 'E', ItchSessionGenerator.ORDER_EXECUTED_PER_MILLE, flow);
        assertShare(book, 'C', ItchSessionGenerator.ORDER_EXECUTED_WITH_PRICE_PER_MILLE, flow);
        assertShare(book, 'X', ItchSessionGenerator.ORDER_CANCEL_PER_MILLE, flow);
        assertShare(book, 'D', ItchSessionGenerator.ORDER_DELETE_PER_MILLE, flow);
        assertShare(book, 'U', ItchSessionGenerator.ORDER_REPLACE_PER_MILLE, flow);
        assertShare(book, 'P', ItchSessionGenerator.TRADE_PER_MILLE, flow);
    }

    @Test
    void sameSeedSameSessionOtherSeedOtherSession() {
        List<byte[]> first = generateAll(SMALL.withMessageCount(20_000));
        List<byte[]> again = generateAll(SMALL.withMessageCount(20_000));
        List<byte[]> other = generateAll(SMALL.withMessageCount(20_000).withSeed(2));
        assertEquals(first.size(), again.size());
        for (int i = 0; i < first.size(); i++) {
            assertArrayEquals(first.get(i), again.get(i), "message " + i);
        }
        int differing = 0;
        for (int i = 0; i < first.size(); i++) {
            if (!java.util.Arrays.equals(first.get(i), other.get(i))) {
                differing++;
            }
        }
        assertTrue(differing > first.size() / 2, "another seed gives another session");
    }

    @Test
    void tickersAreRealFirstThenGeneratedAndAllDistinct() {
        ItchSessionGenerator generator = new ItchSessionGenerator(SMALL.withSymbols(500));
        assertEquals("AAPL", generator.ticker(1));
        assertEquals("MSFT", generator.ticker(2));
        Set<String> seen = new HashSet<>();
        for (int locate = 1; locate <= 500; locate++) {
            String ticker = generator.ticker(locate);
            assertTrue(ticker.matches("[A-Z]{2,5}"), ticker);
            assertTrue(seen.add(ticker), "duplicate ticker " + ticker);
        }
    }

    @Test
    void generatesWithoutAllocating() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        ItchSessionGenerator generator = new ItchSessionGenerator(GeneratorSettings.defaults().withMessageCount(3_000_000));
        UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
        for (int i = 0; i < 1_000_000; i++) {
            generator.next(buffer, 0);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 1_000_000; i++) {
            generator.next(buffer, 0);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 64 * 1024, "allocated " + allocated + " bytes over a million messages");
    }

    @Test
    void rejectsSessionsTooShortForTheirOpeningAndClosing() {
        assertThrows(IllegalArgumentException.class, () -> GeneratorSettings.defaults().withSymbols(10).withMessageCount(25));
        assertEquals(26, GeneratorSettings.minimumMessageCount(10));
        assertFalse(generateAll(GeneratorSettings.defaults().withSymbols(10).withMessageCount(26)).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> GeneratorSettings.defaults().withSymbols(0));
        assertThrows(IllegalArgumentException.class, () -> GeneratorSettings.defaults().withMeanIntervalNanos(0));
        assertThrows(IllegalArgumentException.class,
                () -> GeneratorSettings.defaults().withMessageCount(Long.MAX_VALUE / 4));
    }

    private static void assertShare(OrderBookModel book, char type, int targetPerMille, double flow) {
        double perMille = 1000.0 * book.count(type) / flow;
        // The first messages fall back to adds while the books fill; ten per mille of slack covers that and chance.
        assertEquals(targetPerMille, perMille, 10.0, () -> type + " is " + perMille + " per thousand of the flow");
    }

    private static void assertEvent(byte[] message, char code) {
        SystemEventDecoder event = new SystemEventDecoder().wrap(new UnsafeBuffer(message), 0);
        assertEquals('S', event.messageType());
        assertEquals(code, event.eventCode());
    }

    static OrderBookModel replay(GeneratorSettings settings) {
        ItchSessionGenerator generator = new ItchSessionGenerator(settings);
        OrderBookModel book = new OrderBookModel();
        UnsafeBuffer buffer = new UnsafeBuffer(new byte[ItchMessageType.MAX_LENGTH]);
        int length;
        while ((length = generator.next(buffer, 0)) > 0) {
            book.apply(buffer, 0, length);
        }
        assertEquals(settings.messageCount(), generator.messagesGenerated());
        assertEquals(generator.liveOrders(), book.liveOrders());
        return book;
    }

    private static List<byte[]> generateAll(GeneratorSettings settings) {
        ItchSessionGenerator generator = new ItchSessionGenerator(settings);
        UnsafeBuffer buffer = new UnsafeBuffer(new byte[ItchMessageType.MAX_LENGTH]);
        List<byte[]> messages = new ArrayList<>();
        int length;
        while ((length = generator.next(buffer, 0)) > 0) {
            byte[] message = new byte[length];
            buffer.getBytes(0, message);
            messages.add(message);
        }
        return messages;
    }
}
