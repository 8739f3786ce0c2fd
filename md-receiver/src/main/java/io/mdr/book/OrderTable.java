package io.mdr.book;

import java.util.Arrays;

/**
 * The resting orders of a feed, keyed by ITCH order reference: an open-addressing hash table with linear probing in
 * Robin Hood order, in one preallocated {@code long[]}, two words per bucket (the reference, then the price level's
 * id and the shares). Nothing points into the table, so a removal shifts the following entries back (no
 * tombstones), and a lookup that finds a reference has the order's data in the same cache line.
 *
 * <p>ITCH assigns references in increasing order across the whole feed, and most executions and cancels name young
 * orders. So references go to the table in groups of 16 consecutive ones: a group's home is a run of 16 buckets
 * (four cache lines) picked by Fibonacci hashing of the group number, and each reference of it has its own bucket
 * there. Adds fill neighbouring buckets and young orders share a few cache lines, while groups land all over the
 * table. Homes by the low bits alone (no hashing) touch about 12% fewer cache lines on md-gen's sessions and cost
 * 15-25% less CPU time while the table is nearly empty, but a run of new references then lands on the survivors of
 * earlier runs, one wrap of the table before, and each survivor pushes the rest of the run one bucket further: at a
 * third full that cost 15 probes and 4.7 entries moved per message (instead of 2.9 and 0.25), at 43% full 45 and 17,
 * a book that slows down tenfold on the day it fills up. Robin Hood ordering keeps the rest
 * cheap: a lookup stops at the first entry nearer its home than the probe, and a removal stops at the first entry
 * at its home. The table has at least twice as many buckets as {@link #capacity()}, and refuses an order beyond it.
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
    /** log2 of the references that share a group of buckets: 16 (four cache lines), side by side. */
    private static final int GROUP_BITS = 4;
    /** 2^64 / golden ratio: Fibonacci hashing spreads consecutive groups evenly over the table. */
    private static final long FIBONACCI = 0x9E3779B97F4A7C15L;
    private static final long SHARES_MASK = 0xFFFF_FFFFL;

    private final long[] entries;
    private final int mask;
    /** Bits of a group's index: log2(buckets / GROUP); 0 for a table of one group. */
    private final int groupShift;
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
        this.groupShift = 64 - Math.max(1, Integer.numberOfTrailingZeros(buckets) - GROUP_BITS);
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
        int group = (int) (((reference >>> GROUP_BITS) * FIBONACCI) >>> groupShift);
        return ((group << GROUP_BITS) | ((int) reference & ((1 << GROUP_BITS) - 1))) & mask;
    }

    /** How far {@code bucket} is past the home bucket of {@code reference}. */
    private int displacement(long reference, int bucket) {
        return (bucket - home(reference)) & mask;
    }

    private static long pack(int level, long shares) {
        return ((long) level << 32) | (shares & SHARES_MASK);
    }
}
