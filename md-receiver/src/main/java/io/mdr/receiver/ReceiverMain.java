package io.mdr.receiver;

import io.mdr.config.ConfigException;
import io.mdr.config.ConfigKeys;
import io.mdr.config.MessageHandlerKind;
import io.mdr.config.ReceiverConfig;
import io.mdr.config.ReceiverMode;
import io.mdr.dpdk.DpdkException;
import io.mdr.journal.JournalLockedException;
import io.mdr.journal.JournalSpaceException;
import io.mdr.memory.MemoryLockException;
import io.mdr.port.PortException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * {@code scripts/md-receiver}: runs the receiver from a configuration file, or over a capture.
 */
public final class ReceiverMain {
    static final String USAGE = """
            usage: md-receiver --config FILE [options]
                   md-receiver --pcap FILE --queue DIR [options]

            Receives market data on a pinned core, through DPDK (port.kind=dpdk) or the kernel (port.kind=socket,
            epoll or io_uring), parses MoldUDP64 / ITCH 5.0 in place, arbitrates A/B lines, detects gaps and
            journals every accepted message to a Chronicle Queue.

              --config FILE          receiver configuration (.properties; see config/README.md)
              --pcap FILE            receive a capture through DPDK's net_pcap port until its end, then exit;
                                     every MoldUDP64 stream (destination and session) is its own channel
              --queue DIR            journal directory (with --pcap; overrides journal.path with --config)
              --request-server IP:PORT[,IP:PORT...]
                                     MoldUDP64 request (retransmission) servers to recover holes from, tried in
                                     turn; with --pcap for every automatic channel, with --config for every
                                     channel without channel.<name>.requestServer (recovery.requestServer)
              --core N               CPU for the polling thread (receiver.core)
              --rx-only              receive and free only: no parse, no journal (receiver.mode=rx-only)
              --handler none|book    in-process handler (receiver.handler): book keeps each channel's order
                                     books on the polling thread and records the rx->book latency stage
              --burst N              rx burst size (port.burstSize)
              --stats-interval MS    stats line interval (stats.intervalMs)
              --counters FILE        live counters file for md-stat (stats.countersFile)
              --hlog FILE            HdrHistogram interval log of latencies (latency.histogramLog)
              --exchange-latency     also record exchange->handler latency from ITCH timestamps
                                     (latency.exchangeToHandler=true): the handler's clock minus each
                                     message's exchange timestamp; meaningful when this host's clock is
                                     synchronised with the exchange's (PTP), or when md-replay --restamp sends
              --exchange-zone ZONE   the zone whose midnight ITCH timestamps count from (latency.exchangeZone;
                                     default America/New_York, e.g. UTC)
              --exit-when-idle MS    stop after MS without packets (default 1000 with --pcap, off otherwise)
              --duration SECONDS     stop after SECONDS of polling, as SIGTERM would (the clock starts when
                                     the port has started, after EAL start-up and warm-up; decimals allowed)
              --warmup-packets N     packets received before the polling thread's allocation, GCs and page
                                     faults start being counted in the summary (default 100000; a benchmark at a
                                     low rate gives its warm-up seconds' worth)
              --set KEY=VALUE        any configuration key (config/README.md), over the file or the --pcap
                                     defaults and under the options above; repeatable, checked like the file
              -h, --help             this text

            SIGINT or SIGTERM (or the end of --duration) stops the loop, flushes the journal, prints the
            summary, closes the port, frees the pools, runs rte_eal_cleanup and exits 0. At the end of a
            capture, holes still being recovered are waited for (at most the time recovery takes to give
            a hole up); what is still missing then is journaled as a gap.

            A restart on the same journal continues it: each channel resumes after its last journaled sequence
            (what arrives at or below it is a counted duplicate; the hole up to the first message received is
            asked of the request server, or is a gap without one). A fatal error (the journal's file system
            full, below journal.minFreeMb; a failure on the polling or recovery thread) stops the same way,
            names the cause, and exits 1. Exit 2: bad configuration or arguments; 3: mbufs did not all come back.
            """;

    private ReceiverMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        Path configFile = null;
        Path pcap = null;
        Path queue = null;
        Integer core = null;
        Integer burst = null;
        Long statsInterval = null;
        Path counters = null;
        Path hlog = null;
        boolean rxOnly = false;
        String handlerName = null;
        boolean exchangeLatency = false;
        String exchangeZone = null;
        Long idleExitMs = null;
        Long durationNanos = null;
        Long warmupPackets = null;
        String requestServers = null;
        List<String> settings = new ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "-h", "--help" -> {
                        System.out.print(USAGE);
                        return 0;
                    }
                    case "--config" -> configFile = Path.of(value(args, ++i, a));
                    case "--pcap" -> pcap = Path.of(value(args, ++i, a));
                    case "--queue" -> queue = Path.of(value(args, ++i, a));
                    case "--core" -> core = intValue(args, ++i, a);
                    case "--burst" -> burst = intValue(args, ++i, a);
                    case "--stats-interval" -> statsInterval = (long) intValue(args, ++i, a);
                    case "--counters" -> counters = Path.of(value(args, ++i, a));
                    case "--hlog" -> hlog = Path.of(value(args, ++i, a));
                    case "--rx-only" -> rxOnly = true;
                    case "--handler" -> handlerName = value(args, ++i, a);
                    case "--exchange-latency" -> exchangeLatency = true;
                    case "--exchange-zone" -> exchangeZone = value(args, ++i, a);
                    case "--exit-when-idle" -> idleExitMs = (long) intValue(args, ++i, a);
                    case "--duration" -> durationNanos = durationValue(args, ++i, a);
                    case "--request-server" -> requestServers = value(args, ++i, a);
                    case "--set" -> settings.add(value(args, ++i, a));
                    case "--warmup-packets" -> {
                        warmupPackets = (long) intValue(args, ++i, a);
                        if (warmupPackets < 1) {
                            throw new IllegalArgumentException("--warmup-packets must be at least 1, got " + warmupPackets);
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown option " + a + " (see --help)");
                }
            }
            if ((configFile == null) == (pcap == null)) {
                throw new IllegalArgumentException("give exactly one of --config FILE or --pcap FILE (see --help)");
            }
            ReceiverConfig.Builder builder;
            if (configFile != null) {
                builder = ReceiverConfig.load(configFile).toBuilder();
            } else {
                if (!Files.isRegularFile(pcap)) {
                    throw new IllegalArgumentException("--pcap " + pcap + ": no such file");
                }
                if (queue == null) {
                    throw new IllegalArgumentException("--pcap needs --queue DIR (where the journal goes)");
                }
                builder = ReceiverConfig.builder()
                        .sourceName("--pcap " + pcap)
                        .ealArgs("--no-huge -m 512 --no-pci --no-shconf -l 0 --log-level lib.*:warning --file-prefix md-receiver-"
                                + ProcessHandle.current().pid())
                        .pcap(pcap.toAbsolutePath())
                        .core(Math.min(1, Runtime.getRuntime().availableProcessors() - 1));
                if (idleExitMs == null) {
                    idleExitMs = 1000L;
                }
            }
            for (String setting : settings) {
                int equals = setting.indexOf('=');
                if (equals <= 0) {
                    throw new IllegalArgumentException("--set expects KEY=VALUE (a key of config/README.md), got '" + setting + "'");
                }
                builder.set(setting.substring(0, equals).trim(), setting.substring(equals + 1).trim());
            }
            if (queue != null) {
                builder.journalPath(queue);
            }
            if (core != null) {
                builder.core(core);
            }
            if (burst != null) {
                builder.burstSize(burst);
            }
            if (statsInterval != null) {
                builder.statsIntervalMs(statsInterval);
            }
            if (counters != null) {
                builder.countersFile(counters);
            }
            if (hlog != null) {
                builder.histogramLog(hlog);
            }
            if (rxOnly) {
                builder.mode(ReceiverMode.RX_ONLY);
            }
            if (requestServers != null) {
                builder.set(ConfigKeys.RECOVERY_REQUEST_SERVER, requestServers);
            }
            if (handlerName != null) {
                builder.set(ConfigKeys.RECEIVER_HANDLER, handlerName);
            }
            if (exchangeLatency) {
                builder.exchangeToHandler(true);
            }
            if (exchangeZone != null) {
                builder.exchangeZone(exchangeZone);
            }
            ReceiverConfig config = builder.build();
            MessageHandler handler = config.handler() == MessageHandlerKind.BOOK
                    ? new BookHandler(Math.max(1, config.channels().size()), config.book())
                    : MessageHandler.NONE;

            ShutdownSignals signals = ShutdownSignals.install("md-receiver");
            Receiver receiver = new Receiver(config, handler,
                    config.stats().exchangeToHandler() ? ExchangeClock.since(config.stats().exchangeZone()) : ExchangeClock.disabled(),
                    System.out);
            if (warmupPackets != null) {
                receiver.warmupPackets(warmupPackets);
            }
            BooleanSupplier stop = signals::stopRequested;
            receiver.run(durationNanos == null ? stop : stopAfter(stop, durationNanos),
                    idleExitMs == null ? 0 : TimeUnit.MILLISECONDS.toNanos(idleExitMs));
            if (receiver.failure() != null) {
                return 1;
            }
            return receiver.poolReturnedFull() ? 0 : 3;
        } catch (ConfigException | IllegalArgumentException e) {
            System.err.println("md-receiver: " + e.getMessage());
            return 2;
        } catch (DpdkException | PortException | JournalSpaceException | JournalLockedException | MemoryLockException e) {
            System.err.println("md-receiver: " + e.getMessage());
            return 1;
        } catch (java.io.UncheckedIOException e) {
            // e.g. the recovery socket could not be bound (recovery.localAddress)
            System.err.println("md-receiver: " + e.getMessage());
            return 1;
        }
    }

    /**
     * A stop condition that also turns true {@code durationNanos} after its first evaluation: the receiver
     * first asks once the port has started and polling has begun, so start-up and warm-up are not counted.
     */
    static BooleanSupplier stopAfter(BooleanSupplier stop, long durationNanos) {
        return new BooleanSupplier() {
            private long deadline;
            private boolean started;

            @Override
            public boolean getAsBoolean() {
                if (stop.getAsBoolean()) {
                    return true;
                }
                long now = System.nanoTime();
                if (!started) {
                    started = true;
                    deadline = now + durationNanos;
                }
                return now - deadline >= 0;
            }
        };
    }

    private static long durationValue(String[] args, int i, String flag) {
        String v = value(args, i, flag);
        double seconds;
        try {
            seconds = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " " + v + ": expected a number of seconds");
        }
        if (!(seconds > 0) || seconds > 365 * 86400.0) {
            throw new IllegalArgumentException(flag + " " + v + ": expected seconds > 0 (at most a year)");
        }
        return (long) (seconds * 1e9);
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value (see --help)");
        }
        return args[i];
    }

    private static int intValue(String[] args, int i, String flag) {
        String v = value(args, i, flag);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " " + v + ": expected an integer");
        }
    }
}
