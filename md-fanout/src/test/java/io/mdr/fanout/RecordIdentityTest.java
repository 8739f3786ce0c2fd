package io.mdr.fanout;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RecordIdentityTest {

    @Test
    void epochAndNumberRoundTripThroughTheReservedValue() {
        long packed = RecordIdentity.pack(0xBEEF, RecordIdentity.MAX_NUMBER);
        assertEquals(0xBEEF, RecordIdentity.epoch(packed));
        assertEquals(RecordIdentity.MAX_NUMBER, RecordIdentity.number(packed));
        assertEquals(65_535, RecordIdentity.epoch(RecordIdentity.pack(65_535, 1)));
        assertEquals(RecordIdentity.CATALOG, RecordIdentity.number(RecordIdentity.pack(7, RecordIdentity.CATALOG)));
    }
}
