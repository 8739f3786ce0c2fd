package io.mdr.tools;

import io.mdr.journal.JournalListener;
import io.mdr.journal.JournalMessage;
import io.mdr.journal.JournalTailer;
import io.mdr.metrics.LatencyRecorders;
import io.mdr.receiver.ShutdownSignals;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.io.FileNotFoundException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code scripts/md-consumer-latency}: a strategy-side tailer in its own process that measures how long
 * messages take to reach it: journal→consumer (from the excerpt's completion in the journal) and
 * rx→consumer (from the packet's receipt). Prints a line per second, a summary at exit, and optionally an
 * HdrHistogram interval log.
 */
public final class ConsumerLatencyMain {
    static final String USAGE = """
            usage: md-consumer-latency --queue DIR [--from-start] [--seconds N] [--hlog FILE] [--idle busy-spin|backoff]

            Tails the journal from another process, as a strategy would, and records per message the
            journal->consumer latency (now minus the time the receiver completed the excerpt) and the
            rx->consumer latency (now minus the packet's receive time); both are CLOCK_MONOTONIC, so the
            consumer must run on the receiver's host. Prints one line a second and a percentile summary at exit.

              --queue DIR       the journal the receiver writes
              --from-start      read what is already there too (default: only what is written from now on)
              --seconds N       stop after N seconds (default: until Ctrl-C or SIGTERM)
              --hlog FILE       write interval histograms (tags journal-to-consumer, rx-to-consumer)
              --idle KIND       busy-spin (default: lowest latency, takes a core) or backoff
              -h, --help        this text
            """;

    private ConsumerLatencyMain() {
    }

    public static void main(String[] args) throws FileNotFoundException {
        Path queue = null;
        boolean fromStart = false;
        long seconds = 0;
        Path hlog = null;
        IdleStrategy idle = new BusySpinIdleStrategy();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "-h", "--help" -> {
                    System.out.print(USAGE);
                    return;
                }
                case "--queue" -> queue = Path.of(value(args, ++i, "--queue"));
                case "--from-start" -> fromStart = true;
                case "--seconds" -> seconds = parse(value(args, ++i, "--seconds"), "--seconds");
                case "--hlog" -> hlog = Path.of(value(args, ++i, "--hlog"));
                case "--idle" -> {
                    String kind = value(args, ++i, "--idle");
                    idle = switch (kind) {
                        case "busy-spin" -> new BusySpinIdleStrategy();
                        case "backoff" -> new BackoffIdleStrategy();
                        default -> fail("--idle " + kind + ": expected busy-spin or backoff");
                    };
                }
                default -> fail("unknown option " + args[i] + " (see --help)");
            }
        }
        if (queue == null || !Files.isDirectory(queue)) {
            fail(queue == null ? "--queue DIR is required (see --help)" : "--queue " + queue + ": no such journal");
        }
        ShutdownSignals signals = ShutdownSignals.install("md-consumer-latency");
        Recording recording = new Recording();
        HistogramLogWriter log = null;
        PrintStream logStream = null;
        if (hlog != null) {
            logStream = new PrintStream(hlog.toFile());
            log = new HistogramLogWriter(logStream);
            log.outputLogFormatVersion();
            log.outputStartTime(System.currentTimeMillis());
            log.setBaseTime(System.currentTimeMillis());
            log.outputLegend();
        }
        Histogram totalJournal = LatencyRecorders.newHistogram();
        Histogram totalRx = LatencyRecorders.newHistogram();
        Histogram intervalJournal = null;
        Histogram intervalRx = null;
        try (JournalTailer tailer = JournalTailer.open(queue)) {
            if (fromStart) {
                tailer.fromStart();
            } else {
                tailer.fromEnd();
            }
            // --seconds counts from here: opening the queue (Chronicle's class loading) takes seconds on a busy host.
            long start = System.nanoTime();
            long deadline = seconds > 0 ? start + seconds * 1_000_000_000L : Long.MAX_VALUE;
            long nextLine = start + 1_000_000_000L;
            while (!signals.stopRequested() && System.nanoTime() < deadline) {
                idle.idle(tailer.poll(recording, 256));
                long now = System.nanoTime();
                if (now >= nextLine) {
                    nextLine += 1_000_000_000L;
                    intervalJournal = recording.journal.getIntervalHistogram(intervalJournal);
                    intervalRx = recording.rx.getIntervalHistogram(intervalRx);
                    totalJournal.add(intervalJournal);
                    totalRx.add(intervalRx);
                    if (log != null) {
                        write(log, "journal-to-consumer", intervalJournal);
                        write(log, "rx-to-consumer", intervalRx);
                    }
                    System.out.println(line("interval", intervalJournal, intervalRx));
                }
            }
        }
        totalJournal.add(recording.journal.getIntervalHistogram());
        totalRx.add(recording.rx.getIntervalHistogram());
        System.out.println(line("summary", totalJournal, totalRx));
        if (logStream != null) {
            logStream.close();
        }
    }

    /** Per message, on the tailing thread: single writer, allocation-free. */
    private static final class Recording implements JournalListener {
        final org.HdrHistogram.SingleWriterRecorder journal =
                new org.HdrHistogram.SingleWriterRecorder(LatencyRecorders.HIGHEST_NANOS, 3);
        final org.HdrHistogram.SingleWriterRecorder rx =
                new org.HdrHistogram.SingleWriterRecorder(LatencyRecorders.HIGHEST_NANOS, 3);

        @Override
        public void onMessage(JournalMessage message) {
            long now = System.nanoTime();
            LatencyRecorders.record(journal, now - message.journalNanos(), 1);
            LatencyRecorders.record(rx, now - message.rxNanos(), 1);
        }
    }

    private static void write(HistogramLogWriter log, String tag, Histogram h) {
        if (h.getTotalCount() > 0) {
            h.setTag(tag);
            log.outputIntervalHistogram(h);
        }
    }

    static String line(String what, Histogram journal, Histogram rx) {
        return String.format(Locale.ROOT, "%s: %,d messages; journal->consumer p50 %s p99 %s p99.99 %s max %s;"
                        + " rx->consumer p50 %s p99 %s max %s", what, journal.getTotalCount(),
                us(journal, 50), us(journal, 99), us(journal, 99.99), us(journal, 100), us(rx, 50), us(rx, 99), us(rx, 100));
    }

    private static String us(Histogram h, double p) {
        if (h.getTotalCount() == 0) {
            return "-";
        }
        long v = p >= 100 ? h.getMaxValue() : h.getValueAtPercentile(p);
        return String.format(Locale.ROOT, "%.2fus", v / 1e3);
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            fail(flag + " needs a value (see --help)");
        }
        return args[i];
    }

    private static long parse(String v, String flag) {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            return fail(flag + " " + v + ": expected a whole number");
        }
    }

    private static <T> T fail(String message) {
        System.err.println("md-consumer-latency: " + message);
        System.exit(2);
        return null;
    }
}
