package io.mdr.port.uring;

import io.mdr.config.ConfigKeys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Why io_uring cannot be used on this host, in words that say what to change.
 */
final class IoUringSupport {
    static final Path DISABLED_SYSCTL = Path.of("/proc/sys/kernel/io_uring_disabled");

    private IoUringSupport() {
    }

    /** {@code kernel.io_uring_disabled} (0 enabled, 1 only for the io_uring group and CAP_SYS_ADMIN, 2 disabled), or -1 when absent. */
    static int disabledSysctl() {
        try {
            return Integer.parseInt(Files.readString(DISABLED_SYSCTL).strip());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /**
     * The message for a failed {@code io_uring_setup}.
     *
     * @param errno    its errno
     * @param disabled {@link #disabledSysctl()}
     */
    static String setupFailure(int errno, int disabled) {
        String kind = ConfigKeys.PORT_KIND + "=io_uring";
        String instead = "; use " + ConfigKeys.PORT_KIND + "=epoll instead";
        if (errno == Errno.ENOSYS) {
            return kind + ": io_uring_setup failed: " + Syscalls.describe(errno)
                    + ": this kernel was built without io_uring (CONFIG_IO_URING)" + instead;
        }
        if (errno == Errno.EPERM && disabled == 2) {
            return kind + ": io_uring_setup failed: " + Syscalls.describe(errno)
                    + ": io_uring is disabled on this host by the sysctl kernel.io_uring_disabled = 2"
                    + " (sysctl -w kernel.io_uring_disabled=0 enables it)" + instead;
        }
        if (errno == Errno.EPERM && disabled == 1) {
            return kind + ": io_uring_setup failed: " + Syscalls.describe(errno)
                    + ": the sysctl kernel.io_uring_disabled = 1 allows io_uring only to members of the group in"
                    + " kernel.io_uring_group and to CAP_SYS_ADMIN (add the user to that group, or set the sysctl to 0)"
                    + instead;
        }
        if (errno == Errno.EPERM) {
            return kind + ": io_uring_setup failed: " + Syscalls.describe(errno)
                    + ": refused by a security policy (seccomp, as container runtimes install by default, or an LSM)"
                    + instead;
        }
        if (errno == Errno.ENOMEM) {
            return kind + ": io_uring_setup failed: " + Syscalls.describe(errno) + ": the rings could not be allocated"
                    + " (lower " + ConfigKeys.PORT_URING_ENTRIES + " or " + ConfigKeys.PORT_URING_COMPLETION_ENTRIES
                    + ", or raise the memlock limit: ulimit -l)";
        }
        if (errno == Errno.EINVAL) {
            return kind + ": io_uring_setup refused every set of flags tried: " + Syscalls.describe(errno)
                    + " (a kernel older than 5.5?)" + instead;
        }
        return kind + ": io_uring_setup failed: " + Syscalls.describe(errno);
    }
}
