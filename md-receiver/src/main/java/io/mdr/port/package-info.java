/**
 * Where packets come from. A {@link io.mdr.port.PacketSource} is polled by the receiver's polling thread and hands
 * every packet to a {@link io.mdr.port.PacketSink} (the receiver's per-packet path): a whole Ethernet frame from a
 * DPDK port ({@code io.mdr.port.dpdk}), or a UDP payload with its line from a kernel socket
 * ({@code io.mdr.port.kernel}: blocking sockets and epoll; {@code io.mdr.port.uring}: io_uring). Nothing after the
 * sink knows which kind of port a packet came through.
 */
package io.mdr.port;
