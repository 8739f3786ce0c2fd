package io.mdr.feed;

import org.agrona.DirectBuffer;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a {@link FeedListener} was handed, in order, for the arbitration and recovery tests: each delivered message's
 * sequence, line and first byte, the gaps ("from-to", inclusive), sessions, healed holes and the end of a session.
 * Each run's blocks must cover exactly the bytes the run claims.
 */
public final class FeedRecorder implements FeedListener {
    public final List<Long> sequences = new ArrayList<>();
    public final List<Integer> lines = new ArrayList<>();
    public final List<Byte> firstBytes = new ArrayList<>();
    public final List<String> gaps = new ArrayList<>();
    public int sessions;
    public int healed;
    public int endOfSession;
    public long endOfSessionNext = -1;

    @Override
    public void onMessages(Channel channel, int line, long firstSequence, int count, DirectBuffer buffer,
                           int blocksOffset, int blocksLength, boolean regular, long rxNanos) {
        int position = blocksOffset;
        for (int i = 0; i < count; i++) {
            int length = buffer.getShort(position, ByteOrder.BIG_ENDIAN) & 0xFFFF;
            sequences.add(firstSequence + i);
            lines.add(line);
            firstBytes.add(buffer.getByte(position + 2));
            position += 2 + length;
        }
        assertEquals(blocksOffset + blocksLength, position, "blocks length covers exactly the run");
    }

    @Override
    public void onGap(Channel channel, long from, long to, long nowNanos) {
        gaps.add(from + "-" + to);
    }

    @Override
    public void onSession(Channel channel, long nowNanos) {
        sessions++;
    }

    @Override
    public void onHoleHealed(Channel channel, long from, long to, long openedNanos, long nowNanos) {
        assertTrue(nowNanos >= openedNanos);
        healed++;
    }

    @Override
    public void onEndOfSession(Channel channel, long nextSequence, long nowNanos) {
        endOfSession++;
        endOfSessionNext = nextSequence;
    }

    @Override
    public String toString() {
        return "sequences " + sequences + ", gaps " + gaps;
    }
}
