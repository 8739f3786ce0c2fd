package io.mdr.net;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * Layout of Ethernet, 802.1Q, IPv4 and UDP headers, the Internet checksum, and address conversions.
 *
 * <p>Offsets are relative to the start of their own header. Addresses are held as primitives: an IPv4
 * address as an {@code int} in network order ({@code 10.0.0.1} is {@code 0x0A000001}), a MAC address in
 * the low 48 bits of a {@code long} ({@code 01:00:5e:00:00:01} is {@code 0x01005E000001L}).
 */
public final class PacketHeaders {
    public static final int ETH_DST_OFFSET = 0;
    public static final int ETH_SRC_OFFSET = 6;
    public static final int ETH_TYPE_OFFSET = 12;
    public static final int ETH_HEADER_LENGTH = 14;
    public static final int MAC_LENGTH = 6;

    /** An 802.1Q or 802.1ad tag: TCI then the inner EtherType; it sits where the EtherType was. */
    public static final int VLAN_TAG_LENGTH = 4;
    public static final int VLAN_TCI_OFFSET = 0;
    public static final int VLAN_MAX_ID = 0x0FFF;

    public static final int ETHERTYPE_IPV4 = 0x0800;
    public static final int ETHERTYPE_VLAN = 0x8100;
    public static final int ETHERTYPE_QINQ = 0x88A8;
    /** The pre-802.1ad QinQ tag some switches still use. */
    public static final int ETHERTYPE_QINQ_LEGACY = 0x9100;

    public static final int IPV4_VERSION_IHL_OFFSET = 0;
    public static final int IPV4_TOS_OFFSET = 1;
    public static final int IPV4_TOTAL_LENGTH_OFFSET = 2;
    public static final int IPV4_IDENTIFICATION_OFFSET = 4;
    public static final int IPV4_FLAGS_FRAGMENT_OFFSET = 6;
    public static final int IPV4_TTL_OFFSET = 8;
    public static final int IPV4_PROTOCOL_OFFSET = 9;
    public static final int IPV4_CHECKSUM_OFFSET = 10;
    public static final int IPV4_SRC_OFFSET = 12;
    public static final int IPV4_DST_OFFSET = 16;
    public static final int IPV4_HEADER_LENGTH = 20;
    /** Version 4, header length 5 words. */
    public static final int IPV4_VERSION_IHL = 0x45;
    public static final int IPV4_FLAG_DONT_FRAGMENT = 0x4000;
    public static final int IPV4_FLAG_MORE_FRAGMENTS = 0x2000;
    public static final int IPV4_FRAGMENT_OFFSET_MASK = 0x1FFF;
    public static final int IP_PROTOCOL_UDP = 17;
    public static final int IPV4_MAX_TOTAL_LENGTH = 0xFFFF;

    public static final int UDP_SRC_PORT_OFFSET = 0;
    public static final int UDP_DST_PORT_OFFSET = 2;
    public static final int UDP_LENGTH_OFFSET = 4;
    public static final int UDP_CHECKSUM_OFFSET = 6;
    public static final int UDP_HEADER_LENGTH = 8;
    /** Largest UDP payload an IPv4 datagram without options can carry. */
    public static final int UDP_MAX_PAYLOAD_LENGTH = IPV4_MAX_TOTAL_LENGTH - IPV4_HEADER_LENGTH - UDP_HEADER_LENGTH;

    public static final long BROADCAST_MAC = 0xFFFF_FFFF_FFFFL;
    /** RFC 1112: IPv4 multicast group G goes to MAC 01:00:5e followed by G's low 23 bits. */
    public static final long IPV4_MULTICAST_MAC_PREFIX = 0x0100_5E00_0000L;
    private static final int IPV4_MULTICAST_MAC_GROUP_BITS = 0x007F_FFFF;

    private PacketHeaders() {
    }

    /** True for 224.0.0.0/4. */
    public static boolean isMulticast(int ipv4) {
        return (ipv4 >>> 28) == 0xE;
    }

    /** The Ethernet address an IPv4 multicast group is sent to (RFC 1112, section 6.4). */
    public static long multicastMac(int group) {
        if (!isMulticast(group)) {
            throw new IllegalArgumentException(formatIpv4(group) + " is not a multicast group");
        }
        return IPV4_MULTICAST_MAC_PREFIX | (group & IPV4_MULTICAST_MAC_GROUP_BITS);
    }

    /**
     * Ones' complement sum of {@code length} bytes as big-endian 16-bit words (an odd last byte padded with
     * zero), added to {@code initial}, not yet folded: the core of the Internet checksum (RFC 1071).
     */
    public static long onesComplementSum(DirectBuffer buffer, int offset, int length, long initial) {
        long sum = initial;
        int end = offset + length;
        int i = offset;
        // 32-bit words fold to the same 16-bit ones' complement sum, because 2^16 = 1 modulo 0xFFFF.
        for (; i + 4 <= end; i += 4) {
            sum += Integer.toUnsignedLong(buffer.getInt(i, ByteOrder.BIG_ENDIAN));
        }
        if (i + 2 <= end) {
            sum += Short.toUnsignedInt(buffer.getShort(i, ByteOrder.BIG_ENDIAN));
            i += 2;
        }
        if (i < end) {
            sum += (buffer.getByte(i) & 0xFF) << 8;
        }
        return sum;
    }

    /** Folds a ones' complement sum to 16 bits and complements it: the checksum field's value. */
    public static int finishChecksum(long sum) {
        long folded = sum;
        while ((folded >>> 16) != 0) {
            folded = (folded & 0xFFFF) + (folded >>> 16);
        }
        return (int) (~folded & 0xFFFF);
    }

    /**
     * The IPv4 header checksum of the header at {@code ipOffset}, computed as if the checksum field were
     * zero, over the header length its IHL field gives.
     */
    public static int ipv4HeaderChecksum(DirectBuffer buffer, int ipOffset) {
        int headerLength = (buffer.getByte(ipOffset + IPV4_VERSION_IHL_OFFSET) & 0x0F) * 4;
        long sum = onesComplementSum(buffer, ipOffset, headerLength, 0)
                - Short.toUnsignedInt(buffer.getShort(ipOffset + IPV4_CHECKSUM_OFFSET, ByteOrder.BIG_ENDIAN));
        // Removing the stored field cannot make the sum negative: it was one of the words added.
        return finishChecksum(sum);
    }

    /** Parses dotted-quad IPv4 ({@code "233.54.12.111"}). */
    public static int parseIpv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not an IPv4 address: " + text);
        }
        int address = 0;
        for (String part : parts) {
            int octet;
            try {
                octet = Integer.parseInt(part);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not an IPv4 address: " + text, e);
            }
            if (octet < 0 || octet > 255 || part.isEmpty() || part.length() > 3 || part.charAt(0) == '+') {
                throw new IllegalArgumentException("not an IPv4 address: " + text);
            }
            address = (address << 8) | octet;
        }
        return address;
    }

    public static String formatIpv4(int address) {
        return (address >>> 24) + "." + ((address >>> 16) & 0xFF) + "." + ((address >>> 8) & 0xFF) + "."
                + (address & 0xFF);
    }

    /** Parses a MAC address written as six hex octets separated by {@code :} or {@code -}. */
    public static long parseMac(String text) {
        String[] parts = text.split("[:-]", -1);
        if (parts.length != MAC_LENGTH) {
            throw new IllegalArgumentException("not a MAC address: " + text);
        }
        long mac = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 2 || Character.digit(part.charAt(0), 16) < 0
                    || Character.digit(part.charAt(part.length() - 1), 16) < 0) {
                throw new IllegalArgumentException("not a MAC address: " + text);
            }
            mac = (mac << 8) | Integer.parseInt(part, 16);
        }
        return mac;
    }

    public static String formatMac(long mac) {
        StringBuilder text = new StringBuilder(17);
        for (int shift = 40; shift >= 0; shift -= 8) {
            int octet = (int) (mac >>> shift) & 0xFF;
            text.append(Character.forDigit(octet >>> 4, 16)).append(Character.forDigit(octet & 0xF, 16));
            if (shift > 0) {
                text.append(':');
            }
        }
        return text.toString();
    }

    /** Writes a MAC address (low 48 bits) in network order. */
    public static void putMac(MutableDirectBuffer buffer, int offset, long mac) {
        buffer.putShort(offset, (short) (mac >>> 32), ByteOrder.BIG_ENDIAN);
        buffer.putInt(offset + 2, (int) mac, ByteOrder.BIG_ENDIAN);
    }

    /** Reads a MAC address in network order into the low 48 bits. */
    public static long getMac(DirectBuffer buffer, int offset) {
        return (Short.toUnsignedLong(buffer.getShort(offset, ByteOrder.BIG_ENDIAN)) << 32)
                | Integer.toUnsignedLong(buffer.getInt(offset + 2, ByteOrder.BIG_ENDIAN));
    }

    public static void checkMac(long mac) {
        if ((mac >>> 48) != 0) {
            throw new IllegalArgumentException("MAC address has more than 48 bits: 0x" + Long.toHexString(mac));
        }
    }

    public static void checkPort(int port) {
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("not a UDP port: " + port);
        }
    }
}
