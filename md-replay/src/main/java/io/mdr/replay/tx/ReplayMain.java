package io.mdr.replay.tx;

import io.mdr.dpdk.DpdkException;
import io.mdr.dpdk.Eal;
import io.mdr.dpdk.EthPort;
import io.mdr.dpdk.MbufPool;
import io.mdr.dpdk.PortSettings;
import io.mdr.dpdk.PortStats;
import io.mdr.receiver.ExchangeClock;
import io.mdr.replay.capture.CaptureReader;
import io.mdr.replay.packet.FrameRewriter;
import io.mdr.net.PacketHeaders;
import org.HdrHistogram.Histogram;
import io.mdr.receiver.ShutdownSignals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code scripts/md-replay}: replays a capture through a DPDK port.
 */
public final class ReplayMain {
    static final String USAGE = """
            usage: md-replay --pcap FILE --port DEVICE [options]

            Replays a capture (pcap in µs or ns, or pcapng; memory-mapped, any size) through a DPDK port, at
            the capture's original pace, faster, at a fixed rate, or at top speed, then reports packets, bytes,
            the achieved rate and the pacing error percentiles.

              --pcap FILE            the capture
              --port DEVICE          a DPDK vdev or a PCI address, e.g.
                                       net_memif0,role=server,socket=/tmp/md-replay.sock  (a receiver on this host)
                                       net_af_packet0,iface=veth0   net_tap0,iface=mdtap0
                                       net_pcap0,tx_pcap=/tmp/out.pcap   0000:3b:00.0
              --eal "ARGS"           EAL arguments (default: --no-huge -m 512 --no-pci --no-shconf -l CORE
                                     --file-prefix md-replay-PID; a PCI port needs your own)
              --core N               CPU that sends (EAL's main lcore; default 0)
              --speed X              original timing, X times faster (default 1: as captured)
              --pps N                a fixed rate instead of the capture's timing
              --top-speed            as fast as the port takes them (tx in bursts)
              --bursts N/MICROS      N packets back to back at the start of every MICROS microseconds (a burst
                                     pattern at a known mean rate; e.g. 64/200: 320,000 pps on average), on the
                                     schedule's timeline (a late burst goes at once)
              --count N              send N packets (of the loops, in order), then stop as at the capture's end
              --settle N             the first N packets are the receiver's warm-up: the tx ring's back-pressure
                                     and the pacing error are also reported over the packets after them
              --loop N               replay the capture N times (default 1)
              --continue-sequence    with --loop: each loop continues the MoldUDP64 sequence numbers where the
                                     one before ended (adds the capture's sequence span per loop) and only the
                                     last loop sends the end of session, so a receiver sees one long stream
              --keep-timeline        paced: keep each packet on the capture's timeline, catching up after a stall
                                     (what is due meanwhile goes in tx bursts of up to --burst packets)
                                     (default: keep each inter-packet gap, so a stall delays what follows)
              --dst-ip IP --dst-port PORT
                                     rewrite the destination group:port (the MAC follows a multicast group)
              --dst-mac MAC          and the destination MAC (with --dst-ip and --dst-port)
              --restamp              set every ITCH timestamp to the send time (ns since midnight in --zone),
                                     for exchange->handler latency on one host
              --zone ZONE            the time zone of --restamp's midnight (default America/New_York, as
                                     NASDAQ; e.g. UTC): the receiver's latency.exchangeZone must match
              --burst N              tx burst size at top speed, and on --keep-timeline when behind (default 32)
              --wait-link MS         wait up to MS for the link (memif: the receiver connecting; default 10000)
              --linger MS            after the last packet, keep the port up until its peer leaves, at most MS
                                     (default: 60000 for a net_memif server, whose receiver must leave first, or
                                     DPDK 22.11's memif client may read regions unmapped under it; 0 otherwise)
              --no-progress          no progress bar
              -h, --help             this text
            """;

    private ReplayMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        try {
            Options o = Options.parse(args);
            if (o == null) {
                System.out.print(USAGE);
                return 0;
            }
            return replay(o);
        } catch (IllegalArgumentException e) {
            System.err.println("md-replay: " + e.getMessage());
            return 2;
        } catch (DpdkException e) {
            System.err.println("md-replay: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            System.err.println("md-replay: " + e.getMessage());
            return 1;
        }
    }

    private static int replay(Options o) throws IOException {
        long totalPackets = CaptureReader.countPackets(o.pcap) * o.loops;
        if (o.count > 0) {
            totalPackets = Math.min(totalPackets, o.count);
        }
        List<String> eal = new ArrayList<>(o.eal != null ? Arrays.asList(o.eal.trim().split("\\s+"))
                : List.of("--no-huge", "-m", "512", "--no-pci", "--no-shconf", "-l", Integer.toString(o.core),
                "--log-level", "lib.*:warning", "--file-prefix", "md-replay-" + ProcessHandle.current().pid()));
        eal.add(o.port.startsWith("net_") ? "--vdev=" + o.port : "-a");
        if (!o.port.startsWith("net_")) {
            eal.add(o.port);
        }
        String portName = o.port.split(",", 2)[0];
        ShutdownSignals signals = ShutdownSignals.install("md-replay");
        try (CaptureReader reader = CaptureReader.open(o.pcap);
             Eal ignored = Eal.start("md-replay", eal);
             MbufPool pool = MbufPool.create("md-tx", 8191, 256, MbufPool.defaultDataRoom(), -1)) {
            // The sending loop reads the signal flag itself: no thread wakes up to watch it on the sending CPU.
            BooleanSupplier stop = signals::stopRequested;
            CaptureReplayer.Result result;
            try (EthPort port = EthPort.start(EthPort.portIdByName(portName), new PortSettings(512, 1024, false, false), pool)) {
                System.out.println("md-replay: " + o.pcap + " (" + reader.format() + ", " + totalPackets + " packets to send) -> "
                        + port + ", " + o.pacing + (o.loops > 1 ? ", " + o.loops + " loops" : ""));
                waitForLink(port, o.waitLinkMs, stop);
                long step = o.continueSequence ? new SequenceShifter().span(reader) : 0;
                if (o.continueSequence) {
                    System.out.println("md-replay: each loop continues the sequence numbers: +" + step + " per loop");
                }
                CaptureReplayer replayer = new CaptureReplayer(new CaptureReplayer.Settings(o.pacing, o.loops, o.burst,
                        o.rewriter(), o.restamp, o.restamp ? ExchangeClock.since(o.zone) : ExchangeClock.disabled(),
                        o.keepTimeline, step, o.count, o.settle),
                        pool, port.txQueue());
                replayer.warmUp(reader, 200_000);
                ProgressBar bar = new ProgressBar(System.err, totalPackets, o.progress);
                result = replayer.run(reader, bar, stop);
                bar.finish();
                PortStats stats = new PortStats();
                port.readStats(stats);
                System.out.print(report(result, stats, o.keepTimeline || o.pacing.mode() == Pacing.Mode.BURSTS));
                System.out.flush();
                lingerWhileLinked(port, o.lingerMs(portName));
            }
            System.out.println("md-replay: port closed; mbuf pool " + pool.available() + "/" + pool.capacity()
                    + (pool.isFull() ? " (full)" : " (NOT full)"));
            return 0;
        }
    }

    /**
     * Keeps the port up after the last packet until its peer has gone (the link is down), at most {@code lingerMs}.
     * For a memif server this is what keeps its receiver alive: DPDK 22.11's memif client unmaps a departed server's
     * regions from its control thread while its polling thread may be reading them (a SIGSEGV in the receiver), so the
     * receiver must leave first. A stop signal does not end the wait (the receiver is the one to stop); a second one
     * halts.
     */
    private static void lingerWhileLinked(EthPort port, long lingerMs) {
        if (lingerMs <= 0 || port.linkSpeedMbps() < 0) {
            return;
        }
        System.out.println("md-replay: keeping the link up until the receiver leaves (at most " + lingerMs / 1000 + " s)");
        System.out.flush();
        long deadline = System.nanoTime() + lingerMs * 1_000_000L;
        while (port.linkSpeedMbps() >= 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(10_000_000);
        }
    }

    private static void waitForLink(EthPort port, long waitMs, BooleanSupplier stop) {
        long deadline = System.nanoTime() + waitMs * 1_000_000L;
        while (port.linkSpeedMbps() < 0) {
            if (System.nanoTime() > deadline || stop.getAsBoolean()) {
                throw new DpdkException("link up on " + port.name(), "the link stayed down for " + waitMs
                        + " ms (for memif: is the receiver running with role=client on the same socket?)");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    static String report(CaptureReplayer.Result r, PortStats port, boolean keepTimeline) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "md-replay: sent %,d packets (%,d bytes) in %.3f s: %s pps, %.1f Mb/s%s%n",
                r.packets(), r.bytes(), r.elapsedNanos() / 1e9, ProgressBar.si(r.packetsPerSecond()), r.megabitsPerSecond(),
                r.stopped() ? " (stopped early)" : ""));
        Histogram h = r.pacingErrorNanos();
        if (h.getTotalCount() > 0) {
            sb.append(String.format(Locale.ROOT,
                    "  pacing error (%s): p50 %.2f us, p90 %.2f us, p99 %.2f us, p99.9 %.2f us, max %.2f us (n=%d)%n",
                    keepTimeline ? "sent - due on the capture's timeline" : "each inter-packet gap minus the captured gap",
                    h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(90) / 1e3, h.getValueAtPercentile(99) / 1e3,
                    h.getValueAtPercentile(99.9) / 1e3, h.getMaxValue() / 1e3, h.getTotalCount()));
        }
        sb.append(String.format(Locale.ROOT, "  tx ring full %,d times (waited, nothing dropped); frames too large skipped %,d; tx bursts %,d%s%n",
                r.txRingFullSpins(), r.oversizeSkipped(), r.txBursts(), r.restampedMessages() > 0 ? "; restamped " + r.restampedMessages() + " messages" : ""));
        CaptureReplayer.Settled settled = r.settled();
        if (settled != null) {
            Histogram s = settled.pacingErrorNanos();
            sb.append(String.format(Locale.ROOT, "  after the first %,d packets (the receiver's warm-up): tx ring full %,d"
                            + " times; pacing error p50 %.2f us, p99 %.2f us, max %.2f us (n=%d); late by more than %d us:"
                            + " %.2f%% of them%n", settled.afterPackets(),
                    settled.txRingFullSpins(), s.getValueAtPercentile(50) / 1e3, s.getValueAtPercentile(99) / 1e3,
                    s.getMaxValue() / 1e3, s.getTotalCount(), LATE_NANOS / 1_000, lateShare(s, LATE_NANOS)));
        }
        sb.append(String.format(Locale.ROOT, "  port: opackets %,d, obytes %,d, oerrors %,d%n", port.opackets(), port.obytes(), port.oerrors()));
        return sb.toString();
    }

    /**
     * Lateness on the timeline that makes a packet part of a catch-up burst rather than of the paced stream: ten
     * packets' worth at 1,000,000 packets/s, a hundred times a receiver's quiet poll.
     */
    static final long LATE_NANOS = 10_000;

    /** The percentage of the recorded packets sent more than {@code lateNanos} after they were due. */
    static double lateShare(Histogram pacingError, long lateNanos) {
        long n = pacingError.getTotalCount();
        if (n == 0) {
            return 0;
        }
        long late = n - pacingError.getCountBetweenValues(0, lateNanos);
        return 100.0 * late / n;
    }

    /** The command line, checked. */
    static final class Options {
        Path pcap;
        String port;
        String eal;
        int core;
        Pacing pacing = Pacing.original(1);
        int loops = 1;
        int burst = 32;
        String dstMac;
        String dstIp;
        Integer dstPort;
        boolean restamp;
        ZoneId zone = ZoneId.of("America/New_York");
        long waitLinkMs = 10_000;
        boolean progress = true;
        boolean keepTimeline;
        boolean continueSequence;
        long count;
        long settle;
        /** Milliseconds to keep the port up for its peer to leave first; -1: the port's default. */
        long linger = -1;

        /** A memif server waits up to a minute for its client to leave first; other ports not at all. */
        long lingerMs(String portName) {
            if (linger >= 0) {
                return linger;
            }
            return portName.startsWith("net_memif") && port.contains("role=server") ? 60_000 : 0;
        }

        /** @return null for --help */
        static Options parse(String[] args) {
            Options o = new Options();
            int pacingFlags = 0;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "-h", "--help" -> {
                        return null;
                    }
                    case "--pcap" -> o.pcap = Path.of(value(args, ++i, a));
                    case "--port" -> o.port = value(args, ++i, a);
                    case "--eal" -> o.eal = value(args, ++i, a);
                    case "--core" -> o.core = (int) number(args, ++i, a, 0, 1023);
                    case "--speed" -> {
                        o.pacing = Pacing.original(decimal(args, ++i, a));
                        pacingFlags++;
                    }
                    case "--pps" -> {
                        o.pacing = Pacing.rate(number(args, ++i, a, 1, 1_000_000_000));
                        pacingFlags++;
                    }
                    case "--bursts" -> {
                        o.pacing = Pacing.parseBursts(value(args, ++i, a));
                        pacingFlags++;
                    }
                    case "--count" -> o.count = number(args, ++i, a, 1, Long.MAX_VALUE);
                    case "--settle" -> o.settle = number(args, ++i, a, 1, Long.MAX_VALUE);
                    case "--linger" -> o.linger = number(args, ++i, a, 0, 3_600_000);
                    case "--top-speed" -> {
                        o.pacing = Pacing.topSpeed();
                        pacingFlags++;
                    }
                    case "--loop" -> o.loops = (int) number(args, ++i, a, 1, 1_000_000);
                    case "--burst" -> o.burst = (int) number(args, ++i, a, 1, 512);
                    case "--dst-mac" -> o.dstMac = value(args, ++i, a);
                    case "--dst-ip" -> o.dstIp = value(args, ++i, a);
                    case "--dst-port" -> o.dstPort = (int) number(args, ++i, a, 1, 65535);
                    case "--restamp" -> o.restamp = true;
                    case "--zone" -> o.zone = zone(value(args, ++i, a));
                    case "--wait-link" -> o.waitLinkMs = number(args, ++i, a, 0, 3_600_000);
                    case "--no-progress" -> o.progress = false;
                    case "--keep-timeline" -> o.keepTimeline = true;
                    case "--continue-sequence" -> o.continueSequence = true;
                    default -> throw new IllegalArgumentException("unknown option " + a + " (see --help)");
                }
            }
            if (o.pcap == null || o.port == null) {
                throw new IllegalArgumentException("--pcap FILE and --port DEVICE are required (see --help)");
            }
            if (!Files.isRegularFile(o.pcap)) {
                throw new IllegalArgumentException("--pcap " + o.pcap + ": no such file");
            }
            if (pacingFlags > 1) {
                throw new IllegalArgumentException("give at most one of --speed, --pps, --bursts, --top-speed");
            }
            if ((o.dstPort == null) != (o.dstIp == null) || (o.dstMac != null && o.dstIp == null)) {
                throw new IllegalArgumentException("--dst-ip and --dst-port go together (and --dst-mac needs both)");
            }
            o.rewriter();
            return o;
        }

        FrameRewriter rewriter() {
            if (dstIp == null && dstMac == null) {
                return null;
            }
            int ip;
            try {
                ip = PacketHeaders.parseIpv4(dstIp);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("--dst-ip " + dstIp + ": expected a dotted IPv4 address");
            }
            int port = dstPort;
            if (dstMac != null) {
                long mac;
                try {
                    mac = PacketHeaders.parseMac(dstMac);
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("--dst-mac " + dstMac + ": expected aa:bb:cc:dd:ee:ff");
                }
                return new FrameRewriter(mac, ip, port);
            }
            return new FrameRewriter(ip, port);
        }

        private static String value(String[] args, int i, String flag) {
            if (i >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value (see --help)");
            }
            return args[i];
        }

        private static long number(String[] args, int i, String flag, long min, long max) {
            String v = value(args, i, flag);
            try {
                long n = Long.parseLong(v.replace("_", ""));
                if (n < min || n > max) {
                    throw new NumberFormatException();
                }
                return n;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(flag + " " + v + ": expected an integer in " + min + ".." + max);
            }
        }

        private static ZoneId zone(String text) {
            try {
                return ZoneId.of(text);
            } catch (java.time.DateTimeException e) {
                throw new IllegalArgumentException("--zone " + text + ": expected a time-zone id such as America/New_York or UTC ("
                        + e.getMessage() + ")");
            }
        }

        private static double decimal(String[] args, int i, String flag) {
            String v = value(args, i, flag);
            try {
                double d = Double.parseDouble(v);
                if (!(d > 0) || Double.isInfinite(d)) {
                    throw new NumberFormatException();
                }
                return d;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(flag + " " + v + ": expected a number above 0");
            }
        }
    }
}
