package io.mdr.memory;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code mlockall(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT)}: every page of the process that is in memory now, and
 * every page it touches from now on, stays in memory. Nothing is populated by the call itself ({@code MCL_ONFAULT}):
 * the reserved but untouched address space of the JVM and of the journal's mappings costs nothing.
 *
 * <p>Why: a page that the kernel reclaims is a page fault on its next touch, and a fault on the polling thread is
 * microseconds in the tail. A heap pre-touched at start-up and a journal populated ahead are not enough on hosts that
 * reclaim in the background: the VMs these figures come from run DAMON with a {@code pageout} scheme, which had
 * paged out 6.6 GB of cold memory within an hour and a half of boot (its stats), and the code of the JVM and of
 * DPDK's libraries are file pages it may take. A locked page is unevictable. This is the first step of every
 * real-time Linux set-up, with the stack's population ({@link ThreadStack}) the second.
 *
 * <p>It needs {@code CAP_IPC_LOCK} (root has it) or an unlimited {@code RLIMIT_MEMLOCK}: with a finite limit the
 * kernel refuses a process whose address space is larger than the limit, which a JVM's always is.
 */
public final class MemoryLock {
    static final int MCL_CURRENT = 1;
    static final int MCL_FUTURE = 2;
    static final int MCL_ONFAULT = 4;
    private static final int RLIMIT_MEMLOCK = 8;
    private static final long RLIM_INFINITY = -1L;

    private MemoryLock() {
    }

    /**
     * What {@link #lock()} did.
     *
     * @param locked whether the process's memory is now locked
     * @param text   one line for the start-up report: what was locked, or why not and what would allow it
     */
    public record Outcome(boolean locked, String text) {
    }

    /** Locks the process's memory, current and future, on fault. Never throws for a refusal: the outcome says it. */
    public static Outcome lock() {
        int errno;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.callState(arena);
            int rc = (int) Libc.MLOCKALL.invokeExact(state, MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT);
            if (rc == 0) {
                return new Outcome(true, "memory locked (mlockall current and future, on fault): "
                        + lockedBytes() / 1024 / 1024 + " MB in RAM locked now, and every page touched from here on");
            }
            errno = Libc.errno(state);
        } catch (Throwable t) {
            throw new IllegalStateException("mlockall failed", t);
        }
        return new Outcome(false, "memory not locked: mlockall gave " + Libc.errnoName(errno) + "; RLIMIT_MEMLOCK is "
                + limitText() + (effectiveUid() == 0 ? "" : " and the process is not root")
                + ": run as root or with CAP_IPC_LOCK, or raise the limit (ulimit -l unlimited; LimitMEMLOCK=infinity"
                + " in a systemd unit)");
    }

    /** {@code munlockall()}: undoes {@link #lock()} (the process's pages become reclaimable again). */
    public static void unlock() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.callState(arena);
            int rc = (int) Libc.MUNLOCKALL.invokeExact(state);
            if (rc != 0) {
                throw new IllegalStateException("munlockall failed: " + Libc.errnoName(Libc.errno(state)));
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("munlockall failed", t);
        }
    }

    /**
     * Bytes of this process's memory that are in RAM and locked now ({@code Locked} of
     * {@code /proc/self/smaps_rollup}), or -1 if unreadable.
     */
    public static long lockedBytes() {
        return kilobytes(Path.of("/proc/self/smaps_rollup"), "Locked:");
    }

    /**
     * Bytes of address space in locked mappings ({@code VmLck} of {@code /proc/self/status}), touched or not, or -1:
     * with locking on fault, far more than {@link #lockedBytes()}.
     */
    public static long lockedAddressSpace() {
        return kilobytes(Path.of("/proc/self/status"), "VmLck:");
    }

    /** The figure after {@code field} on its line of {@code file}, "NNN kB", in bytes; -1 if absent or unreadable. */
    private static long kilobytes(Path file, String field) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(field)) {
                    String[] fields = line.substring(field.length()).trim().split("\\s+");
                    return Long.parseLong(fields[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** The soft {@code RLIMIT_MEMLOCK} as text: {@code unlimited} or a size. */
    static String limitText() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libc.callState(arena);
            MemorySegment limit = arena.allocate(2 * Long.BYTES, Long.BYTES);
            int rc = (int) Libc.GETRLIMIT.invokeExact(state, RLIMIT_MEMLOCK, limit);
            if (rc != 0) {
                return "unknown (" + Libc.errnoName(Libc.errno(state)) + ")";
            }
            long soft = limit.get(ValueLayout.JAVA_LONG, 0);
            return soft == RLIM_INFINITY ? "unlimited" : soft / 1024 + " KB";
        } catch (Throwable t) {
            throw new IllegalStateException("getrlimit failed", t);
        }
    }

    private static int effectiveUid() {
        try (Arena arena = Arena.ofConfined()) {
            return (int) Libc.GETEUID.invokeExact(Libc.callState(arena));
        } catch (Throwable t) {
            throw new IllegalStateException("geteuid failed", t);
        }
    }
}
