package io.mdr.tools;

import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.HdrHistogram.HistogramLogReader;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code scripts/md-latency-plot}: the percentile distribution of md-receiver's interval latency logs ({@code .hlog},
 * see {@link io.mdr.metrics.StatsReporter}) as a chart like HdrHistogram's plotter draws: x is the percentile on the
 * {@code 1/(1-p)} log scale, y the latency in microseconds, one line per (file, tag).
 *
 * <p>The logs are read with HdrHistogram's {@link HistogramLogReader}; each tag's interval histograms are summed and
 * the points are the histogram's own {@link AbstractHistogram#percentiles(int)} iteration. The output is one
 * self-contained HTML page (an inline SVG and a table, no scripts, nothing fetched) and, optionally, the same chart as
 * a PNG drawn with Java2D (headless).
 */
public final class LatencyPlotMain {
    static final String USAGE = """
            usage: md-latency-plot --hlog FILE [--label NAME] [--hlog FILE2 [--label NAME2] ...] [--tag TAG]
                                   [--out FILE.html] [--png FILE.png] [--title TEXT]

            Plots the latency percentile distribution of md-receiver's HdrHistogram interval logs (--hlog,
            latency.histogramLog) like HdrHistogram's plotter: x is the percentile on a 1/(1-p) log scale
            (0%, 90%, 99%, 99.9%, ...), y the latency in microseconds, one line per file and tag (rx-to-handler,
            rx-to-journal, exchange-to-handler, rx-to-book), each the sum of that tag's interval histograms. Writes one
            self-contained HTML page (inline SVG, no scripts, nothing fetched) with the chart and a table of
            count, p50, p90, p99, p99.9, p99.99 and max per line.

              --hlog FILE      an HdrHistogram interval log (.hlog); repeat to compare runs
              --label NAME     the legend name of the --hlog before it (default: its file name without .hlog)
              --tag TAG        plot only this tag (repeatable; default: every tag in the logs)
              --out FILE       the HTML page (default: the first --hlog with .hlog replaced by .html)
              --png FILE       also draw the chart into this PNG (Java2D, headless)
              --title TEXT     the chart's title (default: Latency by percentile)
              -h, --help       this text

            Exit status: 0 written, 1 a file could not be read or written, 2 a usage error.
            """;

    /** Points per halving of the distance to 100%, as HdrHistogram's own percentile output uses. */
    static final int TICKS_PER_HALF_DISTANCE = 5;
    /** The x axis always reaches 99.9999% (six decades of 1/(1-p)), further if the data does. */
    static final int MIN_DECADES = 6;

    private static final String[] PALETTE = {
            "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#7f7f7f",
            "#bcbd22"};
    private static final String FONT_FAMILY = "DejaVu Sans, Helvetica, Arial, sans-serif";
    private static final int PNG_SCALE = 2;
    /** A line of one point is drawn as a dot this many line widths across. */
    private static final double DOT = 3.5;

    private LatencyPlotMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs md-latency-plot; returns the exit code (0 written, 1 an input or output failed, 2 a usage error). */
    public static int run(String[] args, PrintStream stdout, PrintStream stderr) {
        try {
            Options options = Options.parse(args);
            if (options == null) {
                stdout.print(USAGE);
                return 0;
            }
            List<Series> series = load(options, stderr);
            Chart chart = new Chart(options.title, subtitle(options, series), series);
            try {
                Files.writeString(options.out, html(chart), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw cannotWrite("--out", options.out, e);
            }
            stdout.println("wrote " + options.out + " (" + series.size() + " series)");
            if (options.png != null) {
                writePng(chart, options.png);
                stdout.println("wrote " + options.png);
            }
            for (Series s : series) {
                stdout.println(s.textSummary());
            }
            return 0;
        } catch (Failure e) {
            stderr.println("md-latency-plot: " + e.getMessage());
            return e.exitCode;
        }
    }

    private static Failure cannotWrite(String flag, Path file, IOException e) {
        String why = switch (e) {
            case java.nio.file.NoSuchFileException ignored -> "its directory does not exist";
            case java.nio.file.AccessDeniedException ignored -> "permission denied";
            case java.nio.file.FileSystemException fse when fse.getReason() != null -> fse.getReason();
            default -> e.toString();
        };
        return Failure.input(flag + " " + file + ": cannot write it (" + why + ")");
    }

    // ---------------------------------------------------------------- options

    private static final class Failure extends RuntimeException {
        final int exitCode;

        Failure(int exitCode, String message) {
            super(message);
            this.exitCode = exitCode;
        }

        static Failure usage(String message) {
            return new Failure(2, message);
        }

        static Failure input(String message) {
            return new Failure(1, message);
        }
    }

    record Input(Path file, String label) {
    }

    static final class Options {
        final List<Input> inputs = new ArrayList<>();
        final Set<String> tags = new LinkedHashSet<>();
        Path out;
        Path png;
        String title = "Latency by percentile";

        /** @return the options, or null for --help */
        static Options parse(String[] args) {
            Options o = new Options();
            List<Path> files = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "-h", "--help" -> {
                        return null;
                    }
                    case "--hlog" -> {
                        files.add(Path.of(next(args, ++i, "--hlog")));
                        labels.add(null);
                    }
                    case "--label" -> {
                        String label = next(args, ++i, "--label");
                        if (files.isEmpty()) {
                            throw Failure.usage("--label " + label + " must follow the --hlog it names (see --help)");
                        }
                        if (labels.getLast() != null) {
                            throw Failure.usage("--label " + label + ": " + files.getLast() + " already has --label "
                                    + labels.getLast());
                        }
                        if (label.isBlank()) {
                            throw Failure.usage("--label needs a non-empty name");
                        }
                        labels.set(labels.size() - 1, label);
                    }
                    case "--tag" -> o.tags.add(next(args, ++i, "--tag"));
                    case "--out" -> o.out = Path.of(next(args, ++i, "--out"));
                    case "--png" -> o.png = Path.of(next(args, ++i, "--png"));
                    case "--title" -> o.title = next(args, ++i, "--title");
                    default -> throw Failure.usage("unknown option " + args[i] + " (see --help)");
                }
            }
            if (files.isEmpty()) {
                throw Failure.usage("--hlog FILE is required (see --help)");
            }
            Map<String, Path> byLabel = new LinkedHashMap<>();
            for (int i = 0; i < files.size(); i++) {
                Path file = files.get(i);
                String label = labels.get(i) != null ? labels.get(i) : defaultLabel(file);
                Path other = byLabel.put(label, file);
                if (other != null) {
                    throw Failure.usage("--hlog " + other + " and --hlog " + file + " would both be labelled " + label
                            + "; give each a --label");
                }
                o.inputs.add(new Input(file, label));
            }
            if (o.out == null) {
                o.out = defaultOut(files.getFirst());
            }
            for (Path file : files) {
                if (sameFile(file, o.out)) {
                    throw Failure.usage("--out " + o.out + " is an --hlog input; choose another file");
                }
                if (o.png != null && sameFile(file, o.png)) {
                    throw Failure.usage("--png " + o.png + " is an --hlog input; choose another file");
                }
            }
            if (o.png != null && sameFile(o.png, o.out)) {
                throw Failure.usage("--png and --out are the same file " + o.out);
            }
            return o;
        }

        private static String next(String[] args, int i, String flag) {
            if (i >= args.length) {
                throw Failure.usage(flag + " needs a value (see --help)");
            }
            return args[i];
        }

        private static String defaultLabel(Path file) {
            String name = file.getFileName().toString();
            return name.endsWith(".hlog") && name.length() > ".hlog".length()
                    ? name.substring(0, name.length() - ".hlog".length()) : name;
        }

        private static Path defaultOut(Path hlog) {
            String name = hlog.getFileName().toString();
            String base = name.endsWith(".hlog") ? name.substring(0, name.length() - ".hlog".length()) : name;
            return hlog.resolveSibling(base + ".html");
        }

        private static boolean sameFile(Path a, Path b) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }

    // ---------------------------------------------------------------- reading

    /** One line of the chart: a tag of one file, its interval histograms summed. */
    static final class Series {
        final String name;
        final Input input;
        final String tag;
        final Histogram histogram;
        int intervals;
        String color;
        List<double[]> points;

        Series(String name, Input input, String tag, Histogram histogram) {
            this.name = name;
            this.input = input;
            this.tag = tag;
            this.histogram = histogram;
        }

        String textSummary() {
            Histogram h = histogram;
            return String.format(Locale.ROOT, "  %-32s n=%d  p50 %s  p90 %s  p99 %s  p99.9 %s  p99.99 %s  max %s us",
                    name, h.getTotalCount(), micros(h.getValueAtPercentile(50)), micros(h.getValueAtPercentile(90)),
                    micros(h.getValueAtPercentile(99)), micros(h.getValueAtPercentile(99.9)),
                    micros(h.getValueAtPercentile(99.99)), micros(h.getMaxValue()));
        }
    }

    private static final String UNTAGGED = "(untagged)";

    /** The tagged sums of one log, in the order the tags first appear. */
    private record LogSums(Input input, Map<String, Histogram> sums, Map<String, Integer> intervals) {
    }

    static List<Series> load(Options options, PrintStream stderr) {
        List<LogSums> logs = new ArrayList<>();
        for (Input input : options.inputs) {
            logs.add(read(input, stderr));
        }
        Set<String> present = new LinkedHashSet<>();
        for (LogSums log : logs) {
            present.addAll(log.sums.keySet());
        }
        for (String tag : options.tags) {
            if (!present.contains(tag)) {
                throw Failure.usage("--tag " + tag + " is not in " + (logs.size() == 1 ? "the log" : "any of the logs")
                        + "; the tags there are: " + String.join(", ", present));
            }
        }
        boolean oneFile = logs.size() == 1;
        List<Series> series = new ArrayList<>();
        for (LogSums log : logs) {
            for (String tag : options.tags) {
                if (!log.sums.containsKey(tag)) {
                    stderr.println("md-latency-plot: note: " + log.input.file() + " has no tag " + tag + " (it has: "
                            + String.join(", ", log.sums.keySet()) + ")");
                }
            }
            for (Map.Entry<String, Histogram> e : log.sums.entrySet()) {
                String tag = e.getKey();
                if (!options.tags.isEmpty() && !options.tags.contains(tag)) {
                    continue;
                }
                String name = oneFile ? tag : log.input.label() + ": " + tag;
                Series s = new Series(name, log.input, tag, e.getValue());
                s.intervals = log.intervals.get(tag);
                s.color = PALETTE[series.size() % PALETTE.length];
                s.points = points(s.histogram);
                series.add(s);
            }
        }
        return series;
    }

    /** Reads one log with HdrHistogram's reader and sums its interval histograms per tag. */
    private static LogSums read(Input input, PrintStream stderr) {
        Path file = input.file();
        if (!Files.exists(file)) {
            throw Failure.input("--hlog " + file + ": no such file");
        }
        if (!Files.isRegularFile(file)) {
            throw Failure.input("--hlog " + file + ": not a regular file");
        }
        if (!Files.isReadable(file)) {
            throw Failure.input("--hlog " + file + ": not readable");
        }
        Map<String, Histogram> sums = new LinkedHashMap<>();
        Map<String, Integer> intervals = new LinkedHashMap<>();
        int read = 0;
        try (HistogramLogReader reader = new HistogramLogReader(file.toFile())) {
            while (true) {
                EncodableHistogram next;
                try {
                    next = reader.nextIntervalHistogram();
                } catch (RuntimeException e) {
                    Throwable cause = e.getCause() != null ? e.getCause() : e;
                    if (read > 0 && !reader.hasNext()) {
                        // a log the receiver is still appending to: its last line may be half written
                        stderr.println("md-latency-plot: note: " + file + ": ignored its last line, which it cannot read ("
                                + cause.getClass().getSimpleName() + "; still being written?)");
                        break;
                    }
                    throw notAnHlog(file, read, cause);
                }
                if (next == null) {
                    // The reader stops at the first line it cannot read; lines left behind it mean it was not a log.
                    if (reader.hasNext()) {
                        throw notAnHlog(file, read, null);
                    }
                    break;
                }
                if (!(next instanceof AbstractHistogram interval)) {
                    throw Failure.input("--hlog " + file + ": holds " + next.getClass().getSimpleName()
                            + " intervals; md-latency-plot reads integer (nanosecond) histograms as md-receiver writes");
                }
                read++;
                String tag = interval.getTag() == null ? UNTAGGED : interval.getTag();
                Histogram sum = sums.get(tag);
                if (sum == null) {
                    // auto-resizing, with the same precision as the log's histograms
                    sum = new Histogram(interval.getNumberOfSignificantValueDigits());
                    sums.put(tag, sum);
                    intervals.put(tag, 0);
                }
                sum.add(interval);
                intervals.merge(tag, 1, Integer::sum);
            }
        } catch (java.io.FileNotFoundException e) {
            throw Failure.input("--hlog " + file + ": " + e.getMessage());
        }
        if (read == 0) {
            throw Failure.input("--hlog " + file
                    + ": no interval histograms in it (not an HdrHistogram interval log, or one with no intervals yet)");
        }
        return new LogSums(input, sums, intervals);
    }

    private static Failure notAnHlog(Path file, int intervalsRead, Throwable cause) {
        String where = intervalsRead == 0 ? "" : " after " + intervalsRead + (intervalsRead == 1 ? " interval" : " intervals");
        String why = cause == null ? "" : " (" + cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + cause.getMessage()) + ")";
        return Failure.input("--hlog " + file + ": not an HdrHistogram interval log (a line it cannot read" + where + ")"
                + why);
    }

    /**
     * The chart's points of one histogram: {x, micros} with x = log10(1/(1-p)), from HdrHistogram's percentile
     * iteration. Its last step (100%) has no finite x; the max is placed at 1-1/n, the finest percentile n values
     * resolve, when that is right of the last finite point (otherwise that point already carries the max's value).
     */
    static List<double[]> points(AbstractHistogram histogram) {
        List<double[]> points = new ArrayList<>();
        double lastX = 0;
        for (HistogramIterationValue v : histogram.percentiles(TICKS_PER_HALF_DISTANCE)) {
            double micros = v.getValueIteratedTo() / 1000.0;
            double percentile = v.getPercentileLevelIteratedTo();
            if (percentile >= 100.0) {
                double x = Math.log10((double) histogram.getTotalCount());
                if (x > lastX || points.isEmpty()) {
                    points.add(new double[]{x, micros});
                }
                break;
            }
            lastX = percentileToX(percentile);
            points.add(new double[]{lastX, micros});
        }
        return points;
    }

    /** log10(1/(1-p)) for a percentile 0..100 (below 100). */
    static double percentileToX(double percentile) {
        return -Math.log10(1.0 - percentile / 100.0);
    }

    /** The percentile at decade k of the x axis: 0%, 90%, 99%, 99.9%, ... */
    static String decadeLabel(int k) {
        return switch (k) {
            case 0 -> "0%";
            case 1 -> "90%";
            case 2 -> "99%";
            default -> "99." + "9".repeat(k - 2) + "%";
        };
    }

    static String micros(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1000.0);
    }

    private static String subtitle(Options options, List<Series> series) {
        StringBuilder sb = new StringBuilder();
        for (Input input : options.inputs) {
            if (!sb.isEmpty()) {
                sb.append(", ");
            }
            sb.append(input.file().getFileName());
            if (options.inputs.size() > 1 && !input.label().equals(Options.defaultLabel(input.file()))) {
                sb.append(" (").append(input.label()).append(')');
            }
        }
        int intervals = 0;
        for (Series s : series) {
            intervals += s.intervals;
        }
        return sb + " \u2014 " + series.size() + " series, " + intervals + " interval histograms summed";
    }

    // ---------------------------------------------------------------- the chart, drawn once for SVG and Java2D

    /** What both renderers draw on. Coordinates are in chart units (the SVG's user units; the PNG is scaled). */
    interface Canvas {
        void rect(double x, double y, double w, double h, String fill, String stroke);

        void line(double x1, double y1, double x2, double y2, String color, double width, boolean dashed);

        void polyline(List<double[]> xy, String color, double width, String name);

        /** @param anchor "start", "middle" or "end"; y is the baseline */
        void text(double x, double y, String text, int size, boolean bold, String anchor, String color,
                  boolean vertical);
    }

    static final class Chart {
        static final double WIDTH = 960;
        static final double PLOT_HEIGHT = 400;
        static final int TICK_FONT = 12;
        static final int AXIS_FONT = 13;
        static final int LEGEND_FONT = 13;
        static final int TITLE_FONT = 18;
        static final double LEGEND_ROW = 22;

        final String title;
        final String subtitle;
        final List<Series> series;
        final int decades;
        final BigDecimal yStep;
        final List<BigDecimal> yTicks = new ArrayList<>();
        final double yMax;
        final double left;
        final double right;
        final double top;
        final double bottom;
        final int legendColumns;
        final double legendColumnWidth;
        final double legendTop;
        final double height;

        Chart(String title, String subtitle, List<Series> series) {
            this.title = title;
            this.subtitle = subtitle;
            this.series = series;
            double maxX = 0;
            double maxMicros = 0;
            for (Series s : series) {
                for (double[] p : s.points) {
                    maxX = Math.max(maxX, p[0]);
                    maxMicros = Math.max(maxMicros, p[1]);
                }
            }
            decades = Math.max(MIN_DECADES, (int) Math.ceil(maxX - 1e-9));
            yStep = niceStep(maxMicros > 0 ? maxMicros : 1);
            BigDecimal tick = BigDecimal.ZERO;
            yTicks.add(tick);
            while (tick.doubleValue() < maxMicros * 1.02 || yTicks.size() < 3) {
                tick = tick.add(yStep);
                yTicks.add(tick);
            }
            yMax = yTicks.getLast().doubleValue();
            double widestTick = 0;
            for (BigDecimal t : yTicks) {
                widestTick = Math.max(widestTick, textWidth(t.toPlainString(), TICK_FONT));
            }
            left = 44 + widestTick;
            right = WIDTH - 36;
            top = 76;
            bottom = top + PLOT_HEIGHT;
            double widestName = 0;
            for (Series s : series) {
                widestName = Math.max(widestName, textWidth(s.name, LEGEND_FONT));
            }
            legendColumnWidth = 34 + widestName + 28;
            legendColumns = (int) Math.max(1, Math.min(series.size(), Math.floor((right - left) / legendColumnWidth)));
            int rows = (series.size() + legendColumns - 1) / legendColumns;
            legendTop = bottom + 70;
            height = legendTop + rows * LEGEND_ROW + 8;
        }

        double px(double x) {
            return left + (right - left) * x / decades;
        }

        double py(double micros) {
            return bottom - (bottom - top) * micros / yMax;
        }

        void draw(Canvas c) {
            c.rect(0, 0, WIDTH, height, "#ffffff", null);
            c.text(WIDTH / 2, 30, title, TITLE_FONT, true, "middle", "#222222", false);
            c.text(WIDTH / 2, 52, subtitle, TICK_FONT, false, "middle", "#555555", false);
            // grid: minor lines at 2 and 5 within each decade of 1/(1-p), major at the decades, y at its ticks
            for (int k = 0; k < decades; k++) {
                for (double m : new double[]{Math.log10(2), Math.log10(5)}) {
                    double x = px(k + m);
                    c.line(x, top, x, bottom, "#eeeeee", 1, true);
                }
            }
            for (BigDecimal t : yTicks) {
                double y = py(t.doubleValue());
                c.line(left, y, right, y, "#dddddd", 1, false);
                c.text(left - 8, y + 4, t.toPlainString(), TICK_FONT, false, "end", "#333333", false);
            }
            for (int k = 0; k <= decades; k++) {
                double x = px(k);
                c.line(x, top, x, bottom, "#dddddd", 1, false);
                c.line(x, bottom, x, bottom + 5, "#333333", 1, false);
                c.text(x, bottom + 20, decadeLabel(k), TICK_FONT, false, k == decades ? "end" : "middle", "#333333",
                        false);
            }
            c.rect(left, top, right - left, bottom - top, null, "#333333");
            c.text((left + right) / 2, bottom + 44, "percentile", AXIS_FONT, false, "middle", "#222222", false);
            c.text(18, (top + bottom) / 2, "latency (\u00b5s)", AXIS_FONT, false, "middle", "#222222", true);
            for (Series s : series) {
                List<double[]> xy = new ArrayList<>(s.points.size());
                for (double[] p : s.points) {
                    xy.add(new double[]{px(p[0]), py(p[1])});
                }
                c.polyline(xy, s.color, 2, s.name);
            }
            // legend, under the axis title: never over the lines
            for (int i = 0; i < series.size(); i++) {
                Series s = series.get(i);
                double x = left + (i % legendColumns) * legendColumnWidth;
                double y = legendTop + (i / legendColumns) * LEGEND_ROW;
                c.line(x, y - 4, x + 26, y - 4, s.color, 3, false);
                c.text(x + 34, y, s.name, LEGEND_FONT, false, "start", "#222222", false);
            }
        }

        /** A step of 1, 2, 2.5 or 5 x 10^k giving 4 to 8 intervals up to max. */
        static BigDecimal niceStep(double max) {
            double raw = max / 6;
            int exponent = (int) Math.floor(Math.log10(raw));
            double fraction = raw / Math.pow(10, exponent);
            String mantissa = fraction <= 1 ? "1" : fraction <= 2 ? "2" : fraction <= 2.5 ? "2.5" : fraction <= 5 ? "5"
                    : "10";
            return new BigDecimal(mantissa).scaleByPowerOfTen(exponent).stripTrailingZeros();
        }

        /** A generous estimate of a sans-serif text's width (the SVG's fonts are the browser's). */
        static double textWidth(String text, int size) {
            return text.length() * size * 0.62;
        }
    }

    // ---------------------------------------------------------------- HTML with an inline SVG

    static String html(Chart chart) {
        StringBuilder sb = new StringBuilder(64 * 1024);
        sb.append("""
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <title>""").append(escape(chart.title)).append("</title>\n").append("""
                <style>
                  body { font-family: %s; color: #222; margin: 24px; }
                  svg { max-width: 100%%; height: auto; display: block; }
                  table { border-collapse: collapse; margin-top: 16px; font-size: 14px; }
                  th, td { padding: 4px 12px; text-align: right; border-bottom: 1px solid #ddd; }
                  th { background: #f4f4f4; }
                  td.series, th.series { text-align: left; }
                  .swatch { display: inline-block; width: 18px; height: 4px; margin-right: 8px; vertical-align: middle; }
                  p.note { color: #555; font-size: 13px; max-width: 960px; }
                </style>
                </head>
                <body>
                """.formatted(FONT_FAMILY));
        sb.append(svg(chart));
        sb.append("<table class=\"summary\">\n<thead><tr><th class=\"series\">series</th><th>intervals</th>"
                + "<th>count</th><th>p50 (\u00b5s)</th><th>p90 (\u00b5s)</th><th>p99 (\u00b5s)</th>"
                + "<th>p99.9 (\u00b5s)</th><th>p99.99 (\u00b5s)</th><th>max (\u00b5s)</th></tr></thead>\n<tbody>\n");
        for (Series s : chart.series) {
            Histogram h = s.histogram;
            sb.append("<tr data-series=\"").append(escape(s.name)).append("\" title=\"")
                    .append(escape(s.input.file().toString())).append(", tag ").append(escape(s.tag)).append("\">")
                    .append("<td class=\"series\"><span class=\"swatch\" style=\"background:").append(s.color)
                    .append("\"></span>").append(escape(s.name)).append("</td>")
                    .append("<td class=\"intervals\">").append(s.intervals).append("</td>")
                    .append("<td class=\"count\">").append(h.getTotalCount()).append("</td>");
            cell(sb, "p50", h.getValueAtPercentile(50));
            cell(sb, "p90", h.getValueAtPercentile(90));
            cell(sb, "p99", h.getValueAtPercentile(99));
            cell(sb, "p99.9", h.getValueAtPercentile(99.9));
            cell(sb, "p99.99", h.getValueAtPercentile(99.99));
            cell(sb, "max", h.getMaxValue());
            sb.append("</tr>\n");
        }
        sb.append("</tbody>\n</table>\n");
        sb.append("<p class=\"note\">Each line is one tag of one log, its interval histograms summed; points are "
                + "HdrHistogram's percentile iteration (").append(TICKS_PER_HALF_DISTANCE).append(" ticks per half "
                + "distance). The x axis is 1/(1&minus;p) on a log scale, so each grid step is one more nine. Values "
                + "are in \u00b5s at the histograms' precision (").append(precisionNote(chart.series))
                .append("): each is the highest value HdrHistogram counts as equivalent to the recorded one.</p>\n");
        sb.append("</body>\n</html>\n");
        return sb.toString();
    }

    private static String precisionNote(List<Series> series) {
        int digits = Integer.MAX_VALUE;
        for (Series s : series) {
            digits = Math.min(digits, s.histogram.getNumberOfSignificantValueDigits());
        }
        return digits + " significant digits";
    }

    private static void cell(StringBuilder sb, String percentile, long nanos) {
        sb.append("<td class=\"").append(percentile).append("\">").append(micros(nanos)).append("</td>");
    }

    static String svg(Chart chart) {
        StringBuilder sb = new StringBuilder(32 * 1024);
        sb.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" "
                        + "font-family=\"%s\" role=\"img\" aria-label=\"%s\">\n",
                Chart.WIDTH, chart.height, Chart.WIDTH, chart.height, FONT_FAMILY, escape(chart.title)));
        chart.draw(new SvgCanvas(sb));
        sb.append("</svg>\n");
        return sb.toString();
    }

    private static final class SvgCanvas implements Canvas {
        private final StringBuilder sb;

        SvgCanvas(StringBuilder sb) {
            this.sb = sb;
        }

        @Override
        public void rect(double x, double y, double w, double h, String fill, String stroke) {
            sb.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"",
                    x, y, w, h, fill == null ? "none" : fill));
            if (stroke != null) {
                sb.append(" stroke=\"").append(stroke).append('"');
            }
            sb.append("/>\n");
        }

        @Override
        public void line(double x1, double y1, double x2, double y2, String color, double width, boolean dashed) {
            sb.append(String.format(Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"%.1f\"%s/>\n",
                    x1, y1, x2, y2, color, width, dashed ? " stroke-dasharray=\"3 3\"" : ""));
        }

        @Override
        public void polyline(List<double[]> xy, String color, double width, String name) {
            // one point (a single distinct value) is drawn as a dot: a zero-length line with round caps
            boolean dot = xy.size() == 1;
            sb.append("<polyline class=\"series\" data-series=\"").append(escape(name)).append("\" fill=\"none\" stroke=\"")
                    .append(color).append("\" stroke-width=\"").append(dot ? width * DOT : width)
                    .append("\" stroke-linejoin=\"round\" stroke-linecap=\"round\" points=\"");
            for (int i = 0; i < xy.size(); i++) {
                sb.append(i == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.2f,%.2f", xy.get(i)[0], xy.get(i)[1]));
            }
            if (dot) {
                sb.append(String.format(Locale.ROOT, " %.2f,%.2f", xy.getFirst()[0], xy.getFirst()[1]));
            }
            sb.append("\"><title>").append(escape(name)).append("</title></polyline>\n");
        }

        @Override
        public void text(double x, double y, String text, int size, boolean bold, String anchor, String color,
                         boolean vertical) {
            sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" fill=\"%s\"", x, y,
                    size, color));
            if (bold) {
                sb.append(" font-weight=\"bold\"");
            }
            if (!anchor.equals("start")) {
                sb.append(" text-anchor=\"").append(anchor).append('"');
            }
            if (vertical) {
                sb.append(String.format(Locale.ROOT, " transform=\"rotate(-90 %.1f %.1f)\"", x, y));
            }
            sb.append('>').append(escape(text)).append("</text>\n");
        }
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- PNG through Java2D

    private static void writePng(Chart chart, Path png) {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        BufferedImage image;
        try {
            image = new BufferedImage((int) Math.ceil(Chart.WIDTH * PNG_SCALE), (int) Math.ceil(chart.height * PNG_SCALE),
                    BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            try {
                g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
                g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
                g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
                g.scale(PNG_SCALE, PNG_SCALE);
                chart.draw(new AwtCanvas(g));
            } finally {
                g.dispose();
            }
        } catch (RuntimeException | Error e) {
            // AWTError, HeadlessException, missing fonts: the HTML is written; say why the PNG is not
            throw Failure.input("--png " + png + ": Java2D cannot draw here (" + e + "); the HTML page was written");
        }
        try (java.io.OutputStream stream = new java.io.BufferedOutputStream(Files.newOutputStream(png))) {
            if (!ImageIO.write(image, "png", stream)) {
                throw Failure.input("--png " + png + ": no PNG writer in this JDK");
            }
        } catch (IOException e) {
            throw cannotWrite("--png", png, e);
        }
    }

    private static final class AwtCanvas implements Canvas {
        private final Graphics2D g;

        AwtCanvas(Graphics2D g) {
            this.g = g;
        }

        @Override
        public void rect(double x, double y, double w, double h, String fill, String stroke) {
            java.awt.geom.Rectangle2D r = new java.awt.geom.Rectangle2D.Double(x, y, w, h);
            if (fill != null) {
                g.setColor(Color.decode(fill));
                g.fill(r);
            }
            if (stroke != null) {
                g.setColor(Color.decode(stroke));
                g.setStroke(new BasicStroke(1f));
                g.draw(r);
            }
        }

        @Override
        public void line(double x1, double y1, double x2, double y2, String color, double width, boolean dashed) {
            g.setColor(Color.decode(color));
            g.setStroke(dashed ? new BasicStroke((float) width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[]{3f, 3f}, 0f) : new BasicStroke((float) width));
            g.draw(new java.awt.geom.Line2D.Double(x1, y1, x2, y2));
        }

        @Override
        public void polyline(List<double[]> xy, String color, double width, String name) {
            Path2D.Double path = new Path2D.Double();
            for (int i = 0; i < xy.size(); i++) {
                if (i == 0) {
                    path.moveTo(xy.get(i)[0], xy.get(i)[1]);
                } else {
                    path.lineTo(xy.get(i)[0], xy.get(i)[1]);
                }
            }
            g.setColor(Color.decode(color));
            if (xy.size() == 1) {
                double d = width * DOT;
                g.fill(new java.awt.geom.Ellipse2D.Double(xy.getFirst()[0] - d / 2, xy.getFirst()[1] - d / 2, d, d));
                return;
            }
            g.setStroke(new BasicStroke((float) width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(path);
        }

        @Override
        public void text(double x, double y, String text, int size, boolean bold, String anchor, String color,
                         boolean vertical) {
            g.setFont(new Font(Font.SANS_SERIF, bold ? Font.BOLD : Font.PLAIN, size));
            g.setColor(Color.decode(color));
            FontMetrics metrics = g.getFontMetrics();
            double width = metrics.stringWidth(text);
            double shift = switch (anchor) {
                case "middle" -> width / 2;
                case "end" -> width;
                default -> 0;
            };
            AffineTransform saved = g.getTransform();
            if (vertical) {
                g.rotate(-Math.PI / 2, x, y);
            }
            g.drawString(text, (float) (x - shift), (float) y);
            g.setTransform(saved);
        }
    }
}
