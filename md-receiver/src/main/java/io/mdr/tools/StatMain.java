package io.mdr.tools;

import io.mdr.metrics.CountersFile;
import org.agrona.concurrent.status.CountersReader;

import java.nio.file.Path;
import java.time.Instant;

/**
 * {@code scripts/md-stat}: prints the live counters of a running receiver from its counters file.
 */
public final class StatMain {
    static final String USAGE = """
            usage: md-stat [--counters FILE] [--watch [MS]]

            Prints md-receiver's live counters (packets, messages, drops by reason, gaps, duplicates, port
            imissed/rx_nombuf, ...) from its memory-mapped counters file, without touching the receiver; or
            md-fanout's (records published, lag, back-pressure, subscribers connected, ...) from its own.

              --counters FILE   the receiver's stats.countersFile (default /dev/shm/md-receiver/counters.dat),
                                or md-fanout's --counters (default /dev/shm/md-fanout/counters-STREAM.dat)
              --watch [MS]      print again every MS milliseconds (default 1000) until Ctrl-C
              -h, --help        this text
            """;

    private StatMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path file = Path.of("/dev/shm/md-receiver/counters.dat");
        long watchMs = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "-h", "--help" -> {
                    System.out.print(USAGE);
                    return;
                }
                case "--counters" -> {
                    if (++i >= args.length) {
                        fail("--counters needs a file");
                    }
                    file = Path.of(args[i]);
                }
                case "--watch" -> {
                    watchMs = 1000;
                    if (i + 1 < args.length && args[i + 1].matches("\\d+")) {
                        watchMs = Long.parseLong(args[++i]);
                    }
                }
                default -> fail("unknown option " + args[i] + " (see --help)");
            }
        }
        try (CountersFile counters = CountersFile.open(file)) {
            do {
                System.out.print(format(counters));
                System.out.flush();
                if (watchMs > 0) {
                    Thread.sleep(watchMs);
                }
            } while (watchMs > 0);
        } catch (IllegalArgumentException e) {
            fail(e.getMessage());
        }
    }

    /** What md-stat prints for {@code file}: the writer and every counter with its value. */
    public static String format(CountersFile file) {
        CountersReader reader = file.reader();
        StringBuilder sb = new StringBuilder();
        sb.append(file.program()).append(" pid ").append(file.pid()).append(", started ")
                .append(Instant.ofEpochMilli(file.startMillis())).append('\n');
        reader.forEach((counterId, typeId, keyBuffer, label) ->
                sb.append(String.format("  %-28s %,20d%n", label, reader.getCounterValue(counterId))));
        return sb.toString();
    }

    private static void fail(String message) {
        System.err.println("md-stat: " + message);
        System.exit(2);
    }
}
