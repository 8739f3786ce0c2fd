package io.mdr.fanout;

import io.mdr.testing.SharedData;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The product's commands as processes of their own (a JVM with the project's flags and this test's class path,
 * optionally inside a network namespace), their output in files; every one started is stopped by {@link #close}.
 */
final class JvmProcesses implements AutoCloseable {
    private final Path dir;
    private final List<Running> running = new ArrayList<>();

    JvmProcesses(Path dir) {
        this.dir = dir;
    }

    /** A started process: its stdout and stderr files. */
    record Running(String name, Process process, Path stdout, Path stderr) {
        String out() {
            return read(stdout);
        }

        String err() {
            return read(stderr);
        }

        /** Waits for the end; fails the test when it does not come within {@code seconds}. */
        int await(long seconds) throws InterruptedException {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(name + " did not finish within " + seconds + " s; stderr:\n" + tail(err())
                        + "\nstdout:\n" + tail(out()));
            }
            return process.exitValue();
        }

        /** SIGKILL, and wait for it to be gone. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }

        private static String read(Path file) {
            try {
                return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
            } catch (IOException e) {
                return "(unreadable: " + e.getMessage() + ")";
            }
        }
    }

    /** Starts {@code mainClass} with {@code args}, prefixed by {@code wrapper} (e.g. {@code ip netns exec NS}). */
    Running start(String name, List<String> wrapper, Class<?> mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>(wrapper);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("@" + SharedData.projectRoot().resolve("config/jvm.options"));
        command.add("-Xmx512m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        Path stdout = dir.resolve(name + ".out");
        Path stderr = dir.resolve(name + ".err");
        Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        Running r = new Running(name, process, stdout, stderr);
        running.add(r);
        return r;
    }

    Running start(String name, Class<?> mainClass, String... args) throws IOException {
        return start(name, List.of(), mainClass, args);
    }

    /** Waits until {@code condition} holds; fails after {@code seconds}, with the end of every process's output. */
    void await(String what, long seconds, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                StringBuilder report = new StringBuilder("timed out after " + seconds + " s waiting for " + what);
                for (Running r : running) {
                    report.append("\n--- ").append(r.name()).append(r.process().isAlive() ? " (running)" : " (exit " + r.process().exitValue() + ")")
                            .append(" stderr:\n").append(tail(r.err(), 1500)).append("\n--- ").append(r.name()).append(" stdout:\n")
                            .append(tail(r.out(), 600));
                }
                throw new AssertionError(report.toString());
            }
            Thread.sleep(20);
        }
    }

    static String tail(String text) {
        return tail(text, 4000);
    }

    static String tail(String text, int length) {
        return text.length() <= length ? text : "..." + text.substring(text.length() - length);
    }

    @Override
    public void close() {
        for (Running r : running) {
            if (r.process().isAlive()) {
                r.process().destroy();
            }
        }
        for (Running r : running) {
            try {
                if (!r.process().waitFor(5, TimeUnit.SECONDS)) {
                    r.process().destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
