package io.mdr.feed;

import io.mdr.metrics.ReceiverCounters;
import io.mdr.mold.MoldUdp64Packet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A/B arbitration over random streams: each line carries the session's packets with its own losses, repeats, swaps
 * of neighbours and heartbeats, then the end of the session. Whatever the mix, every sequence number from 1 to the
 * session's end is handed on exactly once, in order, either delivered (with its own message bytes) or inside exactly
 * one gap; and a sequence that some line carried is never a gap while holes wait long enough for it. This holds the
 * in-order fast path of {@link ChannelArbiter#onPacket} and the general one to the same result.
 */
class ChannelArbiterPropertyTest {
    private static final String SESSION = "PROP000001";

    @Property(tries = 300)
    void everySequenceIsHandedOnOnceInOrder(@ForAll @LongRange(min = 1, max = Long.MAX_VALUE) long seed,
                                            @ForAll @IntRange(min = 0, max = 30) int lossPercentA,
                                            @ForAll @IntRange(min = 0, max = 30) int lossPercentB,
                                            @ForAll @IntRange(min = 0, max = 20) int swapPercent,
                                            @ForAll boolean longWaits) {
        SplittableRandom random = new SplittableRandom(seed);
        int packets = 50 + random.nextInt(200);
        List<long[]> session = new ArrayList<>();          // {first, count}
        long next = 1;
        for (int i = 0; i < packets; i++) {
            int count = 1 + random.nextInt(4);
            session.add(new long[] {next, count});
            next += count;
        }
        long end = next;
        List<long[]> a = line(session, lossPercentA, swapPercent, random);
        List<long[]> b = line(session, lossPercentB, swapPercent, random);

        FeedRecorder recorder = new FeedRecorder();
        ReceiverCounters counters = ReceiverCounters.inMemory();
        // Long waits: no hole times out before both lines are done, so whatever one line carried is delivered.
        ArbiterSettings settings = longWaits
                ? new ArbiterSettings(1_000_000_000_000L, 1_000_000_000_000L, 1L << 20, false, 0)
                : new ArbiterSettings(3_000, 20_000, 1L << 20, false, 0);
        ChannelArbiter arbiter = new ChannelArbiter(new Channel(0, "prop", 2, SESSION), settings, recorder, counters);
        MoldUdp64Packet packet = new MoldUdp64Packet();
        long now = 1_000_000;
        // The session's first packet comes first: a first packet above sequence 1 is a late join (a gap from 1 by
        // these settings), another rule than the one this property is about. The lines may carry it again.
        arbiter.onPacket(Line.A, wrap(packet, session.get(0)), now);
        int ia = 0;
        int ib = 0;
        while (ia < a.size() || ib < b.size()) {
            boolean fromA = ib >= b.size() || (ia < a.size() && random.nextBoolean());
            long[] p = fromA ? a.get(ia++) : b.get(ib++);
            arbiter.onPacket(fromA ? Line.A : Line.B, wrap(packet, p), now);
            now += 1_000;
            if (random.nextInt(8) == 0) {
                arbiter.poll(now);
            }
        }
        // The end of the session on both lines, then time for every hole to be given up.
        arbiter.onPacket(Line.A, wrap(packet, new long[] {end, 0xFFFF}), now);
        arbiter.onPacket(Line.B, wrap(packet, new long[] {end, 0xFFFF}), now);
        for (int i = 0; i < 4; i++) {
            now += 2_000_000_000_000L;
            arbiter.poll(now);
        }

        long expected = 1;
        int d = 0;
        int g = 0;
        while (expected < end) {
            if (d < recorder.sequences.size() && recorder.sequences.get(d) == expected) {
                assertEquals((byte) ('a' + expected % 26), recorder.firstBytes.get(d), "message bytes of " + expected);
                d++;
                expected++;
            } else {
                assertTrue(g < recorder.gaps.size(), "sequence " + expected + " neither delivered nor in a gap; gaps "
                        + recorder.gaps + ", delivered " + recorder.sequences.size());
                long[] gap = bounds(recorder.gaps.get(g++));
                assertEquals(expected, gap[0], "the next gap starts where the stream stopped");
                assertTrue(gap[1] >= gap[0], "a gap of at least one message");
                expected = gap[1] + 1;
            }
        }
        assertEquals(end, expected);
        assertEquals(recorder.sequences.size(), d, "nothing delivered twice or past the end");
        assertEquals(recorder.gaps.size(), g, "no gap past the end");
        assertEquals(1, recorder.endOfSession, "the end of the session reported once");
        if (longWaits) {
            for (String range : recorder.gaps) {
                long[] gap = bounds(range);
                for (long s = gap[0]; s <= gap[1]; s++) {
                    assertTrue(!carried(a, s) && !carried(b, s), "sequence " + s + " was carried by a line but is a gap");
                }
            }
        }
    }

    /** One line's packets: the session's, less its losses, with some neighbours swapped, some repeated, heartbeats. */
    private static List<long[]> line(List<long[]> session, int lossPercent, int swapPercent, SplittableRandom random) {
        List<long[]> out = new ArrayList<>();
        for (long[] p : session) {
            if (random.nextInt(100) >= lossPercent) {
                out.add(p);
                if (random.nextInt(20) == 0) {
                    out.add(p);                                            // a repeat
                }
            }
            if (random.nextInt(25) == 0) {
                out.add(new long[] {p[0] + p[1], 0});                       // a heartbeat: the next sequence
            }
        }
        for (int i = 0; i + 1 < out.size(); i++) {
            if (random.nextInt(100) < swapPercent) {
                long[] t = out.get(i);
                out.set(i, out.get(i + 1));
                out.set(i + 1, t);
                i++;
            }
        }
        return out;
    }

    /** A gap as {@link FeedRecorder} keeps it, "from-to" (inclusive). */
    private static long[] bounds(String range) {
        int dash = range.indexOf('-');
        return new long[] {Long.parseLong(range.substring(0, dash)), Long.parseLong(range.substring(dash + 1))};
    }

    private static boolean carried(List<long[]> line, long sequence) {
        for (long[] p : line) {
            if (p[1] != 0xFFFF && sequence >= p[0] && sequence < p[0] + p[1]) {
                return true;
            }
        }
        return false;
    }

    /** A MoldUDP64 packet {first, count}: count one-byte messages 'a' + sequence % 26; 0 a heartbeat, 0xFFFF the end. */
    private static MoldUdp64Packet wrap(MoldUdp64Packet packet, long[] p) {
        int messages = p[1] == 0xFFFF ? 0 : (int) p[1];
        UnsafeBuffer buffer = new UnsafeBuffer(new byte[20 + messages * 3]);
        buffer.putBytes(0, Channel.padSession(SESSION));
        buffer.putLong(10, p[0], ByteOrder.BIG_ENDIAN);
        buffer.putShort(18, (short) p[1], ByteOrder.BIG_ENDIAN);
        int position = 20;
        for (int i = 0; i < messages; i++) {
            buffer.putShort(position, (short) 1, ByteOrder.BIG_ENDIAN);
            buffer.putByte(position + 2, (byte) ('a' + (p[0] + i) % 26));
            position += 3;
        }
        assertNull(packet.wrap(buffer, 0, buffer.capacity()));
        return packet;
    }
}
