package io.mdr.replay.gen;

/**
 * What an {@link ItchSessionGenerator} produces. Two generators built from equal settings write identical
 * sessions, byte for byte.
 *
 * @param seed                seed of every random choice (symbols, prices, the order flow)
 * @param symbols             securities in the session: 1 to {@link #MAX_SYMBOLS}; the first ones are real
 *                            NASDAQ tickers, the rest generated 3-4 letter names
 * @param messageCount        messages in the whole session, the opening System Events, Stock Directory and
 *                            Trading Action messages and the three closing System Events included; at least
 *                            {@link #minimumMessageCount(int)}
 * @param startTimestampNanos ITCH timestamp (nanoseconds since midnight) of the first message
 * @param meanIntervalNanos   mean step between the timestamps of consecutive messages (uniform in
 *                            {@code [1, 2 * mean - 1]}, so timestamps always increase)
 * @param maxLiveOrders       most orders resting on all books together; once reached, an Add Order is turned
 *                            into an Order Delete so that memory stays bounded (the order-flow mix then leans
 *                            towards deletes)
 */
public record GeneratorSettings(
        long seed,
        int symbols,
        long messageCount,
        long startTimestampNanos,
        long meanIntervalNanos,
        int maxLiveOrders) {

    /** Default seed. */
    public static final long DEFAULT_SEED = 1L;
    /** Default number of symbols. */
    public static final int DEFAULT_SYMBOLS = 100;
    /** Default session length in messages. */
    public static final long DEFAULT_MESSAGE_COUNT = 1_000_000L;
    /** 09:30:00.000000000, the opening of regular market hours, in nanoseconds since midnight. */
    public static final long MARKET_OPEN_NANOS = 9L * 3_600_000_000_000L + 30L * 60_000_000_000L;
    /** Default mean step between message timestamps: 1 µs. */
    public static final long DEFAULT_MEAN_INTERVAL_NANOS = 1_000L;
    /**
     * Default cap on resting orders: 2^21. With the default mix the books grow by about 0.15 orders a message,
     * so sessions up to about 14 million messages never reach it.
     */
    public static final int DEFAULT_MAX_LIVE_ORDERS = 1 << 21;
    /** Most resting orders a generator can hold: 2^28, 4 GiB of order array. */
    public static final int MAX_LIVE_ORDERS = 1 << 28;
    /** Stock locate codes are 16-bit and 0 means "no security". */
    public static final int MAX_SYMBOLS = 65_535;
    /** Messages around the order flow that do not depend on the number of symbols: O, S, Q then M, E, C. */
    static final int FIXED_FRAME_MESSAGES = 6;
    /** ITCH timestamps are 48-bit. */
    static final long MAX_TIMESTAMP = (1L << 48) - 1;

    public GeneratorSettings {
        if (symbols < 1 || symbols > MAX_SYMBOLS) {
            throw new IllegalArgumentException("symbols must be 1.." + MAX_SYMBOLS + ": " + symbols);
        }
        if (messageCount < minimumMessageCount(symbols)) {
            throw new IllegalArgumentException("messageCount " + messageCount + " is less than the "
                    + minimumMessageCount(symbols) + " messages that open and close a session of " + symbols
                    + " symbols");
        }
        if (startTimestampNanos < 0 || startTimestampNanos > MAX_TIMESTAMP) {
            throw new IllegalArgumentException("startTimestampNanos outside 0.." + MAX_TIMESTAMP + ": "
                    + startTimestampNanos);
        }
        if (meanIntervalNanos < 1) {
            throw new IllegalArgumentException("meanIntervalNanos must be at least 1: " + meanIntervalNanos);
        }
        // The last timestamp is below start + count * (2 * mean - 1): keep it within 48 bits.
        if (timestampSpan(messageCount, meanIntervalNanos) > MAX_TIMESTAMP - startTimestampNanos) {
            throw new IllegalArgumentException("timestamps of " + messageCount + " messages " + meanIntervalNanos
                    + " ns apart would overflow ITCH's 48-bit timestamp");
        }
        if (maxLiveOrders < 1 || maxLiveOrders > MAX_LIVE_ORDERS) {
            throw new IllegalArgumentException("maxLiveOrders must be 1.." + MAX_LIVE_ORDERS + ": " + maxLiveOrders);
        }
    }

    /** The defaults: seed 1, 100 symbols, 1,000,000 messages from 09:30, 1 µs apart on average. */
    public static GeneratorSettings defaults() {
        return new GeneratorSettings(DEFAULT_SEED, DEFAULT_SYMBOLS, DEFAULT_MESSAGE_COUNT, MARKET_OPEN_NANOS,
                DEFAULT_MEAN_INTERVAL_NANOS, DEFAULT_MAX_LIVE_ORDERS);
    }

    private static long timestampSpan(long messageCount, long meanIntervalNanos) {
        try {
            return Math.multiplyExact(messageCount, Math.multiplyExact(2L, meanIntervalNanos));
        } catch (ArithmeticException overflow) {
            return Long.MAX_VALUE;
        }
    }

    /** Messages a session of {@code symbols} symbols needs before and after its order flow. */
    public static long minimumMessageCount(int symbols) {
        return 2L * symbols + FIXED_FRAME_MESSAGES;
    }

    /** Messages that open the session: O, then R and H per symbol, then S and Q. */
    public long headerMessageCount() {
        return 2L * symbols + 3;
    }

    /** Order-flow messages between the opening and the three closing System Events. */
    public long orderFlowMessageCount() {
        return messageCount - minimumMessageCount(symbols);
    }

    public GeneratorSettings withSeed(long seed) {
        return new GeneratorSettings(seed, symbols, messageCount, startTimestampNanos, meanIntervalNanos,
                maxLiveOrders);
    }

    public GeneratorSettings withSymbols(int symbols) {
        return new GeneratorSettings(seed, symbols, messageCount, startTimestampNanos, meanIntervalNanos,
                maxLiveOrders);
    }

    public GeneratorSettings withMessageCount(long messageCount) {
        return new GeneratorSettings(seed, symbols, messageCount, startTimestampNanos, meanIntervalNanos,
                maxLiveOrders);
    }

    public GeneratorSettings withStartTimestampNanos(long startTimestampNanos) {
        return new GeneratorSettings(seed, symbols, messageCount, startTimestampNanos, meanIntervalNanos,
                maxLiveOrders);
    }

    public GeneratorSettings withMeanIntervalNanos(long meanIntervalNanos) {
        return new GeneratorSettings(seed, symbols, messageCount, startTimestampNanos, meanIntervalNanos,
                maxLiveOrders);
    }

    public GeneratorSettings withMaxLiveOrders(int maxLiveOrders) {
        return new GeneratorSettings(seed, symbols, messageCount, startTimestampNanos, meanIntervalNanos,
                maxLiveOrders);
    }
}
