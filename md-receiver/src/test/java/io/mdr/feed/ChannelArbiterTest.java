package io.mdr.feed;

import io.mdr.metrics.ReceiverCounters;
import io.mdr.mold.MoldUdp64Packet;
import io.mdr.net.DropReason;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.util.List;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ChannelArbiterTest {
    private static final long WINDOW = 50_000;
    private static final long MAX_WAIT = 5_000_000;

    private final ReceiverCounters counters = ReceiverCounters.inMemory();
    private final FeedRecorder recorder = new FeedRecorder();
    private final MoldUdp64Packet packet = new MoldUdp64Packet();
    private long now = 1_000_000;

    /** An arbiter whose budget holds {@code slots} one-message packets (64 bytes each with the header). */
    private ChannelArbiter arbiter(int lines, String session, int slots) {
        Channel channel = new Channel(0, "test", lines, session);
        return new ChannelArbiter(channel, new ArbiterSettings(WINDOW, MAX_WAIT, slots * 64L, false, 0), recorder, counters);
    }

    private void send(ChannelArbiter arbiter, int line, String session, long first, int count) {
        UnsafeBuffer buffer = new UnsafeBuffer(new byte[20 + count * 3]);
        byte[] s = Channel.padSession(session);
        buffer.putBytes(0, s);
        buffer.putLong(10, first, ByteOrder.BIG_ENDIAN);
        buffer.putShort(18, (short) count, ByteOrder.BIG_ENDIAN);
        int position = 20;
        for (int i = 0; i < count; i++) {
            buffer.putShort(position, (short) 1, ByteOrder.BIG_ENDIAN);
            buffer.putByte(position + 2, (byte) ('a' + (first + i) % 26));
            position += 3;
        }
        assertNull(packet.wrap(buffer, 0, buffer.capacity()));
        arbiter.onPacket(line, packet, now);
        now += 1_000;
    }

    private void heartbeat(ChannelArbiter arbiter, int line, String session, long next) {
        UnsafeBuffer buffer = new UnsafeBuffer(new byte[20]);
        buffer.putBytes(0, Channel.padSession(session));
        buffer.putLong(10, next, ByteOrder.BIG_ENDIAN);
        assertNull(packet.wrap(buffer, 0, 20));
        arbiter.onPacket(line, packet, now);
        now += 1_000;
    }

    private static List<Long> range(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }

    @Test
    void inOrderPacketsAreDeliveredOnceWithTheirMessageBytes() {
        ChannelArbiter a = arbiter(2, null, 16);
        send(a, Line.A, "S1", 1, 3);
        send(a, Line.B, "S1", 1, 3);
        send(a, Line.A, "S1", 4, 2);
        send(a, Line.B, "S1", 4, 2);
        assertEquals(range(1, 5), recorder.sequences);
        assertEquals(List.of((byte) 'b', (byte) 'c', (byte) 'd', (byte) 'e', (byte) 'f'), recorder.firstBytes);
        assertEquals(2, counters.duplicatePackets.get());
        assertEquals(5, counters.duplicateMessages.get());
        assertEquals(0, counters.gaps.get());
    }

    @Test
    void lossOnAOnlyIsFilledByBWithoutAGap() {
        ChannelArbiter a = arbiter(2, null, 16);
        send(a, Line.A, "S1", 1, 2);
        send(a, Line.B, "S1", 1, 2);
        // A loses 3..4
        send(a, Line.A, "S1", 5, 2);
        send(a, Line.B, "S1", 3, 2);
        send(a, Line.B, "S1", 5, 2);
        a.poll(now + MAX_WAIT * 2);
        assertEquals(range(1, 6), recorder.sequences);
        assertEquals(List.of(Line.A, Line.A, Line.B, Line.B, Line.A, Line.A), recorder.lines);
        assertEquals(List.of(), recorder.gaps);
        assertEquals(0, counters.gaps.get());
    }

    @Test
    void lossOnBothLinesIsOneGapWithExactBoundsAndTheStreamGoesOn() {
        ChannelArbiter a = arbiter(2, null, 16);
        send(a, Line.A, "S1", 1, 2);
        send(a, Line.B, "S1", 1, 2);
        send(a, Line.A, "S1", 7, 2);   // 3..6 lost on A
        send(a, Line.B, "S1", 7, 2);   // and on B
        assertEquals(range(1, 2), recorder.sequences, "held until the reorder window passes");
        now += WINDOW;
        a.poll(now);
        send(a, Line.A, "S1", 9, 1);
        assertEquals(List.of("3-6"), recorder.gaps);
        assertEquals(List.of(1L, 2L, 7L, 8L, 9L), recorder.sequences);
        assertEquals(1, counters.gaps.get());
        assertEquals(4, counters.gapMessages.get());
    }

    @Test
    void duplicationAndReorderingStillGiveEachMessageOnceInOrder() {
        ChannelArbiter a = arbiter(2, null, 16);
        send(a, Line.A, "S1", 1, 2);
        send(a, Line.A, "S1", 5, 2);   // reordered ahead
        send(a, Line.A, "S1", 3, 2);
        send(a, Line.A, "S1", 3, 2);   // duplicated
        send(a, Line.B, "S1", 1, 2);
        send(a, Line.B, "S1", 3, 2);
        send(a, Line.B, "S1", 5, 2);
        send(a, Line.B, "S1", 5, 2);
        assertEquals(range(1, 6), recorder.sequences);
        assertEquals(List.of(), recorder.gaps);
        assertEquals(1, counters.reorderedPackets.get());
    }

    @Test
    void aPacketOverlappingTheExpectedSequenceDeliversOnlyItsNewPart() {
        ChannelArbiter a = arbiter(1, null, 16);
        send(a, Line.A, "S1", 10, 3);
        send(a, Line.A, "S1", 11, 4);
        assertEquals(range(10, 14), recorder.sequences);
        assertEquals(2, counters.duplicateMessages.get());
    }

    @Test
    void aSingleLineWaitsTheReorderWindowBeforeDeclaringAGap() {
        ChannelArbiter a = arbiter(1, null, 16);
        send(a, Line.A, "S1", 1, 1);
        send(a, Line.A, "S1", 3, 1);
        send(a, Line.A, "S1", 2, 1);  // late, but within the window
        assertEquals(range(1, 3), recorder.sequences);
        send(a, Line.A, "S1", 5, 1);
        a.poll(now + WINDOW);
        assertEquals(List.of("4-4"), recorder.gaps);
        assertEquals(List.of(1L, 2L, 3L, 5L), recorder.sequences);
    }

    @Test
    void aDeadLineBIsWaitedForOnlyUntilTheMaximumHoleWait() {
        ChannelArbiter a = arbiter(2, null, 16);
        send(a, Line.A, "S1", 1, 1);
        send(a, Line.A, "S1", 3, 1);
        a.poll(now + WINDOW);
        assertEquals(List.of(), recorder.gaps, "B might still bring 2");
        a.poll(now + MAX_WAIT);
        assertEquals(List.of("2-2"), recorder.gaps);
        assertEquals(List.of(1L, 3L), recorder.sequences);
    }

    @Test
    void aHeartbeatAheadOfTheStreamRevealsTrailingLoss() {
        ChannelArbiter a = arbiter(1, null, 16);
        send(a, Line.A, "S1", 1, 2);
        heartbeat(a, Line.A, "S1", 6);
        a.poll(now + WINDOW);
        assertEquals(List.of("3-5"), recorder.gaps);
        assertEquals(1, counters.heartbeats.get());
        assertEquals(6, a.expectedSequence());
    }

    @Test
    void aNewSessionRestartsTheSequenceAndIsCounted() {
        ChannelArbiter a = arbiter(1, null, 16);
        send(a, Line.A, "S1", 100, 2);
        send(a, Line.A, "S2", 1, 2);
        assertEquals(List.of(100L, 101L, 1L, 2L), recorder.sequences);
        assertEquals(1, counters.sessionChanges.get());
        assertEquals(2, recorder.sessions);
        assertEquals("S2        ", a.channel().session());
    }

    @Test
    void aConfiguredSessionDropsOtherSessions() {
        ChannelArbiter a = arbiter(1, "S1", 16);
        send(a, Line.A, "S1", 1, 1);
        send(a, Line.A, "OTHER", 2, 1);
        assertEquals(List.of(1L), recorder.sequences);
        assertEquals(1, counters.drops(DropReason.WRONG_SESSION));
    }

    @Test
    void aFullReorderBufferTurnsTheOldestHoleIntoAGap() {
        ChannelArbiter a = arbiter(2, null, 2);
        send(a, Line.A, "S1", 1, 1);
        send(a, Line.A, "S1", 3, 1);
        send(a, Line.A, "S1", 4, 1);
        send(a, Line.A, "S1", 5, 1);  // no slot left: 2 is given up
        assertEquals(List.of("2-2"), recorder.gaps);
        assertEquals(List.of(1L, 3L, 4L, 5L), recorder.sequences);
    }

    @Test
    void flushDeclaresOpenHolesAndDeliversWhatWaits() {
        ChannelArbiter a = arbiter(2, null, 16);
        send(a, Line.A, "S1", 1, 1);
        send(a, Line.A, "S1", 4, 1);
        a.flush(now);
        assertEquals(List.of("2-3"), recorder.gaps);
        assertEquals(List.of(1L, 4L), recorder.sequences);
    }

    @Test
    void endOfSessionIsReportedOnceFromEitherLine() {
        ChannelArbiter a = arbiter(2, null, 16);
        send(a, Line.A, "S1", 1, 1);
        UnsafeBuffer eos = new UnsafeBuffer(new byte[20]);
        eos.putBytes(0, Channel.padSession("S1"));
        eos.putLong(10, 2, ByteOrder.BIG_ENDIAN);
        eos.putShort(18, (short) 0xFFFF, ByteOrder.BIG_ENDIAN);
        assertNull(packet.wrap(eos, 0, 20));
        a.onPacket(Line.A, packet, now);
        a.onPacket(Line.B, packet, now);
        assertEquals(1, counters.endOfSession.get());
        assertEquals(1, recorder.endOfSession);
    }
}
