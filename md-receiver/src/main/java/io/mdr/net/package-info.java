/**
 * Frame parsing in place: Ethernet (zero, one or two 802.1Q/802.1ad tags), IPv4 (any header length,
 * fragments refused) and UDP, over a flyweight that wraps the mbuf's memory. Every frame either yields its
 * UDP payload or one {@link io.mdr.net.DropReason}; nothing is read outside the frame and nothing allocated.
 */
package io.mdr.net;
