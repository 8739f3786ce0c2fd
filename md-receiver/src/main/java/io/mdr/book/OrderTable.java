package io.mdr.book;

import java.util.Arrays;

/**
 * The resting orders of a feed, keyed by ITCH order reference, in one preallocated {@code long[]} of buckets, two
 * words each (the reference, then the price level's id and the shares). Nothing points into the table between two
 * messages, so entries may move.
 *
 * <p>ITCH assigns references in increasing order across the whole feed, most orders leave young, and most
 * executions and cancels name young orders. So the table has two parts:
 * <ul>
 *   <li><b>The ring</b>: the orders among the newest {@link #ringSlots()} references, each in the bucket its
 *       reference's low bits name, without hashing or probing. New references fill it in order, one cache line
 *       after another, which the processor's prefetcher streams in ahead of the adds: a new order costs no cache
 *       miss, where a hashed home is a line last touched millions of messages earlier. When the newest reference
 *       moves on, the orders that fall out of the window (the few that lived that long) move to the hash part.</li>
 *   <li><b>The hash part</b>: older orders, and references that are out of the window when they arrive (zero is
 *       refused by the caller; negative ones are out of the window), in open addressing with linear probing in
 *       Robin Hood order. References go to it in groups of 16 consecutive ones: a group's home is a run of 16
 *       buckets (four cache lines) picked by Fibonacci hashing of the group number, and each reference of it has
 *       its own bucket there, so orders that moved out of the ring together share lines while groups land all over
 *       the table. Robin Hood ordering keeps lookups short (a lookup stops at the first entry nearer its home than
 *       the probe) and removals free of tombstones (a removal shifts the following entries back, up to the first at
 *       its home). It has at least twice as many buckets as {@link #capacity()}, so it can hold every order.</li>
 * </ul>
 * A lookup tells from the reference alone which part holds it: one bucket of the ring, or a probe of the hash part.
 * The table refuses an order beyond {@link #capacity()}.
 *
 * <p>Reference 0 marks an empty bucket: ITCH never gives it to a displayed order (a Trade message uses it for a
 * non-displayed one), so the caller refuses it before calling {@link #insert}.
 */
final class OrderTable {
    /** The largest {@link #capacity()}: 2^28 orders, 8 GiB of hash part. */
    static final int MAX_CAPACITY = 1 << 28;
    /** The most references the ring holds: a million, 16 MiB. */
    static final int MAX_RING_SLOTS = 1 << 20;
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

    /** The hash part's buckets, then the ring's. */
    private final long[] entries;
    /** The hash part's buckets - 1. */
    private final int mask;
    /** Bits of a group's index: log2(buckets / GROUP); 0 for a table of one group. */
    private final int groupShift;
    /** The ring's first bucket: the hash part's bucket count. */
    private final int ringBase;
    private final int ringBits;
    private final int ringMask;
    private final int capacity;
    private int size;
    private int ringSize;
    /** The newest reference of the ring's window: it holds the references from {@code newest - ringSlots + 1} on. */
    private long newest;

    OrderTable(int capacity) {
        if (capacity < 1 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("order capacity must be 1.." + MAX_CAPACITY + ": " + capacity);
        }
        // A power of two from 2x to 4x the capacity: at most half full, so probe sequences stay short.
        int buckets = Integer.highestOneBit(2 * capacity - 1) << 1;
        int ringSlots = Math.min(Integer.highestOneBit(capacity), MAX_RING_SLOTS);
        this.capacity = capacity;
        this.mask = buckets - 1;
        this.groupShift = 64 - Math.max(1, Integer.numberOfTrailingZeros(buckets) - GROUP_BITS);
        this.ringBase = buckets;
        this.ringBits = Integer.numberOfTrailingZeros(ringSlots);
        this.ringMask = ringSlots - 1;
        this.entries = new long[2 * (buckets + ringSlots)];
    }

    /** Most orders the table holds. */
    int capacity() {
        return capacity;
    }

    /** References the ring holds: the newest ones. */
    int ringSlots() {
        return ringMask + 1;
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
        if (inRing(reference)) {
            int bucket = ringBase + ((int) reference & ringMask);
            return entries[bucket << 1] == reference ? bucket : ABSENT;
        }
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
     * Adds {@code reference} (not 0) with its level and shares. Other orders may move.
     *
     * @return its bucket, {@link #DUPLICATE} if it rests already (nothing changes), or {@link #FULL}
     */
    int insert(long reference, int level, long shares) {
        if (size == capacity) {
            return find(reference) != ABSENT ? DUPLICATE : FULL;
        }
        if (reference > newest) {
            advance(reference);
        }
        int bucket;
        if (inRing(reference)) {
            bucket = ringBase + ((int) reference & ringMask);
            // The ring's bucket of a reference in its window is empty or holds that very reference.
            if (entries[bucket << 1] == reference) {
                return DUPLICATE;
            }
            entries[bucket << 1] = reference;
            entries[(bucket << 1) + 1] = pack(level, shares);
            ringSize++;
        } else {
            bucket = place(reference, pack(level, shares));
            if (bucket == DUPLICATE) {
                return DUPLICATE;
            }
        }
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
     * Empties {@code bucket}. In the hash part the entries after it shift back by one, up to the first that is
     * empty or at its home: with entries in Robin Hood order no tombstone is needed, and removing one of a run of
     * consecutive references (each at its home) moves nothing. Buckets of other orders may change.
     */
    void remove(int bucket) {
        size--;
        if (bucket >= ringBase) {
            entries[bucket << 1] = EMPTY;
            entries[(bucket << 1) + 1] = 0;
            ringSize--;
            return;
        }
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
    }

    /** Removes every order (touches the whole table: not for the hot path). */
    void clear() {
        Arrays.fill(entries, 0);
        size = 0;
        ringSize = 0;
        newest = 0;
    }

    /** Whether {@code reference} is one of the ring's window, the newest {@link #ringSlots()} references. */
    private boolean inRing(long reference) {
        // newest - reference is in [0, ringSlots): negative (a reference past the newest) fails the unsigned shift.
        return reference > 0 && (newest - reference) >>> ringBits == 0;
    }

    /**
     * Moves the ring's window on to end at {@code reference} (newer than {@link #newest}): the orders in the buckets
     * that the new references take over are the ones that fall out of the window, and move to the hash part. With
     * consecutive references that is one bucket, the one the new order goes to.
     */
    private void advance(long reference) {
        long from = newest;
        newest = reference;
        if (ringSize == 0) {
            return;
        }
        int slots = ringMask + 1;
        if (reference - from >= slots) {
            // A jump of a whole window (a late join, a gap): every order of the ring is out of it.
            for (int bucket = ringBase; bucket < ringBase + slots && ringSize > 0; bucket++) {
                evict(bucket);
            }
            return;
        }
        // (an emptied ring stops the walk: a jump of almost a window after a gap would otherwise visit every bucket)
        for (long taken = from + 1; taken <= reference && ringSize > 0; taken++) {
            evict(ringBase + ((int) taken & ringMask));
        }
    }

    /** Moves the order in a ring bucket, if any, to the hash part. */
    private void evict(int bucket) {
        long resident = entries[bucket << 1];
        if (resident != EMPTY) {
            long value = entries[(bucket << 1) + 1];
            entries[bucket << 1] = EMPTY;
            entries[(bucket << 1) + 1] = 0;
            ringSize--;
            place(resident, value);
        }
    }

    /**
     * Puts {@code reference} and its value in the hash part (which has room: it can hold every order).
     *
     * @return its bucket, or {@link #DUPLICATE} if it is there already
     */
    private int place(long reference, long value) {
        final long[] entries = this.entries;
        // One walk: while the entries are at least as far from their homes as this one would be, the reference may
        // still rest further on; the first empty bucket or nearer entry is where it goes.
        int bucket = home(reference);
        int distance = 0;
        long resident;
        while ((resident = entries[bucket << 1]) != EMPTY) {
            if (resident == reference) {
                return DUPLICATE;
            }
            int residentDistance = displacement(resident, bucket);
            if (residentDistance < distance) {
                return displace(bucket, reference, value, resident, residentDistance);
            }
            bucket = (bucket + 1) & mask;
            distance++;
        }
        entries[bucket << 1] = reference;
        entries[(bucket << 1) + 1] = value;
        return bucket;
    }

    /**
     * Puts {@code reference} in {@code bucket}, where {@code resident} (that far from its home) gives way to it
     * (Robin Hood), and carries each displaced entry on to a bucket of its own; returns {@code bucket}.
     */
    private int displace(int bucket, long reference, long value, long resident, int residentDistance) {
        final long[] entries = this.entries;
        final int placed = bucket;
        long key = reference;
        while (true) {
            long residentValue = entries[(bucket << 1) + 1];
            entries[bucket << 1] = key;
            entries[(bucket << 1) + 1] = value;
            key = resident;
            value = residentValue;
            int distance = residentDistance;
            do {
                bucket = (bucket + 1) & mask;
                distance++;
                resident = entries[bucket << 1];
                if (resident == EMPTY) {
                    entries[bucket << 1] = key;
                    entries[(bucket << 1) + 1] = value;
                    return placed;
                }
                residentDistance = displacement(resident, bucket);
            } while (residentDistance >= distance);
        }
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
