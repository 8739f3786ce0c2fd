package io.mdr.tools;

import io.mdr.metrics.CountersFile;
import io.mdr.metrics.ReceiverCounters;
import io.mdr.net.DropReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatMainTest {

    @Test
    void aReaderSeesTheWritersLiveCountersThroughTheFile(@TempDir Path dir) {
        Path file = dir.resolve("counters.dat");
        try (CountersFile writerSide = CountersFile.create(file, 64)) {
            ReceiverCounters counters = new ReceiverCounters(writerSide.manager());
            counters.packets.getAndAddRelease(12_345);
            counters.drop(DropReason.IP_FRAGMENT);
            try (CountersFile readerSide = CountersFile.open(file)) {
                String text = StatMain.format(readerSide);
                assertTrue(text.contains("md-receiver pid " + ProcessHandle.current().pid()), text);
                assertTrue(text.matches("(?s).*rx-packets\\s+12,345\\n.*"), text);
                assertTrue(text.matches("(?s).*drop:ip-fragment\\s+1\\n.*"), text);
                counters.packets.incrementRelease();
                assertTrue(StatMain.format(readerSide).matches("(?s).*rx-packets\\s+12,346\\n.*"), "live, not a snapshot");
            }
        }
    }

    @Test
    void aFileThatIsNotACountersFileIsRefusedByName(@TempDir Path dir) throws Exception {
        Path other = java.nio.file.Files.writeString(dir.resolve("x.dat"), "x".repeat(4096));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CountersFile.open(other));
        assertEquals(other + " is not an md-receiver counters file", e.getMessage());
    }
}
