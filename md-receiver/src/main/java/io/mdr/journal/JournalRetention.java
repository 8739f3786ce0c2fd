package io.mdr.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code journal.retainCycles}: deletes roll-cycle files older than the newest {@code N}, from a housekeeping
 * thread, never one that a tailer may still need.
 *
 * <p><b>What a tailer may still need</b> is decided from what the tailers themselves hold, not from a guess of how
 * far behind they are: a Chronicle tailer keeps the cycle file it reads memory-mapped, and reads every later cycle
 * after it. So a file is deleted only when it is older than the newest {@code N} <em>and</em> older than the oldest
 * cycle file that any process on the host maps (read from {@code /proc/PID/maps}; the receiver runs as root, or as
 * the tailers' user). A tailer reading yesterday's file therefore holds back yesterday and everything after it, and
 * a tailer that follows the live end holds back nothing but the files it maps. What is not protected: a consumer
 * that is not running at all (its position is not known here: it should start from what is kept), and a tailer that
 * opens a file in the instant between the check and the deletion (the check runs at most once a second, only when
 * there is a file to delete).
 *
 * <p>File names of one roll cycle sort in time order (Chronicle's own directory listing relies on it), so no
 * cycle arithmetic is needed. After deleting, the queue's directory listing is refreshed for the other processes.
 */
public final class JournalRetention {
    private static final String SUFFIX = ".cq4";

    private final JournalWriter writer;
    private final Path dir;
    private final int retain;
    private final byte[] dirPrefix;
    private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
    private long deletedFiles;
    private String lastHeldBy = "";

    /** @param retain cycle files to keep, the current one included; at least 1 */
    public JournalRetention(JournalWriter writer, int retain) {
        if (retain < 1) {
            throw new IllegalArgumentException("retain at least one cycle: " + retain);
        }
        this.writer = writer;
        this.retain = retain;
        Path real;
        try {
            real = writer.path().toRealPath();
        } catch (IOException e) {
            real = writer.path().toAbsolutePath().normalize();
        }
        this.dir = real;
        this.dirPrefix = (real + "/").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * One pass: deletes what may go.
     *
     * @return what was done, one line per deleted file, or an empty list
     */
    public List<String> run() {
        String[] names = cycleFiles();
        if (names.length <= retain) {
            return List.of();
        }
        String oldestMapped = oldestMapped();
        List<String> done = new ArrayList<>();
        for (int i = 0; i < names.length - retain; i++) {
            String name = names[i];
            if (oldestMapped != null && name.compareTo(oldestMapped) >= 0) {
                if (!lastHeldBy.equals(oldestMapped)) {
                    lastHeldBy = oldestMapped;
                    done.add("journal retention: keeping " + name + " and later: a process maps " + oldestMapped
                            + " (a tailer reads it)");
                }
                break;
            }
            try {
                Files.deleteIfExists(dir.resolve(name));
                deletedFiles++;
                done.add("journal retention: deleted " + name + " (keeping the newest " + retain + " cycle files"
                        + (oldestMapped == null ? ")" : "; the oldest a process maps is " + oldestMapped + ")"));
            } catch (IOException e) {
                done.add("journal retention: cannot delete " + name + ": " + e);
            }
        }
        if (deletedFiles > 0 && !done.isEmpty()) {
            writer.queue().refreshDirectoryListing();
        }
        return done;
    }

    /** Files deleted so far. */
    public long deletedFiles() {
        return deletedFiles;
    }

    /** The queue's cycle files, oldest first. */
    String[] cycleFiles() {
        String[] names = dir.toFile().list((d, name) -> name.endsWith(SUFFIX));
        if (names == null) {
            return new String[0];
        }
        Arrays.sort(names);
        return names;
    }

    /** The oldest cycle file of this journal that some process on the host maps, or null. */
    String oldestMapped() {
        String oldest = null;
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), p -> isNumber(p.getFileName().toString()))) {
            for (Path process : processes) {
                String mapped = oldestMappedBy(process.resolve("maps"));
                if (mapped != null && (oldest == null || mapped.compareTo(oldest) < 0)) {
                    oldest = mapped;
                }
            }
        } catch (IOException e) {
            // /proc unreadable: keep everything rather than guess
            return "";
        }
        return oldest;
    }

    /** Reads one process's maps in chunks (no object per line): the oldest of our cycle files in it, or null. */
    private String oldestMappedBy(Path maps) {
        String oldest = null;
        try (FileChannel channel = FileChannel.open(maps, StandardOpenOption.READ)) {
            buffer.clear();
            boolean end = false;
            while (!end) {
                end = channel.read(buffer) < 0;
                buffer.flip();
                byte[] bytes = buffer.array();
                int limit = buffer.limit();
                int lineStart = 0;
                while (lineStart < limit) {
                    int newline = indexOf(bytes, (byte) '\n', lineStart, limit);
                    if (newline < 0 && !end) {
                        break;
                    }
                    int lineEnd = newline < 0 ? limit : newline;
                    String name = cycleFileIn(bytes, lineStart, lineEnd);
                    if (name != null && (oldest == null || name.compareTo(oldest) < 0)) {
                        oldest = name;
                    }
                    lineStart = lineEnd + 1;
                }
                if (lineStart == 0 && limit == bytes.length) {
                    lineStart = limit; // a line longer than the buffer is not one of ours (our paths are short)
                }
                buffer.position(Math.min(lineStart, limit));
                buffer.compact();
            }
        } catch (NoSuchFileException e) {
            return null; // the process ended
        } catch (IOException e) {
            return null; // another user's process: see the class comment
        }
        return oldest;
    }

    /** The cycle file name when the line {@code [from, to)} maps {@code <dir>/<name>.cq4}, else null. */
    private String cycleFileIn(byte[] bytes, int from, int to) {
        int at = indexOf(bytes, dirPrefix[0], from, to);
        while (at >= 0 && at + dirPrefix.length < to) {
            if (Arrays.equals(bytes, at, at + dirPrefix.length, dirPrefix, 0, dirPrefix.length)) {
                int nameStart = at + dirPrefix.length;
                String name = new String(bytes, nameStart, to - nameStart, StandardCharsets.UTF_8);
                return name.endsWith(SUFFIX) && name.indexOf('/') < 0 ? name : null;
            }
            at = indexOf(bytes, dirPrefix[0], at + 1, to);
        }
        return null;
    }

    private static int indexOf(byte[] bytes, byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isNumber(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
