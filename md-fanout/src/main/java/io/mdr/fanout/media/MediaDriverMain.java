package io.mdr.fanout.media;

import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.mdr.fanout.CommandLine;
import io.mdr.receiver.ShutdownSignals;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code scripts/md-media-driver}: a standalone Aeron media driver for a host where several processes share
 * streams: md-fanout and md-subscribe over {@code aeron:ipc}, or many strategies behind one UDP subscription.
 */
public final class MediaDriverMain {
    static final String USAGE = """
            usage: md-media-driver --aeron-dir DIR [--threading shared|dedicated] [--idle backoff|busy-spin]
                                   [--ipc-term-length BYTES]

            Runs an Aeron media driver in DIR until SIGINT or SIGTERM, then removes DIR. Processes given
            --aeron-dir DIR (md-fanout, md-subscribe, FeedSubscriber) use it instead of embedding their own, so
            that they can share aeron:ipc streams and one network subscription per host.

              --aeron-dir DIR        the driver's directory (e.g. /dev/shm/aeron-md)
              --threading MODE       shared (default: one thread for conductor, sender and receiver) or dedicated
                                     (a thread each: for a host with cores to spare)
              --idle KIND            the driver threads' idle strategy: backoff (default) or busy-spin
              --ipc-term-length N    term length of aeron:ipc publications, a power of two from 64k to 1g, with
                                     an optional k/m/g suffix (default 8m: a 4 MB window, about 100 ms of the feed
                                     at 1M messages/s, so that a publisher never waits for the driver to move its
                                     limit; a channel's own term-length wins)
              -h, --help             this text
            """;

    private MediaDriverMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path dir = null;
        ThreadingMode threading = ThreadingMode.SHARED;
        boolean busySpin = false;
        int ipcTermLength = AeronMedia.IPC_TERM_LENGTH;
        try {
            CommandLine cl = new CommandLine(args);
            while (cl.hasNext()) {
                String flag = cl.flag();
                switch (flag) {
                    case "-h", "--help" -> {
                        System.out.print(USAGE);
                        return;
                    }
                    case "--aeron-dir" -> dir = cl.path(flag);
                    case "--threading" -> {
                        String v = cl.value(flag);
                        threading = switch (v.toLowerCase(Locale.ROOT)) {
                            case "shared" -> ThreadingMode.SHARED;
                            case "dedicated" -> ThreadingMode.DEDICATED;
                            default -> throw new IllegalArgumentException(flag + " " + v + ": expected shared or dedicated");
                        };
                    }
                    case "--idle" -> {
                        String v = cl.value(flag);
                        busySpin = switch (v) {
                            case "busy-spin" -> true;
                            case "backoff" -> false;
                            default -> throw new IllegalArgumentException(flag + " " + v + ": expected backoff or busy-spin");
                        };
                    }
                    case "--ipc-term-length" -> ipcTermLength = termLength(flag, cl.value(flag));
                    default -> throw CommandLine.unknown(flag);
                }
            }
            if (dir == null) {
                throw new IllegalArgumentException("--aeron-dir DIR is required (see --help)");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("md-media-driver: " + e.getMessage());
            System.exit(2);
        }
        ShutdownSignals signals = ShutdownSignals.install("md-media-driver");
        MediaDriver.Context context = AeronMedia.withTouchedLogs(new MediaDriver.Context())
                .aeronDirectoryName(dir.toString())
                .threadingMode(threading)
                .ipcTermBufferLength(ipcTermLength)
                .dirDeleteOnStart(true)
                .dirDeleteOnShutdown(true);
        if (busySpin) {
            IdleStrategy idle = new BusySpinIdleStrategy();
            context.sharedIdleStrategy(idle).conductorIdleStrategy(new BusySpinIdleStrategy())
                    .senderIdleStrategy(new BusySpinIdleStrategy()).receiverIdleStrategy(new BusySpinIdleStrategy());
        } else {
            context.sharedIdleStrategy(new BackoffIdleStrategy());
        }
        try (MediaDriver driver = MediaDriver.launch(context)) {
            System.out.printf("md-media-driver: running in %s (%s threading); SIGINT or SIGTERM stops it%n",
                    driver.aeronDirectoryName(), threading.name().toLowerCase(Locale.ROOT));
            System.out.flush();
            while (!signals.stopRequested()) {
                Thread.sleep(50);
            }
        }
        System.out.println("md-media-driver: stopped");
    }

    /** A term length: 64k to 1g, a power of two, in bytes or with a k, m or g suffix. */
    static int termLength(String flag, String value) {
        String v = value.toLowerCase(Locale.ROOT);
        long unit = switch (v.isEmpty() ? ' ' : v.charAt(v.length() - 1)) {
            case 'k' -> 1L << 10;
            case 'm' -> 1L << 20;
            case 'g' -> 1L << 30;
            default -> 1;
        };
        long bytes;
        try {
            bytes = Long.parseLong(unit == 1 ? v : v.substring(0, v.length() - 1)) * unit;
        } catch (NumberFormatException e) {
            bytes = -1;
        }
        if (bytes < (64 << 10) || bytes > (1 << 30) || Long.bitCount(bytes) != 1) {
            throw new IllegalArgumentException(flag + " " + value + ": expected a power of two from 64k to 1g (e.g. 8m)");
        }
        return (int) bytes;
    }
}
