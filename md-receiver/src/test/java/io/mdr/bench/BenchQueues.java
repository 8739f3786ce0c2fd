package io.mdr.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Where the journal benchmarks put their queues: a fresh directory under /dev/shm (memory), deleted afterwards. */
final class BenchQueues {
    private BenchQueues() {
    }

    /** A new directory under /dev/shm, or under the temporary directory where there is no /dev/shm. */
    static Path createDirectory(String prefix) throws IOException {
        Path shm = Path.of("/dev/shm");
        return Files.createTempDirectory(Files.isDirectory(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir")),
                prefix);
    }

    /** Deletes {@code root} and everything under it; nothing when it does not exist. */
    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
