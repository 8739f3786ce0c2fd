/**
 * Frames on the send side of a replay or a synthetic feed: what goes into an mbuf or a pcap record.
 *
 * <p>{@link io.mdr.replay.packet.MoldUdp64PacketBuilder} packs ITCH messages into MoldUDP64 packets within a
 * UDP payload limit derived from the MTU; {@link io.mdr.replay.packet.UdpFrameBuilder} wraps a payload in
 * Ethernet (optionally 802.1Q), IPv4 and UDP headers; {@link io.mdr.replay.packet.FrameRewriter} points a
 * captured frame at another destination (MAC, multicast group, port) so a capture replays into a lab network.
 * Each writes in place into Agrona buffers (on-heap, direct or wrapped around mbuf data) and allocates nothing
 * per packet; {@link io.mdr.replay.packet.PacketHeaders} holds the header offsets and the checksum they share.
 */
package io.mdr.replay.packet;
