package io.mdr.config;

import static io.mdr.config.ConfigKeys.*;

/**
 * The room of the in-process order books ({@code receiver.handler=book}): preallocated at start-up, never grown.
 *
 * @param maxOrders orders resting at once over every stock, 1..{@link ConfigKeys#BOOK_MAX_ORDERS_MAX}.
 * @param maxLevels price levels at once over every stock and side, 1..{@link ConfigKeys#BOOK_MAX_LEVELS_MAX}.
 */
public record BookConfig(int maxOrders, int maxLevels)
{
    /**
     * @throws ConfigException if a limit is out of range.
     */
    public BookConfig
    {
        final Problems problems = new Problems();
        Rules.BOOK_ORDERS.check(maxOrders, problems);
        Rules.BOOK_LEVELS.check(maxLevels, problems);
        problems.throwIfAny("BookConfig");
    }

    /** @return the defaults, {@link ConfigKeys#BOOK_MAX_ORDERS_DEFAULT} and {@link ConfigKeys#BOOK_MAX_LEVELS_DEFAULT}. */
    public static BookConfig defaults()
    {
        return new BookConfig(BOOK_MAX_ORDERS_DEFAULT, BOOK_MAX_LEVELS_DEFAULT);
    }
}
