package io.mdr.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class in a JVM of its own (EAL starts once per process), with the project's JVM flags and
 * this test's class path.
 */
public final class ReceiverProcess {
    private ReceiverProcess() {
    }

    /** Result of a finished process. */
    public record Result(int exitCode, String output) {
    }

    public static Result run(String mainClass, List<String> args, long timeoutSeconds) throws IOException, InterruptedException {
        return run(List.of(), mainClass, args, timeoutSeconds);
    }

    /**
     * As {@link #run(String, List, long)}, the JVM started through {@code wrapper} (a command that runs the rest of
     * its command line under other limits, e.g. {@code prlimit --memlock=65536 --}), or directly when it is empty.
     */
    public static Result run(List<String> wrapper, String mainClass, List<String> args, long timeoutSeconds)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(wrapper);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("@" + SharedData.projectRoot().resolve("config/jvm.options"));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(mainClass + " did not finish in " + timeoutSeconds + " s");
        }
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
