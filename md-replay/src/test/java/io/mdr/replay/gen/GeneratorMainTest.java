package io.mdr.replay.gen;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GeneratorMainTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void helpListsEveryFlag() {
        assertEquals(GeneratorMain.EXIT_OK, run("--help"));
        String help = out.toString(StandardCharsets.UTF_8);
        for (String flag : List.of("--out-a", "--out-b", "--out ", "--messages", "--symbols", "--seed", "--session",
                "--pps", "--mtu", "--messages-per-packet", "--loss-a", "--loss-b", "--loss-both", "--dup", "--reorder",
                "--burst-loss", "--vlan", "--group-a", "--group-b", "--bursty", "--b-delay-ns")) {
            assertTrue(help.contains(flag), flag);
        }
    }

    @Test
    void helpDocumentsTheModelWithTheGeneratorsOwnFigures() {
        assertEquals(GeneratorMain.EXIT_OK, run("--help"));
        String help = out.toString(StandardCharsets.UTF_8).replaceAll("\\s+", " ");
        for (String figure : List.of("A add " + ItchSessionGenerator.ADD_ORDER_PER_MILLE,
                "F add with MPID " + ItchSessionGenerator.ADD_ORDER_MPID_PER_MILLE,
                "E executed " + ItchSessionGenerator.ORDER_EXECUTED_PER_MILLE,
                "C executed with price " + ItchSessionGenerator.ORDER_EXECUTED_WITH_PRICE_PER_MILLE,
                "X partial cancel " + ItchSessionGenerator.ORDER_CANCEL_PER_MILLE,
                "D delete " + ItchSessionGenerator.ORDER_DELETE_PER_MILLE,
                "U replace " + ItchSessionGenerator.ORDER_REPLACE_PER_MILLE,
                "P non-displayed trade " + ItchSessionGenerator.TRADE_PER_MILLE,
                "Books never cross", "at most " + RestingOrders.MAX_LEVELS + " price levels", "same seed")) {
            assertTrue(help.contains(figure), figure);
        }
    }

    @Test
    void writesTheFilesAndPrintsTheReport() throws IOException {
        Path a = dir.resolve("a.pcap");
        Path b = dir.resolve("b.pcap");
        Path merged = dir.resolve("m.pcap");
        int status = run("--out-a", a.toString(), "--out-b", b.toString(), "--out", merged.toString(),
                "--messages", "50k", "--symbols", "20", "--seed", "7", "--session", "TESTSESS", "--pps", "200000",
                "--mtu", "1000", "--loss-a", "2%", "--loss-b", "0.02", "--loss-both", "0.01", "--dup", "0.01",
                "--reorder", "0.01", "--burst-loss", "0.005:3", "--vlan", "12", "--group-a=239.0.0.1:1000",
                "--group-b", "239.0.0.2:1001", "--quiet");
        assertEquals(GeneratorMain.EXIT_OK, status, err.toString(StandardCharsets.UTF_8));
        String summary = out.toString(StandardCharsets.UTF_8);
        assertTrue(summary.contains("session TESTSESS: sequences 1..50,000"), summary);
        assertTrue(summary.contains("line A 239.0.0.1:1000"), summary);
        assertTrue(summary.contains("line B 239.0.0.2:1001"), summary);
        assertTrue(summary.contains("lost on both lines: "), summary);
        assertTrue(summary.contains("generated in"), summary);

        FeedReport expected = new FeedPcapWriter(
                GeneratorSettings.defaults().withMessageCount(50_000).withSymbols(20).withSeed(7),
                FeedSettings.builder().session("TESTSESS").packetsPerSecond(200_000).mtu(1000).vlanId(12)
                        .groupA(UdpEndpoint.parse("239.0.0.1:1000")).groupB(UdpEndpoint.parse("239.0.0.2:1001"))
                        .impairments(new FeedImpairments(0.02, 0.02, 0.01, 0.01, 0.01, 0.005, 3)).build())
                .generate((t, f, o, l) -> {
                }, (t, f, o, l) -> {
                });
        assertTrue(summary.contains(expected.format().lines().filter(l -> l.startsWith("lost on both")).findFirst()
                .orElseThrow()), "the CLI reports what the API reports");
        assertEquals(expected.lineA().framesWritten(), CapturedFeed.read(a).size());
        assertEquals(expected.lineA().framesWritten() + expected.lineB().framesWritten(),
                CapturedFeed.read(merged).size());
        assertTrue(Files.size(b) > 0);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--loss-a 1.5|--loss-a: expected a probability between 0 and 1",
        "--dup abc|--dup: expected a probability",
        "--messages lots|--messages: expected a whole number",
        "--messages 10|--messages: a session of 100 symbols needs at least 206 messages",
        "--symbols 70000|--symbols: expected a whole number from 1 to 65535",
        "--mtu 50|--mtu: expected a whole number from 100 to 65535",
        "--burst-loss 0.1|--burst-loss: expected P:LEN",
        "--burst-loss 0.1:0|--burst-loss: expected a whole number from 1",
        "--group-a 233.54.12.111|--group-a: expected IPv4:PORT",
        "--group-b 1.2.3.4:99999|--group-b: port must be 0..65535",
        "--vlan 5000|--vlan: expected a whole number from 0 to 4095",
        "--session WAYTOOLONGNAME|--session: expected 1 to 10 printable ASCII characters",
        "--start-time 9h30|--start-time: expected a time of day",
        "--frobnicate 1|unknown flag --frobnicate",
        "--seed|--seed needs a value",
        "--messages-per-packet 0|--messages-per-packet: expected a whole number from 1 to 65534",
    })
    void badFlagsAreNamedWithWhatTheyAccept(String arguments, String message) {
        String[] args = (arguments + " --out " + dir.resolve("x.pcap")).split(" ");
        if (arguments.equals("--seed")) {
            args = new String[] {"--out", dir.resolve("x.pcap").toString(), "--seed"};
        }
        assertEquals(GeneratorMain.EXIT_USAGE, run(args));
        String error = err.toString(StandardCharsets.UTF_8);
        assertTrue(error.contains(message), error);
        assertTrue(error.contains("--help"), error);
    }

    @Test
    void anOutputIsRequired() {
        assertEquals(GeneratorMain.EXIT_USAGE, run("--messages", "1000"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no output"));
    }

    @Test
    void countsAcceptSuffixesAndSeparators() throws GeneratorMain.UsageException {
        assertEquals(10_000_000, GeneratorMain.Options.count("--messages", "10M", 1, Long.MAX_VALUE));
        assertEquals(500_000, GeneratorMain.Options.count("--messages", "500k", 1, Long.MAX_VALUE));
        assertEquals(1_000_000, GeneratorMain.Options.count("--messages", "1_000_000", 1, Long.MAX_VALUE));
        assertEquals(0.005, GeneratorMain.Options.probability("--dup", "0.5%"), 1e-12);
    }

    private int run(String... args) {
        return GeneratorMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
