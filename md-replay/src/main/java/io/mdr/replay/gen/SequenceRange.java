package io.mdr.replay.gen;

/**
 * Consecutive MoldUDP64 sequence numbers, both ends included.
 *
 * @param first first sequence number of the range
 * @param last  last sequence number of the range, at least {@code first}
 */
public record SequenceRange(long first, long last) {

    public SequenceRange {
        if (last < first) {
            throw new IllegalArgumentException("range ends before it starts: " + first + ".." + last);
        }
    }

    /** Sequence numbers in the range. */
    public long count() {
        return last - first + 1;
    }

    public boolean contains(long sequence) {
        return sequence >= first && sequence <= last;
    }

    /** {@code first-last}, or just {@code first} for a single message. */
    @Override
    public String toString() {
        return first == last ? Long.toString(first) : first + "-" + last;
    }
}
