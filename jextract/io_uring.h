/*
 * The Linux kernel interface that md-receiver's io_uring port drives from Java: the io_uring structures and
 * constants (linux/io_uring.h), and the socket, address and mapping structures it fills for the kernel.
 * jextract runs on this header with the include filters in io_uring-includes.txt (see generate.sh).
 * The system calls themselves (io_uring_setup 425, io_uring_enter 426, io_uring_register 427 on x86-64) have no
 * libc wrapper in glibc 2.36 and liburing's helpers are static inline, so the port calls them through syscall(2).
 */
#include <linux/io_uring.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <netinet/in.h>
#include <errno.h>
