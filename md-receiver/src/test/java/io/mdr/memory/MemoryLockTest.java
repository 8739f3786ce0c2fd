package io.mdr.memory;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where the process may lock (root, CAP_IPC_LOCK, an unlimited RLIMIT_MEMLOCK), {@link MemoryLock#lock()} locks what
 * is resident without populating anything, and every page touched afterwards is locked too; where it may not, the
 * outcome says so and names the limit and the remedies.
 */
class MemoryLockTest {
    private static final long TOUCHED = 64L << 20;

    @Test
    void locksCurrentAndFutureTouchedPagesOrSaysWhyNot() {
        // A receiver run in this JVM by an earlier test may have locked it: start from nothing locked.
        MemoryLock.unlock();
        assertEquals(0, MemoryLock.lockedBytes(), "munlockall released everything");
        MemoryLock.Outcome outcome = MemoryLock.lock();
        try {
            if (!outcome.locked()) {
                assertTrue(outcome.text().contains("RLIMIT_MEMLOCK is "), outcome.text());
                assertTrue(outcome.text().contains("CAP_IPC_LOCK"), outcome.text());
                assertEquals(0, MemoryLock.lockedBytes(), "a refused lock locked nothing");
                return;
            }
            long locked = MemoryLock.lockedBytes();
            long addressSpace = MemoryLock.lockedAddressSpace();
            assertTrue(locked > 0, "resident pages are locked: " + outcome.text());
            assertTrue(outcome.text().startsWith("memory locked"), outcome.text());
            // On fault: the JVM's reserved, untouched address space is locked but was not populated by the call.
            assertTrue(addressSpace > 2 * locked, "locked mappings " + addressSpace + " bytes, of them in RAM "
                    + locked);
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment fresh = arena.allocate(TOUCHED, 4096);
                for (long offset = 0; offset < TOUCHED; offset += 4096) {
                    fresh.set(ValueLayout.JAVA_BYTE, offset, (byte) 1);
                }
                long afterTouch = MemoryLock.lockedBytes();
                assertTrue(afterTouch - locked >= TOUCHED - (1 << 20), "pages touched after the call are locked: "
                        + locked + " then " + afterTouch + " bytes locked");
            }
        } finally {
            if (outcome.locked()) {
                MemoryLock.unlock();
            }
        }
        assertEquals(0, MemoryLock.lockedBytes(), "munlockall released everything");
    }

    @Test
    void limitIsReadable() {
        String limit = MemoryLock.limitText();
        assertFalse(limit.startsWith("unknown"), limit);
        assertTrue(limit.equals("unlimited") || limit.endsWith(" KB"), limit);
    }
}
