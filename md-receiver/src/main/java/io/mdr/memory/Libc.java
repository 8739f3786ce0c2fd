package io.mdr.memory;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/** The C library calls of this package, each with its {@code errno}. Start-up only: never on the hot path. */
final class Libc {
    static final int EPERM = 1;
    static final int ENOMEM = 12;
    static final int EAGAIN = 11;
    static final int EINVAL = 22;
    static final int EFAULT = 14;
    static final int EIO = 5;
    static final int ENOSPC = 28;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option ERRNO_OPTION = Linker.Option.captureCallState("errno");

    static final MethodHandle MLOCKALL = handle("mlockall",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    static final MethodHandle MUNLOCKALL = handle("munlockall", FunctionDescriptor.of(ValueLayout.JAVA_INT));
    static final MethodHandle GETRLIMIT = handle("getrlimit",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
    static final MethodHandle GETEUID = handle("geteuid", FunctionDescriptor.of(ValueLayout.JAVA_INT));
    static final MethodHandle MADVISE = handle("madvise",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
                    ValueLayout.JAVA_INT));
    static final MethodHandle PTHREAD_SELF = handle("pthread_self", FunctionDescriptor.of(ValueLayout.JAVA_LONG));
    static final MethodHandle PTHREAD_GETATTR_NP = handle("pthread_getattr_np",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS));
    static final MethodHandle PTHREAD_ATTR_GETSTACK = handle("pthread_attr_getstack",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
    static final MethodHandle PTHREAD_ATTR_DESTROY = handle("pthread_attr_destroy",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS));

    /** {@code sizeof(pthread_attr_t)} is 56 on x86-64 and 64 on aarch64 glibc: room for either. */
    static final long PTHREAD_ATTR_BYTES = 64;

    private Libc() {
    }

    private static MethodHandle handle(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(
                () -> new IllegalStateException("the C library has no " + name)), descriptor, ERRNO_OPTION);
    }

    /** A call-state segment for the {@code errno} of the calls above, which all take it as their first argument. */
    static MemorySegment callState(Arena arena) {
        return arena.allocate(CALL_STATE);
    }

    static int errno(MemorySegment callState) {
        return (int) ERRNO.get(callState, 0L);
    }

    static String errnoName(int errno) {
        return switch (errno) {
            case EPERM -> "EPERM (Operation not permitted)";
            case ENOMEM -> "ENOMEM (Cannot allocate memory)";
            case EAGAIN -> "EAGAIN (Resource temporarily unavailable)";
            case EINVAL -> "EINVAL (Invalid argument)";
            case EFAULT -> "EFAULT (Bad address)";
            case EIO -> "EIO (Input/output error)";
            case ENOSPC -> "ENOSPC (No space left on device)";
            default -> "errno " + errno;
        };
    }
}
