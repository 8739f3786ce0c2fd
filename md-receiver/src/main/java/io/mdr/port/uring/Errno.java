package io.mdr.port.uring;

import io.mdr.uring.ffi.IoUring;

/**
 * The errno values the io_uring port tells apart, from the generated bindings, and their names for messages.
 */
final class Errno {
    static final int EPERM = IoUring.EPERM();
    static final int ENOENT = IoUring.ENOENT();
    static final int EINTR = IoUring.EINTR();
    static final int EAGAIN = IoUring.EAGAIN();
    static final int ENOMEM = IoUring.ENOMEM();
    static final int EBUSY = IoUring.EBUSY();
    static final int ENODEV = IoUring.ENODEV();
    static final int EINVAL = IoUring.EINVAL();
    static final int ENOSYS = IoUring.ENOSYS();
    static final int EADDRINUSE = IoUring.EADDRINUSE();
    static final int EADDRNOTAVAIL = IoUring.EADDRNOTAVAIL();
    static final int ENOBUFS = IoUring.ENOBUFS();
    static final int ECANCELED = IoUring.ECANCELED();

    private Errno() {
    }

    static String name(int errno) {
        if (errno == EPERM) {
            return "EPERM";
        } else if (errno == ENOENT) {
            return "ENOENT";
        } else if (errno == EINTR) {
            return "EINTR";
        } else if (errno == EAGAIN) {
            return "EAGAIN";
        } else if (errno == ENOMEM) {
            return "ENOMEM";
        } else if (errno == EBUSY) {
            return "EBUSY";
        } else if (errno == ENODEV) {
            return "ENODEV";
        } else if (errno == EINVAL) {
            return "EINVAL";
        } else if (errno == ENOSYS) {
            return "ENOSYS";
        } else if (errno == EADDRINUSE) {
            return "EADDRINUSE";
        } else if (errno == EADDRNOTAVAIL) {
            return "EADDRNOTAVAIL";
        } else if (errno == ENOBUFS) {
            return "ENOBUFS";
        } else if (errno == ECANCELED) {
            return "ECANCELED";
        }
        return null;
    }
}
