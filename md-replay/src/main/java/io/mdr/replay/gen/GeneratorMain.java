package io.mdr.replay.gen;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;

/**
 * Command line of the synthetic feed generator: writes a generated ITCH 5.0 session as MoldUDP64 A/B pcaps and
 * prints what they hold, including the sequence ranges lost on both lines. Run with {@code --help}, under JDK 25
 * with the project's JVM flags ({@code java @config/jvm.options -cp md-replay/target/classes:... }), which Agrona
 * needs.
 */
public final class GeneratorMain {
    /** Exit status of a run that wrote its files. */
    public static final int EXIT_OK = 0;
    /** Exit status when writing failed. */
    public static final int EXIT_IO_ERROR = 1;
    /** Exit status of a command line that could not be used. */
    public static final int EXIT_USAGE = 2;

    private static final long PROGRESS_EVERY_NANOS = 1_000_000_000L;
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final Set<String> VALUE_FLAGS = Set.of("--out-a", "--out-b", "--out", "--out-full", "--messages", "--symbols",
            "--seed", "--start-time", "--mean-interval-ns", "--max-live-orders", "--session", "--first-sequence", "--mtu",
            "--messages-per-packet", "--group-a", "--group-b", "--source", "--vlan", "--pps", "--bursty", "--b-delay-ns",
            "--date", "--loss-a", "--loss-b", "--loss-both", "--dup", "--reorder", "--burst-loss");

    private static final String USAGE = """
            Usage: GeneratorMain (--out-a FILE --out-b FILE | --out FILE) [options]

            Writes a synthetic NASDAQ TotalView-ITCH 5.0 session over MoldUDP64 as nanosecond pcaps of an A/B
            multicast pair, deterministic from the seed, and prints what the files hold, including the sequence
            ranges lost on both lines (the gaps a receiver must report).

            Output (at least one):
              --out-a FILE              line A alone
              --out-b FILE              line B alone
              --out FILE                both lines in one file, in time order (one port on both groups)
              --out-full FILE           line A with no impairment: what the exchange's retransmission server
                                        holds (md-request-server --pcap FILE serves it)

            Session:
              --messages N              messages in the session, opening and closing included (default 1000000;
                                        accepts 10M, 500k, 1_000_000)
              --symbols N               securities, 1..65535 (default 100)
              --seed S                  seed of every random choice, a long (default 1)
              --start-time HH:MM[:SS]   ITCH time of the first message (default 09:30)
              --mean-interval-ns N      mean step between message timestamps (default 1000)
              --max-live-orders N       most resting orders; past it adds become deletes (default 2097152)

            MoldUDP64 and network:
              --session NAME            MoldUDP64 session, up to 10 ASCII characters (default MDGEN00001)
              --first-sequence N        sequence number of the first message (default 1)
              --mtu N                   IP MTU, 100..65535 (default 1500)
              --messages-per-packet N   most messages a packet, 1..65534 (default: as many as fit the MTU)
              --group-a IP:PORT         line A destination (default 233.54.12.111:26477)
              --group-b IP:PORT         line B destination (default 233.54.12.112:26477)
              --source IP:PORT          source of both lines (default 10.1.1.1:49653)
              --vlan ID                 802.1Q tag with this VLAN id, 0..4095 (default: untagged)

            Timing:
              --pps N                   packets per second on each line (default 100000)
              --bursty N                send packets in bursts of N back to back at 10 Gb/s, same average rate
              --b-delay-ns N            how far line B trails line A, in ns (default 2000)
              --date YYYY-MM-DD         session date; packets are stamped in New York time (default 2025-01-02)

            Impairments (probabilities per packet, 0..1 or a percentage such as 0.5%):
              --loss-a P                lost on line A only
              --loss-b P                lost on line B only
              --loss-both P             lost on both lines
              --dup P                   sent twice on a line
              --reorder P               swapped with the next packet sent on that line
              --burst-loss P:LEN        per line, a burst of LEN packets lost starts with probability P

            Other:
              --quiet                   no progress lines
              --help                    this text

            The model (the same output for the same seed and settings):
              Opening: System Event O, then per symbol a Stock Directory R and a Trading Action H (trading),
              then System Events S and Q. Closing: System Events M, E and C.
              Order flow, in messages per thousand (close to a NASDAQ day): A add 420, F add with MPID 20,
              E executed 40, C executed with price 5, X partial cancel 20, D delete 380, U replace 95,
              P non-displayed trade 20.
              Stocks: the first are real NASDAQ tickers at about their prices, the rest generated names;
              activity is Zipf-like (weight 1/(rank+2)): a few busy names, a long tail.
              Books never cross: every best bid stays below its best ask. Each stock has a fair value that
              random-walks a cent at a time. An add is passive: it joins its side's best price (35%),
              improves on it inside the spread (5%; 20% when the fair value leans its way) or rests 1-12
              cents behind it (nearer more often), and never reaches the other side; an empty side is
              seeded near the fair value. A side holds at most 32 price levels.
              Executions fill the first order in time at the best level of one side, mostly the side the
              fair value pushes against; 60% fill the whole order, C prints up to 2 cents better.
              Cancels, deletes and replaces most often name a young order; a replace moves the price by up
              to 2 cents and stays passive. Trades print between the best bid and ask. Every E, C, X, D and
              U names a resting order; references and match numbers only grow; timestamps increase.
            """;

    private GeneratorMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command line; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.println("run with --help for usage");
            return EXIT_USAGE;
        }
        if (options.help) {
            out.print(USAGE);
            return EXIT_OK;
        }
        FeedPcapWriter writer = new FeedPcapWriter(options.generator, options.feed);
        long started = System.nanoTime();
        if (!options.quiet) {
            writer.progressListener(new ProgressPrinter(err, options.generator.messageCount(), started));
        }
        FeedReport report;
        try {
            report = writer.write(options.outputs);
        } catch (IOException e) {
            err.println("error: writing failed: " + e);
            return EXIT_IO_ERROR;
        } catch (LinkageError e) {
            // Agrona reaches into jdk.internal.misc: the JVM flags of config/jvm.options are missing.
            err.println("error: " + e);
            err.println("run java with the project's JVM flags: java @config/jvm.options -cp ... "
                    + GeneratorMain.class.getName() + " ...");
            return EXIT_IO_ERROR;
        }
        long elapsed = System.nanoTime() - started;
        out.print(report.format());
        printFile(out, "line A", options.outputs.lineA());
        printFile(out, "line B", options.outputs.lineB());
        printFile(out, "merged", options.outputs.merged());
        printFile(out, "full session (line A, unimpaired)", options.outputs.full());
        out.printf(Locale.ROOT, "generated in %.2f s (%,.0f messages/s)%n", elapsed / 1e9,
                report.messages() * 1e9 / Math.max(1, elapsed));
        return EXIT_OK;
    }

    private static void printFile(PrintStream out, String what, Path file) {
        if (file == null) {
            return;
        }
        String size;
        try {
            size = String.format("%,d bytes", Files.size(file));
        } catch (IOException e) {
            size = "size unknown";
        }
        out.println("wrote " + what + ": " + file + " (" + size + ")");
    }

    /** A command line that cannot be used; the message names the flag and what it accepts. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    /** Prints a progress line at most once a second. */
    private static final class ProgressPrinter implements FeedProgressListener {
        private final PrintStream err;
        private final long total;
        private final long started;
        private long lastPrint;

        ProgressPrinter(PrintStream err, long total, long started) {
            this.err = err;
            this.total = total;
            this.started = started;
            this.lastPrint = started;
        }

        @Override
        public void onProgress(long messages, long packets) {
            long now = System.nanoTime();
            if (now - lastPrint < PROGRESS_EVERY_NANOS || messages == total) {
                return;
            }
            lastPrint = now;
            err.printf(Locale.ROOT, "%,d of %,d messages (%.0f%%), %,d packets, %,.0f messages/s%n", messages, total,
                    100.0 * messages / total, packets, messages * 1e9 / (now - started));
        }
    }

    /** The parsed command line. */
    static final class Options {
        boolean help;
        boolean quiet;
        GeneratorSettings generator;
        FeedSettings feed;
        FeedOutputs outputs;

        static Options parse(String[] args) throws UsageException {
            Options options = new Options();
            Path outA = null;
            Path outB = null;
            Path merged = null;
            Path full = null;
            GeneratorSettings defaults = GeneratorSettings.defaults();
            long seed = defaults.seed();
            int symbols = defaults.symbols();
            long messages = defaults.messageCount();
            long startTimestamp = defaults.startTimestampNanos();
            long meanInterval = defaults.meanIntervalNanos();
            int maxLiveOrders = defaults.maxLiveOrders();
            FeedSettings.Builder feed = FeedSettings.builder();
            LocalDate date = null;
            FeedImpairments impairments = FeedImpairments.NONE;

            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                String flag = arg;
                String value = null;
                int equals = arg.indexOf('=');
                if (arg.startsWith("--") && equals > 0) {
                    flag = arg.substring(0, equals);
                    value = arg.substring(equals + 1);
                }
                switch (flag) {
                    case "--help", "-h" -> options.help = true;
                    case "--quiet", "-q" -> options.quiet = true;
                    default -> {
                        if (!flag.startsWith("-")) {
                            throw new UsageException("unexpected argument '" + arg + "': every setting is a --flag");
                        }
                        if (!VALUE_FLAGS.contains(flag)) {
                            throw new UsageException("unknown flag " + flag);
                        }
                        if (value == null) {
                            if (i + 1 == args.length) {
                                throw new UsageException(flag + " needs a value");
                            }
                            value = args[++i];
                        }
                        switch (flag) {
                            case "--out-a" -> outA = Path.of(value);
                            case "--out-b" -> outB = Path.of(value);
                            case "--out" -> merged = Path.of(value);
                            case "--out-full" -> full = Path.of(value);
                            case "--messages" -> messages = count(flag, value, 1, Long.MAX_VALUE);
                            case "--symbols" -> symbols = (int) count(flag, value, 1, GeneratorSettings.MAX_SYMBOLS);
                            case "--seed" -> seed = seed(flag, value);
                            case "--start-time" -> startTimestamp = timeOfDay(flag, value);
                            case "--mean-interval-ns" -> meanInterval = count(flag, value, 1, 1_000_000_000_000L);
                            case "--max-live-orders" -> maxLiveOrders =
                                    (int) count(flag, value, 1, GeneratorSettings.MAX_LIVE_ORDERS);
                            case "--session" -> feed.session(session(flag, value));
                            case "--first-sequence" -> feed.firstSequence(count(flag, value, 1, Long.MAX_VALUE / 2));
                            case "--mtu" -> feed.mtu((int) count(flag, value, FeedSettings.MIN_MTU, FeedSettings.MAX_MTU));
                            case "--messages-per-packet" -> feed.messagesPerPacket(
                                    (int) count(flag, value, 1, FeedSettings.MAX_MESSAGES_PER_PACKET));
                            case "--group-a" -> feed.groupA(endpoint(flag, value));
                            case "--group-b" -> feed.groupB(endpoint(flag, value));
                            case "--source" -> feed.source(endpoint(flag, value));
                            case "--vlan" -> feed.vlanId((int) count(flag, value, 0, FeedSettings.MAX_VLAN_ID));
                            case "--pps" -> feed.packetsPerSecond(count(flag, value, 1, 1_000_000_000L));
                            case "--bursty" -> feed.burstPackets((int) count(flag, value, 1, Integer.MAX_VALUE));
                            case "--b-delay-ns" -> feed.lineBDelayNanos(count(flag, value, 0, 1_000_000_000_000L));
                            case "--date" -> date = date(flag, value);
                            case "--loss-a" -> impairments = impairments.withLossA(probability(flag, value));
                            case "--loss-b" -> impairments = impairments.withLossB(probability(flag, value));
                            case "--loss-both" -> impairments = impairments.withLossBoth(probability(flag, value));
                            case "--dup" -> impairments = impairments.withDuplicate(probability(flag, value));
                            case "--reorder" -> impairments = impairments.withReorder(probability(flag, value));
                            case "--burst-loss" -> impairments = burstLoss(flag, value, impairments);
                            default -> throw new UsageException("unknown flag " + flag);
                        }
                    }
                }
            }
            if (options.help) {
                return options;
            }
            if (outA == null && outB == null && merged == null && full == null) {
                throw new UsageException("no output: give --out-a FILE and/or --out-b FILE, or --out FILE for a merged"
                        + " capture");
            }
            long minimum = GeneratorSettings.minimumMessageCount(symbols);
            if (messages < minimum) {
                throw new UsageException("--messages: a session of " + symbols + " symbols needs at least " + minimum
                        + " messages (opening and closing), got " + messages);
            }
            if (date != null) {
                feed.midnightEpochNanos(date.atStartOfDay(NEW_YORK).toEpochSecond() * 1_000_000_000L);
            }
            feed.impairments(impairments);
            try {
                options.generator = new GeneratorSettings(seed, symbols, messages, startTimestamp, meanInterval,
                        maxLiveOrders);
                options.feed = feed.build();
                options.outputs = new FeedOutputs(outA, outB, merged, full);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            return options;
        }

        /** A whole number in {@code [min, max]}; underscores and commas are ignored; k, M, G multiply by 10^3, 6, 9. */
        static long count(String flag, String value, long min, long max) throws UsageException {
            String digits = value.replace("_", "").replace(",", "").trim();
            long multiplier = 1;
            if (!digits.isEmpty()) {
                switch (Character.toLowerCase(digits.charAt(digits.length() - 1))) {
                    case 'k' -> multiplier = 1_000L;
                    case 'm' -> multiplier = 1_000_000L;
                    case 'g' -> multiplier = 1_000_000_000L;
                    default -> multiplier = 1;
                }
                if (multiplier != 1) {
                    digits = digits.substring(0, digits.length() - 1);
                }
            }
            long number;
            try {
                number = Math.multiplyExact(Long.parseLong(digits), multiplier);
            } catch (NumberFormatException | ArithmeticException e) {
                throw new UsageException(flag + ": expected a whole number from " + min + " to " + max
                        + " (such as 1000000, 1_000_000 or 1M), got '" + value + "'");
            }
            if (number < min || number > max) {
                throw new UsageException(flag + ": expected a whole number from " + min + " to " + max + ", got '"
                        + value + "'");
            }
            return number;
        }

        static double probability(String flag, String value) throws UsageException {
            String text = value.trim();
            boolean percent = text.endsWith("%");
            double probability;
            try {
                probability = Double.parseDouble(percent ? text.substring(0, text.length() - 1) : text);
            } catch (NumberFormatException e) {
                probability = Double.NaN;
            }
            if (percent) {
                probability /= 100;
            }
            if (!(probability >= 0 && probability <= 1)) {
                throw new UsageException(flag + ": expected a probability between 0 and 1 (such as 0.01 or 1%), got '"
                        + value + "'");
            }
            return probability;
        }

        static FeedImpairments burstLoss(String flag, String value, FeedImpairments impairments) throws UsageException {
            int colon = value.indexOf(':');
            if (colon < 0) {
                throw new UsageException(flag + ": expected P:LEN, a probability per packet and a burst length in"
                        + " packets (such as 0.001:20), got '" + value + "'");
            }
            double probability = probability(flag, value.substring(0, colon));
            int length = (int) count(flag, value.substring(colon + 1), 1, 1_000_000);
            return impairments.withBurstLoss(probability, length);
        }

        static long seed(String flag, String value) throws UsageException {
            try {
                return Long.decode(value.replace("_", "").trim());
            } catch (NumberFormatException e) {
                throw new UsageException(flag + ": expected a whole number (a long, decimal or 0x hex), got '" + value
                        + "'");
            }
        }

        static long timeOfDay(String flag, String value) throws UsageException {
            try {
                return LocalTime.parse(value.trim()).toNanoOfDay();
            } catch (DateTimeParseException e) {
                throw new UsageException(flag + ": expected a time of day HH:MM[:SS[.fraction]] such as 09:30, got '"
                        + value + "'");
            }
        }

        static LocalDate date(String flag, String value) throws UsageException {
            try {
                LocalDate date = LocalDate.parse(value.trim());
                if (date.getYear() < 1970 || date.getYear() > 2105) {
                    throw new UsageException(flag + ": pcap time stamps reach 1970..2105, got '" + value + "'");
                }
                return date;
            } catch (DateTimeParseException e) {
                throw new UsageException(flag + ": expected a date YYYY-MM-DD, got '" + value + "'");
            }
        }

        static String session(String flag, String value) throws UsageException {
            if (value.isEmpty() || value.length() > 10 || !value.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
                throw new UsageException(flag + ": expected 1 to 10 printable ASCII characters without spaces, got '"
                        + value + "'");
            }
            return value;
        }

        static UdpEndpoint endpoint(String flag, String value) throws UsageException {
            try {
                return UdpEndpoint.parse(value.trim());
            } catch (IllegalArgumentException e) {
                throw new UsageException(flag + ": " + e.getMessage());
            }
        }
    }
}
