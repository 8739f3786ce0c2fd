package io.mdr.dpdk;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import java.util.BitSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every thread of the process, including threads that were already running, is moved off the polling CPU, and
 * threads started afterwards inherit the housekeeping set; giving all CPUs back restores them.
 */
class HousekeepingCpusTest {
    @Test
    void everyThreadLeavesThePollingCpuAndComesBack() throws Exception {
        int cpus = HousekeepingCpus.all().cardinality();
        int polling = cpus - 1;
        BitSet housekeeping = HousekeepingCpus.except(polling);
        assertEquals(cpus - 1, housekeeping.cardinality());
        if (cpus == 1) {
            assertEquals(0, HousekeepingCpus.confineAllThreads(housekeeping), "nothing to confine to on one CPU");
            return;
        }
        AtomicInteger tid = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        Thread running = Thread.ofPlatform().start(() -> {
            tid.set(gettid());
            started.countDown();
            try {
                finish.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        started.await();
        String expected = cpus == 2 ? "0" : "0-" + (cpus - 2);
        try {
            int moved = HousekeepingCpus.confineAllThreads(housekeeping);
            assertTrue(moved >= 2, moved + " threads moved");
            assertEquals(expected, HousekeepingCpus.allowedList(tid.get()), "a thread that was already running");
            assertEquals(expected, HousekeepingCpus.allowedList(gettid()), "this thread");
            String[] childCpus = new String[1];
            Thread probe = Thread.ofPlatform().start(() -> childCpus[0] = HousekeepingCpus.allowedList(gettid()));
            probe.join();
            assertEquals(expected, childCpus[0], "a thread started afterwards inherits the set");
        } finally {
            HousekeepingCpus.confineAllThreads(HousekeepingCpus.all());
        }
        assertEquals("0-" + (cpus - 1), HousekeepingCpus.allowedList(tid.get()), "all CPUs given back");
        finish.countDown();
        running.join();
    }

    @Test
    void kernelCpuListsParse() {
        assertEquals("{0, 1, 2, 3, 8, 10, 11}", HousekeepingCpus.parseList("0-3,8,10-11").toString());
        assertEquals("{0}", HousekeepingCpus.parseList("0").toString());
    }

    /** The calling thread's kernel id: /proc/thread-self links to /proc/PID/task/TID. */
    private static int gettid() {
        try {
            return Integer.parseInt(Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
