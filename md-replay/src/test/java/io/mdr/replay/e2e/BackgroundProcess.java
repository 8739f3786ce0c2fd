package io.mdr.replay.e2e;

import io.mdr.testing.SharedData;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A process of the end-to-end tests, its output in a file: waited for line by line, stopped by SIGTERM (as the
 * receiver's operators do), killed if it does not stop, and never left behind.
 */
final class BackgroundProcess implements AutoCloseable {
    private final Process process;
    private final Path log;
    private final String name;

    private BackgroundProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    static BackgroundProcess start(String name, List<String> command, Path log) throws IOException {
        return new BackgroundProcess(name, new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start(), log);
    }

    /** {@code java} with the project's JVM flags and this test's class path, then the main class and its arguments. */
    static List<String> java(String mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("@" + SharedData.projectRoot().resolve("config/jvm.options"));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(args);
        return command;
    }

    String output() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    /** Waits until the output has a line matching {@code regex}; fails with the output when the process ends or time runs out. */
    void awaitLine(String regex, long timeoutSeconds) throws InterruptedException {
        Pattern pattern = Pattern.compile(regex, Pattern.MULTILINE);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (!pattern.matcher(output()).find()) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " ended (exit " + process.exitValue() + ") before printing /" + regex + "/:\n" + output());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + " did not print /" + regex + "/ within " + timeoutSeconds + " s:\n" + output());
            }
            Thread.sleep(20);
        }
    }

    /** Waits for the process to end by itself; returns its exit status. */
    int await(long timeoutSeconds) throws InterruptedException {
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            close();
            throw new AssertionError(name + " did not end within " + timeoutSeconds + " s:\n" + output());
        }
        return process.exitValue();
    }

    /** SIGTERM, then the exit status (SIGKILL after 30 s). */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError(name + " did not stop within 30 s of SIGTERM:\n" + output());
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
