package io.mdr.replay.packet;

import io.mdr.net.PacketHeaders;

import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

import static io.mdr.net.PacketHeaders.*;

/**
 * Points captured IPv4/UDP frames at another destination, in place: destination MAC, destination address
 * and destination UDP port, with the IPv4 header checksum recomputed and the UDP checksum set to 0 (it
 * covers the addresses and would otherwise be wrong; 0 means "none" over IPv4).
 *
 * <p>Frames may carry no VLAN tag, one (802.1Q) or two (802.1ad/QinQ, including the legacy 0x9100 outer
 * tag); the tags are left as they are. IPv4 options are allowed. A fragment other than the first has no
 * UDP header: only its MAC and IPv4 destination change, so the datagram still reassembles at the new
 * destination. Anything else (not IPv4, not UDP, more than two tags, shorter than its headers) is left
 * untouched and {@link #rewrite} returns false. Nothing is allocated; an instance is immutable and may be
 * shared between threads.
 */
public final class FrameRewriter {
    private static final int MAX_VLAN_TAGS = 2;

    private final long dstMac;
    private final int dstIp;
    private final int dstPort;

    /** Rewrites to a multicast group, with the MAC derived from it (01:00:5e + its low 23 bits). */
    public FrameRewriter(int dstGroup, int dstPort) {
        this(multicastMac(dstGroup), dstGroup, dstPort);
    }

    /** Rewrites to any destination with the given MAC. */
    public FrameRewriter(long dstMac, int dstIp, int dstPort) {
        checkMac(dstMac);
        checkPort(dstPort);
        this.dstMac = dstMac;
        this.dstIp = dstIp;
        this.dstPort = dstPort;
    }

    /**
     * Rewrites the frame of {@code length} bytes at {@code offset}.
     *
     * @return false if it is not an IPv4/UDP frame or too short to hold its headers; it is then unchanged
     */
    public boolean rewrite(MutableDirectBuffer frame, int offset, int length) {
        if (length < ETH_HEADER_LENGTH) {
            return false;
        }
        int typeOffset = offset + ETH_TYPE_OFFSET;
        int end = offset + length;
        int etherType = Short.toUnsignedInt(frame.getShort(typeOffset, ByteOrder.BIG_ENDIAN));
        for (int tags = 0; isVlanTag(etherType); tags++) {
            if (tags == MAX_VLAN_TAGS || typeOffset + VLAN_TAG_LENGTH + 2 > end) {
                return false;
            }
            typeOffset += VLAN_TAG_LENGTH;
            etherType = Short.toUnsignedInt(frame.getShort(typeOffset, ByteOrder.BIG_ENDIAN));
        }
        int ip = typeOffset + 2;
        if (etherType != ETHERTYPE_IPV4 || ip + IPV4_HEADER_LENGTH > end) {
            return false;
        }
        int versionIhl = frame.getByte(ip + IPV4_VERSION_IHL_OFFSET) & 0xFF;
        int ipHeaderLength = (versionIhl & 0x0F) * 4;
        if ((versionIhl >>> 4) != 4 || ipHeaderLength < IPV4_HEADER_LENGTH || ip + ipHeaderLength > end
                || (frame.getByte(ip + IPV4_PROTOCOL_OFFSET) & 0xFF) != IP_PROTOCOL_UDP) {
            return false;
        }
        int fragmentOffset = frame.getShort(ip + IPV4_FLAGS_FRAGMENT_OFFSET, ByteOrder.BIG_ENDIAN)
                & IPV4_FRAGMENT_OFFSET_MASK;
        int udp = ip + ipHeaderLength;
        boolean hasUdpHeader = fragmentOffset == 0;
        if (hasUdpHeader && udp + UDP_HEADER_LENGTH > end) {
            return false;
        }

        putMac(frame, offset + ETH_DST_OFFSET, dstMac);
        frame.putInt(ip + IPV4_DST_OFFSET, dstIp, ByteOrder.BIG_ENDIAN);
        frame.putShort(ip + IPV4_CHECKSUM_OFFSET, (short) ipv4HeaderChecksum(frame, ip), ByteOrder.BIG_ENDIAN);
        if (hasUdpHeader) {
            frame.putShort(udp + UDP_DST_PORT_OFFSET, (short) dstPort, ByteOrder.BIG_ENDIAN);
            frame.putShort(udp + UDP_CHECKSUM_OFFSET, (short) 0);
        }
        return true;
    }

    public long dstMac() {
        return dstMac;
    }

    public int dstIp() {
        return dstIp;
    }

    public int dstPort() {
        return dstPort;
    }

    private static boolean isVlanTag(int etherType) {
        return etherType == ETHERTYPE_VLAN || etherType == ETHERTYPE_QINQ || etherType == ETHERTYPE_QINQ_LEGACY;
    }
}
