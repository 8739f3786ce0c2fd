package io.mdr.tools;

import io.mdr.journal.JournalTailer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import io.mdr.receiver.ShutdownSignals;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * {@code scripts/md-dump}: prints the journal as JSON lines, one object per message, one per gap.
 */
public final class DumpMain {
    static final String USAGE = """
            usage: md-dump --queue DIR [--from SEQ [--channel NAME]] [--follow]

            Prints the journal as JSON lines: one object per message with channel, session, seq, line, rxNanos,
            type, stockLocate, trackingNumber, timestamp and every other field of the ITCH 5.0 message
            (camelCase after the spec; prices as integers in the spec's units; alpha fields trimmed).
            line is "A" or "B" (the multicast line whose copy came first), or "R" for a message recovered from
            the retransmission server after a hole, which also carries "recovered":true.
            A gap is {"gap": {"channel": ..., "from": ..., "to": ...}}.

              --queue DIR        the journal (a Chronicle Queue directory)
              --from SEQ         start at this sequence number (of --channel, or of the first channel)
              --channel NAME     the channel --from refers to
              --follow           keep printing as the receiver writes (until Ctrl-C)
              --check            instead of JSON, check each channel's sequence numbers: every message once,
                                 in order, and anything missing covered by a gap record; exit 1 if not
              -h, --help         this text
            """;

    private DumpMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    /** Runs md-dump writing to {@code stdout}; returns the exit code. */
    public static int run(String[] args, java.io.PrintStream stdout) {
        Path queue = null;
        Long from = null;
        String channel = null;
        boolean follow = false;
        boolean check = false;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "-h", "--help" -> {
                        stdout.print(USAGE);
                        return 0;
                    }
                    case "--queue" -> queue = Path.of(next(args, ++i, "--queue"));
                    case "--from" -> from = parseLong(next(args, ++i, "--from"));
                    case "--channel" -> channel = next(args, ++i, "--channel");
                    case "--follow" -> follow = true;
                    case "--check" -> check = true;
                    default -> throw new IllegalArgumentException("unknown option " + args[i] + " (see --help)");
                }
            }
            if (queue == null) {
                throw new IllegalArgumentException("--queue DIR is required (see --help)");
            }
            Writer out = new BufferedWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), 1 << 16);
            try (JournalTailer tailer = JournalTailer.open(queue)) {
                if (from != null) {
                    tailer.fromSequence(channel != null ? channel : tailer.firstChannelName(), from);
                } else {
                    tailer.fromStart();
                }
                if (check) {
                    SequenceCheck sequenceCheck = new SequenceCheck();
                    while (tailer.poll(sequenceCheck, 4096) > 0) {
                        // read to the end
                    }
                    stdout.print(sequenceCheck.report());
                    return sequenceCheck.ok() ? 0 : 1;
                }
                JsonLines lines = new JsonLines(out);
                ShutdownSignals signals = follow ? ShutdownSignals.install("md-dump") : null;
                IdleStrategy idle = new BackoffIdleStrategy();
                while (signals == null || !signals.stopRequested()) {
                    int n = tailer.poll(lines, 1024);
                    if (n == 0) {
                        if (!follow) {
                            break;
                        }
                        out.flush();
                        idle.idle();
                    } else {
                        idle.reset();
                    }
                }
            }
            out.flush();
            return 0;
        } catch (IllegalArgumentException e) {
            System.err.println("md-dump: " + e.getMessage());
            return 2;
        } catch (IOException | UncheckedIOException e) {
            System.err.println("md-dump: " + e.getMessage());
            return 1;
        }
    }

    private static String next(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value (see --help)");
        }
        return args[i];
    }

    private static long parseLong(String v) {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--from " + v + ": expected a sequence number");
        }
    }
}
