package io.mdr.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The room left on the journal's file system, and the verdict that there is not enough.
 *
 * <p>A full file system under a memory-mapped file is not an {@code IOException}: the first write to a page the
 * file system cannot back raises SIGBUS, which the JVM turns into an {@code InternalError} on whichever thread
 * touched it. So the receiver never lets it get that far. Start-up refuses a file system with less than the
 * minimum free ({@link #checkAtStartUp}). While running, two signals say the journal must stop, both raised off
 * the polling core: free space below the minimum ({@link #poll}, from the housekeeping loop), and a page the
 * pretoucher, which runs ahead of the writer, could not populate ({@link #cannotBack}). The writer only writes
 * pages that were populated first (by the pretoucher, or by itself when the pretoucher is behind), so it learns of
 * a full file system from a failed {@code madvise}, never from a fault.
 */
public final class JournalSpace {
    private static final long MB = 1L << 20;

    private final Path path;
    private final FileStore store;
    private final long minFreeBytes;
    private final String key;
    private volatile String exhausted;

    private JournalSpace(Path path, FileStore store, long minFreeBytes, String key) {
        this.path = path;
        this.store = store;
        this.minFreeBytes = minFreeBytes;
        this.key = key;
    }

    /**
     * The file system of the journal directory {@code path} (created when missing).
     *
     * @param minFreeMb the least free space the journal runs with
     * @param key       the configuration key that set it, for messages
     */
    public static JournalSpace of(Path path, long minFreeMb, String key) {
        try {
            Files.createDirectories(path);
            return new JournalSpace(path, Files.getFileStore(path), minFreeMb * MB, key);
        } catch (IOException e) {
            throw new JournalSpaceException("journal " + path + ": cannot create or inspect the directory: " + e);
        }
    }

    /** Free space usable by this process, in bytes ({@code statvfs} f_bavail). */
    public long usableBytes() {
        try {
            return store.getUsableSpace();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long minFreeBytes() {
        return minFreeBytes;
    }

    public Path path() {
        return path;
    }

    /** Refuses to start on a file system with less than the minimum free. */
    public void checkAtStartUp() {
        long free = usableBytes();
        if (free < minFreeBytes) {
            throw new JournalSpaceException("journal " + path + ": " + mb(free) + " free on its file system, below "
                    + key + "=" + minFreeBytes / MB + ": not starting (free some space, or lower " + key + ")");
        }
    }

    /**
     * Checks the free space (one {@code statvfs}; call it from a housekeeping thread).
     *
     * @return true once the journal must stop: free space below the minimum now, or a page that could not be backed
     */
    public boolean poll() {
        if (exhausted == null) {
            long free = usableBytes();
            if (free < minFreeBytes) {
                exhaust(mb(free) + " free on its file system, below " + key + "=" + minFreeBytes / MB);
            }
        }
        return exhausted != null;
    }

    /** A page of the journal could not be populated: the file system cannot back it. */
    void cannotBack(String what) {
        exhaust("the file system cannot back the journal's next pages (" + what + "), " + mb(usableBytes())
                + " free (" + key + "=" + minFreeBytes / MB + ")");
    }

    private void exhaust(String reason) {
        if (exhausted == null) {
            exhausted = "journal " + path + ": " + reason;
        }
    }

    /** True once the journal must stop. */
    public boolean isExhausted() {
        return exhausted != null;
    }

    /** Why the journal must stop (naming the path, the free space and the key), or null. */
    public String exhaustedReason() {
        return exhausted;
    }

    /** A message about the space left, naming the path, the free space and the key. */
    String describe(String what) {
        return "journal " + path + ": " + what + ", " + mb(usableBytes()) + " free (" + key + "=" + minFreeBytes / MB + ")";
    }

    /** MB with one decimal, rounded down, so that a figure below the minimum never reads as the minimum. */
    static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", Math.floor(bytes * 10.0 / MB) / 10);
    }
}
