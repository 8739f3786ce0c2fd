package io.mdr.config;

import java.util.Objects;

import static io.mdr.config.ConfigKeys.*;

/**
 * A kernel port ({@code port.kind} = socket, epoll or io_uring): the sockets it opens, one per line, and how it reads
 * them.
 *
 * @param kind                   {@link ConfigKeys#PORT_KIND}, one of the kernel kinds.
 * @param networkInterface       {@link ConfigKeys#PORT_INTERFACE}: the interface multicast groups are joined on, or
 *                               null when every line is a unicast address of this host.
 * @param receiveBufferBytes     {@link ConfigKeys#PORT_RECEIVE_BUFFER_BYTES}: SO_RCVBUF asked of each socket.
 * @param maxDatagramBytes       {@link ConfigKeys#PORT_MAX_DATAGRAM_BYTES}: the largest UDP payload received whole.
 * @param burstSize              {@link ConfigKeys#PORT_BURST_SIZE}: datagrams handed on per poll at most.
 * @param uringEntries           {@link ConfigKeys#PORT_URING_ENTRIES}: submission queue entries.
 * @param uringCompletionEntries {@link ConfigKeys#PORT_URING_COMPLETION_ENTRIES}: completion queue entries.
 * @param uringBuffers           {@link ConfigKeys#PORT_URING_BUFFERS}: receive buffers, each maxDatagramBytes plus headers.
 * @param uringReceive           {@link ConfigKeys#PORT_URING_RECEIVE}: multishot into provided buffers, or batched recvmsg.
 */
public record KernelPortConfig(
    PortKind kind,
    String networkInterface,
    int receiveBufferBytes,
    int maxDatagramBytes,
    int burstSize,
    int uringEntries,
    int uringCompletionEntries,
    int uringBuffers,
    UringReceive uringReceive)
{
    /**
     * @throws ConfigException naming every component that is not accepted.
     */
    public KernelPortConfig
    {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(uringReceive, "uringReceive");
        final Problems problems = new Problems();
        if (!kind.kernel())
        {
            problems.reject(PORT_KIND, kind.configName(), "a kernel kind: socket, epoll or io_uring");
        }
        if (networkInterface != null)
        {
            Rules.checkInterfaceName(PORT_INTERFACE, networkInterface, problems);
        }
        Rules.RECEIVE_BUFFER_BYTES.check(receiveBufferBytes, problems);
        Rules.MAX_DATAGRAM_BYTES.check(maxDatagramBytes, problems);
        Rules.BURST_SIZE.check(burstSize, problems);
        final boolean ringsAccepted =
            Rules.URING_ENTRIES.check(uringEntries, problems) &
            Rules.URING_COMPLETION_ENTRIES.check(uringCompletionEntries, problems);
        Rules.URING_BUFFERS.check(uringBuffers, problems);
        if (ringsAccepted)
        {
            checkRingRelation(uringEntries, uringCompletionEntries, problems);
        }
        problems.throwIfAny("KernelPortConfig");
    }

    static void checkRingRelation(final int uringEntries, final int uringCompletionEntries, final Problems problems)
    {
        if (uringCompletionEntries < uringEntries)
        {
            problems.reject(PORT_URING_COMPLETION_ENTRIES, Integer.toString(uringCompletionEntries),
                "at least " + PORT_URING_ENTRIES + " = " + uringEntries +
                " (io_uring refuses a completion queue smaller than the submission queue)");
        }
    }

    /** @return whether multicast groups have an interface to be joined on. */
    public boolean hasInterface()
    {
        return networkInterface != null;
    }
}
