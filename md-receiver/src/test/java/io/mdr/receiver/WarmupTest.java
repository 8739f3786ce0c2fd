package io.mdr.receiver;

import io.mdr.journal.JournalWriter;
import io.mdr.metrics.ReceiverCounters;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The warm-up runs every part of the per-packet path the first real packets (and the first real hole) will need:
 * in-order delivery, packets held behind a hole and drained, holes asked for, healed from the answers and given up.
 */
class WarmupTest {
    @ParameterizedTest(name = "channels made of the streams seen: {0}")
    @ValueSource(booleans = {false, true})
    void theWarmUpTakesEveryPathOfThePerPacketLoopRecoveryIncluded(boolean autoChannels, @TempDir Path dir) {
        ReceiverCounters counters = rehearse(dir, autoChannels, true);
        assertTrue(counters.messages.get() > 700_000, "messages " + counters.messages.get());
        assertTrue(counters.reorderedPackets.get() > 1_000, "held behind holes: " + counters.reorderedPackets.get());
        assertTrue(counters.recoveryHolesHealed.get() > 100, "healed: " + counters.recoveryHolesHealed.get());
        assertTrue(counters.recoveredMessages.get() > 1_000, "recovered: " + counters.recoveredMessages.get());
        assertTrue(counters.recoveryHolesGivenUp.get() > 10, "given up: " + counters.recoveryHolesGivenUp.get());
        assertEquals(counters.recoveryHolesGivenUp.get(), counters.gaps.get(), "each hole given up is one gap");
        assertEquals(0, counters.totalDrops());
    }

    @ParameterizedTest(name = "channels made of the streams seen: {0}")
    @ValueSource(booleans = {false, true})
    void withoutRequestServersTheRehearsalsHolesBecomeGapsAsTheReceiversWould(boolean autoChannels, @TempDir Path dir) {
        ReceiverCounters counters = rehearse(dir, autoChannels, false);
        assertTrue(counters.messages.get() > 700_000, "messages " + counters.messages.get());
        assertTrue(counters.reorderedPackets.get() > 1_000, "held behind holes: " + counters.reorderedPackets.get());
        assertEquals(0, counters.recoveryHolesHealed.get(), "nothing is asked of a request server");
        assertEquals(0, counters.recoveredMessages.get());
        assertTrue(counters.gaps.get() > 100, "each lost packet is a gap: " + counters.gaps.get());
        assertEquals(0, counters.totalDrops());
    }

    /** One rehearsal of a DPDK receiver's path (frames in mbufs) into a journal in {@code dir}. */
    private static ReceiverCounters rehearse(Path dir, boolean autoChannels, boolean recovered) {
        try (JournalWriter journal = JournalWriter.open(dir.resolve("journal"), "FAST_HOURLY")) {
            return Warmup.rehearse(journal, MessageHandler.NONE, false, autoChannels, recovered,
                    ExchangeClock.disabled());
        }
    }
}
