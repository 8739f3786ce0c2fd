package io.mdr.fanout.media;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A process whose loop stalls past Aeron's client timeout (a pause, or a core taken by something else) finds its
 * client closed by Aeron, with everything it held: the loop must stop with the cause, not spin on a dead publication.
 */
class AeronMediaTest {

    @Test
    void aLoopStalledPastTheClientTimeoutStopsWithAeronsCause() throws Exception {
        String property = "aeron.client.liveness.timeout";
        String before = System.getProperty(property);
        System.setProperty(property, "2s"); // above the driver's 1 s timer; read when the embedded driver's context is made: 10 s by default
        try (AeronMedia media = AeronMedia.start(new AeronMedia.Settings("md-fanout-test", null, null, null))) {
            for (int i = 0; i < 1_000; i++) {
                media.doWork();
            }
            Thread.sleep(4_500);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            IllegalStateException stopped = assertThrows(IllegalStateException.class, () -> {
                while (System.nanoTime() - deadline < 0) {
                    media.doWork();
                }
            }, "the stalled client is noticed within 10 s");
            assertTrue(stopped.getMessage().startsWith("the Aeron client stopped: "), stopped.getMessage());
            assertNotNull(stopped.getCause(), "Aeron's own error is kept as the cause");
        } finally {
            if (before == null) {
                System.clearProperty(property);
            } else {
                System.setProperty(property, before);
            }
        }
    }
}
