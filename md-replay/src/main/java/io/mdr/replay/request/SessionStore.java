package io.mdr.replay.request;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The messages of one MoldUDP64 session, as captured: an index of packets (first sequence, message count, where the
 * first message block lies in a mapped capture), sorted and without overlaps, read in place. The bytes stay in the
 * mapped files: a session of 40 million messages costs a few tens of megabytes of index, not a copy.
 *
 * <p>What the captures lack (a packet lost on every captured line) is a hole in the store: a request that starts in
 * it gets nothing, and one that runs into it gets the messages before it.
 */
final class SessionStore {
    private static final ValueLayout.OfShort BIG_ENDIAN_SHORT =
            ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private final String session;
    private final long sessionHigh;
    private final int sessionLow;
    private long[] firsts = new long[1024];
    private int[] counts = new int[1024];
    private long[] offsets = new long[1024];
    private int[] files = new int[1024];
    private int size;
    private boolean sorted = true;
    private MemorySegment[] segments;

    SessionStore(String session, long sessionHigh, int sessionLow) {
        this.session = session;
        this.sessionHigh = sessionHigh;
        this.sessionLow = sessionLow;
    }

    String session() {
        return session;
    }

    boolean is(long high, int low) {
        return sessionHigh == high && sessionLow == low;
    }

    /** Notes a captured packet: {@code count} messages from {@code first}, the first block at {@code offset} of file {@code file}. */
    void add(long first, int count, int file, long offset) {
        if (size == firsts.length) {
            int capacity = size * 2;
            firsts = Arrays.copyOf(firsts, capacity);
            counts = Arrays.copyOf(counts, capacity);
            offsets = Arrays.copyOf(offsets, capacity);
            files = Arrays.copyOf(files, capacity);
        }
        if (size > 0 && first < firsts[size - 1]) {
            sorted = false;
        }
        firsts[size] = first;
        counts[size] = count;
        offsets[size] = offset;
        files[size] = file;
        size++;
    }

    /**
     * Sorts the packets by first sequence and trims what two packets both hold (the A and B copies of a merged
     * capture, duplicates), so that each sequence is in one packet at most.
     */
    void seal(MemorySegment[] segments) {
        this.segments = segments;
        if (!sorted) {
            Integer[] order = new Integer[size];
            for (int i = 0; i < size; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Long.compare(firsts[a], firsts[b]));
            long[] f = new long[size];
            int[] c = new int[size];
            long[] o = new long[size];
            int[] fi = new int[size];
            for (int i = 0; i < size; i++) {
                f[i] = firsts[order[i]];
                c[i] = counts[order[i]];
                o[i] = offsets[order[i]];
                fi[i] = files[order[i]];
            }
            firsts = f;
            counts = c;
            offsets = o;
            files = fi;
            sorted = true;
        }
        int kept = 0;
        long covered = Long.MIN_VALUE;
        for (int i = 0; i < size; i++) {
            long first = firsts[i];
            long end = first + counts[i];
            if (end <= covered) {
                continue;
            }
            long offset = offsets[i];
            if (first < covered) {
                offset = skipBlocks(segments[files[i]], offset, (int) (covered - first));
                first = covered;
            }
            firsts[kept] = first;
            counts[kept] = (int) (end - first);
            offsets[kept] = offset;
            files[kept] = files[i];
            kept++;
            covered = end;
        }
        size = kept;
    }

    /** Messages held. */
    long messages() {
        long total = 0;
        for (int i = 0; i < size; i++) {
            total += counts[i];
        }
        return total;
    }

    long firstSequence() {
        return size == 0 ? -1 : firsts[0];
    }

    long lastSequence() {
        return size == 0 ? -1 : firsts[size - 1] + counts[size - 1] - 1;
    }

    /** Ranges of sequences the captures lack between the first and the last held (for the start-up report). */
    long holes() {
        long holes = 0;
        for (int i = 1; i < size; i++) {
            if (firsts[i] > firsts[i - 1] + counts[i - 1]) {
                holes++;
            }
        }
        return holes;
    }

    /**
     * Copies whole message blocks (2-byte length and message) from sequence {@code from} on into {@code out} from
     * {@code outOffset}: at most {@code count} messages, at most {@code maxBytes} bytes, stopping where the store
     * has a hole or {@code stopBefore} is reached.
     *
     * @return the messages copied; their bytes end at {@link #copiedEnd()}
     */
    int copy(long from, int count, long stopBefore, MemorySegment out, long outOffset, int maxBytes) {
        copiedEnd = outOffset;
        int index = find(from);
        if (index < 0) {
            return 0;
        }
        long sequence = from;
        long position = skipBlocks(segments[files[index]], offsets[index], (int) (from - firsts[index]));
        long limit = outOffset + maxBytes;
        int copied = 0;
        while (copied < count && sequence < stopBefore) {
            if (sequence == firsts[index] + counts[index]) {
                index++;
                if (index == size || firsts[index] != sequence) {
                    break;
                }
                position = offsets[index];
            }
            MemorySegment segment = segments[files[index]];
            int block = 2 + (segment.get(BIG_ENDIAN_SHORT, position) & 0xFFFF);
            if (copiedEnd + block > limit) {
                break;
            }
            MemorySegment.copy(segment, position, out, copiedEnd, block);
            copiedEnd += block;
            position += block;
            sequence++;
            copied++;
        }
        return copied;
    }

    /** Where the blocks of the last {@link #copy} end in its output. */
    long copiedEnd() {
        return copiedEnd;
    }

    private long copiedEnd;

    /** The packet holding {@code sequence}, or -1. */
    private int find(long sequence) {
        int low = 0;
        int high = size - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            if (firsts[middle] <= sequence) {
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        int index = low - 1;
        return index >= 0 && sequence < firsts[index] + counts[index] ? index : -1;
    }

    private static long skipBlocks(MemorySegment segment, long position, int blocks) {
        for (int i = 0; i < blocks; i++) {
            position += 2 + (segment.get(BIG_ENDIAN_SHORT, position) & 0xFFFF);
        }
        return position;
    }
}
