package io.mdr.fanout.bench;

import io.mdr.metrics.LatencyRecorders;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.HdrHistogram.SingleWriterRecorder;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A receiving loop's latency, harvested from its {@link SingleWriterRecorder} once a second by a thread of its own:
 * each second's histogram is kept, and at the end goes to an HdrHistogram interval log (when a file is given) and
 * into a total. The loop records wait-free and never formats or writes; the log shows which seconds held a tail,
 * and a script pools the logs of several rounds. The log is written at the end, not each second: encoding a
 * histogram took the harvesting thread about 0.5 ms, on the loop's CPU (perf sched).
 */
final class IntervalLog {
    private static final long INTERVAL_MS = 1_000;

    private final SingleWriterRecorder recorder;
    private final Path path;
    private final String tag;
    private final long startMillis = System.currentTimeMillis();
    private final List<Histogram> intervals = new ArrayList<>();
    private final Thread thread;

    /**
     * Starts harvesting {@code recorder}.
     *
     * @param path the interval log to write at the end, or null for the total only
     */
    IntervalLog(SingleWriterRecorder recorder, Path path, String tag) {
        this.recorder = recorder;
        this.path = path;
        this.tag = tag;
        this.thread = Thread.ofPlatform().daemon().name("latency-log").start(this::run);
    }

    private void run() {
        while (true) {
            try {
                Thread.sleep(INTERVAL_MS);
            } catch (InterruptedException e) {
                return;
            }
            harvest();
        }
    }

    private synchronized void harvest() {
        Histogram interval = recorder.getIntervalHistogram();
        if (interval.getTotalCount() > 0) {
            intervals.add(interval);
        }
    }

    /** Stops the harvesting thread, takes the last interval, writes the log; returns every value recorded. */
    Histogram close() {
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        harvest();
        Histogram total = LatencyRecorders.newHistogram();
        intervals.forEach(total::add);
        if (path != null) {
            try (PrintStream file = new PrintStream(path.toFile(), StandardCharsets.UTF_8)) {
                HistogramLogWriter writer = new HistogramLogWriter(file);
                writer.outputLogFormatVersion();
                writer.outputStartTime(startMillis);
                writer.setBaseTime(startMillis);
                writer.outputLegend();
                for (Histogram interval : intervals) {
                    interval.setTag(tag);
                    writer.outputIntervalHistogram(interval);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return total;
    }
}
