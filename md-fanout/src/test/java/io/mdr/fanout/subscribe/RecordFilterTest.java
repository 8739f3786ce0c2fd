package io.mdr.fanout.subscribe;

import io.mdr.fanout.RecordIdentity;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordFilterTest {

    @Test
    void aResumedStreamIsPassedOnceAndInOrder() {
        RecordFilter filter = new RecordFilter();
        for (long n = 1; n <= 10; n++) {
            assertTrue(filter.accept(RecordIdentity.pack(5, n)));
        }
        // the fan-out restarted from record 7: 7..10 again, then new ones
        for (long n = 7; n <= 10; n++) {
            assertFalse(filter.accept(RecordIdentity.pack(5, n)), "record " + n + " again");
        }
        assertTrue(filter.accept(RecordIdentity.pack(5, 11)));
        assertEquals(4, filter.duplicates());
        assertEquals(0, filter.missed());
        assertEquals(11, filter.lastNumber());
    }

    @Test
    void aJumpIsCountedAsMissedAndANewEpochStartsOverWhileTheOldOneIsIgnored() {
        RecordFilter filter = new RecordFilter();
        assertTrue(filter.accept(RecordIdentity.pack(5, 100)), "a joiner takes whatever comes first");
        assertTrue(filter.accept(RecordIdentity.pack(5, 104)));
        assertEquals(3, filter.missed());
        assertTrue(filter.accept(RecordIdentity.pack(9, 1)), "the fan-out started afresh");
        assertFalse(filter.accept(RecordIdentity.pack(5, 105)), "the old epoch's stream, draining");
        assertTrue(filter.accept(RecordIdentity.pack(9, 2)));
        assertEquals(1, filter.duplicates());
    }
}
