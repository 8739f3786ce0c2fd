package io.mdr.receiver;

import io.mdr.config.ReceiverConfig;
import io.mdr.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The receiver in-process over a real capture (its own JVM: EAL starts once): the handler runs on a thread
 * pinned to the configured core, as the kernel reports it, and every mbuf is back in the pool at the end.
 */
class ReceiverEalTest {

    @Test
    void thePollingThreadIsPinnedToItsCoreAndThePoolReturnsToFull(@TempDir Path dir) {
        int core = Runtime.getRuntime().availableProcessors() - 1;
        ReceiverConfig config = ReceiverConfig.builder()
                .ealArgs("--no-huge -m 512 --no-pci --no-shconf -l 0 --log-level lib.*:warning --file-prefix md-rx-eal-test-"
                        + ProcessHandle.current().pid())
                .pcap(SharedData.capture("Multiple.Packets.pcap"))
                .core(core)
                .journalPath(dir.resolve("journal"))
                .countersFile(dir.resolve("counters.dat"))
                .build();
        AtomicReference<String> allowed = new AtomicReference<>();
        AtomicReference<String> threadName = new AtomicReference<>();
        AtomicInteger messages = new AtomicInteger();
        MessageHandler handler = (channel, sequence, line, rxNanos, buffer, offset, length) -> {
            if (messages.getAndIncrement() == 0) {
                allowed.set(cpusAllowed());
                threadName.set(Thread.currentThread().getName());
            }
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Receiver receiver = new Receiver(config, handler, ExchangeClock.disabled(), new PrintStream(out, true, StandardCharsets.UTF_8));

        receiver.run(() -> false, 500_000_000L);

        String log = out.toString(StandardCharsets.UTF_8);
        assertEquals(Integer.toString(core), allowed.get(), "Cpus_allowed_list of the polling thread\n" + log);
        assertTrue(threadName.get().contains("md-receiver-rx"), threadName.get());
        assertEquals(39, messages.get(), log);
        assertTrue(receiver.poolReturnedFull(), log);
        assertTrue(log.contains("mbuf pool 8191/8191 (full)"), log);
        assertTrue(log.contains("EAL cleaned up"), log);
        // port.rxTimestamp=auto (the default) on net_pcap: no offload, no clock, so the rx_burst time, saying why
        assertTrue(log.contains("md-receiver: rx timestamps: rx_burst time (port offers no timestamp offload"), log);
        assertTrue(log.contains("rte_eth_read_clock returned -ENOTSUP"), log);
    }

    /** The kernel's view of the calling thread's CPU affinity. */
    private static String cpusAllowed() {
        try {
            return Files.readAllLines(Path.of("/proc/thread-self/status")).stream()
                    .filter(l -> l.startsWith("Cpus_allowed_list:"))
                    .map(l -> l.substring("Cpus_allowed_list:".length()).trim())
                    .findFirst().orElse("?");
        } catch (IOException e) {
            return e.toString();
        }
    }
}
