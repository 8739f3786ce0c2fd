package io.mdr.fanout.subscribe;

import io.mdr.fanout.CommandLine;
import io.mdr.fanout.LoopCost;
import io.mdr.receiver.ShutdownSignals;
import io.mdr.tools.JsonLines;
import io.mdr.tools.SequenceCheck;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * {@code scripts/md-subscribe}: receives the journal from {@code md-fanout} over Aeron (see {@link #USAGE}).
 */
public final class SubscribeMain {
    static final String USAGE = """
            usage: md-subscribe --channel URI --stream ID [options]

            Receives the journal's records from md-fanout over Aeron with FeedSubscriber, exactly once across
            fan-out restarts, and prints a stats line a second (on stderr).

              --channel URI          the channel as this host subscribes: aeron:ipc, aeron:udp?endpoint=THIS_HOST:PORT
                                     (unicast), aeron:udp?endpoint=GROUP:PORT|interface=THIS_HOST (multicast), or
                                     aeron:udp?endpoint=THIS_HOST:PORT|control=FANOUT_HOST:PORT (multi-destination);
                                     add gtag=TAG to be in md-fanout's --flow-control tagged:TAG group
              --stream ID            the Aeron stream id
              --dump                 print exactly md-dump's JSON lines (stdout)
              --check                check exactly as md-dump --check (report on stdout at exit; exit 1 if not OK)
              --latency              journal-commit->handler and rx->handler percentiles at exit (stderr); the
                                     fan-out must run on this host (one clock)
              --latency-warmup N     leave the first N messages out of the percentiles (default 0)
              --hlog FILE            also write the journal->subscriber histogram as an HdrHistogram log
              --exit-when-idle S     exit after S seconds without a record (counted from the first connection, and
                                     from a publisher's stream joining or going away)
              --replay               join late: replay the fan-out's archive from its start, then merge into live
              --archive-control URI  the fan-out's archive (md-fanout --archive-control), for --replay
              --local-address IP     this host's address for the archive's replies and replays (default: from
                                     the channel)
              --aeron-dir DIR        use the media driver running in DIR (default: one embedded in this process)
              --idle KIND            backoff (default), yield, busy-spin (lowest latency, takes a core)
              --pause-us N           sleep N microseconds after each message (to see a slow strategy's effect)
              --stats-interval MS    stats line interval on stderr (default 1000; 0: none)
              -h, --help             this text
            """;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    /** Messages received before the loop's cost is measured (at least; or the latency warm-up). */
    private static final long WARMUP_MESSAGES = 100_000;
    /** Output reaches a reader at least this often while records stream in. */
    private static final long FLUSH_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private SubscribeMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream stdout, PrintStream stderr) {
        String channel = null;
        Integer stream = null;
        boolean dump = false;
        boolean check = false;
        boolean latency = false;
        long latencyWarmup = 0;
        Path hlog = null;
        long exitWhenIdleNanos = 0;
        boolean replay = false;
        String archiveControl = null;
        String localAddress = null;
        Path aeronDir = null;
        IdleStrategy idle = new BackoffIdleStrategy();
        long pauseNanos = 0;
        int statsIntervalMs = 1000;
        try {
            CommandLine cl = new CommandLine(args);
            while (cl.hasNext()) {
                String flag = cl.flag();
                switch (flag) {
                    case "-h", "--help" -> {
                        stdout.print(USAGE);
                        return 0;
                    }
                    case "--channel" -> channel = cl.value(flag);
                    case "--stream" -> stream = cl.integer(flag, Integer.MIN_VALUE, Integer.MAX_VALUE);
                    case "--dump" -> dump = true;
                    case "--check" -> check = true;
                    case "--latency" -> latency = true;
                    case "--latency-warmup" -> latencyWarmup = cl.integer(flag, 0, Integer.MAX_VALUE);
                    case "--hlog" -> hlog = cl.path(flag);
                    case "--exit-when-idle" -> exitWhenIdleNanos = cl.seconds(flag);
                    case "--replay" -> replay = true;
                    case "--archive-control" -> archiveControl = cl.value(flag);
                    case "--local-address" -> localAddress = cl.value(flag);
                    case "--aeron-dir" -> aeronDir = cl.path(flag);
                    case "--idle" -> idle = cl.idle(flag);
                    case "--pause-us" -> pauseNanos = TimeUnit.MICROSECONDS.toNanos(cl.integer(flag, 0, 10_000_000));
                    case "--stats-interval" -> statsIntervalMs = cl.integer(flag, 0, 3_600_000);
                    default -> throw CommandLine.unknown(flag);
                }
            }
            if (channel == null || stream == null) {
                throw new IllegalArgumentException("--channel URI and --stream ID are required (see --help)");
            }
            if (replay != (archiveControl != null)) {
                throw new IllegalArgumentException(replay ? "--replay needs --archive-control URI (md-fanout's --archive-control)"
                        : "--archive-control is for --replay");
            }
            if (dump && check) {
                throw new IllegalArgumentException("give --dump or --check, not both (as md-dump)");
            }
        } catch (IllegalArgumentException e) {
            stderr.println("md-subscribe: " + e.getMessage());
            return 2;
        }

        Writer out = new BufferedWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), 1 << 16);
        SequenceCheck sequenceCheck = check ? new SequenceCheck() : null;
        SubscriberListener listener = new SubscriberListener(dump ? new JsonLines(out) : null, sequenceCheck, latency,
                latencyWarmup, pauseNanos);
        ShutdownSignals signals = ShutdownSignals.install("md-subscribe");
        FeedSubscriber.Builder builder = FeedSubscriber.builder(channel, stream).aeronDirectory(aeronDir);
        if (replay) {
            builder.replay(archiveControl);
        }
        if (localAddress != null) {
            builder.localAddress(localAddress);
        }
        long start = System.nanoTime();
        String reason = "stop requested";
        try (FeedSubscriber feed = builder.open()) {
            stderr.printf("md-subscribe: %s stream %d%s%n", channel, stream, replay ? ", joining through the archive at " + archiveControl : "");
            Thread stats = statsThread(feed, listener, statsIntervalMs, stderr);
            long connectedNanos = 0;
            long lastFlush = start;
            long flushed = 0;
            LoopCost cost = new LoopCost();
            long costMark = Math.max(latencyWarmup, WARMUP_MESSAGES);
            while (!signals.stopRequested()) {
                long before = listener.messages;
                int work = feed.poll(listener, 256);
                long now = System.nanoTime();
                if (listener.messages != before) {
                    if (before == 0) {
                        listener.firstMessageNanos = now; // throughput is timed per poll, not per message
                    }
                    listener.lastMessageNanos = now;
                }
                if (!cost.isMarked() && listener.messages >= costMark) {
                    cost.mark(listener.messages);
                }
                if (connectedNanos == 0 && (feed.isConnected() || feed.records() > 0)) {
                    connectedNanos = now;
                }
                if (exitWhenIdleNanos > 0 && connectedNanos != 0
                        && now - Math.max(feed.lastActivityNanos(), connectedNanos) > exitWhenIdleNanos) {
                    reason = "no record for " + exitWhenIdleNanos / 1e9 + " s";
                    break;
                }
                if (dump && listener.messages + listener.gaps != flushed && (work == 0 || now - lastFlush > FLUSH_NANOS)) {
                    flush(out);
                    flushed = listener.messages + listener.gaps;
                    lastFlush = now;
                }
                idle.idle(work);
            }
            String costLine = cost.report(listener.messages, "messages"); // the loop's, before the summary
            stats.interrupt();
            flush(out);
            stderr.printf(Locale.ROOT, "md-subscribe: stopping (%s) after %.1f s: %,d records, %,d messages, %d gaps, %d ends of session;"
                            + " %d duplicates dropped, %d missed, %d catalog records; %s%n",
                    reason, (System.nanoTime() - start) / 1e9, feed.records(), listener.messages, listener.gaps, listener.endsOfSession,
                    feed.duplicates(), feed.missed(), feed.catalogRecords(), feed.state());
            if (listener.messages > 1) {
                double streamSeconds = (listener.lastMessageNanos - listener.firstMessageNanos) / 1e9;
                stderr.printf(Locale.ROOT, "md-subscribe: %,d messages from the first to the last in %.3f s: %,.0f messages/s%n",
                        listener.messages, streamSeconds, (listener.messages - 1) / Math.max(streamSeconds, 1e-9));
            }
            stderr.println("md-subscribe: " + costLine);
            if (latency) {
                stderr.println(percentiles("journal->subscriber", listener.journalToHandler));
                stderr.println(percentiles("rx->subscriber", listener.rxToHandler));
                if (hlog != null) {
                    writeLog(hlog, listener.journalToHandler);
                }
            }
        } catch (UncheckedIOException e) {
            stderr.println("md-subscribe: " + e.getMessage());
            return 1;
        } catch (IllegalArgumentException e) {
            stderr.println("md-subscribe: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            stderr.println("md-subscribe: " + e);
            return 1;
        }
        if (sequenceCheck != null) {
            stdout.print(sequenceCheck.report());
            stdout.flush();
            return sequenceCheck.ok() ? 0 : 1;
        }
        return 0;
    }

    /**
     * The stats line, once per interval, from a thread of its own: the polling loop neither formats nor prints
     * (figures read from it may be a poll behind).
     */
    private static Thread statsThread(FeedSubscriber feed, SubscriberListener listener, int intervalMs, PrintStream stderr) {
        Thread thread = new Thread(() -> {
            long lastRecords = 0;
            long lastMessages = 0;
            long last = System.nanoTime();
            while (intervalMs > 0) {
                try {
                    Thread.sleep(intervalMs);
                } catch (InterruptedException e) {
                    return;
                }
                long now = System.nanoTime();
                double seconds = (now - last) / 1e9;
                long records = feed.records();
                long messages = listener.messages;
                stderr.printf(Locale.ROOT, "%s subscribe %.0f rec/s %.0f msg/s | records %,d messages %,d gaps %d | duplicates %d missed %d | %s%n",
                        LocalTime.now().format(TIME), (records - lastRecords) / seconds, (messages - lastMessages) / seconds,
                        records, messages, listener.gaps, feed.duplicates(), feed.missed(), feed.state());
                lastRecords = records;
                lastMessages = messages;
                last = now;
            }
        }, "md-subscribe-stats");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** {@code   NAME n=N p50 Xus p90 ... p99 ... p99.9 ... p99.99 ... max Xus}, as md-receiver's summary prints them. */
    public static String percentiles(String name, Histogram h) {
        if (h.getTotalCount() == 0) {
            return String.format(Locale.ROOT, "  %-20s n=0", name);
        }
        return String.format(Locale.ROOT, "  %-20s n=%d p50 %.2fus p90 %.2fus p99 %.2fus p99.9 %.2fus p99.99 %.2fus max %.2fus",
                name, h.getTotalCount(), us(h, 50), us(h, 90), us(h, 99), us(h, 99.9), us(h, 99.99), h.getMaxValue() / 1e3);
    }

    private static double us(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1e3;
    }

    private static void flush(Writer out) {
        try {
            out.flush();
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeLog(Path file, Histogram h) {
        try (PrintStream log = new PrintStream(file.toFile(), StandardCharsets.UTF_8)) {
            org.HdrHistogram.HistogramLogWriter writer = new org.HdrHistogram.HistogramLogWriter(log);
            writer.outputLogFormatVersion();
            writer.outputLegend();
            h.setTag("journal-to-subscriber");
            writer.outputIntervalHistogram(h);
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
