package io.mdr.memory;

import io.mdr.metrics.ThreadFaults;
import io.mdr.port.PollingThread;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A thread that goes deep into its stack faults once per new page; after {@link ThreadStack#populate(long)} it does
 * not fault at all. Each thread's faults are read from {@code /proc/self/task/TID/stat} by this thread while it
 * waits on a plain volatile flag, so that nothing but the descent is counted.
 */
class ThreadStackTest {
    private static final long STACK_BYTES = 1024 * 1024;
    private static final long POPULATED_BYTES = 512 * 1024;
    /**
     * Deep enough to reach well past the pages the thread's start touched, well inside the populated range, whether
     * the descent runs compiled (about 48 bytes a frame: 96 KB) or interpreted (about 210 bytes: 420 KB).
     */
    private static final int DEPTH = 2_000;

    @Test
    void aPopulatedStackDoesNotFaultWhereAFreshOneDoes() throws Exception {
        // The descent's code compiled and its calls resolved first, on this thread: the JVM's first run of a path
        // touches pages of its own (libjvm's code) that no stack population is about.
        long warm = 0;
        for (int i = 0; i < 20_000; i++) {
            warm += Descent.descend(40, i, 2, 3, 4, 5, 6, 7);
        }
        Descent fresh = Descent.run(false);
        Descent populated = Descent.run(true);
        System.out.println("ThreadStackTest: a fresh stack faulted " + fresh.faults + " times, a populated one "
                + populated.faults);

        assertTrue(fresh.faults >= 16, "a descent into a fresh stack should fault on its new pages, faulted "
                + fresh.faults + " times");
        assertEquals(POPULATED_BYTES, populated.outcome.bytes(), populated.outcome.text());
        assertEquals(STACK_BYTES, populated.outcome.stackSize(), populated.outcome.text());
        // At most the odd fault of the JVM's own (a first call resolved in libjvm), never the stack's pages.
        assertTrue(populated.faults <= 2, "the same descent after populate faulted " + populated.faults
                + " times (" + fresh.faults + " without): " + populated.outcome.text() + " (" + warm + ")");
        assertEquals(fresh.sum, populated.sum, "both descents did the same work");
    }

    @Test
    void refusesNothingToPopulate() {
        try {
            ThreadStack.populate(0);
        } catch (IllegalArgumentException expected) {
            assertTrue(expected.getMessage().contains("positive"), expected.getMessage());
            return;
        }
        throw new AssertionError("populate(0) was accepted");
    }

    /** One thread's descent, with its faults counted from outside. */
    private static final class Descent implements Runnable {
        private final boolean populate;
        private volatile int phase;
        private volatile int tid;
        private ThreadStack.Outcome outcome;
        private long sum;
        private long faults;

        private Descent(boolean populate) {
            this.populate = populate;
        }

        static Descent run(boolean populate) throws InterruptedException {
            Descent descent = new Descent(populate);
            Thread thread = new Thread(null, descent, "stack-descent", STACK_BYTES);
            thread.start();
            descent.await(1);
            long before = ThreadFaults.read(descent.tid)[0];
            descent.phase = 2;
            descent.await(3);
            descent.faults = ThreadFaults.read(descent.tid)[0] - before;
            descent.phase = 4;
            thread.join(TimeUnit.SECONDS.toMillis(10));
            return descent;
        }

        @Override
        public void run() {
            tid = PollingThread.osThreadId();
            if (populate) {
                outcome = ThreadStack.populate(POPULATED_BYTES);
            }
            phase = 1;
            while (phase != 2) {
                Thread.onSpinWait();
            }
            sum = descend(DEPTH, 1, 2, 3, 4, 5, 6, 7);
            phase = 3;
            while (phase != 4) {
                Thread.onSpinWait();
            }
        }

        private void await(int wanted) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (phase < wanted) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the descent thread did not reach phase " + wanted);
                }
                Thread.sleep(1);
            }
        }

        /** Plenty of live values per frame, so that each frame takes room whether interpreted or compiled. */
        private static long descend(int depth, long a, long b, long c, long d, long e, long f, long g) {
            if (depth == 0) {
                return a + b + c + d + e + f + g;
            }
            long below = descend(depth - 1, b, c, d, e, f, g, a + depth);
            return below ^ (a * 31 + b * 17 + c * 13 + d * 11 + e * 7 + f * 5 + g * 3);
        }
    }
}
