package io.mdr.replay.bench;

import com.paritytrading.parity.book.Market;
import com.paritytrading.parity.book.MarketListener;
import com.paritytrading.parity.book.Order;
import com.paritytrading.parity.book.OrderBook;
import com.paritytrading.parity.book.Side;
import io.mdr.book.OrderBooks;
import io.mdr.book.ReferenceBook;
import io.mdr.itch.ItchMessageType;
import io.mdr.replay.gen.GeneratorSettings;
import io.mdr.replay.gen.ItchSessionGenerator;
import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;

/**
 * The same realistic stream, {@value #MESSAGES} messages of an md-gen session (seed 1, 100 symbols: every message type
 * of the order flow, books of a live market), applied in one go to three books, each starting empty:
 * <ul>
 *   <li>{@code orderBooks}: {@link OrderBooks}, with a top-of-book and a level listener;</li>
 *   <li>{@code referenceBook}: the tests' {@link ReferenceBook} (a {@code HashMap} of orders, {@code TreeMap}s of
 *       levels, the ITCH flyweights);</li>
 *   <li>{@code parityBook}: {@code com.paritytrading.parity:parity-book} 0.7.0 through its own API ({@link Market}:
 *       {@code open} on Stock Directory, {@code add}, {@code execute}, {@code cancel}, {@code delete}; a replace is
 *       its {@code find}, {@code delete} and {@code add}, as its API has no replace), with its {@link MarketListener}.</li>
 * </ul>
 * Each reads the messages from the same off-heap buffer (2-byte length, message), as the receiver hands them over
 * from mbufs and a tailer from the journal. One operation is one message: the score is ns per message; with
 * {@code -prof gc}, {@code gc.alloc.rate.norm} is bytes allocated per message. Each book ends each invocation with
 * the books of the session (the reference book's, computed once at set-up); the trial fails otherwise.
 *
 * <p>On a shared machine the benchmark thread is descheduled part of the time, which the score (wall time) counts.
 * Each trial therefore also prints the thread's CPU time per message over its measurement invocations
 * ({@code ThreadMXBean}), as {@code cpu-ns-per-message BENCHMARK VALUE}: what the book costs while it runs, still
 * including what other processes do to the caches.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class BookBenchmark {
    /** Messages in the stream: one operation each. */
    static final int MESSAGES = 10_000_000;

    UnsafeBuffer stream;
    int end;
    /**
     * The books of the whole session, from the reference book applied once at set-up: what every book must end
     * with. Not OrderBooks itself, so that the JIT's profile of OrderBooks is the benchmark's alone.
     */
    ReferenceBook expected;

    @Setup(Level.Trial)
    public void generate() {
        stream = new UnsafeBuffer(BufferUtil.allocateDirectAligned(MESSAGES * 40, 64));
        ItchSessionGenerator generator = new ItchSessionGenerator(GeneratorSettings.defaults().withMessageCount(MESSAGES));
        int length;
        while ((length = generator.next(stream, end + 2)) > 0) {
            stream.putShort(end, (short) length, ByteOrder.BIG_ENDIAN);
            end += 2 + length;
        }
        if (generator.messagesGenerated() != MESSAGES || end > stream.capacity() - 2 - ItchMessageType.MAX_LENGTH) {
            throw new IllegalStateException("stream of " + generator.messagesGenerated() + " messages in " + end + " bytes");
        }
        expected = new ReferenceBook();
        for (int at = 0; at < end; ) {
            int size = stream.getShort(at, ByteOrder.BIG_ENDIAN);
            expected.apply(stream, at + 2, size, 0);
            at += 2 + size;
        }
    }

    /** The benchmark thread's CPU time over the measurement invocations. */
    @State(Scope.Thread)
    public static class CpuClock {
        private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();
        private boolean measuring;
        private long started;
        private long cpuNanos;
        private long invocations;

        @Setup(Level.Iteration)
        public void iteration(org.openjdk.jmh.infra.IterationParams params) {
            measuring = params.getType() == org.openjdk.jmh.runner.IterationType.MEASUREMENT;
        }

        @Setup(Level.Invocation)
        public void start() {
            started = THREADS.getCurrentThreadCpuTime();
        }

        @TearDown(Level.Invocation)
        public void stop() {
            if (measuring) {
                cpuNanos += THREADS.getCurrentThreadCpuTime() - started;
                invocations++;
            }
        }

        @TearDown(Level.Trial)
        public void report(org.openjdk.jmh.infra.BenchmarkParams params) {
            if (invocations > 0) {
                System.out.printf(java.util.Locale.ROOT, "%ncpu-ns-per-message %s %.1f (%d invocations)%n",
                        params.getBenchmark().replaceAll(".*\\.", ""), cpuNanos / (double) invocations / MESSAGES, invocations);
            }
        }
    }

    /** Our book, with listeners that count what they hear. */
    @State(Scope.Thread)
    public static class Ours {
        final OrderBooks books = new OrderBooks(1 << 20, 1 << 16);
        long topChanges;
        long levelChanges;

        public Ours() {
            books.topOfBookListener((locate, bidPrice, bidShares, askPrice, askShares, stale) -> topChanges++);
            books.levelListener((locate, side, price, shares, orders, stale) -> levelChanges++);
        }

        @Setup(Level.Invocation)
        public void empty() {
            books.clear();
        }

        @TearDown(Level.Invocation)
        public void check(BookBenchmark session) {
            for (int locate = 0; locate <= GeneratorSettings.DEFAULT_SYMBOLS; locate++) {
                long[] top = session.expected.topOfBook(locate);
                same(top[0], books.bestBidPrice(locate), "best bid", locate);
                same(top[1], books.bestBidShares(locate), "best bid shares", locate);
                same(top[2], books.bestAskPrice(locate), "best ask", locate);
                same(top[3], books.bestAskShares(locate), "best ask shares", locate);
            }
            same(session.expected.orderCount(), books.orderCount(), "orders", -1);
        }
    }

    /** The reference book. */
    @State(Scope.Thread)
    public static class Reference {
        ReferenceBook book;

        @Setup(Level.Invocation)
        public void empty() {
            book = new ReferenceBook();
        }

        @TearDown(Level.Invocation)
        public void check(BookBenchmark session) {
            for (int locate = 0; locate <= GeneratorSettings.DEFAULT_SYMBOLS; locate++) {
                same(session.expected.topOfBook(locate)[0], book.topOfBook(locate)[0], "best bid", locate);
                same(session.expected.topOfBook(locate)[2], book.topOfBook(locate)[2], "best ask", locate);
            }
            same(session.expected.orderCount(), book.orderCount(), "orders", -1);
        }
    }

    /** parity-book's {@link Market}, fed by decoding each message and calling its API. */
    @State(Scope.Thread)
    public static class Parity implements MarketListener {
        Market market;
        long updates;
        long trades;

        @Setup(Level.Invocation)
        public void empty() {
            market = new Market(this);
        }

        @Override
        public void update(OrderBook book, boolean bbo) {
            updates++;
        }

        @Override
        public void trade(OrderBook book, Side side, long price, long size) {
            trades++;
        }

        void apply(DirectBuffer buffer, int offset) {
            switch (buffer.getByte(offset)) {
                case ItchMessageType.STOCK_DIRECTORY -> market.open(locate(buffer, offset));
                case ItchMessageType.ADD_ORDER, ItchMessageType.ADD_ORDER_MPID -> market.add(locate(buffer, offset),
                        buffer.getLong(offset + 11, ByteOrder.BIG_ENDIAN),
                        buffer.getByte(offset + 19) == 'B' ? Side.BUY : Side.SELL,
                        uint32(buffer, offset + 32), uint32(buffer, offset + 20));
                case ItchMessageType.ORDER_EXECUTED -> market.execute(buffer.getLong(offset + 11, ByteOrder.BIG_ENDIAN),
                        uint32(buffer, offset + 19));
                case ItchMessageType.ORDER_EXECUTED_WITH_PRICE -> market.execute(
                        buffer.getLong(offset + 11, ByteOrder.BIG_ENDIAN), uint32(buffer, offset + 19),
                        uint32(buffer, offset + 32));
                case ItchMessageType.ORDER_CANCEL -> market.cancel(buffer.getLong(offset + 11, ByteOrder.BIG_ENDIAN),
                        uint32(buffer, offset + 19));
                case ItchMessageType.ORDER_DELETE -> market.delete(buffer.getLong(offset + 11, ByteOrder.BIG_ENDIAN));
                case ItchMessageType.ORDER_REPLACE -> {
                    long original = buffer.getLong(offset + 11, ByteOrder.BIG_ENDIAN);
                    Order order = market.find(original);
                    if (order != null) {
                        long instrument = order.getOrderBook().getInstrument();
                        Side side = order.getSide();
                        market.delete(original);
                        market.add(instrument, buffer.getLong(offset + 19, ByteOrder.BIG_ENDIAN), side,
                                uint32(buffer, offset + 31), uint32(buffer, offset + 27));
                    }
                }
                default -> {
                }
            }
        }

        @TearDown(Level.Invocation)
        public void check(BookBenchmark session) {
            for (int locate = 1; locate <= GeneratorSettings.DEFAULT_SYMBOLS; locate++) {
                OrderBook book = market.open(locate);
                long[] top = session.expected.topOfBook(locate);
                same(top[0], book.getBestBidPrice(), "best bid", locate);
                same(top[2], book.getBestAskPrice(), "best ask", locate);
                if (top[0] != 0) {
                    same(top[1], book.getBidSize(top[0]), "best bid shares", locate);
                }
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public long orderBooks(Ours ours, CpuClock cpu) {
        OrderBooks books = ours.books;
        UnsafeBuffer buffer = stream;
        long sequence = 0;
        for (int at = 0, end = this.end; at < end; ) {
            int length = buffer.getShort(at, ByteOrder.BIG_ENDIAN);
            books.apply(buffer, at + 2, length, ++sequence);
            at += 2 + length;
        }
        return books.orderCount() + ours.topChanges + ours.levelChanges;
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public long referenceBook(Reference reference, CpuClock cpu) {
        ReferenceBook book = reference.book;
        UnsafeBuffer buffer = stream;
        long sequence = 0;
        for (int at = 0, end = this.end; at < end; ) {
            int length = buffer.getShort(at, ByteOrder.BIG_ENDIAN);
            book.apply(buffer, at + 2, length, ++sequence);
            at += 2 + length;
        }
        return book.orderCount();
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public long parityBook(Parity parity, CpuClock cpu) {
        UnsafeBuffer buffer = stream;
        for (int at = 0, end = this.end; at < end; ) {
            int length = buffer.getShort(at, ByteOrder.BIG_ENDIAN);
            parity.apply(buffer, at + 2);
            at += 2 + length;
        }
        return parity.updates + parity.trades;
    }

    private static int locate(DirectBuffer buffer, int offset) {
        return buffer.getShort(offset + 1, ByteOrder.BIG_ENDIAN) & 0xFFFF;
    }

    private static long uint32(DirectBuffer buffer, int index) {
        return buffer.getInt(index, ByteOrder.BIG_ENDIAN) & 0xFFFF_FFFFL;
    }

    private static void same(long expected, long actual, String what, int locate) {
        if (expected != actual) {
            throw new IllegalStateException(what + (locate >= 0 ? " of locate " + locate : "") + ": expected " + expected
                    + ", the book has " + actual);
        }
    }
}
