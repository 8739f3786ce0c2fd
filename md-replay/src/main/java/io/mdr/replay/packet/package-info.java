/**
 * Frame rewriting on the send side of a replay: {@link io.mdr.replay.packet.FrameRewriter} points a captured
 * frame at another destination (MAC, multicast group, port) so a capture replays into a lab network. The
 * builders that make frames from scratch ({@link io.mdr.net.UdpFrameBuilder},
 * {@link io.mdr.mold.MoldUdp64PacketBuilder}) live beside the parsers they mirror, in md-receiver.
 */
package io.mdr.replay.packet;
