package io.mdr.feed;

import io.mdr.metrics.ReceiverCounters;
import io.mdr.mold.MoldUdp64Packet;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.util.List;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@link ChannelArbiter#resume}: a restart continues the journal. At or below the last journaled sequence is a
 * counted duplicate; the hole up to the first message received is an ordinary hole, hence a gap with exact bounds;
 * a different session starts fresh.
 */
class ChannelArbiterResumeTest {
    private static final long WINDOW = 50_000;
    private static final long MAX_WAIT = 5_000_000;

    private final ReceiverCounters counters = ReceiverCounters.inMemory();
    private final MoldUdp64Packet packet = new MoldUdp64Packet();
    private long now = 1_000_000;

    private final FeedRecorder listener = new FeedRecorder();

    private ChannelArbiter arbiter(String configuredSession) {
        return new ChannelArbiter(new Channel(0, "resume", 1, configuredSession),
                new ArbiterSettings(WINDOW, MAX_WAIT, ArbiterSettings.DEFAULT_HOLD_BYTES, false, 0), listener, counters);
    }

    private static long high(String session) {
        byte[] s = Channel.padSession(session);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (s[i] & 0xFF);
        }
        return v;
    }

    private static int low(String session) {
        byte[] s = Channel.padSession(session);
        return ((s[8] & 0xFF) << 8) | (s[9] & 0xFF);
    }

    private void send(ChannelArbiter arbiter, String session, long first, int count) {
        UnsafeBuffer buffer = new UnsafeBuffer(new byte[20 + count * 3]);
        buffer.putBytes(0, Channel.padSession(session));
        buffer.putLong(10, first, ByteOrder.BIG_ENDIAN);
        buffer.putShort(18, (short) count, ByteOrder.BIG_ENDIAN);
        for (int i = 0; i < count; i++) {
            buffer.putShort(20 + i * 3, (short) 1, ByteOrder.BIG_ENDIAN);
        }
        assertNull(packet.wrap(buffer, 0, buffer.capacity()));
        arbiter.onPacket(Line.A, packet, now);
        now += 1_000;
    }

    private static List<Long> range(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }

    @Test
    void whatTheJournalHoldsIsACountedDuplicateAndTheRestContinuesIt() {
        ChannelArbiter a = arbiter(null);
        a.resume(high("S1"), low("S1"), 11, false); // messages 1..10 are journaled
        send(a, "S1", 1, 4);
        send(a, "S1", 5, 4);
        send(a, "S1", 9, 4); // 9, 10 again; 11, 12 new
        send(a, "S1", 13, 2);
        assertEquals(range(11, 14), listener.sequences);
        assertEquals(2, counters.duplicatePackets.get());
        assertEquals(10, counters.duplicateMessages.get());
        assertEquals(List.of(), listener.gaps);
        assertEquals(1, listener.sessions, "the channel is announced to the journal again in this run");
    }

    @Test
    void theHoleUpToTheFirstMessageReceivedIsAGapWithExactBounds() {
        ChannelArbiter a = arbiter(null);
        a.resume(high("S1"), low("S1"), 101, false); // journaled up to 100; the receiver was down while 101..149 went by
        send(a, "S1", 150, 5);
        assertEquals(List.of(), listener.sequences, "held while the hole may still fill (reordering)");
        now += WINDOW;
        a.poll(now);
        assertEquals(List.of("101-149"), listener.gaps);
        assertEquals(range(150, 154), listener.sequences);
        assertEquals(1, counters.gaps.get());
        assertEquals(49, counters.gapMessages.get());
    }

    @Test
    void aDifferentSessionStartsFresh() {
        ChannelArbiter a = arbiter(null);
        a.resume(high("S1"), low("S1"), 1_001, false);
        send(a, "S2", 1, 3);
        send(a, "S2", 4, 1);
        assertEquals(range(1, 4), listener.sequences);
        assertEquals(List.of(), listener.gaps);
        assertEquals(0, counters.duplicateMessages.get());
    }

    @Test
    void aConfiguredSessionResumesToo() {
        ChannelArbiter a = arbiter("S1");
        a.resume(high("S1"), low("S1"), 6, false);
        send(a, "S1", 1, 10);
        assertEquals(range(6, 10), listener.sequences);
        assertEquals(5, counters.duplicateMessages.get());
    }

    @Test
    void theResumePointIsUsedOnceOnlyByTheFirstSession() {
        ChannelArbiter a = arbiter(null);
        a.resume(high("S1"), low("S1"), 50, false);
        send(a, "S2", 1, 2);
        send(a, "S1", 1, 2); // S1 after S2 is a new session of its own: it starts at its first packet
        assertEquals(List.of(1L, 2L, 1L, 2L), listener.sequences);
    }

    @Test
    void anEndOfSessionTheJournalHoldsIsNotReportedAgain() {
        ChannelArbiter a = arbiter(null);
        a.resume(high("S1"), low("S1"), 11, true);
        UnsafeBuffer buffer = new UnsafeBuffer(new byte[20]);
        buffer.putBytes(0, Channel.padSession("S1"));
        buffer.putLong(10, 11, ByteOrder.BIG_ENDIAN);
        buffer.putShort(18, (short) 0xFFFF, ByteOrder.BIG_ENDIAN);
        assertNull(packet.wrap(buffer, 0, 20));
        a.onPacket(Line.A, packet, now);
        assertEquals(0, listener.endOfSession);
        assertEquals(0, counters.endOfSession.get());
    }

    @Test
    void resumingAfterTheFirstPacketIsRefused() {
        ChannelArbiter a = arbiter(null);
        send(a, "S1", 1, 1);
        assertThrows(IllegalStateException.class, () -> a.resume(high("S1"), low("S1"), 10, false));
    }
}
