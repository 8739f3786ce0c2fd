package io.mdr.metrics;

import io.mdr.net.DropReason;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

import java.io.FileNotFoundException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The stats line printed every interval, the interval latency logs ({@code .hlog}), and the summary at exit.
 * Runs on the main thread; reads counters the polling thread writes.
 */
public final class StatsReporter implements AutoCloseable {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final ReceiverCounters counters;
    private final LatencyRecorders latency;
    private final HistogramLogWriter log;
    private final PrintStream logStream;
    private final Histogram totalRxToHandler = LatencyRecorders.newHistogram();
    private final Histogram totalRxToJournal = LatencyRecorders.newHistogram();
    private final Histogram totalExchangeToHandler = LatencyRecorders.newHistogram();
    private final Histogram totalRecoveryTime = LatencyRecorders.newHistogram();
    private final boolean recovery;
    private final Histogram totalRxToBook = LatencyRecorders.newHistogram();
    private Histogram intervalRxToHandler;
    private Histogram intervalRecoveryTime;
    private Histogram intervalRxToJournal;
    private Histogram intervalExchangeToHandler;
    private Histogram intervalRxToBook;
    private final long startNanos = System.nanoTime();
    private long lastNanos = startNanos;
    private long lastPackets;
    private long lastMessages;
    private long lastBytes;
    private long lastBusyNanos;
    private long lastEmptyPolls;

    /** @param histogramLog where to write interval histograms, or null for none */
    public StatsReporter(ReceiverCounters counters, LatencyRecorders latency, Path histogramLog) {
        this(counters, latency, histogramLog, false);
    }

    /**
     * @param histogramLog where to write interval histograms, or null for none
     * @param recovery     whether holes are recovered from request servers (the stats line and summary say how)
     */
    public StatsReporter(ReceiverCounters counters, LatencyRecorders latency, Path histogramLog, boolean recovery) {
        this.counters = counters;
        this.latency = latency;
        this.recovery = recovery;
        if (histogramLog != null) {
            try {
                Path parent = histogramLog.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                logStream = new PrintStream(histogramLog.toFile());
            } catch (FileNotFoundException e) {
                throw new IllegalStateException("cannot write histogram log " + histogramLog + ": " + e.getMessage(), e);
            } catch (java.io.IOException e) {
                throw new IllegalStateException("cannot create the directory of " + histogramLog + ": " + e.getMessage(), e);
            }
            log = new HistogramLogWriter(logStream);
            log.outputLogFormatVersion();
            log.outputStartTime(System.currentTimeMillis());
            log.setBaseTime(System.currentTimeMillis());
            log.outputLegend();
        } else {
            log = null;
            logStream = null;
        }
    }

    /** Harvests the interval and returns the one-line summary of it. */
    public String intervalLine() {
        long now = System.nanoTime();
        double seconds = Math.max(1e-9, (now - lastNanos) / 1e9);
        long packets = counters.packets.get();
        long messages = counters.messages.get();
        long bytes = counters.bytes.get();
        long busyNanos = counters.pollBusyNanos.get();
        long emptyPolls = counters.emptyPolls.get();
        harvest();
        // rx->handler when a handler is timed (receiver.handler=book, exchange latency); else the journal's latency
        Histogram shown = intervalRxToHandler.getTotalCount() > 0 || intervalRxToJournal.getTotalCount() == 0
                ? intervalRxToHandler : intervalRxToJournal;
        String line = String.format(Locale.ROOT,
                "%s rx %s pps %s msg/s %s | drops %d%s | gaps %d (%d msgs) dup %d | imissed %d nombuf %d | %s p50 %s p99 %s max %s | busy %.0f%%",
                LocalTime.now().format(TIME), si((packets - lastPackets) / seconds), si((messages - lastMessages) / seconds),
                bits((bytes - lastBytes) * 8 / seconds), counters.totalDrops(), dropDetail(), counters.gaps.get(),
                counters.gapMessages.get(), counters.duplicatePackets.get(), counters.portImissed.get(),
                counters.portRxNoMbuf.get(), shown == intervalRxToHandler ? "rx->handler" : "rx->journal",
                micros(shown, 50), micros(shown, 99), micros(shown, 100),
                Math.min(100.0, 100.0 * (busyNanos - lastBusyNanos) / (seconds * 1e9)))
                + emptyPoll(seconds * 1e9 - (busyNanos - lastBusyNanos), emptyPolls - lastEmptyPolls)
                + (intervalRxToBook.getTotalCount() == 0 ? "" : String.format(Locale.ROOT, " | rx->book p50 %s p99 %s",
                        micros(intervalRxToBook, 50), micros(intervalRxToBook, 99)));
        if (recovery) {
            line += String.format(Locale.ROOT, " | recovery req %d rcvd %d healed %d given-up %d open %d p50 %s p99 %s",
                    counters.recoveryRequestsSent.get(), counters.recoveredMessages.get(),
                    counters.recoveryHolesHealed.get(), counters.recoveryHolesGivenUp.get(), counters.holesOpen.get(),
                    micros(intervalRecoveryTime, 50), micros(intervalRecoveryTime, 99));
        }
        lastNanos = now;
        lastBusyNanos = busyNanos;
        lastEmptyPolls = emptyPolls;
        lastPackets = packets;
        lastMessages = messages;
        lastBytes = bytes;
        return line;
    }

    private void harvest() {
        intervalRxToHandler = latency.rxToHandler.getIntervalHistogram(intervalRxToHandler);
        intervalRxToJournal = latency.rxToJournal.getIntervalHistogram(intervalRxToJournal);
        intervalExchangeToHandler = latency.exchangeToHandler.getIntervalHistogram(intervalExchangeToHandler);
        intervalRecoveryTime = latency.recoveryTime.getIntervalHistogram(intervalRecoveryTime);
        totalRecoveryTime.add(intervalRecoveryTime);
        intervalRxToBook = latency.rxToBook.getIntervalHistogram(intervalRxToBook);
        totalRxToHandler.add(intervalRxToHandler);
        totalRxToJournal.add(intervalRxToJournal);
        totalExchangeToHandler.add(intervalExchangeToHandler);
        totalRxToBook.add(intervalRxToBook);
        if (log != null) {
            writeTagged("rx-to-handler", intervalRxToHandler);
            writeTagged("rx-to-journal", intervalRxToJournal);
            writeTagged("exchange-to-handler", intervalExchangeToHandler);
            writeTagged("recovery-time", intervalRecoveryTime);
            writeTagged("rx-to-book", intervalRxToBook);
        }
    }

    private void writeTagged(String tag, Histogram histogram) {
        if (histogram.getTotalCount() > 0) {
            histogram.setTag(tag);
            log.outputIntervalHistogram(histogram);
        }
    }

    private String dropDetail() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < DropReason.count(); i++) {
            DropReason reason = DropReason.byOrdinal(i);
            long n = counters.drops(reason);
            if (n > 0) {
                sb.append(sb.isEmpty() ? " (" : ", ").append(reason.label()).append(' ').append(n);
            }
        }
        return sb.isEmpty() ? "" : sb.append(')').toString();
    }

    /** The summary at exit: totals, drops by reason, and latency percentiles over the whole run. */
    public String summary() {
        harvest();
        double seconds = Math.max(1e-9, (System.nanoTime() - startNanos) / 1e9);
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "summary after %.1f s%n", seconds));
        sb.append(String.format(Locale.ROOT, "  packets %d (%d bytes), messages %d, journal records %d%n",
                counters.packets.get(), counters.bytes.get(), counters.messages.get(), counters.journalRecords.get()));
        sb.append(String.format(Locale.ROOT, "  gaps %d (%d messages), duplicates %d packets / %d messages, reordered %d%n",
                counters.gaps.get(), counters.gapMessages.get(), counters.duplicatePackets.get(),
                counters.duplicateMessages.get(), counters.reorderedPackets.get()));
        sb.append(String.format(Locale.ROOT, "  heartbeats %d, end of session %d, session changes %d, unknown types %d, bad lengths %d%n",
                counters.heartbeats.get(), counters.endOfSession.get(), counters.sessionChanges.get(),
                counters.unknownMessageTypes.get(), counters.badMessageLengths.get()));
        sb.append(String.format(Locale.ROOT, "  drops %d%s%n", counters.totalDrops(), dropDetail()));
        sb.append(String.format(Locale.ROOT, "  port: ipackets %d, imissed %d, rx_nombuf %d, ierrors %d%n",
                counters.portIpackets.get(), counters.portImissed.get(), counters.portRxNoMbuf.get(), counters.portIerrors.get()));
        sb.append(String.format(Locale.ROOT, "  polling thread busy %.1f%% of the run (polls that brought packets)%n",
                Math.min(100.0, 100.0 * counters.pollBusyNanos.get() / (seconds * 1e9))));
        appendPercentiles(sb, "rx->handler", totalRxToHandler);
        appendPercentiles(sb, "rx->journal", totalRxToJournal);
        appendPercentiles(sb, "exchange->handler", totalExchangeToHandler);
        if (recovery || counters.recoveryRequestsSent.get() > 0) {
            sb.append(String.format(Locale.ROOT,
                    "  recovery: %d holes requested, %d healed, %d given up; %d requests sent, %d timeouts, %d fail-overs; "
                            + "%d answers, %d messages recovered; %d duplicate, %d late, %d unused answers%n",
                    counters.recoveryHolesRequested.get(), counters.recoveryHolesHealed.get(),
                    counters.recoveryHolesGivenUp.get(), counters.recoveryRequestsSent.get(),
                    counters.recoveryTimeouts.get(), counters.recoveryFailovers.get(), counters.recoveryAnswers.get(),
                    counters.recoveredMessages.get(), counters.recoveryDuplicateAnswers.get(),
                    counters.recoveryLateAnswers.get(), counters.recoveryUnusedAnswers.get()));
            appendPercentiles(sb, "recovery time", totalRecoveryTime);
        }
        appendPercentiles(sb, "rx->book", totalRxToBook);
        return sb.toString();
    }

    private static void appendPercentiles(StringBuilder sb, String name, Histogram h) {
        if (h.getTotalCount() == 0) {
            return;
        }
        sb.append(String.format(Locale.ROOT,
                "  %-18s n=%d  p50 %s  p90 %s  p99 %s  p99.9 %s  p99.99 %s  max %s%n", name, h.getTotalCount(),
                micros(h, 50), micros(h, 90), micros(h, 99), micros(h, 99.9), micros(h, 99.99), micros(h, 100)));
    }



    /**
     * ", empty poll N ns": the mean time of a poll that brought nothing over the interval (its time not busy with packets
     * over its empty polls), a gauge of the polling loop's speed; nothing when no empty poll was counted (a kernel
     * port that waits, or an interval of packets only).
     */
    static String emptyPoll(double idleNanos, long emptyPolls) {
        return emptyPolls <= 0 || idleNanos <= 0 ? "" : String.format(Locale.ROOT, ", empty poll %.0f ns", idleNanos / emptyPolls);
    }

    private static String micros(Histogram h, double percentile) {
        if (h == null || h.getTotalCount() == 0) {
            return "-";
        }
        long nanos = percentile >= 100 ? h.getMaxValue() : h.getValueAtPercentile(percentile);
        return nanos < 10_000 ? String.format(Locale.ROOT, "%.2fus", nanos / 1e3)
                : String.format(Locale.ROOT, "%.0fus", nanos / 1e3);
    }

    private static String si(double value) {
        if (value >= 1e6) {
            return String.format(Locale.ROOT, "%.2fM", value / 1e6);
        }
        if (value >= 1e3) {
            return String.format(Locale.ROOT, "%.1fk", value / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f", value);
    }

    private static String bits(double bitsPerSecond) {
        return si(bitsPerSecond) + "b/s";
    }

    @Override
    public void close() {
        if (logStream != null) {
            logStream.close();
        }
    }
}
