package io.mdr.fanout;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PublishedPositionTest {

    @Test
    void aNewFileHasAnEpochAndNoPositionAndKeepsWhatIsSaved(@TempDir Path dir) {
        Path file = dir.resolve("sub/x.position");
        int epoch;
        try (PublishedPosition position = PublishedPosition.open(file)) {
            assertTrue(position.created());
            assertFalse(position.hasPosition());
            epoch = position.epoch();
            assertTrue(epoch >= 1 && epoch <= 0xFFFF, "epoch " + epoch);
            position.save(0x1234_0000_0007L, 41);
            position.save(0x1234_0000_0009L, 57);
        }
        try (PublishedPosition position = PublishedPosition.open(file)) {
            assertFalse(position.created());
            assertEquals(epoch, position.epoch());
            assertEquals(0x1234_0000_0009L, position.index());
            assertEquals(57, position.number());
        }
    }

    @Test
    void aSaveTornByAKillLeavesThePreviousPosition(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("x.position");
        try (PublishedPosition position = PublishedPosition.open(file)) {
            position.save(100, 10);
            position.save(200, 20); // second slot
        }
        // a kill between the stores of the next save (into the first slot): its number written, its check not
        try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
            raw.seek(16 + 8);
            raw.write(new byte[] {30, 0, 0, 0, 0, 0, 0, 0});
        }
        try (PublishedPosition position = PublishedPosition.open(file)) {
            assertEquals(200, position.index());
            assertEquals(20, position.number());
        }
    }

    @Test
    void aFileThatIsNotAPositionFileIsRefusedByName(@TempDir Path dir) throws Exception {
        Path other = Files.writeString(dir.resolve("y.position"), "x".repeat(4096));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PublishedPosition.open(other));
        assertEquals(other + " is not an md-fanout position file", e.getMessage());
    }
}
