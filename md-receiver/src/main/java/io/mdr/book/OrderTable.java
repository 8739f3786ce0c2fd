package io.mdr.book;

import java.util.Arrays;

/**
 * The resting orders of a feed, keyed by ITCH order reference: an open-addressing hash table with linear probing in
 * Robin Hood order, in one preallocated {@code long[]}, two words per bucket (the reference, then the price level's
 * id and the shares). Nothing points into the table, so a removal shifts the following entries back (no
 * tombstones), and a lookup that finds a reference has the order's data in the same cache line.
 *
 * <p>The home bucket of a reference is its low bits. ITCH assigns references in increasing order across the whole
 * feed, so consecutive adds fill neighbouring buckets and the young orders that most executions and cancels name
 * share a few cache lines; a scrambling hash would spread them over the whole table and cost a cache miss per add.
 * Such runs of consecutive references all sit at their home buckets, which Robin Hood ordering turns into cheap
 * operations: a lookup stops at the first entry nearer its home than the probe, and a removal stops at the first
 * entry at its home instead of walking the whole run as plain linear probing must. The table has at least twice as
 * many buckets as {@link #capacity()}, and refuses an order beyond it.
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

    /** The bucket holding {@code reference} (not 0), or {@link #ABSENT}. */
    int find(long reference) {
        final long[] entries = this.entries;
        int bucket = home(reference);
        for (int distance = 0; ; distance++) {
            long key = entries[bucket << 1];
            if (key == reference) {
                return bucket;
            }
            // Robin Hood order: past an entry nearer its home than we are to ours, the reference cannot be.
            if (key == EMPTY || displacement(key, bucket) < distance) {
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
        if (find(reference) != ABSENT) {
            return DUPLICATE;
        }
        if (size == capacity) {
            return FULL;
        }
        final long[] entries = this.entries;
        long key = reference;
        long value = pack(level, shares);
        int placed = -1;
        int bucket = home(reference);
        for (int distance = 0; ; distance++) {
            long resident = entries[bucket << 1];
            if (resident == EMPTY) {
                entries[bucket << 1] = key;
                entries[(bucket << 1) + 1] = value;
                size++;
                return placed < 0 ? bucket : placed;
            }
            int residentDistance = displacement(resident, bucket);
            if (residentDistance < distance) {
                // Robin Hood: the entry nearer its home gives way, and goes on looking for a bucket of its own.
                long residentValue = entries[(bucket << 1) + 1];
                entries[bucket << 1] = key;
                entries[(bucket << 1) + 1] = value;
                if (placed < 0) {
                    placed = bucket;
                }
                key = resident;
                value = residentValue;
                distance = residentDistance;
            }
            bucket = (bucket + 1) & mask;
        }
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
     * Empties {@code bucket} and shifts the entries after it back by one, up to the first that is empty or at its
     * home: with entries in Robin Hood order no tombstone is needed, and removing one of a run of consecutive
     * references (each at its home) moves nothing. Buckets of other orders may change.
     */
    void remove(int bucket) {
        final long[] entries = this.entries;
        int hole = bucket;
        while (true) {
            int next = (hole + 1) & mask;
            long key = entries[next << 1];
            if (key == EMPTY || displacement(key, next) == 0) {
                break;
            }
            entries[hole << 1] = key;
            entries[(hole << 1) + 1] = entries[(next << 1) + 1];
            hole = next;
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

    /** How far {@code bucket} is past the home bucket of {@code reference}. */
    private int displacement(long reference, int bucket) {
        return (bucket - home(reference)) & mask;
    }

    private static long pack(int level, long shares) {
        return ((long) level << 32) | (shares & SHARES_MASK);
    }
}
