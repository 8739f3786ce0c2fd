package io.mdr.fanout;

import io.mdr.receiver.ShutdownSignals;
import org.agrona.concurrent.BackoffIdleStrategy;

import java.nio.file.Path;
import java.util.zip.CRC32;

/**
 * {@code scripts/md-fanout}: publishes the journal to strategy hosts over Aeron (see {@link #USAGE}).
 */
public final class FanoutMain {
    static final String USAGE = """
            usage: md-fanout --queue DIR --channel URI --stream ID [options]

            Tails the journal and publishes every record (messages, gaps, ends of session, channel names), unchanged,
            on an Aeron publication: one Aeron message per record, claimed in Aeron's log and filled with one copy.
            Subscribers (md-subscribe, or FeedSubscriber in a strategy) decode them with the journal's own decoder.

              --queue DIR            the journal (a Chronicle Queue directory that md-receiver writes)
              --channel URI          the Aeron channel: aeron:ipc (same host), aeron:udp?endpoint=HOST:PORT (one
                                     strategy host), aeron:udp?endpoint=GROUP:PORT|interface=IP (multicast), or
                                     aeron:udp?control=IP:PORT|control-mode=dynamic (multi-destination)
              --stream ID            the Aeron stream id
              --from-start           publish from the journal's first record, once the first subscriber has connected
                                     (default: from the journal's end, live)
              --archive DIR          also record the stream in an Aeron Archive in DIR, for late joiners
                                     (md-subscribe --replay); its control channel is --archive-control
              --archive-control URI  where the archive takes requests (default aeron:udp?endpoint=localhost:8010;
                                     another host's subscribers need this host's address)
              --aeron-dir DIR        use the media driver running in DIR (default: one embedded in this process,
                                     in /dev/shm/aeron-md-fanout-PID, removed on exit)
              --flow-control KIND    for multicast and multi-destination channels: min (a slow host holds back all),
                                     max (a slow host is left behind, to catch up from the archive), or tagged:TAG
                                     (only the hosts whose channel says gtag=TAG hold the stream back); min/N and
                                     tagged:TAG/N also wait for N receivers before the first record
              --exit-when-idle S     exit after S seconds with nothing new in the journal (decimals allowed)
              --position FILE        where the position to resume from is kept (default DIR-fanout/stream-ID-HASH.position,
                                     HASH from the channel); a saved position wins over --from-start
              --counters FILE        live counters for md-stat (default /dev/shm/md-fanout/counters-ID.dat)
              --idle KIND            the loop's idle strategy: backoff (default), yield, busy-spin (an isolated core)
              --stats-interval MS    one stats line every MS milliseconds (default 1000; 0: none)
              -h, --help             this text

            Back-pressure, no subscriber yet and term rotations make the fan-out wait and retry: the journal holds
            what is not yet sent, and the receiver never waits for the fan-out. After SIGKILL, a restart with the same
            arguments continues from the last record its subscribers were sent; a subscriber that stayed up drops what
            it sees twice. SIGINT/SIGTERM: finish sending, save the position, exit 0.
            """;

    private FanoutMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        FanoutSettings settings;
        try {
            settings = parse(args);
            if (settings == null) {
                System.out.print(USAGE);
                return 0;
            }
        } catch (IllegalArgumentException e) {
            System.err.println("md-fanout: " + e.getMessage());
            return 2;
        }
        ShutdownSignals signals = ShutdownSignals.install("md-fanout");
        try (Fanout fanout = Fanout.start(settings, System.out)) {
            fanout.run(signals::stopRequested);
            return 0;
        } catch (IllegalArgumentException e) {
            System.err.println("md-fanout: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            System.err.println("md-fanout: " + e);
            return 1;
        }
    }

    /** The settings, or null when --help was asked for. */
    static FanoutSettings parse(String[] args) {
        CommandLine cl = new CommandLine(args);
        Path queue = null;
        String channel = null;
        Integer stream = null;
        boolean fromStart = false;
        Path archive = null;
        String archiveControl = "aeron:udp?endpoint=localhost:8010";
        Path aeronDir = null;
        String flowControl = null;
        long exitWhenIdleNanos = 0;
        Path position = null;
        Path counters = null;
        org.agrona.concurrent.IdleStrategy idle = new BackoffIdleStrategy();
        int statsIntervalMs = 1000;
        while (cl.hasNext()) {
            String flag = cl.flag();
            switch (flag) {
                case "-h", "--help" -> {
                    return null;
                }
                case "--queue" -> queue = cl.path(flag);
                case "--channel" -> channel = cl.value(flag);
                case "--stream" -> stream = cl.integer(flag, Integer.MIN_VALUE, Integer.MAX_VALUE);
                case "--from-start" -> fromStart = true;
                case "--archive" -> archive = cl.path(flag);
                case "--archive-control" -> archiveControl = cl.value(flag);
                case "--aeron-dir" -> aeronDir = cl.path(flag);
                case "--flow-control" -> flowControl = cl.value(flag);
                case "--exit-when-idle" -> exitWhenIdleNanos = cl.seconds(flag);
                case "--position" -> position = cl.path(flag);
                case "--counters" -> counters = cl.path(flag);
                case "--idle" -> idle = cl.idle(flag);
                case "--stats-interval" -> statsIntervalMs = cl.integer(flag, 0, 3_600_000);
                default -> throw CommandLine.unknown(flag);
            }
        }
        if (queue == null || channel == null || stream == null) {
            throw new IllegalArgumentException("--queue DIR, --channel URI and --stream ID are required (see --help)");
        }
        String publicationChannel;
        try {
            publicationChannel = FlowControlChoice.apply(channel, flowControl);
        } catch (IllegalArgumentException e) {
            throw e.getMessage().startsWith(FlowControlChoice.KEY) ? e
                    : new IllegalArgumentException("--channel " + channel + ": " + e.getMessage());
        }
        if (position == null) {
            position = defaultPosition(queue, channel, stream);
        }
        if (counters == null) {
            counters = Path.of("/dev/shm/md-fanout/counters-" + stream + ".dat");
        }
        return new FanoutSettings(queue, channel, publicationChannel, stream, fromStart, archive, archiveControl, aeronDir,
                exitWhenIdleNanos, position, counters, idle, statsIntervalMs);
    }

    /** {@code DIR-fanout/stream-ID-HASH.position}: beside the journal, one per channel and stream. */
    static Path defaultPosition(Path queue, String channel, int stream) {
        CRC32 crc = new CRC32();
        crc.update(channel.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Path absolute = queue.toAbsolutePath().normalize();
        return absolute.resolveSibling(absolute.getFileName() + "-fanout")
                .resolve(String.format("stream-%d-%08x.position", stream, crc.getValue()));
    }
}
