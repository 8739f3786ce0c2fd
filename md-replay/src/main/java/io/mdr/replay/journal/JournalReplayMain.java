package io.mdr.replay.journal;

import io.mdr.journal.JournalListener;
import io.mdr.journal.JournalMessage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code scripts/md-journal-replay}: replays a recorded journal at its pace (or faster) into a demonstration
 * consumer that counts messages by ITCH type, and reports the recorded and replayed durations.
 */
public final class JournalReplayMain {
    static final String USAGE = """
            usage: md-journal-replay --queue DIR [--speed X | --top-speed]

            Replays a recorded journal, as a backtest would, at the pace its messages were received (from their
            rx timestamps), X times faster, or as fast as possible, into a consumer that counts messages by ITCH
            type. Strategies do the same in Java with io.mdr.replay.journal.JournalReplay.replay(...).

              --queue DIR     the journal (a Chronicle Queue directory written by md-receiver)
              --speed X       X times the recorded pace (default 1)
              --top-speed     no pacing
              -h, --help      this text
            """;

    private JournalReplayMain() {
    }

    public static void main(String[] args) {
        Path queue = null;
        double speed = 1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "-h", "--help" -> {
                    System.out.print(USAGE);
                    return;
                }
                case "--queue" -> queue = Path.of(value(args, ++i, "--queue"));
                case "--speed" -> {
                    String v = value(args, ++i, "--speed");
                    try {
                        speed = Double.parseDouble(v);
                    } catch (NumberFormatException e) {
                        fail("--speed " + v + ": expected a number above 0");
                    }
                    if (!(speed > 0)) {
                        fail("--speed " + v + ": expected a number above 0");
                    }
                }
                case "--top-speed" -> speed = Double.POSITIVE_INFINITY;
                default -> fail("unknown option " + args[i] + " (see --help)");
            }
        }
        if (queue == null || !Files.isDirectory(queue)) {
            fail(queue == null ? "--queue DIR is required (see --help)" : "--queue " + queue + ": no such journal");
        }
        long[] byType = new long[256];
        JournalListener counter = new JournalListener() {
            @Override
            public void onMessage(JournalMessage message) {
                byType[message.messageType() & 0xFF]++;
            }
        };
        JournalReplay.Result r = JournalReplay.replay(queue, counter, speed, () -> false);
        System.out.printf(Locale.ROOT, "md-journal-replay: %,d messages, %,d gaps; recorded over %.3f s, replayed in %.3f s (x%s)%n",
                r.messages(), r.gaps(), r.recordedSpanNanos() / 1e9, r.elapsedNanos() / 1e9,
                speed == Double.POSITIVE_INFINITY ? "top speed" : speed);
        StringBuilder sb = new StringBuilder("  by type:");
        for (int t = 0; t < 256; t++) {
            if (byType[t] > 0) {
                sb.append(' ').append((char) t).append('=').append(byType[t]);
            }
        }
        System.out.println(sb);
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            fail(flag + " needs a value (see --help)");
        }
        return args[i];
    }

    private static void fail(String message) {
        System.err.println("md-journal-replay: " + message);
        System.exit(2);
    }
}
