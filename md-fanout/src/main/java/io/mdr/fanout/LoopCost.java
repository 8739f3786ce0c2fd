package io.mdr.fanout;

import io.mdr.metrics.AllocationMonitor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What the polling loop cost after warm-up: the bytes its thread allocated (HotSpot's per-thread accounting),
 * the JVM's collections and the process's page faults, between a mark and the end. The hot path allocates
 * nothing; this is how that is shown.
 */
public final class LoopCost {
    private final AllocationMonitor allocation = new AllocationMonitor(Thread.currentThread().threadId());
    private long[] faultsAtMark;
    private long itemsAtMark;

    /** Starts the measured window, from the loop's thread, once {@code items} have gone through. */
    public void mark(long items) {
        faultsAtMark = processFaults(); // before the allocation mark: reading /proc allocates
        itemsAtMark = items;
        allocation.mark(items);
    }

    public boolean isMarked() {
        return allocation.isMarked();
    }

    /**
     * One line: allocation, GCs and faults since the mark, over {@code items - mark} items of {@code what}. The
     * figures are read first, so the line's own formatting is not in them.
     */
    public String report(long items, String what) {
        if (!allocation.isMarked()) {
            return "loop cost: not measured (the warm-up did not end)";
        }
        long allocated = allocation.allocatedSinceMark();
        long gcs = allocation.gcsSinceMark();
        long[] faults = processFaults();
        return String.format(Locale.ROOT, "loop cost after warm-up (%,d %s): loop thread allocated %,d bytes, %d GCs in the JVM,"
                        + " page faults %d minor / %d major (process)", items - itemsAtMark, what, allocated, gcs,
                faults[0] - faultsAtMark[0], faults[1] - faultsAtMark[1]);
    }

    /** {@code {minor, major}} page faults of this process so far. */
    static long[] processFaults() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(f[7]), Long.parseLong(f[9])};
        } catch (IOException | RuntimeException e) {
            return new long[] {-1, -1};
        }
    }
}
