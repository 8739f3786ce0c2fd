package io.mdr.replay.gen;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Debian's tshark (installed by scripts/setup.sh) decodes the generated pcaps as MoldUDP64 with no malformed
 * packet and no expert warning, and its sequence numbers are contiguous on each line.
 */
class TsharkDecodeTest {

    @Test
    void tsharkDecodesBothLinesAsContiguousMoldUdp64(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a.pcap");
        Path b = dir.resolve("b.pcap");
        FeedReport report = new FeedPcapWriter(GeneratorSettings.defaults().withMessageCount(50_000),
                FeedSettings.defaults()).write(FeedOutputs.lines(a, b));
        for (Path line : List.of(a, b)) {
            List<String> problems = tshark(line, "-Y", "_ws.malformed || _ws.expert.severity >= warning");
            assertEquals(List.of(), problems, "malformed or suspicious packets in " + line);

            List<String> fields = tshark(line, "-T", "fields", "-e", "moldudp64.sequence", "-e", "moldudp64.count");
            long next = report.firstSequence();
            long messages = 0;
            for (String row : fields) {
                String[] f = row.split("\t");
                long sequence = Long.parseLong(f[0]);
                int count = Integer.parseInt(f[1]);
                assertEquals(next, sequence, "contiguous sequence numbers in " + line);
                if (count != 0xFFFF) {
                    next += count;
                    messages += count;
                }
            }
            assertEquals(report.messages(), messages);
            assertTrue(fields.size() > 100);
        }
    }

    private static List<String> tshark(Path pcap, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tshark", "-r", pcap.toString(), "-d", "udp.port==26477,moldudp64",
                "-d", "udp.port==26478,moldudp64"));
        command.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            fail("tshark is not installed: run scripts/setup.sh (it installs Debian's tshark)");
            return List.of();
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "tshark finished");
        assertEquals(0, p.exitValue(), "tshark exit code");
        return out.lines().filter(l -> !l.isBlank()).toList();
    }
}
