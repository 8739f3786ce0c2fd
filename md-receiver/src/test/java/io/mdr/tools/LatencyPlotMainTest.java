package io.mdr.tools;

import io.mdr.metrics.LatencyRecorders;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * md-latency-plot over interval logs written here with HdrHistogram's own writer, as md-receiver's StatsReporter
 * writes them (tagged intervals, nanoseconds): the page has the chart (one line per series, legend, percentile axis)
 * and a table whose percentiles match a histogram the test builds from the same values; bad input is named.
 */
class LatencyPlotMainTest {
    private static final int INTERVALS = 4;

    /** The values recorded under one tag (nanoseconds): 1000 uniform over a range, then a few outliers. */
    record Recorded(String tag, long[] values) {
        static Recorded uniform(String tag, long fromNanos, long toNanos, long... outliers) {
            long[] values = new long[1000 + outliers.length];
            for (int i = 0; i < 1000; i++) {
                values[i] = fromNanos + (toNanos - fromNanos) * i / 999;
            }
            System.arraycopy(outliers, 0, values, 1000, outliers.length);
            return new Recorded(tag, values);
        }

        /** Built straight from the values, not from the log. */
        Histogram reference() {
            Histogram h = new Histogram(3);
            for (long v : values) {
                h.recordValue(v);
            }
            return h;
        }

        /** Nearest-rank percentile of the raw values. */
        long exact(double percentile) {
            long[] sorted = values.clone();
            Arrays.sort(sorted);
            int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
            return sorted[Math.max(0, rank - 1)];
        }
    }

    private static final Recorded RX_TO_HANDLER =
            Recorded.uniform("rx-to-handler", 1_000, 100_000, 250_000, 800_000, 2_500_000);
    private static final Recorded RX_TO_JOURNAL =
            Recorded.uniform("rx-to-journal", 2_000, 150_000, 1_000_000, 4_000_000);

    /** Writes the tags' values spread over {@link #INTERVALS} interval histograms, interleaved as StatsReporter does. */
    static Path writeHlog(Path file, Recorded... tags) throws Exception {
        try (PrintStream stream = new PrintStream(file.toFile(), StandardCharsets.US_ASCII)) {
            HistogramLogWriter writer = new HistogramLogWriter(stream);
            long start = 1_700_000_000_000L;
            writer.outputLogFormatVersion();
            writer.outputStartTime(start);
            writer.setBaseTime(start);
            writer.outputLegend();
            for (int interval = 0; interval < INTERVALS; interval++) {
                for (Recorded tag : tags) {
                    Histogram h = LatencyRecorders.newHistogram();
                    for (int i = 0; i < tag.values.length; i++) {
                        if (i % INTERVALS == interval) {
                            h.recordValue(tag.values[i]);
                        }
                    }
                    h.setStartTimeStamp(start + interval * 1000L);
                    h.setEndTimeStamp(start + (interval + 1) * 1000L);
                    h.setTag(tag.tag);
                    writer.outputIntervalHistogram(h);
                }
            }
        }
        return file;
    }

    record Run(int exitCode, String stdout, String stderr) {
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = LatencyPlotMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String micros(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1000.0);
    }

    private static String svgOf(String html) {
        int from = html.indexOf("<svg");
        int to = html.indexOf("</svg>");
        assertTrue(from >= 0 && to > from, "no <svg> element");
        return html.substring(from, to);
    }

    private static List<String> polylines(String svg) {
        List<String> lines = new ArrayList<>();
        Matcher m = Pattern.compile("<polyline [^>]*>").matcher(svg);
        while (m.find()) {
            lines.add(m.group());
        }
        return lines;
    }

    private static String cell(String html, String series, String column) {
        Matcher row = Pattern.compile("<tr data-series=\"" + Pattern.quote(series) + "\"[^>]*>(.*?)</tr>").matcher(html);
        assertTrue(row.find(), "no table row for " + series);
        Matcher cell = Pattern.compile("<td class=\"" + Pattern.quote(column) + "\">([^<]*)</td>").matcher(row.group(1));
        assertTrue(cell.find(), "no " + column + " cell for " + series);
        return cell.group(1);
    }

    @Test
    void plotsEveryTagWithLegendAxisAndATableMatchingTheRecordedValues(@TempDir Path dir) throws Exception {
        Path hlog = writeHlog(dir.resolve("run.hlog"), RX_TO_HANDLER, RX_TO_JOURNAL);
        Path out = dir.resolve("plot.html");

        Run run = run("--hlog", hlog.toString(), "--out", out.toString());

        assertEquals(0, run.exitCode(), run.stderr());
        String html = Files.readString(out);
        assertTrue(html.startsWith("<!DOCTYPE html>"), html);
        assertFalse(html.contains("<script"), "no scripts");
        assertFalse(html.contains("http://") && html.replace("http://www.w3.org/2000/svg", "").contains("http://"),
                "nothing fetched");
        String svg = svgOf(html);
        List<String> lines = polylines(svg);
        assertEquals(2, lines.size(), svg);
        assertTrue(lines.get(0).contains("data-series=\"rx-to-handler\""), lines.get(0));
        assertTrue(lines.get(1).contains("data-series=\"rx-to-journal\""), lines.get(1));
        // legend and axes
        assertTrue(svg.contains(">rx-to-handler</text>"), "legend names rx-to-handler");
        assertTrue(svg.contains(">rx-to-journal</text>"), "legend names rx-to-journal");
        for (String label : List.of("0%", "90%", "99%", "99.9%", "99.99%", "99.999%", "99.9999%")) {
            assertTrue(svg.contains(">" + label + "</text>"), "x axis label " + label);
        }
        assertTrue(svg.contains(">latency (\u00b5s)</text>"), "y axis title");
        assertTrue(svg.contains(">percentile</text>"), "x axis title");

        for (Recorded tag : List.of(RX_TO_HANDLER, RX_TO_JOURNAL)) {
            Histogram reference = tag.reference();
            assertEquals(Long.toString(tag.values.length), cell(html, tag.tag, "count"));
            assertEquals(Integer.toString(INTERVALS), cell(html, tag.tag, "intervals"));
            for (double p : new double[]{50, 90, 99, 99.9, 99.99}) {
                String column = "p" + (p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p));
                long expected = reference.getValueAtPercentile(p);
                assertEquals(micros(expected), cell(html, tag.tag, column), tag.tag + " " + column);
                // and the histogram's answer is the raw values' within its 3 significant digits
                long exact = tag.exact(p);
                assertTrue(Math.abs(expected - exact) <= exact / 1000 + 1, column + " " + expected + " vs " + exact);
            }
            assertEquals(micros(reference.getMaxValue()), cell(html, tag.tag, "max"), tag.tag + " max");
            long largest = Arrays.stream(tag.values).max().orElseThrow();
            assertTrue(Math.abs(reference.getMaxValue() - largest) <= largest / 1000, "max");
        }
        // the uniform body's median is ~50 us, the outliers put the max in the milliseconds
        double p50 = Double.parseDouble(cell(html, "rx-to-handler", "p50"));
        assertTrue(p50 > 50 && p50 < 51, "p50 " + p50);
        assertTrue(cell(html, "rx-to-handler", "max").startsWith("2500."), cell(html, "rx-to-handler", "max"));
        assertTrue(run.stdout().contains("wrote " + out), run.stdout());
    }

    @Test
    void eachLineRisesLeftToRightAlongThePercentiles(@TempDir Path dir) throws Exception {
        Path hlog = writeHlog(dir.resolve("run.hlog"), RX_TO_HANDLER, RX_TO_JOURNAL);
        Path out = dir.resolve("plot.html");
        assertEquals(0, run("--hlog", hlog.toString(), "--out", out.toString()).exitCode());
        for (String line : polylines(svgOf(Files.readString(out)))) {
            Matcher m = Pattern.compile("points=\"([^\"]*)\"").matcher(line);
            assertTrue(m.find(), line);
            String[] points = m.group(1).split(" ");
            assertTrue(points.length > 20, "a point per percentile step: " + points.length);
            double lastX = -1;
            double lastY = Double.MAX_VALUE;
            for (String point : points) {
                String[] xy = point.split(",");
                double x = Double.parseDouble(xy[0]);
                double y = Double.parseDouble(xy[1]);
                assertTrue(x > lastX, "x increases: " + line);
                assertTrue(y <= lastY, "latency does not fall (y grows downwards): " + line);
                lastX = x;
                lastY = y;
            }
        }
    }

    @Test
    void percentileAxisIsOneOverOneMinusP() {
        assertEquals(0.0, LatencyPlotMain.percentileToX(0), 1e-12);
        assertEquals(1.0, LatencyPlotMain.percentileToX(90), 1e-12);
        assertEquals(2.0, LatencyPlotMain.percentileToX(99), 1e-12);
        assertEquals(4.0, LatencyPlotMain.percentileToX(99.99), 1e-9);
        assertEquals("0%", LatencyPlotMain.decadeLabel(0));
        assertEquals("90%", LatencyPlotMain.decadeLabel(1));
        assertEquals("99%", LatencyPlotMain.decadeLabel(2));
        assertEquals("99.9999%", LatencyPlotMain.decadeLabel(6));
    }

    @Test
    void oneTagOnly(@TempDir Path dir) throws Exception {
        Path hlog = writeHlog(dir.resolve("run.hlog"), RX_TO_HANDLER, RX_TO_JOURNAL);
        Path out = dir.resolve("plot.html");

        Run run = run("--hlog", hlog.toString(), "--tag", "rx-to-journal", "--out", out.toString());

        assertEquals(0, run.exitCode(), run.stderr());
        String svg = svgOf(Files.readString(out));
        assertEquals(1, polylines(svg).size());
        assertTrue(svg.contains(">rx-to-journal</text>"));
        assertFalse(svg.contains("rx-to-handler"));
    }

    @Test
    void twoLabelledFilesGiveOneLinePerFileAndTag(@TempDir Path dir) throws Exception {
        Path a = writeHlog(dir.resolve("a.hlog"), RX_TO_HANDLER, RX_TO_JOURNAL);
        Path b = writeHlog(dir.resolve("b.hlog"), RX_TO_JOURNAL);
        Path out = dir.resolve("compare.html");

        Run run = run("--hlog", a.toString(), "--label", "baseline", "--hlog", b.toString(), "--label", "tuned & <pinned>",
                "--out", out.toString());

        assertEquals(0, run.exitCode(), run.stderr());
        String html = Files.readString(out);
        String svg = svgOf(html);
        assertEquals(3, polylines(svg).size(), svg);
        assertTrue(svg.contains(">baseline: rx-to-handler</text>"));
        assertTrue(svg.contains(">baseline: rx-to-journal</text>"));
        assertTrue(svg.contains(">tuned &amp; &lt;pinned&gt;: rx-to-journal</text>"), "names are escaped");
        assertEquals(micros(RX_TO_JOURNAL.reference().getValueAtPercentile(99)),
                cell(html, "tuned &amp; &lt;pinned&gt;: rx-to-journal", "p99"));
    }

    @Test
    void defaultOutputIsTheLogsNameAsHtml(@TempDir Path dir) throws Exception {
        Path hlog = writeHlog(dir.resolve("latency.hlog"), RX_TO_HANDLER);
        Run run = run("--hlog", hlog.toString());
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(Files.isRegularFile(dir.resolve("latency.html")));
    }

    @Test
    void pngOfTheSameChart(@TempDir Path dir) throws Exception {
        Path hlog = writeHlog(dir.resolve("run.hlog"), RX_TO_HANDLER, RX_TO_JOURNAL);
        Path png = dir.resolve("plot.png");

        Run run = run("--hlog", hlog.toString(), "--out", dir.resolve("plot.html").toString(), "--png", png.toString());

        assertEquals(0, run.exitCode(), run.stderr());
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, "a PNG");
        assertEquals(1920, image.getWidth());
        // both series' colours are drawn
        assertTrue(hasColour(image, 0x1f77b4), "first series drawn");
        assertTrue(hasColour(image, 0xd62728), "second series drawn");
    }

    private static boolean hasColour(BufferedImage image, int rgb) {
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == rgb) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void anUnknownTagNamesTheTagsThereAre(@TempDir Path dir) throws Exception {
        Path hlog = writeHlog(dir.resolve("run.hlog"), RX_TO_HANDLER, RX_TO_JOURNAL);
        Path out = dir.resolve("plot.html");

        Run run = run("--hlog", hlog.toString(), "--tag", "rx-to-nowhere", "--out", out.toString());

        assertEquals(2, run.exitCode());
        assertTrue(run.stderr().contains(
                "md-latency-plot: --tag rx-to-nowhere is not in the log; the tags there are: rx-to-handler, rx-to-journal"),
                run.stderr());
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("nowhere.hlog");
        Run run = run("--hlog", missing.toString(), "--out", dir.resolve("p.html").toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.stderr().contains("--hlog " + missing + ": no such file"), run.stderr());
    }

    @Test
    void aFileThatIsNotAnHlogIsNamed(@TempDir Path dir) throws Exception {
        Path text = Files.writeString(dir.resolve("notes.hlog"), "these are not histograms\nnor is this\n");
        Run run = run("--hlog", text.toString(), "--out", dir.resolve("p.html").toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.stderr().contains("--hlog " + text + ": not an HdrHistogram interval log"), run.stderr());

        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        Path binary = Files.write(dir.resolve("capture.pcap"), noise);
        run = run("--hlog", binary.toString(), "--out", dir.resolve("p.html").toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.stderr().contains("--hlog " + binary + ": ") && run.stderr().contains("HdrHistogram interval log"),
                run.stderr());

        Path empty = Files.writeString(dir.resolve("empty.hlog"), "");
        run = run("--hlog", empty.toString(), "--out", dir.resolve("p.html").toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.stderr().contains("--hlog " + empty + ": no interval histograms in it"), run.stderr());
    }

    @Test
    void aHalfWrittenLastLineOfALiveLogIsLeftOut(@TempDir Path dir) throws Exception {
        Path hlog = writeHlog(dir.resolve("live.hlog"), RX_TO_HANDLER, RX_TO_JOURNAL);
        String text = Files.readString(hlog);
        int lastLine = text.lastIndexOf('\n', text.length() - 2) + 1;
        Files.writeString(hlog, text.substring(0, lastLine + (text.length() - lastLine) / 2));
        Path out = dir.resolve("plot.html");

        Run run = run("--hlog", hlog.toString(), "--out", out.toString());

        assertEquals(0, run.exitCode(), run.stderr());
        String html = Files.readString(out);
        assertEquals(Integer.toString(INTERVALS), cell(html, "rx-to-handler", "intervals"));
        assertEquals(Integer.toString(INTERVALS - 1), cell(html, "rx-to-journal", "intervals"));
    }

    @Test
    void anUnwritableOutputIsNamed(@TempDir Path dir) throws Exception {
        Path hlog = writeHlog(dir.resolve("run.hlog"), RX_TO_HANDLER);
        Path out = dir.resolve("no-such-dir").resolve("plot.html");
        Run run = run("--hlog", hlog.toString(), "--out", out.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.stderr().contains("--out " + out + ": cannot write it (its directory does not exist)"), run.stderr());
    }

    @Test
    void usageErrorsNameTheFlag() {
        Run run = run("--hlog", "x.hlog", "--bogus");
        assertEquals(2, run.exitCode());
        assertTrue(run.stderr().contains("unknown option --bogus"), run.stderr());

        run = run("--label", "a", "--hlog", "x.hlog");
        assertEquals(2, run.exitCode());
        assertTrue(run.stderr().contains("--label a must follow the --hlog it names"), run.stderr());

        run = run("--hlog");
        assertEquals(2, run.exitCode());
        assertTrue(run.stderr().contains("--hlog needs a value"), run.stderr());

        run = run("--out", "p.html");
        assertEquals(2, run.exitCode());
        assertTrue(run.stderr().contains("--hlog FILE is required"), run.stderr());

        run = run("--hlog", "a/run.hlog", "--hlog", "b/run.hlog");
        assertEquals(2, run.exitCode());
        assertTrue(run.stderr().contains("would both be labelled run; give each a --label"), run.stderr());

        run = run("--help");
        assertEquals(0, run.exitCode());
        assertEquals(LatencyPlotMain.USAGE, run.stdout());
    }
}
