package io.mdr.metrics;

import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rx->book stage appears like the other stages: in the stats line, the summary and the HdrHistogram log (tag
 * rx-to-book), and nowhere when nothing recorded it (receiver.handler=none).
 */
class BookLatencyStageTest {

    @Test
    void rxToBookIsInTheStatsLineTheSummaryAndTheLog(@TempDir Path dir) throws Exception {
        Path hlog = dir.resolve("latency.hlog");
        LatencyRecorders latency = new LatencyRecorders();
        String line;
        String summary;
        try (StatsReporter stats = new StatsReporter(ReceiverCounters.inMemory(), latency, hlog)) {
            LatencyRecorders.record(latency.rxToHandler, 2_000, 20);
            LatencyRecorders.record(latency.rxToBook, 2_000, 20);
            line = stats.intervalLine();
            LatencyRecorders.record(latency.rxToBook, 3_000, 10);
            summary = stats.summary();
        }
        assertTrue(line.contains("| rx->book p50 2.00us p99 2.00us"), line);
        assertTrue(summary.contains("rx->book           n=30  p50 2.00us"), summary);
        Set<String> tags = new HashSet<>();
        long bookCount = 0;
        HistogramLogReader reader = new HistogramLogReader(hlog.toFile());
        for (EncodableHistogram h; (h = reader.nextIntervalHistogram()) != null; ) {
            tags.add(h.getTag());
            if ("rx-to-book".equals(h.getTag())) {
                bookCount += ((org.HdrHistogram.Histogram) h).getTotalCount();
            }
        }
        assertEquals(Set.of("rx-to-handler", "rx-to-book"), tags);
        assertEquals(30, bookCount);
    }

    @Test
    void withoutTheBookHandlerThereIsNoRxToBook() {
        LatencyRecorders latency = new LatencyRecorders();
        try (StatsReporter stats = new StatsReporter(ReceiverCounters.inMemory(), latency, null)) {
            LatencyRecorders.record(latency.rxToHandler, 2_000, 20);
            assertFalse(stats.intervalLine().contains("rx->book"));
            assertFalse(stats.summary().contains("rx->book"));
        }
    }
}
