package io.mdr.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * A UDP endpoint given as {@code IPv4:port}: a MoldUDP64 request server, or the local address recovery requests go
 * out from. The address is an {@code int} in network order (see {@link Ipv4}).
 *
 * @param address IPv4 address in network order; 0 (0.0.0.0) only for a local address, meaning any interface.
 * @param port    UDP port, 1..65535 for a server; 0..65535 for a local address (0 = any free port).
 */
public record ServerAddress(int address, int port)
{
    /**
     * @throws ConfigException if the port is outside 0..65535.
     */
    public ServerAddress
    {
        if (port < 0 || port > 65535)
        {
            final Problems problems = new Problems();
            problems.reject("port", Integer.toString(port), "a port in 0..65535");
            problems.throwIfAny("ServerAddress");
        }
    }

    /**
     * @param text e.g. {@code 10.1.2.3:7777}.
     * @return the endpoint.
     * @throws IllegalArgumentException if the text is not a dotted quad and a port.
     */
    public static ServerAddress of(final String text)
    {
        final int colon = text.lastIndexOf(':');
        if (colon < 0)
        {
            throw new IllegalArgumentException("no :port in " + text);
        }
        return new ServerAddress(Ipv4.parse(text.substring(0, colon)), Integer.parseInt(text.substring(colon + 1)));
    }

    /** @return the endpoint for a {@code DatagramChannel} (no name lookup: the address is numeric). */
    public InetSocketAddress toSocketAddress()
    {
        final byte[] bytes = {(byte)(address >>> 24), (byte)(address >>> 16), (byte)(address >>> 8), (byte)address};
        try
        {
            return new InetSocketAddress(InetAddress.getByAddress(bytes), port);
        }
        catch (final UnknownHostException ex)
        {
            throw new IllegalStateException("four bytes are always an IPv4 address", ex);
        }
    }

    @Override
    public String toString()
    {
        return Ipv4.toString(address) + ':' + port;
    }
}
