package io.mdr.book;

import java.util.Arrays;

/**
 * The resting orders of a feed, keyed by ITCH order reference: an open-addressing hash table with linear probing in
 * one preallocated {@code long[]}, two words per bucket (the reference, then the price level's id and the shares).
 * Nothing points into the table, so a removal shifts the following entries back (no tombstones) and a lookup that
 * finds a reference has the order's data in the same cache line.
 *
 * <p>The home bucket of a reference is its low bits. ITCH assigns references in increasing order across the whole
 * feed, so consecutive adds fill neighbouring buckets and the young orders that most executions and cancels name
 * share a few cache lines; a scrambling hash would spread them over the whole table and cost a cache miss per add.
 * The table has at least twice as many buckets as {@link #capacity()}, and refuses an order beyond it.
 *
 * <p>Reference 0 marks an empty bucket: ITCH never gives it to a displayed order (a Trade message uses it for a
 * non-displayed one), so the caller refuses it before calling {@link #insert}.
 */
final class OrderTable {
    /** The largest {@link #capacity()}: 2^28 orders, 8 GiB of table. */
    static final int MAX_CAPACITY = 1 << 28;
    /** {@link #insert} result: the reference already rests. */
    static final int DUPLICATE = -1;
    /** {@link #insert} result: {@link #capacity()} orders rest already. */
    static final int FULL = -2;
    /** {@link #find} result: no such order. */
    static final int ABSENT = -1;

    private static final long EMPTY = 0;
    private static final long SHARES_MASK = 0xFFFF_FFFFL;

    private final long[] entries;
    private final int mask;
    private final int capacity;
    private int size;

    OrderTable(int capacity) {
        if (capacity < 1 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("order capacity must be 1.." + MAX_CAPACITY + ": " + capacity);
        }
        // A power of two from 2x to 4x the capacity: at most half full, so probe sequences stay short.
        int buckets = Integer.highestOneBit(2 * capacity - 1) << 1;
        this.capacity = capacity;
        this.mask = buckets - 1;
        this.entries = new long[2 * buckets];
    }

    /** Most orders the table holds. */
    int capacity() {
        return capacity;
    }

    /** Bytes of the table's array. */
    long footprintBytes() {
        return 8L * entries.length;
    }

    /** Orders resting now. */
    int size() {
        return size;
    }

    /** The bucket holding {@code reference}, or {@link #ABSENT}. */
    int find(long reference) {
        final long[] entries = this.entries;
        int bucket = home(reference);
        while (true) {
            long key = entries[bucket << 1];
            if (key == reference) {
                return bucket;
            }
            if (key == EMPTY) {
                return ABSENT;
            }
            bucket = (bucket + 1) & mask;
        }
    }

    /**
     * Adds {@code reference} (not 0) with its level and shares.
     *
     * @return its bucket, {@link #DUPLICATE} if it rests already (nothing changes), or {@link #FULL}
     */
    int insert(long reference, int level, long shares) {
        final long[] entries = this.entries;
        int bucket = home(reference);
        while (true) {
            long key = entries[bucket << 1];
            if (key == EMPTY) {
                break;
            }
            if (key == reference) {
                return DUPLICATE;
            }
            bucket = (bucket + 1) & mask;
        }
        if (size == capacity) {
            return FULL;
        }
        entries[bucket << 1] = reference;
        entries[(bucket << 1) + 1] = pack(level, shares);
        size++;
        return bucket;
    }

    long reference(int bucket) {
        return entries[bucket << 1];
    }

    int level(int bucket) {
        return (int) (entries[(bucket << 1) + 1] >>> 32);
    }

    long shares(int bucket) {
        return entries[(bucket << 1) + 1] & SHARES_MASK;
    }

    void setShares(int bucket, long shares) {
        int at = (bucket << 1) + 1;
        entries[at] = (entries[at] & ~SHARES_MASK) | shares;
    }

    void set(int bucket, int level, long shares) {
        entries[(bucket << 1) + 1] = pack(level, shares);
    }

    /**
     * Empties {@code bucket}, then moves back every later entry of its cluster whose probe sequence passes the
     * hole (Knuth's algorithm R), so that lookups never need tombstones. Buckets of other orders may change.
     */
    void remove(int bucket) {
        final long[] entries = this.entries;
        int hole = bucket;
        int next = hole;
        while (true) {
            next = (next + 1) & mask;
            long key = entries[next << 1];
            if (key == EMPTY) {
                break;
            }
            // The entry may fill the hole when the hole lies on its way from its home bucket.
            if (((next - home(key)) & mask) >= ((next - hole) & mask)) {
                entries[hole << 1] = key;
                entries[(hole << 1) + 1] = entries[(next << 1) + 1];
                hole = next;
            }
        }
        entries[hole << 1] = EMPTY;
        entries[(hole << 1) + 1] = 0;
        size--;
    }

    /** Removes every order (touches the whole table: not for the hot path). */
    void clear() {
        Arrays.fill(entries, 0);
        size = 0;
    }

    private int home(long reference) {
        return (int) (reference ^ (reference >>> 32)) & mask;
    }

    private static long pack(int level, long shares) {
        return ((long) level << 32) | (shares & SHARES_MASK);
    }
}
