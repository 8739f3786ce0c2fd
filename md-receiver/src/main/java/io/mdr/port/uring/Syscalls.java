package io.mdr.port.uring;

import io.mdr.uring.ffi.IoUring;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The system calls and libc functions the io_uring port calls, bound once in {@code static final} handles, each
 * capturing {@code errno} into a segment the caller owns (one per thread: the polling thread has its own). glibc
 * 2.36 has no wrapper for the io_uring calls, so they go through {@code syscall(2)}; jextract's bindings cannot
 * capture errno, hence these hand-written downcalls over the generated layouts and constants.
 *
 * <p>Every method returns the call's result, or {@code -errno} when it failed.
 */
public final class Syscalls {
    static final long SYS_IO_URING_SETUP = IoUring.SYS_io_uring_setup();
    static final long SYS_IO_URING_ENTER = IoUring.SYS_io_uring_enter();
    static final long SYS_IO_URING_REGISTER = IoUring.SYS_io_uring_register();

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option ERRNO_OPTION = Linker.Option.captureCallState("errno");
    private static final ValueLayout.OfLong L = ValueLayout.JAVA_LONG;
    private static final ValueLayout.OfInt I = ValueLayout.JAVA_INT;
    private static final ValueLayout A = ValueLayout.ADDRESS;

    private static final MethodHandle SYSCALL = downcall("syscall", FunctionDescriptor.of(L, L, L, L, L, L, L, L),
            Linker.Option.firstVariadicArg(1), ERRNO_OPTION);
    private static final MethodHandle MMAP = downcall("mmap", FunctionDescriptor.of(L, L, L, I, I, I, L), ERRNO_OPTION);
    private static final MethodHandle MUNMAP = downcall("munmap", FunctionDescriptor.of(I, L, L), ERRNO_OPTION);
    private static final MethodHandle SOCKET = downcall("socket", FunctionDescriptor.of(I, I, I, I), ERRNO_OPTION);
    private static final MethodHandle SETSOCKOPT = downcall("setsockopt", FunctionDescriptor.of(I, I, I, I, A, I), ERRNO_OPTION);
    private static final MethodHandle GETSOCKOPT = downcall("getsockopt", FunctionDescriptor.of(I, I, I, I, A, A), ERRNO_OPTION);
    private static final MethodHandle BIND = downcall("bind", FunctionDescriptor.of(I, I, A, I), ERRNO_OPTION);
    private static final MethodHandle CLOSE = downcall("close", FunctionDescriptor.of(I, I), ERRNO_OPTION);
    private static final MethodHandle IF_NAMETOINDEX = downcall("if_nametoindex", FunctionDescriptor.of(I, A), ERRNO_OPTION);
    private static final MethodHandle STRERROR = LINKER.downcallHandle(LINKER.defaultLookup().find("strerror").orElseThrow(),
            FunctionDescriptor.of(A, I));

    private Syscalls() {
    }

    private static MethodHandle downcall(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(
                () -> new IllegalStateException("libc has no " + name)), descriptor, options);
    }

    /** A segment to capture errno into: one per calling thread, allocated once. */
    public static MemorySegment newErrnoSegment(Arena arena) {
        return arena.allocate(CAPTURE);
    }

    private static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    private static long rethrow(Throwable t) {
        if (t instanceof RuntimeException e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException(t);
    }

    /** {@code syscall(nr, a1, ... a6)}: the result, or {@code -errno}. */
    static long syscall(MemorySegment errno, long nr, long a1, long a2, long a3, long a4, long a5, long a6) {
        long result;
        try {
            result = (long) SYSCALL.invokeExact(errno, nr, a1, a2, a3, a4, a5, a6);
        } catch (Throwable t) {
            return rethrow(t);
        }
        return result == -1 ? -errno(errno) : result;
    }

    /** {@code io_uring_setup(entries, params)}: the ring's file descriptor, or {@code -errno}. */
    static int ioUringSetup(MemorySegment errno, int entries, MemorySegment params) {
        return (int) syscall(errno, SYS_IO_URING_SETUP, entries, params.address(), 0, 0, 0, 0);
    }

    /** {@code io_uring_enter(fd, toSubmit, minComplete, flags, NULL, 0)}: SQEs consumed, or {@code -errno}. */
    static int ioUringEnter(MemorySegment errno, int fd, int toSubmit, int minComplete, int flags) {
        return (int) syscall(errno, SYS_IO_URING_ENTER, fd, toSubmit, minComplete, flags, 0, 0);
    }

    /** {@code io_uring_register(fd, opcode, arg, nrArgs)}: 0 or a count, or {@code -errno}. */
    static int ioUringRegister(MemorySegment errno, int fd, int opcode, MemorySegment arg, int nrArgs) {
        return (int) syscall(errno, SYS_IO_URING_REGISTER, fd, opcode, arg.address(), nrArgs, 0, 0);
    }

    /** {@code mmap(NULL, length, prot, flags, fd, offset)}: the address, or {@code -errno}. */
    static long mmap(MemorySegment errno, long length, int prot, int flags, int fd, long offset) {
        long address;
        try {
            address = (long) MMAP.invokeExact(errno, 0L, length, prot, flags, fd, offset);
        } catch (Throwable t) {
            return rethrow(t);
        }
        return address == -1 ? -errno(errno) : address;
    }

    static int munmap(MemorySegment errno, long address, long length) {
        return intResult(errno, () -> (int) MUNMAP.invokeExact(errno, address, length));
    }

    static int socket(MemorySegment errno, int domain, int type, int protocol) {
        return intResult(errno, () -> (int) SOCKET.invokeExact(errno, domain, type, protocol));
    }

    static int setsockopt(MemorySegment errno, int fd, int level, int name, MemorySegment value) {
        return intResult(errno, () -> (int) SETSOCKOPT.invokeExact(errno, fd, level, name, value, (int) value.byteSize()));
    }

    /** {@code getsockopt} of an int option: its value, or {@code -errno}. */
    static int getsockoptInt(MemorySegment errno, int fd, int level, int name) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment value = arena.allocate(ValueLayout.JAVA_INT);
            MemorySegment length = arena.allocateFrom(ValueLayout.JAVA_INT, 4);
            int rc = intResult(errno, () -> (int) GETSOCKOPT.invokeExact(errno, fd, level, name, value, length));
            return rc < 0 ? rc : value.get(ValueLayout.JAVA_INT, 0);
        }
    }

    static int bind(MemorySegment errno, int fd, MemorySegment address) {
        return intResult(errno, () -> (int) BIND.invokeExact(errno, fd, address, (int) address.byteSize()));
    }

    static int close(MemorySegment errno, int fd) {
        return intResult(errno, () -> (int) CLOSE.invokeExact(errno, fd));
    }

    /** {@code if_nametoindex(name)}: the interface's index, or {@code -errno} (0 in C). */
    static int ifNameToIndex(MemorySegment errno, String name) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cName = arena.allocateFrom(name);
            int index = intResult(errno, () -> (int) IF_NAMETOINDEX.invokeExact(errno, cName));
            return index == 0 ? -Math.max(1, errno(errno)) : index;
        }
    }

    /** The C library's text for an errno value, with its symbolic name where known: {@code "Operation not permitted (EPERM)"}. */
    public static String describe(int errno) {
        String text;
        try {
            MemorySegment s = (MemorySegment) STRERROR.invokeExact(errno);
            text = s.reinterpret(256).getString(0);
        } catch (Throwable t) {
            text = "errno " + errno;
        }
        String name = Errno.name(errno);
        return name == null ? text : text + " (" + name + ")";
    }

    @FunctionalInterface
    private interface IntCall {
        int call() throws Throwable;
    }

    private static int intResult(MemorySegment errno, IntCall call) {
        int rc;
        try {
            rc = call.call();
        } catch (Throwable t) {
            return (int) rethrow(t);
        }
        return rc == -1 ? -errno(errno) : rc;
    }
}
