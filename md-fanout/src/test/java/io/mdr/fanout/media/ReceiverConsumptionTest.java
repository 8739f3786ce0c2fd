package io.mdr.fanout.media;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReceiverConsumptionTest {

    @Test
    void theSlowestReceiverHeardFromRecentlyIsTheConsumedPosition() {
        ReceiverConsumption consumption = new ReceiverConsumption(1_000);
        assertEquals(ReceiverConsumption.NO_RECEIVERS, consumption.minConsumed());
        consumption.onStatus(1, 4096, 1024, 0, false);
        consumption.onStatus(2, 1024, 1024, 0, false);
        assertEquals(1024, consumption.minConsumed());
        consumption.onStatus(2, 512, 1024, 10, false);
        assertEquals(1024, consumption.minConsumed(), "a position never goes back");
        assertFalse(consumption.allNear(4096));
        assertTrue(consumption.allNear(1024 + 256), "within a quarter window");
        consumption.onStatus(1, 8192, 1024, 900, false);
        consumption.onIdle(1_500);
        assertEquals(8192, consumption.minConsumed(), "receiver 2 went quiet past the timeout");
        consumption.onStatus(1, 8192, 1024, 1_600, true);
        assertEquals(ReceiverConsumption.NO_RECEIVERS, consumption.minConsumed(), "end of stream: gone");
    }
}
