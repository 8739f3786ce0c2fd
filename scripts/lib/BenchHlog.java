import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

import java.io.FileNotFoundException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Used by scripts/bench.sh only (run as a single-file source program with HdrHistogram on the class path):
 * percentiles of md-receiver's interval latency log (latency.histogramLog) per tag, leaving out the first
 * SKIP intervals of each tag that hold values (the warm-up seconds), so that a start-up backlog does not
 * decide the steady-state figures. One line per tag:
 * {@code TAG intervals=N n=COUNT p50=.. p90=.. p99=.. p99.9=.. p99.99=.. max=.. worst_interval_p99=..} (µs).
 *
 * <p>Usage: {@code java -cp 'HdrHistogram.jar' scripts/lib/BenchHlog.java FILE.hlog [FILE.hlog ...] SKIP}: with
 * several logs (rounds of the same run), each one's first SKIP intervals are left out and the rest summed.
 */
public final class BenchHlog {
    private BenchHlog() {
    }

    public static void main(String[] args) throws FileNotFoundException {
        if (args.length < 2) {
            System.err.println("usage: BenchHlog FILE.hlog [FILE.hlog ...] SKIP");
            System.exit(2);
        }
        int skip = Integer.parseInt(args[args.length - 1]);
        Map<String, Histogram> totals = new LinkedHashMap<>();
        Map<String, Integer> used = new LinkedHashMap<>();
        Map<String, Long> worstP99 = new LinkedHashMap<>();
        for (int f = 0; f < args.length - 1; f++) {
            read(new HistogramLogReader(args[f]), skip, totals, used, worstP99);
        }
        print(totals, used, worstP99);
    }

    private static void read(HistogramLogReader reader, int skip, Map<String, Histogram> totals,
            Map<String, Integer> used, Map<String, Long> worstP99) {
        Map<String, Integer> seen = new LinkedHashMap<>();
        EncodableHistogram e;
        while ((e = reader.nextIntervalHistogram()) != null) {
            if (!(e instanceof Histogram h) || h.getTotalCount() == 0) {
                continue;
            }
            String tag = h.getTag() == null ? "untagged" : h.getTag();
            int n = seen.merge(tag, 1, Integer::sum);
            if (n <= skip) {
                continue;
            }
            totals.computeIfAbsent(tag, t -> new Histogram(h.getLowestDiscernibleValue(), h.getHighestTrackableValue(),
                    h.getNumberOfSignificantValueDigits())).add(h);
            used.merge(tag, 1, Integer::sum);
            worstP99.merge(tag, h.getValueAtPercentile(99), Math::max);
        }
    }

    private static void print(Map<String, Histogram> totals, Map<String, Integer> used, Map<String, Long> worstP99) {
        for (Map.Entry<String, Histogram> t : totals.entrySet()) {
            Histogram h = t.getValue();
            System.out.printf(Locale.ROOT,
                    "%s intervals=%d n=%d p50=%.2f p90=%.2f p99=%.2f p99.9=%.2f p99.99=%.2f max=%.2f worst_interval_p99=%.2f%n",
                    t.getKey(), used.get(t.getKey()), h.getTotalCount(), us(h.getValueAtPercentile(50)),
                    us(h.getValueAtPercentile(90)), us(h.getValueAtPercentile(99)), us(h.getValueAtPercentile(99.9)),
                    us(h.getValueAtPercentile(99.99)), us(h.getMaxValue()), us(worstP99.get(t.getKey())));
        }
    }

    private static double us(long nanos) {
        return nanos / 1e3;
    }
}
