package io.mdr.book;

import java.util.Arrays;

/**
 * Every price level of every book, in one preallocated pool, and per book side the levels in price order, best
 * first, as a doubly-linked list through the pool. A level is four words of one {@code long[]} (32 bytes, half a
 * cache line): its price, its shares, its order count with the side it belongs to, and its two links. An order
 * keeps the id of its level, so executions, cancels and deletes reach the level in one step. An add finds the level
 * of its price through an index keyed by side and price (open addressing, at most half full): one probe, where a
 * walk along the list costs a mispredicted branch or two per add. Only a new price walks along the side, from
 * whichever end (best or worst) is nearer in price, and most new prices are at or next to the touch.
 *
 * <p>A side is {@code locate << 1 | BookSide.BID or ASK}. Freed levels go back to a free list.
 */
final class PriceLevels {
    /** The largest {@link #capacity()}: 2^28 levels, 8 GiB of pool. */
    static final int MAX_CAPACITY = 1 << 28;
    /** Sides: two per stock locate (ITCH locates are 16-bit). */
    static final int SIDES = 2 * 65536;
    /** No level: the end of a list, an empty side, or an exhausted pool. */
    static final int NONE = -1;

    private static final int WORDS = 4;
    /**
     * Words left unused at the pool's start. A pool of more than half a G1 region is allocated region-aligned, so its
     * data starts 16 bytes past a cache-line boundary; two more words put every level at a multiple of 32 bytes,
     * and none straddles two cache lines.
     */
    private static final int SKIP = 2;
    private static final int PRICE = 0;
    private static final int SHARES = 1;
    /** orders (high 32 bits) | side (low 32 bits). */
    private static final int ORDERS_SIDE = 2;
    /** previous, towards better (high 32 bits) | next, towards worse (low 32 bits). */
    private static final int LINKS = 3;
    private static final long LOW = 0xFFFF_FFFFL;
    /** 2^64 / golden ratio, to spread the index's keys. */
    private static final long FIBONACCI = 0x9E3779B97F4A7C15L;
    private static final long NO_KEY = 0;

    private final long[] pool;
    private final int capacity;
    private final int[] best = new int[SIDES];
    private final int[] worst = new int[SIDES];
    private final int[] depth = new int[SIDES];
    /** The index: {@link #key} of each level in use, 0 for an empty bucket. */
    private final long[] indexKeys;
    /** The level of each bucket of the index. */
    private final int[] indexLevels;
    private final int indexMask;
    private final int indexShift;
    private int freeHead;
    private int used;

    PriceLevels(int capacity) {
        if (capacity < 1 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("level capacity must be 1.." + MAX_CAPACITY + ": " + capacity);
        }
        this.capacity = capacity;
        this.pool = new long[SKIP + WORDS * capacity];
        // A power of two from 2x to 4x the capacity: at most half full, so probe sequences stay short.
        int buckets = Integer.highestOneBit(2 * capacity - 1) << 1;
        this.indexKeys = new long[buckets];
        this.indexLevels = new int[buckets];
        this.indexMask = buckets - 1;
        this.indexShift = 64 - Integer.numberOfTrailingZeros(buckets);
        clear();
    }

    int capacity() {
        return capacity;
    }

    /** Bytes of the pool, the index and the per-side arrays. */
    long footprintBytes() {
        return 8L * pool.length + 12L * indexKeys.length + 12L * SIDES;
    }

    /** Levels in use over all books. */
    int used() {
        return used;
    }

    int best(int side) {
        return best[side];
    }

    int worst(int side) {
        return worst[side];
    }

    /**
     * The level the index holds for {@code side}'s {@code price} (0..2^32-1), or {@link #NONE}: what an add finds
     * without a walk (for the tests' checks).
     */
    int indexed(int side, long price) {
        long key = key(side, price);
        for (int bucket = bucket(key); indexKeys[bucket] != NO_KEY; bucket = (bucket + 1) & indexMask) {
            if (indexKeys[bucket] == key) {
                return indexLevels[bucket];
            }
        }
        return NONE;
    }

    /** Entries in the index (touches all of it: for the tests' checks). */
    int indexSize() {
        int size = 0;
        for (long key : indexKeys) {
            size += key == NO_KEY ? 0 : 1;
        }
        return size;
    }

    /** Levels on {@code side}. */
    int depth(int side) {
        return depth[side];
    }

    long price(int level) {
        return pool[at(level) + PRICE];
    }

    long shares(int level) {
        return pool[at(level) + SHARES];
    }

    int orders(int level) {
        return (int) (pool[at(level) + ORDERS_SIDE] >>> 32);
    }

    int side(int level) {
        return (int) pool[at(level) + ORDERS_SIDE];
    }

    /** The next level towards worse prices, or {@link #NONE}. */
    int next(int level) {
        return (int) pool[at(level) + LINKS];
    }

    /** The next level towards better prices, or {@link #NONE}. */
    int previous(int level) {
        return (int) (pool[at(level) + LINKS] >>> 32);
    }

    /** Adds {@code shares} (negative to take) and {@code orders} to the level; returns its new shares. */
    long change(int level, long shares, int orders) {
        int at = at(level);
        pool[at + ORDERS_SIDE] += (long) orders << 32;
        return pool[at + SHARES] += shares;
    }

    /**
     * The level at {@code price} on {@code side}, made (empty) when there is none.
     *
     * @return the level, or {@link #NONE} when a new one was needed and the pool is exhausted
     */
    int findOrInsert(int side, long price) {
        if (price >>> 32 != 0) {
            return insertInOrder(side, price); // not an ITCH price (a 32-bit unsigned field): not in the index
        }
        long key = key(side, price);
        int bucket = bucket(key);
        long resident;
        while ((resident = indexKeys[bucket]) != NO_KEY) {
            if (resident == key) {
                return indexLevels[bucket];
            }
            bucket = (bucket + 1) & indexMask;
        }
        int level = insertInOrder(side, price);
        if (level != NONE) {
            indexKeys[bucket] = key;
            indexLevels[bucket] = level;
        }
        return level;
    }

    /** Links a new level at {@code price} into its side's list; {@link #NONE} when the pool is exhausted. */
    private int insertInOrder(int side, long price) {
        int first = best[side];
        if (first == NONE) {
            int level = allocate(side, price);
            if (level != NONE) {
                link(side, level, NONE, NONE);
            }
            return level;
        }
        // Compared as ranks, higher is better: a bid's price, an ask's negated price.
        long sign = (side & 1) == BookSide.BID ? 1 : -1;
        long rank = sign * price;
        long bestRank = sign * price(first);
        if (rank >= bestRank) {
            return rank == bestRank ? first : insert(side, price, NONE, first);
        }
        int last = worst[side];
        long worstRank = sign * price(last);
        if (rank <= worstRank) {
            return rank == worstRank ? last : insert(side, price, last, NONE);
        }
        if (bestRank - rank <= rank - worstRank) {
            int level = next(first);
            long levelRank;
            while ((levelRank = sign * price(level)) > rank) {
                level = next(level);
            }
            return levelRank == rank ? level : insert(side, price, previous(level), level);
        }
        int level = previous(last);
        long levelRank;
        while ((levelRank = sign * price(level)) < rank) {
            level = previous(level);
        }
        return levelRank == rank ? level : insert(side, price, level, next(level));
    }

    /** Unlinks an empty level from its side and frees it. */
    void remove(int level) {
        int side = side(level);
        long price = price(level);
        if (price >>> 32 == 0) {
            unindex(key(side, price));
        }
        int before = previous(level);
        int after = next(level);
        if (before == NONE) {
            best[side] = after;
        } else {
            setNext(before, after);
        }
        if (after == NONE) {
            worst[side] = before;
        } else {
            setPrevious(after, before);
        }
        depth[side]--;
        pool[at(level) + LINKS] = links(NONE, freeHead);
        freeHead = level;
        used--;
    }

    /** Frees every level (touches the whole pool: not for the hot path). */
    void clear() {
        Arrays.fill(best, NONE);
        Arrays.fill(worst, NONE);
        Arrays.fill(depth, 0);
        Arrays.fill(indexKeys, NO_KEY);
        for (int level = 0; level < capacity; level++) {
            int at = at(level);
            pool[at + PRICE] = 0;
            pool[at + SHARES] = 0;
            pool[at + ORDERS_SIDE] = 0;
            pool[at + LINKS] = links(NONE, level + 1 < capacity ? level + 1 : NONE);
        }
        freeHead = 0;
        used = 0;
    }

    /**
     * Takes {@code key} (present) out of the index and moves back the entries after it that may go nearer their
     * home bucket (linear probing without tombstones).
     */
    private void unindex(long key) {
        int hole = bucket(key);
        while (indexKeys[hole] != key) {
            hole = (hole + 1) & indexMask;
        }
        int next = hole;
        while (true) {
            next = (next + 1) & indexMask;
            long resident = indexKeys[next];
            if (resident == NO_KEY) {
                break;
            }
            int home = bucket(resident);
            // The entry stays where it is when its home lies in (hole, next], cyclically.
            boolean stays = hole <= next ? home > hole && home <= next : home > hole || home <= next;
            if (!stays) {
                indexKeys[hole] = resident;
                indexLevels[hole] = indexLevels[next];
                hole = next;
            }
        }
        indexKeys[hole] = NO_KEY;
    }

    /** The index's key of a side's price (0..2^32-1): never 0 (the side is stored plus one). */
    private static long key(int side, long price) {
        return ((long) (side + 1) << 32) | price;
    }

    private int bucket(long key) {
        return (int) ((key * FIBONACCI) >>> indexShift) & indexMask;
    }

    private int insert(int side, long price, int before, int after) {
        int level = allocate(side, price);
        if (level != NONE) {
            link(side, level, before, after);
        }
        return level;
    }

    private int allocate(int side, long price) {
        int level = freeHead;
        if (level == NONE) {
            return NONE;
        }
        freeHead = next(level);
        int at = at(level);
        pool[at + PRICE] = price;
        pool[at + SHARES] = 0;
        pool[at + ORDERS_SIDE] = side & LOW;
        used++;
        return level;
    }

    private void link(int side, int level, int before, int after) {
        pool[at(level) + LINKS] = links(before, after);
        if (before == NONE) {
            best[side] = level;
        } else {
            setNext(before, level);
        }
        if (after == NONE) {
            worst[side] = level;
        } else {
            setPrevious(after, level);
        }
        depth[side]++;
    }

    private void setNext(int level, int next) {
        int at = at(level) + LINKS;
        pool[at] = (pool[at] & ~LOW) | (next & LOW);
    }

    private void setPrevious(int level, int previous) {
        int at = at(level) + LINKS;
        pool[at] = (pool[at] & LOW) | ((long) previous << 32);
    }

    private static int at(int level) {
        return SKIP + level * WORDS;
    }

    private static long links(int previous, int next) {
        return ((long) previous << 32) | (next & LOW);
    }
}
