package io.mdr.net;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

import static io.mdr.net.PacketHeaders.*;

/**
 * Wraps a UDP payload in Ethernet (optionally one 802.1Q tag), IPv4 and UDP headers, writing the frame at
 * offset 0 of a buffer.
 *
 * <p>Configure once, then build frames: {@link #build} copies a payload in after the headers;
 * {@link #buildHeaders} writes only the headers, for a payload already placed at {@link #headerLength()}
 * (e.g. by a {@link MoldUdp64PacketBuilder} wrapped there), which saves the copy. Neither allocates.
 *
 * <p>Defaults: no VLAN tag, TTL 64, Don't Fragment off, identification starting at 0 and incremented per
 * frame, UDP checksum 0 (allowed for IPv4, and what most feeds send). The destination MAC of a multicast
 * group is always derived from it (01:00:5e + the group's low 23 bits); a unicast destination goes to
 * {@link #dstMac(long)}, broadcast unless set. Frames are not padded to Ethernet's 60-byte minimum: a
 * MoldUDP64 packet (20 bytes or more) already makes the frame long enough, and NICs pad short frames.
 * Not thread-safe.
 */
public final class UdpFrameBuilder {
    public static final int DEFAULT_TTL = 64;
    /** A locally administered unicast address, used until {@link #srcMac(long)} is called. */
    public static final long DEFAULT_SRC_MAC = 0x0200_0000_0001L;
    private static final int NO_VLAN = -1;

    private long srcMac = DEFAULT_SRC_MAC;
    private long unicastDstMac = BROADCAST_MAC;
    private int srcIp;
    private int dstIp;
    private int srcPort;
    private int dstPort;
    private int vlanTci = NO_VLAN;
    private int ttl = DEFAULT_TTL;
    private boolean dontFragment;
    private boolean udpChecksum;
    private int identification;

    public UdpFrameBuilder srcMac(long mac) {
        checkMac(mac);
        srcMac = mac;
        return this;
    }

    public UdpFrameBuilder srcMac(String mac) {
        return srcMac(parseMac(mac));
    }

    /** Destination MAC for a unicast destination address; a multicast group's MAC is derived instead. */
    public UdpFrameBuilder dstMac(long mac) {
        checkMac(mac);
        unicastDstMac = mac;
        return this;
    }

    public UdpFrameBuilder dstMac(String mac) {
        return dstMac(parseMac(mac));
    }

    public UdpFrameBuilder srcIp(int address) {
        srcIp = address;
        return this;
    }

    public UdpFrameBuilder srcIp(String address) {
        return srcIp(parseIpv4(address));
    }

    public UdpFrameBuilder dstIp(int address) {
        dstIp = address;
        return this;
    }

    public UdpFrameBuilder dstIp(String address) {
        return dstIp(parseIpv4(address));
    }

    public UdpFrameBuilder srcPort(int port) {
        checkPort(port);
        srcPort = port;
        return this;
    }

    public UdpFrameBuilder dstPort(int port) {
        checkPort(port);
        dstPort = port;
        return this;
    }

    /** Adds an 802.1Q tag with priority 0. */
    public UdpFrameBuilder vlan(int vlanId) {
        return vlan(0, vlanId);
    }

    /** Adds an 802.1Q tag with the given priority code point (0-7) and VLAN id (0-4095). */
    public UdpFrameBuilder vlan(int priority, int vlanId) {
        if (priority < 0 || priority > 7 || vlanId < 0 || vlanId > VLAN_MAX_ID) {
            throw new IllegalArgumentException("bad 802.1Q priority " + priority + " or VLAN id " + vlanId);
        }
        vlanTci = (priority << 13) | vlanId;
        return this;
    }

    /** Frames carry no VLAN tag (the default). */
    public UdpFrameBuilder noVlan() {
        vlanTci = NO_VLAN;
        return this;
    }

    public UdpFrameBuilder ttl(int ttl) {
        if (ttl < 0 || ttl > 255) {
            throw new IllegalArgumentException("bad TTL " + ttl);
        }
        this.ttl = ttl;
        return this;
    }

    /** Sets the Don't Fragment flag (off by default). */
    public UdpFrameBuilder dontFragment(boolean dontFragment) {
        this.dontFragment = dontFragment;
        return this;
    }

    /** Computes the UDP checksum instead of sending 0 (costs a pass over the payload). */
    public UdpFrameBuilder udpChecksum(boolean udpChecksum) {
        this.udpChecksum = udpChecksum;
        return this;
    }

    /** The IPv4 identification the next frame gets. */
    public UdpFrameBuilder identification(int identification) {
        this.identification = identification & 0xFFFF;
        return this;
    }

    /** The IPv4 identification the next frame will get. */
    public int identification() {
        return identification;
    }

    /** The destination MAC frames get: derived from a multicast group, else the one set for unicast. */
    public long dstMac() {
        return isMulticast(dstIp) ? multicastMac(dstIp) : unicastDstMac;
    }

    public long srcMac() {
        return srcMac;
    }

    public int srcIp() {
        return srcIp;
    }

    public int dstIp() {
        return dstIp;
    }

    public int srcPort() {
        return srcPort;
    }

    public int dstPort() {
        return dstPort;
    }

    public boolean hasVlan() {
        return vlanTci != NO_VLAN;
    }

    /** Bytes of header before the payload: 42, or 46 with a VLAN tag. */
    public int headerLength() {
        return ETH_HEADER_LENGTH + (hasVlan() ? VLAN_TAG_LENGTH : 0) + IPV4_HEADER_LENGTH + UDP_HEADER_LENGTH;
    }

    /**
     * Writes a frame carrying {@code payloadLength} bytes of {@code payload} at offset 0 of {@code frame}.
     *
     * @return the frame length
     */
    public int build(MutableDirectBuffer frame, DirectBuffer payload, int payloadOffset, int payloadLength) {
        checkRoom(frame, payloadLength);
        frame.putBytes(headerLength(), payload, payloadOffset, payloadLength);
        return buildHeaders(frame, payloadLength);
    }

    /**
     * Writes the headers for a payload of {@code payloadLength} bytes already at {@link #headerLength()} in
     * {@code frame}.
     *
     * @return the frame length
     */
    public int buildHeaders(MutableDirectBuffer frame, int payloadLength) {
        checkRoom(frame, payloadLength);
        int ip = writeEthernet(frame);
        int udpLength = UDP_HEADER_LENGTH + payloadLength;
        frame.putByte(ip + IPV4_VERSION_IHL_OFFSET, (byte) IPV4_VERSION_IHL);
        frame.putByte(ip + IPV4_TOS_OFFSET, (byte) 0);
        frame.putShort(ip + IPV4_TOTAL_LENGTH_OFFSET, (short) (IPV4_HEADER_LENGTH + udpLength), ByteOrder.BIG_ENDIAN);
        frame.putShort(ip + IPV4_IDENTIFICATION_OFFSET, (short) identification, ByteOrder.BIG_ENDIAN);
        frame.putShort(ip + IPV4_FLAGS_FRAGMENT_OFFSET, (short) (dontFragment ? IPV4_FLAG_DONT_FRAGMENT : 0),
                ByteOrder.BIG_ENDIAN);
        frame.putByte(ip + IPV4_TTL_OFFSET, (byte) ttl);
        frame.putByte(ip + IPV4_PROTOCOL_OFFSET, (byte) IP_PROTOCOL_UDP);
        frame.putShort(ip + IPV4_CHECKSUM_OFFSET, (short) 0);
        frame.putInt(ip + IPV4_SRC_OFFSET, srcIp, ByteOrder.BIG_ENDIAN);
        frame.putInt(ip + IPV4_DST_OFFSET, dstIp, ByteOrder.BIG_ENDIAN);
        frame.putShort(ip + IPV4_CHECKSUM_OFFSET, (short) ipv4HeaderChecksum(frame, ip), ByteOrder.BIG_ENDIAN);

        int udp = ip + IPV4_HEADER_LENGTH;
        frame.putShort(udp + UDP_SRC_PORT_OFFSET, (short) srcPort, ByteOrder.BIG_ENDIAN);
        frame.putShort(udp + UDP_DST_PORT_OFFSET, (short) dstPort, ByteOrder.BIG_ENDIAN);
        frame.putShort(udp + UDP_LENGTH_OFFSET, (short) udpLength, ByteOrder.BIG_ENDIAN);
        frame.putShort(udp + UDP_CHECKSUM_OFFSET, (short) 0);
        if (udpChecksum) {
            frame.putShort(udp + UDP_CHECKSUM_OFFSET, (short) udpChecksum(frame, udp, udpLength), ByteOrder.BIG_ENDIAN);
        }
        identification = (identification + 1) & 0xFFFF;
        return udp + udpLength;
    }

    private int writeEthernet(MutableDirectBuffer frame) {
        putMac(frame, ETH_DST_OFFSET, dstMac());
        putMac(frame, ETH_SRC_OFFSET, srcMac);
        int typeOffset = ETH_TYPE_OFFSET;
        if (hasVlan()) {
            frame.putShort(typeOffset, (short) ETHERTYPE_VLAN, ByteOrder.BIG_ENDIAN);
            frame.putShort(typeOffset + 2 + VLAN_TCI_OFFSET, (short) vlanTci, ByteOrder.BIG_ENDIAN);
            typeOffset += VLAN_TAG_LENGTH;
        }
        frame.putShort(typeOffset, (short) ETHERTYPE_IPV4, ByteOrder.BIG_ENDIAN);
        return typeOffset + 2;
    }

    /** RFC 768: over the pseudo header (addresses, protocol, UDP length), the UDP header and the payload. */
    private int udpChecksum(DirectBuffer frame, int udp, int udpLength) {
        long pseudo = (srcIp >>> 16) + (srcIp & 0xFFFF) + (dstIp >>> 16) + (dstIp & 0xFFFF)
                + IP_PROTOCOL_UDP + udpLength;
        int checksum = finishChecksum(onesComplementSum(frame, udp, udpLength, pseudo));
        // 0 means "no checksum": a computed 0 is sent as its ones' complement twin.
        return checksum == 0 ? 0xFFFF : checksum;
    }

    private void checkRoom(MutableDirectBuffer frame, int payloadLength) {
        if (payloadLength < 0 || payloadLength > UDP_MAX_PAYLOAD_LENGTH) {
            throw new IllegalArgumentException("UDP payload length " + payloadLength + " outside 0.."
                    + UDP_MAX_PAYLOAD_LENGTH);
        }
        if (headerLength() + payloadLength > frame.capacity()) {
            throw new IllegalArgumentException("frame of " + (headerLength() + payloadLength)
                    + " bytes does not fit a buffer of " + frame.capacity());
        }
    }
}
