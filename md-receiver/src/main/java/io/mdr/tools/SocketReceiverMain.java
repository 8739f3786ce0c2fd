package io.mdr.tools;

import java.io.IOException;
import java.io.PrintStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.DatagramChannel;
import java.nio.channels.MembershipKey;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The kernel-socket baseline of the benchmark ({@code scripts/bench.sh}): a plain Java receiver of MoldUDP64
 * over UDP through the kernel's network stack, with nothing of the product's receive path in it. It joins a
 * multicast group on an interface (or binds a unicast address), receives each datagram into one direct
 * {@link ByteBuffer} with a {@link DatagramChannel} (non-blocking and busy-polling by default, like the DPDK
 * poller), counts packets and MoldUDP64 messages (the 2-byte message count at payload offset 18) and prints
 * one line a second and a summary with the rates and the kernel's drop counter of the socket.
 */
public final class SocketReceiverMain {
    static final String USAGE = """
            usage: java ... io.mdr.tools.SocketReceiverMain --group IP --port P [--iface NAME] [options]

            A plain Java kernel-socket receiver of MoldUDP64 over UDP: the baseline md-receiver is compared
            with in scripts/bench.sh. Receives every datagram into one direct ByteBuffer through a
            DatagramChannel, counts packets and MoldUDP64 messages (the 2-byte count at payload offset 18;
            0 = heartbeat and 0xFFFF = end of session count no message) and prints one line a second and
            a summary: packets, messages, bytes, pps and msgs/s over the time from the first packet to the
            last, and the socket's drops as the kernel counts them (/proc/net/udp).

              --group IP           a multicast group to join (224.0.0.0/4; the socket binds the wildcard
                                   address and the port), or a local unicast address to bind
              --port P             UDP port, 0..65535 (0: any free port, printed at start)
              --iface NAME         interface to join the group on (multicast; default: the system's choice)
              --seconds N          stop N seconds after the first packet (default 10; decimals allowed)
              --idle-exit MS       stop when no packet came for MS milliseconds after the first one
                                   (default 2000; 0 = never)
              --wait SECONDS       give up (exit 1) when no packet came within SECONDS (default 60)
              --rcvbuf BYTES       ask for this SO_RCVBUF (default 8388608; the kernel caps it at
                                   net.core.rmem_max and doubles it; the granted size is printed)
              --blocking           wait in a Selector (epoll) for each datagram instead of busy-polling
                                   the non-blocking channel
              -h, --help           this text

            Output lines start with "socket-receiver:"; the per-second lines read
              socket-receiver: interval 1.000 s packets N messages N pps X msgs/s Y
            and the summary
              socket-receiver: summary packets N messages N bytes N seconds S pps X msgs/s Y kernel-drops D
            Exit status: 0 after a measurement, 1 when no packet came, 2 on a bad option.
            """;

    private static final int PAYLOAD_COUNT_OFFSET = 18;
    private static final int MOLD_HEADER = 20;
    private static final int END_OF_SESSION = 0xFFFF;

    private SocketReceiverMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    /** Options, as parsed from the command line. */
    record Options(InetAddress group, int port, String iface, long durationNanos, long idleExitMs, long waitSeconds,
                   int rcvbuf, boolean blocking) {
    }

    static int run(String[] args, PrintStream out) {
        Options options;
        try {
            options = parse(args);
            if (options == null) {
                out.print(USAGE);
                return 0;
            }
        } catch (IllegalArgumentException e) {
            System.err.println("socket-receiver: " + e.getMessage());
            return 2;
        }
        try (Receiver receiver = Receiver.open(options, out)) {
            return receiver.receive() ? 0 : 1;
        } catch (IOException e) {
            System.err.println("socket-receiver: " + e);
            return 1;
        }
    }

    static Options parse(String[] args) {
        InetAddress group = null;
        Integer port = null;
        String iface = null;
        long durationNanos = 10_000_000_000L;
        long idleExitMs = 2000;
        long waitSeconds = 60;
        int rcvbuf = 8 << 20;
        boolean blocking = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "-h", "--help" -> {
                    return null;
                }
                case "--group" -> group = address(value(args, ++i, a), a);
                case "--port" -> port = (int) longValue(args, ++i, a, 0, 65535);
                case "--iface" -> iface = value(args, ++i, a);
                case "--seconds" -> durationNanos = secondsValue(args, ++i, a);
                case "--idle-exit" -> idleExitMs = longValue(args, ++i, a, 0, Long.MAX_VALUE / 1_000_000);
                case "--wait" -> waitSeconds = longValue(args, ++i, a, 1, 86_400);
                case "--rcvbuf" -> rcvbuf = (int) longValue(args, ++i, a, 1024, Integer.MAX_VALUE);
                case "--blocking" -> blocking = true;
                default -> throw new IllegalArgumentException("unknown option " + a + " (see --help)");
            }
        }
        if (group == null || port == null) {
            throw new IllegalArgumentException("--group IP and --port P are required (see --help)");
        }
        return new Options(group, port, iface, durationNanos, idleExitMs, waitSeconds, rcvbuf, blocking);
    }

    /**
     * MoldUDP64 messages in a datagram's payload: the count at offset 18, or 0 for a heartbeat, an end of
     * session or a payload shorter than the header.
     */
    static int messages(ByteBuffer payload, int length) {
        if (length < MOLD_HEADER) {
            return 0;
        }
        int count = payload.getShort(PAYLOAD_COUNT_OFFSET) & 0xFFFF;
        return count == END_OF_SESSION ? 0 : count;
    }

    /** One bound socket and its counts. */
    static final class Receiver implements AutoCloseable {
        private final Options options;
        private final PrintStream out;
        private final DatagramChannel channel;
        private final MembershipKey membership;
        private final Selector selector;
        private final ByteBuffer buffer = ByteBuffer.allocateDirect(65536).order(ByteOrder.BIG_ENDIAN);
        long packets;
        long messages;
        long bytes;
        long firstNanos;
        long lastNanos;

        private Receiver(Options options, PrintStream out, DatagramChannel channel, MembershipKey membership)
                throws IOException {
            this.options = options;
            this.out = out;
            this.channel = channel;
            this.membership = membership;
            if (options.blocking()) {
                selector = Selector.open();
                channel.register(selector, SelectionKey.OP_READ);
            } else {
                selector = null;
            }
        }

        static Receiver open(Options options, PrintStream out) throws IOException {
            DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET);
            try {
                channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                channel.setOption(StandardSocketOptions.SO_RCVBUF, options.rcvbuf());
                MembershipKey membership = null;
                NetworkInterface nif = null;
                if (options.iface() != null) {
                    nif = NetworkInterface.getByName(options.iface());
                    if (nif == null) {
                        throw new IOException("no interface " + options.iface());
                    }
                }
                if (options.group().isMulticastAddress()) {
                    channel.bind(new InetSocketAddress(options.port()));
                    if (nif == null) {
                        nif = defaultInterface();
                    }
                    membership = channel.join(options.group(), nif);
                } else {
                    channel.bind(new InetSocketAddress(options.group(), options.port()));
                }
                // Non-blocking either way; --blocking waits in a Selector (epoll) instead of spinning.
                channel.configureBlocking(false);
                Receiver receiver = new Receiver(options, out, channel, membership);
                out.printf(Locale.ROOT, "socket-receiver: %s %s:%d%s, SO_RCVBUF %d (asked %d), %s%n",
                        membership != null ? "joined" : "bound", options.group().getHostAddress(), receiver.localPort(),
                        nif != null ? " on " + nif.getName() : "", channel.getOption(StandardSocketOptions.SO_RCVBUF),
                        options.rcvbuf(), options.blocking() ? "waiting in a selector" : "busy-polling a non-blocking channel");
                out.flush();
                return receiver;
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        }

        private static NetworkInterface defaultInterface() throws SocketException {
            for (NetworkInterface n : NetworkInterface.networkInterfaces().toList()) {
                if (n.isUp() && n.supportsMulticast() && !n.isLoopback()) {
                    return n;
                }
            }
            throw new SocketException("no interface that is up and supports multicast: give --iface");
        }

        int localPort() throws IOException {
            return ((InetSocketAddress) channel.getLocalAddress()).getPort();
        }

        /** Receives until the time is up or the feed went idle; prints the summary. False when nothing came. */
        boolean receive() throws IOException {
            long started = System.nanoTime();
            long waitDeadline = started + options.waitSeconds() * 1_000_000_000L;
            long idleNanos = options.idleExitMs() * 1_000_000L;
            long endNanos = Long.MAX_VALUE;
            long nextLine = Long.MAX_VALUE;
            long linePackets = 0;
            long lineMessages = 0;
            long lineStart = 0;
            int spins = 0;
            boolean blocking = options.blocking();
            boolean gotSinceCheck = false;
            while (true) {
                buffer.clear();
                boolean got = channel.receive(buffer) != null;
                if (got) {
                    int length = buffer.position();
                    packets++;
                    bytes += length;
                    messages += messages(buffer, length);
                    if (packets == 1) {
                        firstNanos = System.nanoTime();
                        lastNanos = firstNanos;
                        endNanos = firstNanos + options.durationNanos();
                        lineStart = firstNanos;
                        nextLine = firstNanos + 1_000_000_000L;
                    }
                    gotSinceCheck = true;
                    // The clock is read every 64 packets, not per packet.
                    if ((++spins & 63) != 0) {
                        continue;
                    }
                } else {
                    if (gotSinceCheck) {
                        // The socket has just run dry: the time of the last packet, for the rates and --idle-exit.
                        lastNanos = System.nanoTime();
                        gotSinceCheck = false;
                    }
                    if (blocking) {
                        // Sleep in epoll until a datagram is there, at most 100 ms so the deadlines are checked.
                        selector.select(100);
                        selector.selectedKeys().clear();
                    } else if ((++spins & 255) != 0) {
                        continue;
                    }
                }
                long now = System.nanoTime();
                if (gotSinceCheck) {
                    lastNanos = now;
                }
                if (packets == 0) {
                    if (now - waitDeadline >= 0) {
                        out.printf(Locale.ROOT, "socket-receiver: no packet within %d s%n", options.waitSeconds());
                        return false;
                    }
                    continue;
                }
                if (now - nextLine >= 0) {
                    double seconds = (now - lineStart) / 1e9;
                    long p = packets - linePackets;
                    long m = messages - lineMessages;
                    out.printf(Locale.ROOT, "socket-receiver: interval %.3f s packets %d messages %d pps %.0f msgs/s %.0f%n",
                            seconds, p, m, p / seconds, m / seconds);
                    out.flush();
                    linePackets = packets;
                    lineMessages = messages;
                    lineStart = now;
                    nextLine += 1_000_000_000L;
                }
                if (now - endNanos >= 0 || (idleNanos > 0 && now - lastNanos >= idleNanos)) {
                    break;
                }
            }
            summary();
            return true;
        }

        void summary() throws IOException {
            double seconds = Math.max(1e-9, (lastNanos - firstNanos) / 1e9);
            long drops = kernelDrops(localPort());
            out.printf(Locale.ROOT,
                    "socket-receiver: summary packets %d messages %d bytes %d seconds %.3f pps %.0f msgs/s %.0f kernel-drops %d%n",
                    packets, messages, bytes, seconds, packets / seconds, messages / seconds, drops);
            out.flush();
        }

        @Override
        public void close() throws IOException {
            if (membership != null) {
                membership.drop();
            }
            if (selector != null) {
                selector.close();
            }
            channel.close();
        }
    }

    /**
     * The drops column of this host's {@code /proc/net/udp} for the socket bound to {@code port} (summed over
     * the sockets on that port), or -1 when it cannot be read.
     */
    static long kernelDrops(int port) {
        try {
            return kernelDrops(Files.readAllLines(Path.of("/proc/net/udp")), port);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static long kernelDrops(List<String> procNetUdp, int port) {
        String suffix = String.format(Locale.ROOT, ":%04X", port);
        long drops = -1;
        for (String line : procNetUdp) {
            String[] f = line.trim().split("\\s+");
            // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ref pointer drops
            if (f.length < 13 || !f[1].endsWith(suffix)) {
                continue;
            }
            drops = Math.max(drops, 0) + Long.parseLong(f[f.length - 1]);
        }
        return drops;
    }

    private static InetAddress address(String text, String flag) {
        if (!text.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            throw new IllegalArgumentException(flag + " " + text + ": expected a dotted-quad IPv4 address");
        }
        try {
            InetAddress a = InetAddress.getByName(text);
            if (!(a instanceof Inet4Address)) {
                throw new IllegalArgumentException(flag + " " + text + ": expected an IPv4 address");
            }
            return a;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(flag + " " + text + ": " + e.getMessage());
        }
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value (see --help)");
        }
        return args[i];
    }

    private static long longValue(String[] args, int i, String flag, long min, long max) {
        String v = value(args, i, flag);
        long n;
        try {
            n = Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " " + v + ": expected an integer");
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(flag + " " + v + ": expected " + min + ".." + max);
        }
        return n;
    }

    private static long secondsValue(String[] args, int i, String flag) {
        String v = value(args, i, flag);
        double s;
        try {
            s = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " " + v + ": expected a number of seconds");
        }
        if (!(s > 0) || s > 86_400) {
            throw new IllegalArgumentException(flag + " " + v + ": expected seconds in (0, 86400]");
        }
        return (long) (s * 1e9);
    }
}
