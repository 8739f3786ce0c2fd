package io.mdr.replay.gen;

import io.mdr.itch.AddOrderDecoder;
import io.mdr.itch.AddOrderMpidDecoder;
import io.mdr.itch.ItchDecoders;
import io.mdr.itch.ItchMessageDecoder;
import io.mdr.itch.ItchMessageType;
import io.mdr.itch.OrderCancelDecoder;
import io.mdr.itch.OrderDeleteDecoder;
import io.mdr.itch.OrderExecutedDecoder;
import io.mdr.itch.OrderExecutedWithPriceDecoder;
import io.mdr.itch.OrderReplaceDecoder;
import io.mdr.itch.StockDirectoryDecoder;
import io.mdr.itch.TradeDecoder;
import org.agrona.DirectBuffer;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Replays decoded ITCH messages on a plain order book model and fails on anything a receiver's book builder would
 * choke on: an unknown reference, a reused one, shares going negative, a locate that does not match, timestamps
 * or match numbers going back.
 */
final class OrderBookModel {
    private final ItchDecoders decoders = new ItchDecoders();
    private final Map<Long, Order> orders = new HashMap<>();
    private final Map<Integer, String> directory = new HashMap<>();
    private final long[] counts = new long[256];
    private long lastTimestamp = -1;
    private long lastMatch;
    private long highestReference;
    private long messages;

    private static final class Order {
        final int locate;
        long shares;

        Order(int locate, long shares) {
            this.locate = locate;
            this.shares = shares;
        }
    }

    void apply(DirectBuffer buffer, int offset, int length) {
        byte type = buffer.getByte(offset);
        assertTrue(ItchMessageType.isKnown(type), () -> "unknown type " + (char) type);
        assertEquals(ItchMessageType.length(type), length, () -> "length of " + (char) type);
        ItchMessageDecoder decoder = decoders.wrap(buffer, offset);
        assertNotNull(decoder);
        assertTrue(decoder.timestamp() > lastTimestamp, "timestamps strictly increase");
        lastTimestamp = decoder.timestamp();
        counts[type & 0xFF]++;
        messages++;
        int locate = decoder.stockLocate();
        switch (type) {
            case 'R' -> {
                StockDirectoryDecoder d = (StockDirectoryDecoder) decoder;
                assertNull(directory.put(locate, d.stock()), "one directory entry per locate");
                assertEquals(100, d.roundLotSize());
            }
            case 'A' -> {
                AddOrderDecoder d = (AddOrderDecoder) decoder;
                add(d.orderReferenceNumber(), locate, d.shares(), d.stock(), d.price(), d.buySellIndicator());
            }
            case 'F' -> {
                AddOrderMpidDecoder d = (AddOrderMpidDecoder) decoder;
                add(d.orderReferenceNumber(), locate, d.shares(), d.stock(), d.price(), d.buySellIndicator());
                assertEquals(4, d.attribution().length());
            }
            case 'E' -> {
                OrderExecutedDecoder d = (OrderExecutedDecoder) decoder;
                take(d.orderReferenceNumber(), locate, d.executedShares());
                match(d.matchNumber());
            }
            case 'C' -> {
                OrderExecutedWithPriceDecoder d = (OrderExecutedWithPriceDecoder) decoder;
                take(d.orderReferenceNumber(), locate, d.executedShares());
                match(d.matchNumber());
                assertTrue(d.executionPrice() > 0);
            }
            case 'X' -> {
                OrderCancelDecoder d = (OrderCancelDecoder) decoder;
                take(d.orderReferenceNumber(), locate, d.cancelledShares());
            }
            case 'D' -> {
                OrderDeleteDecoder d = (OrderDeleteDecoder) decoder;
                Order order = live(d.orderReferenceNumber(), locate);
                orders.remove(d.orderReferenceNumber());
                assertTrue(order.shares > 0);
            }
            case 'U' -> {
                OrderReplaceDecoder d = (OrderReplaceDecoder) decoder;
                Order order = live(d.originalOrderReferenceNumber(), locate);
                orders.remove(d.originalOrderReferenceNumber());
                assertTrue(d.newOrderReferenceNumber() > highestReference, "replace gets a new, higher reference");
                highestReference = d.newOrderReferenceNumber();
                assertTrue(d.shares() > 0 && d.price() > 0);
                orders.put(d.newOrderReferenceNumber(), new Order(order.locate, d.shares()));
            }
            case 'P' -> {
                TradeDecoder d = (TradeDecoder) decoder;
                assertEquals(0, d.orderReferenceNumber());
                assertEquals(directory.get(locate), d.stock());
                assertTrue(d.shares() > 0 && d.price() > 0);
                match(d.matchNumber());
            }
            case 'S', 'H' -> {
            }
            default -> fail("unexpected message type " + (char) type);
        }
    }

    long count(char type) {
        return counts[type];
    }

    long messages() {
        return messages;
    }

    int liveOrders() {
        return orders.size();
    }

    int symbols() {
        return directory.size();
    }

    private void add(long reference, int locate, long shares, String stock, long price, char side) {
        assertTrue(reference > highestReference, "order references only grow");
        highestReference = reference;
        assertEquals(directory.get(locate), stock, "stock matches the directory entry of its locate");
        assertTrue(shares > 0 && price > 0);
        assertTrue(side == 'B' || side == 'S');
        orders.put(reference, new Order(locate, shares));
    }

    private void take(long reference, int locate, long shares) {
        Order order = live(reference, locate);
        assertTrue(shares > 0, "takes at least one share");
        assertTrue(shares <= order.shares, () -> "took " + shares + " of " + order.shares + " from " + reference);
        order.shares -= shares;
        if (order.shares == 0) {
            orders.remove(reference);
        }
    }

    private Order live(long reference, int locate) {
        Order order = orders.get(reference);
        assertNotNull(order, () -> "order " + reference + " is not resting");
        assertEquals(order.locate, locate, "stock locate of the order");
        return order;
    }

    private void match(long matchNumber) {
        assertTrue(matchNumber > lastMatch, "match numbers increase");
        lastMatch = matchNumber;
    }
}
