package io.mdr.book;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The counts of {@link BookCounter}, written by the one thread that applies messages (a release store, a plain
 * store on x86) and readable from any other thread (stats lines, counters files) at any time.
 */
public final class BookCounters {
    private static final VarHandle VALUES = MethodHandles.arrayElementVarHandle(long[].class);

    private final long[] values = new long[BookCounter.all().length];

    /** Adds one; only the applying thread calls it. */
    void increment(BookCounter counter) {
        int i = counter.ordinal();
        VALUES.setRelease(values, i, values[i] + 1);
    }

    /** The count now, from any thread. */
    public long get(BookCounter counter) {
        return (long) VALUES.getAcquire(values, counter.ordinal());
    }

    void clear() {
        for (int i = 0; i < values.length; i++) {
            VALUES.setRelease(values, i, 0L);
        }
    }

    /** The non-zero counts as {@code "label n, label n"}, or "none" (allocates: for stats lines and summaries). */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (BookCounter counter : BookCounter.all()) {
            long n = get(counter);
            if (n > 0) {
                sb.append(sb.isEmpty() ? "" : ", ").append(counter.label()).append(' ').append(n);
            }
        }
        return sb.isEmpty() ? "none" : sb.toString();
    }
}
