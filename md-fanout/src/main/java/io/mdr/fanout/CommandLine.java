package io.mdr.fanout;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NoOpIdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads a command's arguments one flag at a time; every error names the flag and what it accepts.
 */
public final class CommandLine {
    private final String[] args;
    private int next;

    public CommandLine(String[] args) {
        this.args = args;
    }

    public boolean hasNext() {
        return next < args.length;
    }

    /** The next flag. */
    public String flag() {
        return args[next++];
    }

    /** The value after {@code flag}. */
    public String value(String flag) {
        if (next >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value (see --help)");
        }
        return args[next++];
    }

    public Path path(String flag) {
        return Path.of(value(flag));
    }

    /** An integer within {@code [min, max]}. */
    public int integer(String flag, int min, int max) {
        String v = value(flag);
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(flag + " " + v + ": expected an integer from " + min + " to " + max);
    }

    /** Seconds (decimals allowed) as nanoseconds, more than 0 and at most a day. */
    public long seconds(String flag) {
        String v = value(flag);
        try {
            double seconds = Double.parseDouble(v);
            if (seconds > 0 && seconds <= 86_400) {
                return (long) (seconds * 1e9);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(flag + " " + v + ": expected a number of seconds, more than 0 and at most 86400");
    }

    /** An idle strategy by name: busy-spin, yield, backoff or noop. */
    public IdleStrategy idle(String flag) {
        String v = value(flag);
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "busy-spin" -> new BusySpinIdleStrategy();
            case "yield" -> new YieldingIdleStrategy();
            case "backoff" -> new BackoffIdleStrategy();
            case "noop" -> new NoOpIdleStrategy();
            default -> throw new IllegalArgumentException(flag + " " + v + ": expected busy-spin, yield, backoff or noop");
        };
    }

    public static IllegalArgumentException unknown(String flag) {
        return new IllegalArgumentException("unknown option " + flag + " (see --help)");
    }
}
