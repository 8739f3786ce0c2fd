package io.mdr.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Page faults taken by one thread, from {@code /proc/self/task/TID/stat} (minflt and majflt). First-touch
 * faults on the journal's mapped file are what stall a polling thread on these machines; this shows them.
 */
public final class ThreadFaults {
    private ThreadFaults() {
    }

    /** {@code {minor, major}} faults of thread {@code tid} so far, or {@code {-1, -1}} if unreadable. */
    public static long[] read(int tid) {
        try {
            String stat = Files.readString(Path.of("/proc/self/task/" + tid + "/stat"));
            // Fields after the parenthesised command name: state is field 3, minflt 10, majflt 12.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(f[7]), Long.parseLong(f[9])};
        } catch (IOException | RuntimeException e) {
            return new long[] {-1, -1};
        }
    }
}
