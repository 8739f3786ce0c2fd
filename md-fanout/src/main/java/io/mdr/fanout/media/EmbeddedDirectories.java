package io.mdr.fanout.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where embedded media drivers keep their files: {@code /dev/shm/aeron-md-PROGRAM-PID}. A driver removes its
 * directory when it closes; one killed with SIGKILL cannot, and its log buffers (tens of MB each, in memory)
 * would stay. So each new one first removes the directories of processes that no longer exist.
 */
final class EmbeddedDirectories {
    private static final Path ROOT = Path.of("/dev/shm");
    private static final Pattern NAME = Pattern.compile("aeron-md-[a-z-]+-(\\d+)");

    private EmbeddedDirectories() {
    }

    static Path forThisProcess(String program) {
        String name = program.startsWith("md-") ? program.substring(3) : program;
        return ROOT.resolve("aeron-md-" + name + "-" + ProcessHandle.current().pid());
    }

    static void removeStale() {
        if (!Files.isDirectory(ROOT)) {
            return;
        }
        try (Stream<Path> entries = Files.list(ROOT)) {
            entries.forEach(dir -> {
                Matcher m = NAME.matcher(dir.getFileName().toString());
                if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).isEmpty()) {
                    delete(dir);
                }
            });
        } catch (IOException | RuntimeException e) {
            // best effort: a directory that cannot be listed or removed is left as it is
        }
    }

    static void delete(Path dir) {
        try (Stream<Path> tree = Files.walk(dir)) {
            tree.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort
        }
    }
}
