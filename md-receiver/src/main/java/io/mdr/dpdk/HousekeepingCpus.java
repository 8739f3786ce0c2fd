package io.mdr.dpdk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.stream.Stream;

/**
 * Keeps the JVM's own threads (JIT compilers, GC, the stats and pretoucher threads, EAL's control threads) off
 * the polling core. Without {@code isolcpus} the scheduler puts whatever is runnable on any allowed CPU, and a C2
 * compilation landing on the polling core preempts the polling thread for milliseconds. This sets the affinity of
 * every thread of the process, through {@code sched_setaffinity(2)} on each {@code /proc/self/task} entry, to the
 * housekeeping CPUs; threads started afterwards inherit it from their creators. The polling thread, started after,
 * pins itself to its core.
 */
public final class HousekeepingCpus {
    /** {@code sizeof(cpu_set_t)}: 1024 CPUs. */
    private static final long CPU_SET_BYTES = 128;
    private static final MethodHandle SCHED_SETAFFINITY = Linker.nativeLinker().downcallHandle(
            Linker.nativeLinker().defaultLookup().find("sched_setaffinity").orElseThrow(),
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS));

    private HousekeepingCpus() {
    }

    /** The online CPUs except {@code pollingCpu}; empty on a one-CPU host. */
    public static BitSet except(int pollingCpu) {
        BitSet cpus = all();
        cpus.clear(pollingCpu);
        return cpus;
    }

    /**
     * The online CPUs ({@code /sys/devices/system/cpu/online}): what the threads get back when the polling thread
     * has stopped. Not {@code availableProcessors()}, which follows the calling thread's own affinity (EAL pins
     * the main thread to its main lcore). A cpuset cgroup still has the last word: the kernel intersects with it.
     */
    public static BitSet all() {
        try {
            return parseList(Files.readString(Path.of("/sys/devices/system/cpu/online")).trim());
        } catch (IOException | RuntimeException e) {
            BitSet cpus = new BitSet();
            cpus.set(0, Runtime.getRuntime().availableProcessors());
            return cpus;
        }
    }

    /** A kernel CPU list such as {@code 0-3,8,10-11}. */
    static BitSet parseList(String list) {
        BitSet cpus = new BitSet();
        for (String part : list.split(",")) {
            int dash = part.indexOf('-');
            if (dash < 0) {
                cpus.set(Integer.parseInt(part.trim()));
            } else {
                cpus.set(Integer.parseInt(part.substring(0, dash).trim()), Integer.parseInt(part.substring(dash + 1).trim()) + 1);
            }
        }
        return cpus;
    }

    /**
     * Sets every current thread of this process to {@code cpus}.
     *
     * @return threads moved (threads that exited meanwhile are skipped); 0 when {@code cpus} is empty
     */
    public static int confineAllThreads(BitSet cpus) {
        if (cpus.isEmpty()) {
            return 0;
        }
        if (cpus.length() > CPU_SET_BYTES * 8) {
            throw new IllegalArgumentException("CPU " + (cpus.length() - 1) + " is beyond cpu_set_t");
        }
        int moved = 0;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment set = arena.allocate(CPU_SET_BYTES);
            long[] words = cpus.toLongArray();
            for (int i = 0; i < words.length; i++) {
                set.setAtIndex(ValueLayout.JAVA_LONG, i, words[i]);
            }
            for (int tid : threadIds()) {
                if ((int) SCHED_SETAFFINITY.invokeExact(tid, CPU_SET_BYTES, set) == 0) {
                    moved++;
                }
            }
        } catch (Throwable t) {
            if (t instanceof RuntimeException e) {
                throw e;
            }
            throw new IllegalStateException("sched_setaffinity failed", t);
        }
        return moved;
    }

    /** The kernel ids of this process's threads. */
    static List<Integer> threadIds() {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            return tasks.map(p -> Integer.parseInt(p.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list /proc/self/task", e);
        }
    }

    /** {@code Cpus_allowed_list} of a thread, from {@code /proc/self/task/TID/status} (e.g. "0" or "0-1"). */
    public static String allowedList(int tid) {
        try {
            return Files.readAllLines(Path.of("/proc/self/task/" + tid + "/status")).stream()
                    .filter(l -> l.startsWith("Cpus_allowed_list:"))
                    .map(l -> l.substring("Cpus_allowed_list:".length()).trim())
                    .findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }
}
