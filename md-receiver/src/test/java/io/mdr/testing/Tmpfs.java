package io.mdr.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small tmpfs the test mounts on a directory of its own (a {@code @TempDir}, so two clones running the suite at
 * once never share one), and unmounts when closed. Mounting needs root, as DPDK does.
 */
public final class Tmpfs implements AutoCloseable {
    private final Path mountPoint;

    private Tmpfs(Path mountPoint) {
        this.mountPoint = mountPoint;
    }

    /** Mounts a tmpfs of {@code sizeMb} MB on {@code mountPoint} (created if missing). */
    public static Tmpfs mount(Path mountPoint, int sizeMb) throws IOException, InterruptedException {
        Files.createDirectories(mountPoint);
        run(List.of("mount", "-t", "tmpfs", "-o", "size=" + sizeMb + "m,mode=0755", "tmpfs", mountPoint.toString()));
        return new Tmpfs(mountPoint);
    }

    public Path path() {
        return mountPoint;
    }

    /** Free bytes on it. */
    public long usableBytes() throws IOException {
        return Files.getFileStore(mountPoint).getUsableSpace();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        // Lazy: a process the test killed may still be letting go of its mappings.
        run(List.of("umount", "-l", mountPoint.toString()));
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed (root is needed): " + output.trim());
        }
    }
}
