package io.mdr.fanout.media;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MediaDriverMainTest {
    @Test
    void ipcTermLengthTakesPowersOfTwoWithSuffixes() {
        assertEquals(8 << 20, MediaDriverMain.termLength("--ipc-term-length", "8m"));
        assertEquals(64 << 10, MediaDriverMain.termLength("--ipc-term-length", "64K"));
        assertEquals(1 << 30, MediaDriverMain.termLength("--ipc-term-length", "1g"));
        assertEquals(1 << 20, MediaDriverMain.termLength("--ipc-term-length", "1048576"));
    }

    @Test
    void ipcTermLengthRejectionNamesTheKeyAndTheAcceptedValues() {
        for (String bad : new String[] {"100k", "32k", "2g", "", "m", "eight", "-8m"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> MediaDriverMain.termLength("--ipc-term-length", bad), bad);
            assertTrue(e.getMessage().startsWith("--ipc-term-length " + bad + ": expected a power of two from 64k to 1g"), e.getMessage());
        }
    }

    @Test
    void anEmbeddedDriversIpcPublicationMayRunMegabytesAhead() {
        try (AeronMedia media = AeronMedia.start(new AeronMedia.Settings("md-fanout-test", null, null, null))) {
            io.aeron.ExclusivePublication publication = media.aeron().addExclusivePublication("aeron:ipc", 77);
            assertEquals(8 << 20, publication.termBufferLength());
            publication.close();
        }
    }
}
