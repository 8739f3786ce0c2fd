/**
 * Kernel ports: the receiver's lines received through the kernel's UDP sockets, for hosts that cannot give the
 * receiver a NIC. {@link io.mdr.port.kernel.KernelLine} is one line (a group or unicast address and port),
 * {@link io.mdr.port.kernel.UdpChannels} opens and joins its {@code DatagramChannel};
 * {@link io.mdr.port.kernel.SocketPacketSource} receives with blocking channels and
 * {@link io.mdr.port.kernel.EpollPacketSource} with non-blocking channels on one NIO selector.
 * {@link io.mdr.port.kernel.UdpSocketDrops} reads what the kernel dropped on the ports' sockets.
 */
package io.mdr.port.kernel;
