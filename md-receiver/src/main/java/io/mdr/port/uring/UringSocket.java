package io.mdr.port.uring;

import io.mdr.config.ConfigKeys;
import io.mdr.port.PortException;
import io.mdr.port.kernel.KernelLine;
import io.mdr.uring.ffi.IoUring;
import io.mdr.uring.ffi.in_addr;
import io.mdr.uring.ffi.ip_mreqn;
import io.mdr.uring.ffi.sockaddr_in;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * A line's UDP socket for io_uring, made with the system calls themselves (io_uring needs the file descriptor):
 * non-blocking, SO_REUSEADDR, SO_RCVBUF, bound to the line's group (or unicast address) and port, and for a multicast
 * line joined with {@code IP_ADD_MEMBERSHIP} by interface index, which needs no IPv4 address on the interface.
 */
final class UringSocket {
    private static final ValueLayout.OfInt NETWORK_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfShort NETWORK_SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private UringSocket() {
    }

    /**
     * @param interfaceIndex the interface for a multicast line ({@code if_nametoindex}), 0 when the line is unicast
     * @return the socket's file descriptor
     */
    static int open(KernelLine line, int interfaceIndex, int receiveBufferBytes, MemorySegment errno) {
        int fd = Syscalls.socket(errno, IoUring.AF_INET(), IoUring.SOCK_DGRAM() | IoUring.SOCK_NONBLOCK() | IoUring.SOCK_CLOEXEC(), 0);
        if (fd < 0) {
            throw new PortException(line + ": socket(AF_INET, SOCK_DGRAM) failed: " + Syscalls.describe(-fd));
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment one = arena.allocateFrom(ValueLayout.JAVA_INT, 1);
            check(line, "SO_REUSEADDR", Syscalls.setsockopt(errno, fd, IoUring.SOL_SOCKET(), IoUring.SO_REUSEADDR(), one));
            MemorySegment bytes = arena.allocateFrom(ValueLayout.JAVA_INT, receiveBufferBytes);
            check(line, "SO_RCVBUF", Syscalls.setsockopt(errno, fd, IoUring.SOL_SOCKET(), IoUring.SO_RCVBUF(), bytes));

            MemorySegment address = sockaddr_in.allocate(arena);
            address.fill((byte) 0);
            sockaddr_in.sin_family(address, (short) IoUring.AF_INET());
            address.set(NETWORK_SHORT, sockaddr_in.sin_port$offset(), (short) line.port());
            address.set(NETWORK_INT, sockaddr_in.sin_addr$offset() + in_addr.s_addr$offset(), line.group());
            int rc = Syscalls.bind(errno, fd, address);
            if (rc < 0) {
                throw new PortException(line + ": cannot bind " + line.address().getHostAddress() + ":" + line.port() + ": "
                        + Syscalls.describe(-rc) + (-rc == Errno.EADDRNOTAVAIL && !line.multicast()
                        ? " (a kernel port binds a unicast line's address: it must be an address of this host)" : ""));
            }
            if (line.multicast()) {
                MemorySegment membership = ip_mreqn.allocate(arena);
                membership.fill((byte) 0);
                membership.set(NETWORK_INT, ip_mreqn.imr_multiaddr$offset() + in_addr.s_addr$offset(), line.group());
                ip_mreqn.imr_ifindex(membership, interfaceIndex);
                rc = Syscalls.setsockopt(errno, fd, IoUring.IPPROTO_IP(), IoUring.IP_ADD_MEMBERSHIP(), membership);
                if (rc < 0) {
                    throw new PortException(line + ": cannot join " + line.address().getHostAddress() + " on interface index "
                            + interfaceIndex + " (" + ConfigKeys.PORT_INTERFACE + "): " + Syscalls.describe(-rc));
                }
            }
            return fd;
        } catch (RuntimeException e) {
            Syscalls.close(errno, fd);
            throw e;
        }
    }

    /** SO_RCVBUF as granted (twice what was asked, capped by net.core.rmem_max), or -errno. */
    static int receiveBuffer(int fd, MemorySegment errno) {
        return Syscalls.getsockoptInt(errno, fd, IoUring.SOL_SOCKET(), IoUring.SO_RCVBUF());
    }

    /** The interface's index for IP_ADD_MEMBERSHIP. */
    static int interfaceIndex(String name, MemorySegment errno) {
        int index = Syscalls.ifNameToIndex(errno, name);
        if (index < 0) {
            throw new PortException(ConfigKeys.PORT_INTERFACE + "=" + name + ": if_nametoindex failed: " + Syscalls.describe(-index));
        }
        return index;
    }

    private static void check(KernelLine line, String option, int rc) {
        if (rc < 0) {
            throw new PortException(line + ": setsockopt " + option + " failed: " + Syscalls.describe(-rc));
        }
    }
}
