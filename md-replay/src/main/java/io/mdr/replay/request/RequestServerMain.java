package io.mdr.replay.request;

import io.mdr.config.ServerAddress;
import io.mdr.receiver.ShutdownSignals;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * {@code scripts/md-request-server}: a MoldUDP64 request (retransmission) server for the sessions of one or more
 * captures.
 */
public final class RequestServerMain {
    static final String USAGE = """
            usage: md-request-server --pcap FILE [--pcap FILE...] [options]

            Serves MoldUDP64 retransmission requests for every session in the captures, per the MoldUDP64
            specification: a request (session, first sequence, count; 20 bytes) is answered with one downstream
            packet of the session from that sequence, unicast to where the request came from, holding as many of
            the messages asked for as the captures have in a row and as fit --max-payload bytes. A range the
            captures lack (or that is withheld) gets no answer. Prints a stats line every interval with traffic
            and a summary at exit (SIGINT, SIGTERM or --duration).

              --pcap FILE            a capture (pcap or pcapng, memory-mapped; the complete session, e.g.
                                     md-gen --out-full); repeat for more
              --listen IP:PORT       where requests are received (default 127.0.0.1:0: a free port on loopback;
                                     the start-up line "listening on IP:PORT" says which)
              --max-payload N        most payload bytes in an answer (default 1400, as nassau's server)
              --withhold FROM-TO[,FROM-TO...]
                                     serve these sequence numbers (inclusive, every session) as if missing:
                                     a receiver must journal them as a gap
              --stats-interval MS    stats line interval (default 1000)
              --duration SECONDS     stop after SECONDS
              -h, --help             this text
            """;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private RequestServerMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    static int run(String[] args, PrintStream out) {
        List<Path> captures = new ArrayList<>();
        String listen = "127.0.0.1:0";
        int maxPayload = RequestServer.DEFAULT_MAX_PAYLOAD;
        List<RequestServer.Withheld> withheld = new ArrayList<>();
        long statsMs = 1000;
        double durationSeconds = 0;
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "-h", "--help" -> {
                        out.print(USAGE);
                        return 0;
                    }
                    case "--pcap" -> captures.add(Path.of(value(args, ++i, a)));
                    case "--listen" -> listen = value(args, ++i, a);
                    case "--max-payload" -> maxPayload = intValue(args, ++i, a);
                    case "--withhold" -> {
                        for (String range : value(args, ++i, a).split(",")) {
                            withheld.add(RequestServer.Withheld.parse(range.strip()));
                        }
                    }
                    case "--stats-interval" -> statsMs = Math.max(100, intValue(args, ++i, a));
                    case "--duration" -> durationSeconds = Double.parseDouble(value(args, ++i, a));
                    default -> throw new IllegalArgumentException("unknown option " + a + " (see --help)");
                }
            }
            if (captures.isEmpty()) {
                throw new IllegalArgumentException("give at least one --pcap FILE (see --help)");
            }
            for (Path capture : captures) {
                if (!Files.isRegularFile(capture)) {
                    throw new IllegalArgumentException("--pcap " + capture + ": no such file");
                }
            }
            ServerAddress address;
            try {
                address = ServerAddress.of(listen);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--listen " + listen + ": expected IP:PORT, e.g. 127.0.0.1:7777 ("
                        + e.getMessage() + ")");
            }
            ShutdownSignals signals = ShutdownSignals.install("md-request-server");
            long deadline = durationSeconds > 0 ? System.nanoTime() + (long) (durationSeconds * 1e9) : Long.MAX_VALUE;
            return serve(captures, address, maxPayload, withheld, statsMs,
                    () -> signals.stopRequested() || System.nanoTime() - deadline >= 0, out);
        } catch (IllegalArgumentException e) {
            System.err.println("md-request-server: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            System.err.println("md-request-server: " + e.getMessage());
            return 1;
        }
    }

    private static int serve(List<Path> captures, ServerAddress listen, int maxPayload, List<RequestServer.Withheld> withheld,
                             long statsMs, BooleanSupplier stop, PrintStream out) throws IOException {
        long total = 0;
        for (Path capture : captures) {
            total += Files.size(capture);
        }
        long started = System.nanoTime();
        long totalBytes = total;
        try (CaptureMessageStore store = CaptureMessageStore.load(captures, read -> out.printf(Locale.ROOT,
                "md-request-server: indexing %.0f%%%n", 100.0 * read / Math.max(1, totalBytes)))) {
            out.printf(Locale.ROOT, "md-request-server: %d capture(s), %,d frames indexed in %d ms%n", captures.size(),
                    store.frames(), (System.nanoTime() - started) / 1_000_000);
            out.print(store.describe().indent(2));
            try (RequestServer server = new RequestServer(store, listen.toSocketAddress(), maxPayload, withheld);
                 Selector selector = Selector.open()) {
                server.channel().register(selector, SelectionKey.OP_READ);
                out.println("md-request-server: listening on " + server.address().getAddress().getHostAddress() + ":"
                        + server.address().getPort() + ", answers up to " + maxPayload + " payload bytes"
                        + (withheld.isEmpty() ? "" : ", withholding " + withheld));
                out.flush();
                long intervalNanos = statsMs * 1_000_000L;
                long nextStats = System.nanoTime() + intervalNanos;
                long lastRequests = 0;
                while (!stop.getAsBoolean()) {
                    selector.select(50);
                    selector.selectedKeys().clear();
                    server.serve();
                    long now = System.nanoTime();
                    if (now - nextStats >= 0) {
                        nextStats += intervalNanos;
                        if (server.requests() != lastRequests) {
                            lastRequests = server.requests();
                            out.println(LocalTime.now().format(TIME) + " " + figures(server));
                        }
                    }
                }
                out.println("md-request-server: stopped; " + figures(server));
            }
        }
        return 0;
    }

    private static String figures(RequestServer server) {
        return String.format(Locale.ROOT, "requests %,d, answers %,d (%,d messages), unanswered %,d, malformed %,d",
                server.requests(), server.answers(), server.messages(), server.unanswered(), server.malformed());
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
