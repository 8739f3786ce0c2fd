package io.mdr.replay.gen;

/**
 * An IPv4 address and UDP port, the address held as an int in network order (10.1.1.1 is 0x0A010101).
 *
 * @param address IPv4 address, network order
 * @param port    UDP port, 0 to 65535
 */
public record UdpEndpoint(int address, int port) {

    public UdpEndpoint {
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("UDP port must be 0..65535: " + port);
        }
    }

    /**
     * Parses {@code a.b.c.d:port}.
     *
     * @throws IllegalArgumentException naming what is wrong with {@code text}
     */
    public static UdpEndpoint parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("expected IPv4:PORT such as 233.54.12.111:26477, got '" + text + "'");
        }
        int address = parseIpv4(text.substring(0, colon), text);
        String portText = text.substring(colon + 1);
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port must be 0..65535 in '" + text + "'");
        }
        return new UdpEndpoint(address, port);
    }

    /** Whether the address is an IPv4 multicast group (224.0.0.0/4). */
    public boolean isMulticast() {
        return (address >>> 28) == 0xE;
    }

    /** {@code a.b.c.d}. */
    public String addressText() {
        return (address >>> 24) + "." + ((address >>> 16) & 0xFF) + "." + ((address >>> 8) & 0xFF) + "." + (address & 0xFF);
    }

    @Override
    public String toString() {
        return addressText() + ":" + port;
    }

    private static int parseIpv4(String text, String whole) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("expected a dotted IPv4 address in '" + whole + "'");
        }
        int address = 0;
        for (String part : parts) {
            int octet;
            try {
                octet = part.isEmpty() || part.length() > 3 ? -1 : Integer.parseInt(part);
            } catch (NumberFormatException e) {
                octet = -1;
            }
            if (octet < 0 || octet > 255) {
                throw new IllegalArgumentException("bad IPv4 octet '" + part + "' in '" + whole + "'");
            }
            address = (address << 8) | octet;
        }
        return address;
    }
}
