package io.mdr.net;

import org.agrona.DirectBuffer;

/**
 * Parses Ethernet / 802.1Q / IPv4 / UDP headers of one frame in place and keeps what the feed layer needs.
 *
 * <p>One instance is reused for every frame. {@link #parse} returns {@code null} when the frame is UDP over
 * IPv4 and the payload bounds are valid, or the {@link DropReason} otherwise. The frame's extent is checked against
 * the buffer once, and every read is preceded by a length check against the frame, so a truncated or lying frame
 * never reads beyond its own bytes; the reads themselves are therefore {@link FrameReads}' unchecked ones.
 */
public final class UdpFrame {
    static final int ETHERNET_HEADER = 14;
    static final int ETHER_TYPE_OFFSET = 12;
    static final int VLAN_TAG = 4;
    static final int ETHER_TYPE_IPV4 = 0x0800;
    static final int ETHER_TYPE_VLAN = 0x8100;
    static final int ETHER_TYPE_QINQ = 0x88A8;
    static final int MAX_VLAN_TAGS = 2;

    static final int IPV4_MIN_HEADER = 20;
    static final int IPV4_TOTAL_LENGTH = 2;
    static final int IPV4_FRAGMENT = 6;
    static final int IPV4_PROTOCOL = 9;
    static final int IPV4_SOURCE = 12;
    static final int IPV4_DESTINATION = 16;
    static final int IPV4_MORE_FRAGMENTS = 0x2000;
    static final int IPV4_FRAGMENT_OFFSET_MASK = 0x1FFF;
    static final int PROTOCOL_UDP = 17;

    static final int UDP_HEADER = 8;
    static final int UDP_SOURCE_PORT = 0;
    static final int UDP_DESTINATION_PORT = 2;
    static final int UDP_LENGTH = 4;
    /** Ethernet, a 20-byte IPv4 header and UDP's: the frame {@link #parseUsual} takes. */
    static final int USUAL_HEADERS = ETHERNET_HEADER + IPV4_MIN_HEADER + UDP_HEADER;
    /** The top three bytes of bytes 12-19 in the usual frame: EtherType IPv4, then version 4 with IHL 5. */
    static final long USUAL_TYPE_VERSION_IHL = (long) ETHER_TYPE_IPV4 << 8 | 0x45;

    private int vlanTags;
    private int sourceAddress;
    private int destinationAddress;
    private int sourcePort;
    private int destinationPort;
    private int payloadOffset;
    private int payloadLength;

    /**
     * Parses the frame at {@code [offset, offset + length)} of {@code buffer}.
     *
     * @return null when accepted (the accessors then describe the frame), or why it was dropped
     */
    public DropReason parse(DirectBuffer buffer, int offset, int length) {
        if (length < ETHERNET_HEADER || !FrameReads.inside(buffer, offset, length)) {
            return DropReason.ETHERNET_TRUNCATED;
        }
        // The buffer's memory, read once: every read below is one load (see FrameReads).
        Object base = buffer.byteArray();
        long address = buffer.addressOffset();
        if (length >= USUAL_HEADERS && parseUsual(buffer, base, address, offset, length)) {
            return null;
        }
        return parseAny(buffer, base, address, offset, length);
    }

    /**
     * The usual frame, in four 8-byte loads and a few compares: untagged IPv4 with a 20-byte header, not a fragment,
     * carrying UDP whose lengths fit the frame. Anything else, a drop included, is left to {@link #parseAny}, which
     * then decides it field by field: this path only accepts, so the two always agree.
     *
     * @return true when the frame was such a frame, and the accessors describe it
     */
    private boolean parseUsual(DirectBuffer buffer, Object base, long address, int offset, int length) {
        // Bytes 12-19: EtherType, version and IHL, DSCP, total length, identification.
        long typeToId = FrameReads.i64(buffer, base, address, offset + ETHER_TYPE_OFFSET);
        // Bytes 20-27: flags and fragment offset, TTL, protocol, checksum, the source address's first half.
        long fragmentToSource = FrameReads.i64(buffer, base, address, offset + ETHERNET_HEADER + IPV4_FRAGMENT);
        if (typeToId >>> 40 != USUAL_TYPE_VERSION_IHL
                || (fragmentToSource >>> 48 & (IPV4_MORE_FRAGMENTS | IPV4_FRAGMENT_OFFSET_MASK)) != 0
                || (fragmentToSource >>> 32 & 0xFF) != PROTOCOL_UDP) {
            return false;
        }
        int ip = offset + ETHERNET_HEADER;
        int totalLength = (int) (typeToId >>> 16) & 0xFFFF;
        int ipPayload = totalLength - IPV4_MIN_HEADER;
        if (totalLength > offset + length - ip || ipPayload < UDP_HEADER) {
            return false;
        }
        int udp = ip + IPV4_MIN_HEADER;
        // Bytes 26-33: the source and destination addresses; 34-41: the UDP header (inside the frame: length >= 42).
        long addresses = FrameReads.i64(buffer, base, address, ip + IPV4_SOURCE);
        long udpHeader = FrameReads.i64(buffer, base, address, udp);
        int udpLength = (int) (udpHeader >>> 16) & 0xFFFF;
        if (udpLength < UDP_HEADER || udpLength > ipPayload) {
            return false;
        }
        vlanTags = 0;
        sourceAddress = (int) (addresses >>> 32);
        destinationAddress = (int) addresses;
        sourcePort = (int) (udpHeader >>> 48);
        destinationPort = (int) (udpHeader >>> 32) & 0xFFFF;
        payloadOffset = udp + UDP_HEADER;
        payloadLength = udpLength - UDP_HEADER;
        return true;
    }

    /** {@link #parse} field by field: 802.1Q and 802.1ad tags, IPv4 options, and the reason of every drop. */
    DropReason parseAny(DirectBuffer buffer, Object base, long address, int offset, int length) {
        int etherTypeAt = offset + ETHER_TYPE_OFFSET;
        int etherType = FrameReads.u16(buffer, base, address, etherTypeAt);
        int tags = 0;
        while (etherType == ETHER_TYPE_VLAN || etherType == ETHER_TYPE_QINQ) {
            if (++tags > MAX_VLAN_TAGS) {
                return DropReason.VLAN_TOO_DEEP;
            }
            etherTypeAt += VLAN_TAG;
            if (etherTypeAt + 2 > offset + length) {
                return DropReason.ETHERNET_TRUNCATED;
            }
            etherType = FrameReads.u16(buffer, base, address, etherTypeAt);
        }
        if (etherType != ETHER_TYPE_IPV4) {
            return DropReason.NOT_IPV4;
        }
        vlanTags = tags;

        int ip = etherTypeAt + 2;
        int end = offset + length;
        if (end - ip < IPV4_MIN_HEADER) {
            return DropReason.IP_BAD_HEADER;
        }
        int versionIhl = FrameReads.u8(buffer, base, address, ip);
        int headerLength = (versionIhl & 0x0F) * 4;
        if (versionIhl >> 4 != 4 || headerLength < IPV4_MIN_HEADER || headerLength > end - ip) {
            return DropReason.IP_BAD_HEADER;
        }
        int totalLength = FrameReads.u16(buffer, base, address, ip + IPV4_TOTAL_LENGTH);
        if (totalLength < headerLength || totalLength > end - ip) {
            return DropReason.IP_BAD_LENGTH;
        }
        int fragment = FrameReads.u16(buffer, base, address, ip + IPV4_FRAGMENT);
        if ((fragment & (IPV4_MORE_FRAGMENTS | IPV4_FRAGMENT_OFFSET_MASK)) != 0) {
            return DropReason.IP_FRAGMENT;
        }
        if (FrameReads.u8(buffer, base, address, ip + IPV4_PROTOCOL) != PROTOCOL_UDP) {
            return DropReason.NOT_UDP;
        }
        int udp = ip + headerLength;
        int ipPayload = totalLength - headerLength;
        if (ipPayload < UDP_HEADER) {
            return DropReason.UDP_BAD_LENGTH;
        }
        int udpLength = FrameReads.u16(buffer, base, address, udp + UDP_LENGTH);
        if (udpLength < UDP_HEADER || udpLength > ipPayload) {
            return DropReason.UDP_BAD_LENGTH;
        }
        sourceAddress = FrameReads.i32(buffer, base, address, ip + IPV4_SOURCE);
        destinationAddress = FrameReads.i32(buffer, base, address, ip + IPV4_DESTINATION);
        sourcePort = FrameReads.u16(buffer, base, address, udp + UDP_SOURCE_PORT);
        destinationPort = FrameReads.u16(buffer, base, address, udp + UDP_DESTINATION_PORT);
        payloadOffset = udp + UDP_HEADER;
        payloadLength = udpLength - UDP_HEADER;
        return null;
    }

    /** 802.1Q/802.1ad tags in front of the IPv4 header (0, 1 or 2). */
    public int vlanTags() {
        return vlanTags;
    }

    /** IPv4 source address, network order as an int (192.0.2.1 is 0xC0000201). */
    public int sourceAddress() {
        return sourceAddress;
    }

    /** IPv4 destination address (the multicast group), network order as an int. */
    public int destinationAddress() {
        return destinationAddress;
    }

    public int sourcePort() {
        return sourcePort;
    }

    public int destinationPort() {
        return destinationPort;
    }

    /** Offset of the UDP payload in the buffer that was parsed. */
    public int payloadOffset() {
        return payloadOffset;
    }

    /** UDP payload length from the UDP header (Ethernet padding excluded). */
    public int payloadLength() {
        return payloadLength;
    }

    /** {@code a.b.c.d} for an address as returned by {@link #destinationAddress()} (not for the hot path). */
    public static String formatAddress(int address) {
        return (address >>> 24) + "." + ((address >>> 16) & 0xFF) + "." + ((address >>> 8) & 0xFF) + "." + (address & 0xFF);
    }
}
