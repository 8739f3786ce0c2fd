package io.mdr.config;

import io.mdr.book.OrderBooks;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Properties;

import static io.mdr.config.ConfigKeys.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@code receiver.handler}, {@code book.maxOrders} and {@code book.maxLevels}: parsed, defaulted, refused by name.
 */
class BookConfigTest
{
    @Test
    void defaultsToNoHandlerAndTheDocumentedRoom()
    {
        final ReceiverConfig config = ReceiverConfig.parse(ConfigFixtures.minimal(), "test", 64);
        assertEquals(MessageHandlerKind.NONE, config.handler());
        assertEquals(BookConfig.defaults(), config.book());
    }

    @Test
    void readsTheBookHandlerAndItsLimits()
    {
        final Properties properties = ConfigFixtures.minimal();
        properties.setProperty(RECEIVER_HANDLER, "book");
        properties.setProperty(BOOK_MAX_ORDERS, "1000");
        properties.setProperty(BOOK_MAX_LEVELS, " 64 ");
        final ReceiverConfig config = ReceiverConfig.parse(properties, "test", 64);
        assertEquals(MessageHandlerKind.BOOK, config.handler());
        assertEquals(new BookConfig(1000, 64), config.book());
        assertEquals(config, ReceiverConfig.parse(config.toProperties(), "test", 64), "round trip");
        assertEquals(config, config.toBuilder().build());
    }

    @Test
    void refusesBadValuesNamingTheKeyAndWhatItAccepts()
    {
        final Properties properties = ConfigFixtures.minimal();
        properties.setProperty(RECEIVER_HANDLER, "books");
        properties.setProperty(BOOK_MAX_ORDERS, "0");
        properties.setProperty(BOOK_MAX_LEVELS, "lots");
        final ConfigException e = assertThrows(ConfigException.class, () -> ReceiverConfig.parse(properties, "f", 64));
        assertEquals(List.of(
            "receiver.handler: \"books\" is not accepted; expected one of none, book",
            "book.maxOrders: \"0\" is not accepted; expected an integer in 1..268435456",
            "book.maxLevels: \"lots\" is not accepted; expected an integer in 1..268435456"), e.errors());
    }

    @Test
    void theLimitsAreTheBooksOwn()
    {
        assertEquals(OrderBooks.MAX_ORDERS, BOOK_MAX_ORDERS_MAX);
        assertEquals(OrderBooks.MAX_LEVELS, BOOK_MAX_LEVELS_MAX);
        assertThrows(ConfigException.class, () -> new BookConfig(BOOK_MAX_ORDERS_MAX + 1, 1));
    }
}
