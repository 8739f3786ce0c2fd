package io.mdr.replay.packet;

/**
 * The Internet checksum (RFC 1071) written the plain way, over byte arrays, to check the code under test
 * against something that does not share its code.
 */
final class Checksums {
    private Checksums() {
    }

    /** The checksum of {@code length} bytes: 0 when they already include a correct checksum. */
    static int internetChecksum(byte[] bytes, int offset, int length) {
        long sum = 0;
        for (int i = 0; i + 1 < length; i += 2) {
            sum += ((bytes[offset + i] & 0xFF) << 8) | (bytes[offset + i + 1] & 0xFF);
        }
        if ((length & 1) != 0) {
            sum += (bytes[offset + length - 1] & 0xFF) << 8;
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }
        return (int) (~sum & 0xFFFF);
    }

    /** True if the IPv4 header at {@code ip} carries a correct header checksum. */
    static boolean ipv4HeaderChecksumValid(byte[] frame, int ip) {
        int headerLength = (frame[ip] & 0x0F) * 4;
        return internetChecksum(frame, ip, headerLength) == 0;
    }

    /** The UDP checksum field value the datagram in the IPv4 packet at {@code ip} should carry (RFC 768). */
    static int udpChecksum(byte[] frame, int ip) {
        int headerLength = (frame[ip] & 0x0F) * 4;
        int udp = ip + headerLength;
        int udpLength = ((frame[udp + 4] & 0xFF) << 8) | (frame[udp + 5] & 0xFF);
        byte[] pseudo = new byte[12 + udpLength];
        System.arraycopy(frame, ip + 12, pseudo, 0, 8);   // source and destination address
        pseudo[9] = 17;
        pseudo[10] = (byte) (udpLength >> 8);
        pseudo[11] = (byte) udpLength;
        System.arraycopy(frame, udp, pseudo, 12, udpLength);
        pseudo[12 + 6] = 0;
        pseudo[12 + 7] = 0;
        int checksum = internetChecksum(pseudo, 0, pseudo.length);
        return checksum == 0 ? 0xFFFF : checksum;
    }

    static int u16(byte[] bytes, int offset) {
        return ((bytes[offset] & 0xFF) << 8) | (bytes[offset + 1] & 0xFF);
    }
}
