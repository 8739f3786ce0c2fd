package io.mdr.replay.gen;

import java.util.SplittableRandom;

/**
 * The orders resting on all books of a generated session, in one preallocated {@code long[]}: two words per order,
 * its reference and then price (high 32 bits), stock locate index (16 bits), side (1 bit) and shares (15 bits), so
 * that one order is one cache line at most. Slots stay dense: a removed order's slot takes the last order.
 *
 * <p>Orders added last sit at the end, and removing one of them moves another recent one into its place, so the
 * tail of the array holds the youngest orders. {@link #pick} favours that tail: on a real book most cancels and
 * fills hit orders placed moments before, and staying near the tail spares a cache miss per message.
 */
final class RestingOrders {
    /** Largest quantity a resting order may hold. */
    static final int MAX_SHARES = 0x7FFF;
    /** Youngest orders {@link #pick} favours. */
    static final int RECENT_WINDOW = 1 << 10;
    /** Of picks, the share (in quarters) taken from the youngest orders. */
    private static final int RECENT_QUARTERS = 3;

    private static final int SIDE_BUY = 1 << 15;
    private final long[] words;
    private final int capacity;
    private int size;

    RestingOrders(int capacity) {
        this.capacity = capacity;
        this.words = new long[2 * capacity];
    }

    int size() {
        return size;
    }

    boolean isFull() {
        return size == capacity;
    }

    /** Rests a new order; the caller checks {@link #isFull()} first. */
    void add(long reference, int shares, long price, int symbol, boolean buy) {
        int at = 2 * size++;
        words[at] = reference;
        words[at + 1] = pack(price, symbol, buy, shares);
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

    /** Gives the order in {@code slot} a new reference, size and price; symbol and side stay. */
    void replace(int slot, long reference, int shares, long price) {
        words[2 * slot] = reference;
        words[2 * slot + 1] = pack(price, symbol(slot), isBuy(slot), shares);
    }

    void remove(int slot) {
        int last = --size;
        if (slot != last) {
            words[2 * slot] = words[2 * last];
            words[2 * slot + 1] = words[2 * last + 1];
        }
    }

    private static long pack(long price, int symbol, boolean buy, int shares) {
        return price << 32 | (long) symbol << 16 | (buy ? SIDE_BUY : 0) | shares;
    }
}
