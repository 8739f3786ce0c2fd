package io.mdr.tools;

import io.mdr.book.JournalBookBuilder;
import io.mdr.book.OrderBooks;
import io.mdr.book.TopOfBookListener;
import io.mdr.config.ConfigKeys;
import io.mdr.journal.JournalListener;
import io.mdr.journal.JournalMessage;
import io.mdr.journal.JournalTailer;
import io.mdr.metrics.LatencyRecorders;
import io.mdr.receiver.ShutdownSignals;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * {@code scripts/md-book}: builds the order books of a journal channel in this process, as a strategy on the
 * receiver's host would ({@link OrderBooks} fed through a {@link JournalTailer}), and prints a snapshot, a live depth
 * ladder or the top-of-book changes.
 */
public final class BookMain {
    static final String USAGE = """
            usage: md-book --queue DIR --snapshot [--depth N] [--stock SYMBOL] [--latency]
                   md-book --queue DIR --follow --stock SYMBOL [--depth N] [--latency]    (a depth ladder)
                   md-book --queue DIR --follow --bbo [--stock SYMBOL] [--latency]        (top-of-book lines)

            Builds the ITCH 5.0 order books of one journal channel (a market-by-order book per stock locate,
            aggregated to price levels) from the journal's start, as a strategy on this host would, and prints them.

              --queue DIR        the journal, the Chronicle Queue directory the receiver writes
              --snapshot         read the journal to its end, print one JSON line per stock locate with resting
                                 orders, in ascending locate order, and exit:
                                 {"stockLocate":13,"stock":"AAPL","bids":[[1502300,700],[1502200,100]],"asks":[[1502400,300]]}
                                 prices are ITCH's integers (4 implied decimals), shares integers, best levels
                                 first; "stock" is null for a locate no Stock Directory message named; a stale
                                 book adds "stale":true (a gap lost messages, the journal starts after the
                                 session did, or a table was full)
              --depth N          price levels per side, 1..10000 (default 5), in the snapshot and the ladder
              --stock SYMBOL     only this stock (printed even when its book is empty); unknown = an error
              --follow           keep reading as the receiver writes, until Ctrl-C:
                                   with --stock, a depth ladder of that stock redrawn in the terminal (asks above
                                   bids, prices in dollars), at most 10 times a second;
                                   with --bbo, a JSON line per change of a best bid or ask, after one line per
                                   stock with the current top of book:
                                   {"seq":123,"stockLocate":13,"stock":"AAPL","bid":[1502300,700],"ask":[1502400,300]}
                                   (null for an empty side, "stale":true for a stale book)
              --bbo              top-of-book lines (with --follow)
              --latency          measure journal->book (the excerpt's completion in the journal to the book
                                 updated) and rx->book (the packet's receipt to the book updated) per message, on
                                 this host's CLOCK_MONOTONIC: percentiles on stderr at the end, and with --follow a
                                 line a second (in the ladder's footer) over the messages that arrived after
                                 md-book caught up; with --snapshot they include how long ago each message was
                                 journalled
              --channel NAME     the channel whose books to build (default: the journal's first)
              --max-orders N     orders the books hold at once (default 4194304, as book.maxOrders)
              --max-levels N     price levels the books hold at once (default 1048576, as book.maxLevels)
              -h, --help         this text

            Exit status: 0 done; 1 a table was full (the output is printed, the books that lost orders marked
            stale; raise --max-orders or --max-levels) or the journal could not be read; 2 a bad command line, no
            journal at DIR, or an unknown stock or channel.
            """;

    private static final int EXIT_OK = 0;
    private static final int EXIT_FAILED = 1;
    private static final int EXIT_USAGE = 2;
    private static final int MAX_DEPTH = 10_000;
    private static final long REDRAW_NANOS = 100_000_000L;
    private static final long SECOND = 1_000_000_000L;

    private BookMain() {
    }

    public static void main(String[] args) {
        // Only --follow runs until Ctrl-C; a snapshot keeps the JVM's own handling of the signal.
        ShutdownSignals signals = java.util.Arrays.asList(args).contains("--follow") ? ShutdownSignals.install("md-book") : null;
        System.exit(run(args, System.out, System.err, signals == null ? () -> true : signals::stopRequested));
    }

    /** Runs md-book writing to {@code out} and {@code err}; {@code stop} ends --follow. Returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err, BooleanSupplier stop) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("md-book: " + e.getMessage());
            return EXIT_USAGE;
        }
        if (options.help) {
            out.print(USAGE);
            return EXIT_OK;
        }
        OrderBooks books;
        try {
            books = new OrderBooks(options.maxOrders, options.maxLevels);
        } catch (OutOfMemoryError e) {
            err.println("md-book: not enough heap for --max-orders " + options.maxOrders + " and --max-levels "
                    + options.maxLevels + " (give the JVM more with MD_JAVA_OPTS=-Xmx..., or lower them)");
            return EXIT_FAILED;
        }
        Measured reader = new Measured(new JournalBookBuilder(books, options.channel), options.latency);
        try (JournalTailer tailer = JournalTailer.open(options.queue).fromStart()) {
            while (tailer.poll(reader, 4096) > 0) {
                // catch up with what the journal holds
            }
            if (options.channel != null && reader.builder.channelId() < 0) {
                err.println("md-book: no channel " + options.channel + " in the journal at " + options.queue);
                return EXIT_USAGE;
            }
            int locate = -1;
            if (options.stock != null) {
                locate = locateOf(books, options.stock);
                if (locate < 0) {
                    err.println("md-book: no stock " + options.stock + " in the journal's Stock Directory messages"
                            + (books.orderCount() == 0 && reader.builder.channelId() < 0 ? " (the journal holds no messages)" : ""));
                    return EXIT_USAGE;
                }
            }
            if (options.snapshot) {
                printSnapshot(books, locate, options.depth, out);
                if (options.latency) {
                    err.println(reader.summary("journal->book latency over every message read (their age included)"));
                }
            } else {
                follow(tailer, reader, books, locate, options, out, err, stop);
            }
        } catch (IllegalArgumentException e) {
            err.println("md-book: " + e.getMessage());
            return EXIT_USAGE;
        } catch (UncheckedIOException e) {
            err.println("md-book: " + e.getMessage());
            return EXIT_FAILED;
        }
        out.flush();
        String problem = books.capacityProblem();
        if (problem != null) {
            err.println("md-book: " + problem.replace("book.maxOrders", "--max-orders").replace("book.maxLevels", "--max-levels"));
            return EXIT_FAILED;
        }
        return EXIT_OK;
    }

    private static void printSnapshot(OrderBooks books, int onlyLocate, int depth, PrintStream out) {
        StringBuilder sb = new StringBuilder(1024);
        for (int locate = 0; locate < OrderBooks.LOCATES; locate++) {
            if (onlyLocate >= 0 ? locate == onlyLocate : books.orderCount(locate) > 0) {
                BookViews.snapshotLine(books, locate, depth, sb);
                out.append(sb);
                sb.setLength(0);
            }
        }
    }

    private static void follow(JournalTailer tailer, Measured reader, OrderBooks books, int locate, Options options,
                               PrintStream out, PrintStream err, BooleanSupplier stop) {
        boolean ladder = !options.bbo;
        StringBuilder sb = new StringBuilder(256);
        boolean[] dirty = {true};
        if (options.bbo) {
            for (int l = 0; l < OrderBooks.LOCATES; l++) {
                if (locate >= 0 ? l == locate : books.orderCount(l) > 0) {
                    BookViews.topOfBookLine(books, l, books.lastSequence(), sb);
                }
            }
            out.append(sb);
            sb.setLength(0);
        }
        books.topOfBookListener(new TopOfBookListener() {
            @Override
            public void onTopOfBook(int l, long bidPrice, long bidShares, long askPrice, long askShares, boolean stale) {
                if (locate < 0 || l == locate) {
                    dirty[0] = true;
                    if (options.bbo) {
                        BookViews.topOfBookLine(books, l, books.lastSequence(), sb);
                    }
                }
            }

            @Override
            public void onStale(long fromSequence) {
                dirty[0] = true;
            }
        });
        if (ladder) {
            books.levelListener((l, side, price, shares, orders, stale) -> dirty[0] |= l == locate);
        }
        reader.startMeasuring();
        IdleStrategy idle = new BackoffIdleStrategy();
        long lastDraw = 0;
        long nextSecond = System.nanoTime() + SECOND;
        String footer = options.latency ? "journal->book: waiting for messages" : "";
        while (!stop.getAsBoolean()) {
            int read = tailer.poll(reader, 1024);
            if (!sb.isEmpty()) {
                out.append(sb);
                out.flush();
                sb.setLength(0);
            }
            long now = System.nanoTime();
            if (options.latency && now >= nextSecond) {
                nextSecond += SECOND;
                footer = reader.interval();
                if (!ladder) {
                    err.println(footer);
                }
                dirty[0] |= ladder;
            }
            if (ladder && dirty[0] && now - lastDraw >= REDRAW_NANOS) {
                out.print("\033[H\033[2J" + BookViews.ladder(books, locate, options.depth, books.lastSequence(), footer));
                out.flush();
                dirty[0] = false;
                lastDraw = now;
            }
            idle.idle(read);
        }
        if (options.latency) {
            err.println(reader.summary("journal->book latency after catching up"));
        }
    }

    /** The locate a Stock Directory message gave {@code stock}, or -1. */
    static int locateOf(OrderBooks books, String stock) {
        for (int locate = 0; locate < OrderBooks.LOCATES; locate++) {
            if (books.hasStock(locate) && stock.equals(books.stock(locate))) {
                return locate;
            }
        }
        return -1;
    }

    /** The book builder, with journal->book and rx->book latency per message once asked to measure. */
    private static final class Measured implements JournalListener {
        final JournalBookBuilder builder;
        private final boolean enabled;
        private boolean measuring;
        private final Histogram journalTotal = LatencyRecorders.newHistogram();
        private final Histogram rxTotal = LatencyRecorders.newHistogram();
        private final Histogram journalInterval = LatencyRecorders.newHistogram();

        Measured(JournalBookBuilder builder, boolean enabled) {
            this.builder = builder;
            this.enabled = enabled;
            this.measuring = enabled;
        }

        /** From now on only (follow mode, once caught up). */
        void startMeasuring() {
            journalTotal.reset();
            rxTotal.reset();
            journalInterval.reset();
            measuring = enabled;
        }

        @Override
        public void onMessage(JournalMessage message) {
            builder.onMessage(message);
            if (measuring) {
                long now = System.nanoTime();
                long journal = clamp(now - message.journalNanos());
                journalTotal.recordValue(journal);
                journalInterval.recordValue(journal);
                rxTotal.recordValue(clamp(now - message.rxNanos()));
            }
        }

        @Override
        public void onGap(int channelId, String channelName, long from, long to, long nanos) {
            builder.onGap(channelId, channelName, from, to, nanos);
        }

        String interval() {
            String line = "journal->book " + percentiles(journalInterval) + " (last second)";
            journalInterval.reset();
            return line;
        }

        String summary(String what) {
            return "md-book: " + what + ": journal->book " + percentiles(journalTotal) + "; rx->book "
                    + percentiles(rxTotal);
        }

        private static long clamp(long nanos) {
            return Math.max(0, Math.min(nanos, LatencyRecorders.HIGHEST_NANOS));
        }

        private static String percentiles(Histogram h) {
            if (h.getTotalCount() == 0) {
                return "n=0";
            }
            return String.format(Locale.ROOT, "n=%d p50 %s p90 %s p99 %s p99.9 %s max %s", h.getTotalCount(),
                    micros(h.getValueAtPercentile(50)), micros(h.getValueAtPercentile(90)),
                    micros(h.getValueAtPercentile(99)), micros(h.getValueAtPercentile(99.9)), micros(h.getMaxValue()));
        }

        private static String micros(long nanos) {
            return nanos < 10_000 ? String.format(Locale.ROOT, "%.2fus", nanos / 1e3)
                    : String.format(Locale.ROOT, "%.0fus", nanos / 1e3);
        }
    }

    /** The parsed command line. */
    private static final class Options {
        boolean help;
        Path queue;
        boolean snapshot;
        boolean follow;
        boolean bbo;
        boolean latency;
        int depth = 5;
        String stock;
        String channel;
        int maxOrders = ConfigKeys.BOOK_MAX_ORDERS_DEFAULT;
        int maxLevels = ConfigKeys.BOOK_MAX_LEVELS_DEFAULT;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "-h", "--help" -> o.help = true;
                    case "--queue" -> o.queue = Path.of(value(args, ++i, a));
                    case "--snapshot" -> o.snapshot = true;
                    case "--follow" -> o.follow = true;
                    case "--bbo" -> o.bbo = true;
                    case "--latency" -> o.latency = true;
                    case "--depth" -> o.depth = intValue(args, ++i, a, 1, MAX_DEPTH);
                    case "--stock" -> o.stock = value(args, ++i, a);
                    case "--channel" -> o.channel = value(args, ++i, a);
                    case "--max-orders" -> o.maxOrders = intValue(args, ++i, a, 1, OrderBooks.MAX_ORDERS);
                    case "--max-levels" -> o.maxLevels = intValue(args, ++i, a, 1, OrderBooks.MAX_LEVELS);
                    default -> throw new IllegalArgumentException("unknown option " + a + " (see --help)");
                }
            }
            if (o.help) {
                return o;
            }
            if (o.queue == null) {
                throw new IllegalArgumentException("--queue DIR is required (see --help)");
            }
            if (o.snapshot == o.follow) {
                throw new IllegalArgumentException(o.snapshot
                        ? "--snapshot reads to the end and exits, --follow keeps reading: give one of them"
                        : "give --snapshot, or --follow with --stock SYMBOL or --bbo (see --help)");
            }
            if (o.follow && !o.bbo && o.stock == null) {
                throw new IllegalArgumentException("--follow needs --stock SYMBOL (a depth ladder) or --bbo (top-of-book lines)");
            }
            if (o.bbo && !o.follow) {
                throw new IllegalArgumentException("--bbo prints top-of-book changes as they happen: it goes with --follow");
            }
            checkJournal(o.queue);
            return o;
        }

        private static void checkJournal(Path queue) {
            if (!Files.isDirectory(queue)) {
                throw new IllegalArgumentException("--queue " + queue + ": no such directory (expected the journal,"
                        + " a Chronicle Queue directory)");
            }
            try (Stream<Path> files = Files.list(queue)) {
                if (files.noneMatch(f -> f.getFileName().toString().endsWith(".cq4"))) {
                    throw new IllegalArgumentException("--queue " + queue + ": no journal there (no Chronicle Queue"
                            + " .cq4 file)");
                }
            } catch (IOException e) {
                throw new IllegalArgumentException("--queue " + queue + ": cannot be read (" + e.getMessage() + ")");
            }
        }

        private static String value(String[] args, int i, String flag) {
            if (i >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value (see --help)");
            }
            return args[i];
        }

        private static int intValue(String[] args, int i, String flag, int min, int max) {
            String v = value(args, i, flag);
            try {
                int n = Integer.parseInt(v.replace("_", ""));
                if (n >= min && n <= max) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException(flag + " " + v + ": expected an integer in " + min + ".." + max);
        }
    }
}
