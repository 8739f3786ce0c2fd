package io.mdr.replay.tx;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar on a terminal (carriage return, no newline until the end): percentage, packets,
 * rate and time left.
 */
public final class ProgressBar implements CaptureReplayer.Progress {
    private static final int WIDTH = 30;

    private final PrintStream out;
    private final long totalPackets;
    private final boolean enabled;

    /** @param totalPackets packets the run will send (all loops), or 0 if unknown */
    public ProgressBar(PrintStream out, long totalPackets, boolean enabled) {
        this.out = out;
        this.totalPackets = totalPackets;
        this.enabled = enabled;
    }

    @Override
    public void update(long packetsSent, long bytesSent, long elapsedNanos) {
        if (!enabled) {
            return;
        }
        out.print('\r');
        out.print(line(packetsSent, elapsedNanos));
        out.flush();
    }

    /** Ends the line the bar was drawn on. */
    public void finish() {
        if (enabled) {
            out.println();
        }
    }

    String line(long packetsSent, long elapsedNanos) {
        double seconds = Math.max(1e-9, elapsedNanos / 1e9);
        double rate = packetsSent / seconds;
        double fraction = totalPackets > 0 ? Math.min(1.0, (double) packetsSent / totalPackets) : 0;
        int filled = (int) Math.round(fraction * WIDTH);
        String bar = "#".repeat(filled) + ".".repeat(WIDTH - filled);
        String eta = totalPackets > 0 && rate > 0 ? String.format(Locale.ROOT, "%.0fs left", (totalPackets - packetsSent) / rate) : "";
        return String.format(Locale.ROOT, "[%s] %5.1f%% %,d/%,d pkts %s pps %s   ", bar, fraction * 100, packetsSent,
                totalPackets, si(rate), eta);
    }

    static String si(double v) {
        if (v >= 1e6) {
            return String.format(Locale.ROOT, "%.2fM", v / 1e6);
        }
        if (v >= 1e3) {
            return String.format(Locale.ROOT, "%.1fk", v / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f", v);
    }
}
