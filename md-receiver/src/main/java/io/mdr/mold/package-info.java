/**
 * MoldUDP64, read in place: the downstream packet header (session, sequence number, message count) and its
 * message blocks. A packet is validated whole before any of its messages is accepted, so a count or block
 * length that lies costs one counted drop and never a half-read packet. {@link io.mdr.mold.MoldUdp64PacketBuilder}
 * packs messages the other way, for generators and tests; {@link io.mdr.mold.MoldUdp64Request} is the 20-byte
 * request a receiver sends to the retransmission server.
 */
package io.mdr.mold;
