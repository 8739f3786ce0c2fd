package io.mdr.receiver;

import io.mdr.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGTERM stops the loop, flushes the journal, prints the summary, closes the port, frees the pool, runs
 * rte_eal_cleanup and exits 0.
 */
class ReceiverSignalTest {

    @Test
    void sigtermShutsDownCleanlyAndExitsZero(@TempDir Path dir) throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + SharedData.projectRoot().resolve("config/jvm.options"), "-cp", System.getProperty("java.class.path"),
                ReceiverMain.class.getName(), "--pcap", SharedData.capture("Multiple.Packets.pcap").toString(),
                "--queue", dir.resolve("journal").toString(), "--counters", dir.resolve("c.dat").toString(),
                "--exit-when-idle", "600000");
        Process receiver = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(receiver.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder log = new StringBuilder();
        String line;
        while ((line = out.readLine()) != null) {
            log.append(line).append('\n');
            if (line.contains("polling on core")) {
                break;
            }
        }
        Thread.sleep(1500);
        // SIGTERM without Process.destroy(), which would also close the output we still read.
        new ProcessBuilder("kill", "-TERM", Long.toString(receiver.pid())).start().waitFor();
        while ((line = out.readLine()) != null) {
            log.append(line).append('\n');
        }
        assertTrue(receiver.waitFor(30, TimeUnit.SECONDS), log.toString());
        assertEquals(0, receiver.exitValue(), log.toString());
        String text = log.toString();
        assertTrue(text.contains("summary after"), text);
        assertTrue(text.contains("messages 39"), text);
        assertTrue(text.contains("mbuf pool 8191/8191 (full)"), text);
        assertTrue(text.indexOf("summary after") < text.indexOf("port closed"), "summary before the port closes");
        assertTrue(text.contains("EAL cleaned up"), text);
    }
}
