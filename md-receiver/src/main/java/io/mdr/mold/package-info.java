/**
 * MoldUDP64, read in place: the downstream packet header (session, sequence number, message count) and its
 * message blocks. A packet is validated whole before any of its messages is accepted, so a count or block
 * length that lies costs one counted drop and never a half-read packet.
 */
package io.mdr.mold;
