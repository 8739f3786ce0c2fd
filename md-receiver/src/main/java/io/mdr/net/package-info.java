/**
 * Frame parsing in place: Ethernet (zero, one or two 802.1Q/802.1ad tags), IPv4 (any header length,
 * fragments refused) and UDP, over a flyweight that wraps the mbuf's memory. Every frame either yields its
 * UDP payload or one {@link io.mdr.net.DropReason}; nothing is read outside the frame and nothing allocated.
 *
 * <p>The other direction, for generators, replay, warm-up and tests: {@link io.mdr.net.UdpFrameBuilder} wraps a
 * payload in Ethernet (optionally 802.1Q), IPv4 and UDP headers; {@link io.mdr.net.PacketHeaders} holds the
 * header offsets and the checksum.
 */
package io.mdr.net;
