package io.mdr.replay.gen;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The orders resting on all books of a generated session, and each book's price levels, in preallocated arrays.
 *
 * <p>Orders sit in a dense {@code long[]}, two words per order: its reference, then price (high 32 bits), stock
 * locate index (16 bits), side (1 bit) and shares (15 bits). A removed order's slot takes the last order, so that a
 * random resting order is one index away. Orders added last sit at the end, and removing one of them moves another
 * recent one into its place, so the tail of the array holds the youngest orders. {@link #pick} favours that tail: on
 * a real book most cancels and replaces hit orders placed moments before.
 *
 * <p>Each side of each book keeps its levels in price order, best first, at most {@link #MAX_LEVELS} of them, each
 * with its orders in time priority (a doubly-linked queue through the order slots): {@link #bestOrder} is the order
 * an incoming execution fills first.
 */
final class RestingOrders {
    /** Largest quantity a resting order may hold. */
    static final int MAX_SHARES = 0x7FFF;
    /** Price levels a side of a book holds at most; an order for a new price on a full side joins a level. */
    static final int MAX_LEVELS = 32;
    /** Youngest orders {@link #pick} favours. */
    static final int RECENT_WINDOW = 1 << 10;
    /** No order, or no level. */
    static final int NONE = -1;
    /** Of picks, the share (in quarters) taken from the youngest orders. */
    private static final int RECENT_QUARTERS = 3;

    private static final int SIDE_BUY = 1 << 15;
    private final long[] words;
    private final int[] previous;
    private final int[] next;
    private final int capacity;
    private int size;

    /** Per side of each book ({@code 2 * symbol + (buy ? 0 : 1)}): levels in use, then MAX_LEVELS entries each. */
    private final int[] depth;
    private final long[] levelPrice;
    private final int[] levelHead;
    private final int[] levelTail;

    RestingOrders(int capacity, int symbols) {
        this.capacity = capacity;
        this.words = new long[2 * capacity];
        this.previous = new int[capacity];
        this.next = new int[capacity];
        this.depth = new int[2 * symbols];
        this.levelPrice = new long[2 * symbols * MAX_LEVELS];
        this.levelHead = new int[2 * symbols * MAX_LEVELS];
        this.levelTail = new int[2 * symbols * MAX_LEVELS];
        Arrays.fill(levelHead, NONE);
        Arrays.fill(levelTail, NONE);
    }

    int size() {
        return size;
    }

    boolean isFull() {
        return size == capacity;
    }

    /**
     * Rests a new order at the back of its level's queue; the caller checks {@link #isFull()} first, and that the
     * price either has a level or {@link #canOpenLevel} says it may have one.
     */
    void add(long reference, int shares, long price, int symbol, boolean buy) {
        int slot = size++;
        words[2 * slot] = reference;
        words[2 * slot + 1] = pack(price, symbol, buy, shares);
        enqueue(slot, side(symbol, buy), price);
    }

    /** A random resting order's slot, most often one of the youngest; the caller checks that one rests. */
    int pick(SplittableRandom random) {
        if (size > RECENT_WINDOW && random.nextInt(4) < RECENT_QUARTERS) {
            return size - 1 - random.nextInt(RECENT_WINDOW);
        }
        return random.nextInt(size);
    }

    long reference(int slot) {
        return words[2 * slot];
    }

    int shares(int slot) {
        return (int) words[2 * slot + 1] & MAX_SHARES;
    }

    long price(int slot) {
        return words[2 * slot + 1] >>> 32;
    }

    int symbol(int slot) {
        return (int) (words[2 * slot + 1] >>> 16) & 0xFFFF;
    }

    boolean isBuy(int slot) {
        return ((int) words[2 * slot + 1] & SIDE_BUY) != 0;
    }

    /** Takes {@code shares} off the order, removing it at 0; returns whether it was removed. */
    boolean reduce(int slot, int shares) {
        int remaining = shares(slot) - shares;
        if (remaining == 0) {
            remove(slot);
            return true;
        }
        words[2 * slot + 1] = (words[2 * slot + 1] & ~(long) MAX_SHARES) | remaining;
        return false;
    }

    /**
     * Gives the order in {@code slot} a new reference, size and price; symbol and side stay. It goes to the back of
     * its new level's queue, as a replaced order loses its priority. The caller checks the price as for {@link #add}.
     */
    void replace(int slot, long reference, int shares, long price) {
        int symbol = symbol(slot);
        boolean buy = isBuy(slot);
        int side = side(symbol, buy);
        dequeue(slot, side);
        words[2 * slot] = reference;
        words[2 * slot + 1] = pack(price, symbol, buy, shares);
        enqueue(slot, side, price);
    }

    void remove(int slot) {
        dequeue(slot, side(symbol(slot), isBuy(slot)));
        int last = --size;
        if (slot != last) {
            move(last, slot);
        }
    }

    // ------------------------------------------------------------------------------------------------ books

    /** Best price of one side of a book, or 0 when the side is empty. */
    long bestPrice(int symbol, boolean buy) {
        int side = side(symbol, buy);
        return depth[side] == 0 ? 0 : levelPrice[side * MAX_LEVELS];
    }

    /** The order an execution against one side of a book fills first, or {@link #NONE}. */
    int bestOrder(int symbol, boolean buy) {
        int side = side(symbol, buy);
        return depth[side] == 0 ? NONE : levelHead[side * MAX_LEVELS];
    }

    /** Levels on one side of a book. */
    int depth(int symbol, boolean buy) {
        return depth[side(symbol, buy)];
    }

    /** Whether an order at {@code price} would join a level or may open one (the side has room). */
    boolean canOpenLevel(int symbol, boolean buy, long price) {
        int side = side(symbol, buy);
        return depth[side] < MAX_LEVELS || find(side, price) >= 0;
    }

    /** The price of the level of one side nearest to {@code price} (the side must have one), the better on a tie. */
    long nearestLevelPrice(int symbol, boolean buy, long price) {
        int side = side(symbol, buy);
        int base = side * MAX_LEVELS;
        long nearest = levelPrice[base];
        for (int i = 1; i < depth[side]; i++) {
            if (Math.abs(levelPrice[base + i] - price) < Math.abs(nearest - price)) {
                nearest = levelPrice[base + i];
            }
        }
        return nearest;
    }

    // ------------------------------------------------------------------------------------------------ internals

    private static int side(int symbol, boolean buy) {
        return 2 * symbol + (buy ? 0 : 1);
    }

    /** Index of the level at {@code price} on {@code side}, or -1. */
    private int find(int side, long price) {
        int base = side * MAX_LEVELS;
        for (int i = 0; i < depth[side]; i++) {
            if (levelPrice[base + i] == price) {
                return i;
            }
        }
        return -1;
    }

    private void enqueue(int slot, int side, long price) {
        int base = side * MAX_LEVELS;
        int level = find(side, price);
        if (level < 0) {
            level = openLevel(side, price);
        }
        int tail = levelTail[base + level];
        previous[slot] = tail;
        next[slot] = NONE;
        if (tail == NONE) {
            levelHead[base + level] = slot;
        } else {
            next[tail] = slot;
        }
        levelTail[base + level] = slot;
    }

    private void dequeue(int slot, int side) {
        int base = side * MAX_LEVELS;
        int level = find(side, price(slot));
        int before = previous[slot];
        int after = next[slot];
        if (before == NONE) {
            levelHead[base + level] = after;
        } else {
            next[before] = after;
        }
        if (after == NONE) {
            levelTail[base + level] = before;
        } else {
            previous[after] = before;
        }
        if (levelHead[base + level] == NONE) {
            closeLevel(side, level);
        }
    }

    /** Opens a level at its place in price order (bids descending, asks ascending); returns its index. */
    private int openLevel(int side, long price) {
        int base = side * MAX_LEVELS;
        boolean buy = (side & 1) == 0;
        int at = 0;
        while (at < depth[side] && (buy ? levelPrice[base + at] > price : levelPrice[base + at] < price)) {
            at++;
        }
        int count = depth[side] - at;
        System.arraycopy(levelPrice, base + at, levelPrice, base + at + 1, count);
        System.arraycopy(levelHead, base + at, levelHead, base + at + 1, count);
        System.arraycopy(levelTail, base + at, levelTail, base + at + 1, count);
        levelPrice[base + at] = price;
        levelHead[base + at] = NONE;
        levelTail[base + at] = NONE;
        depth[side]++;
        return at;
    }

    private void closeLevel(int side, int level) {
        int base = side * MAX_LEVELS;
        int count = depth[side] - level - 1;
        System.arraycopy(levelPrice, base + level + 1, levelPrice, base + level, count);
        System.arraycopy(levelHead, base + level + 1, levelHead, base + level, count);
        System.arraycopy(levelTail, base + level + 1, levelTail, base + level, count);
        depth[side]--;
        int last = base + depth[side];
        levelHead[last] = NONE;
        levelTail[last] = NONE;
    }

    /** Moves the order in slot {@code from} to the free slot {@code to}, keeping its place in its level's queue. */
    private void move(int from, int to) {
        words[2 * to] = words[2 * from];
        words[2 * to + 1] = words[2 * from + 1];
        int before = previous[from];
        int after = next[from];
        previous[to] = before;
        next[to] = after;
        int side = side(symbol(to), isBuy(to));
        int base = side * MAX_LEVELS;
        int level = find(side, price(to));
        if (before == NONE) {
            levelHead[base + level] = to;
        } else {
            next[before] = to;
        }
        if (after == NONE) {
            levelTail[base + level] = to;
        } else {
            previous[after] = to;
        }
    }

    private static long pack(long price, int symbol, boolean buy, int shares) {
        return price << 32 | (long) symbol << 16 | (buy ? SIDE_BUY : 0) | shares;
    }
}
