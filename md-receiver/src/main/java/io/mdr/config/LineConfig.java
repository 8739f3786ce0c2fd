package io.mdr.config;

/**
 * One line (A or B) of a feed channel: where its packets go and, optionally, who must have sent them.
 * Addresses are {@code int}s in network order (see {@link Ipv4}) so the receive loop compares them directly
 * with what it reads, big-endian, from the IPv4 header.
 *
 * @param group  destination address: multicast group or unicast address, in network order.
 * @param port   destination UDP port, 1..65535.
 * @param source source address the packets must come from, in network order, or 0 for any source.
 */
public record LineConfig(int group, int port, int source)
{
    /** Value of {@link #source()} that lets any sender through. */
    public static final int ANY_SOURCE = 0;

    /**
     * @throws ConfigException if the group is 0.x.x.x or 240.0.0.0 and above, the port is outside 1..65535, or the
     *                         source is neither 0 nor a unicast address.
     */
    public LineConfig
    {
        final Problems problems = new Problems();
        final String groupText = Ipv4.toString(group) + ':' + port;
        final String groupProblem = Rules.groupAddressProblem(group);
        if (groupProblem != null || port < 1 || port > 65535)
        {
            problems.reject("group", groupText,
                Rules.GROUP + " (" + (groupProblem != null ? groupProblem : "port " + port + " is not in 1..65535") + ")");
        }
        if (source != ANY_SOURCE)
        {
            final String sourceProblem = Rules.sourceAddressProblem(source);
            if (sourceProblem != null)
            {
                problems.reject("source", Ipv4.toString(source), Rules.SOURCE + " (" + sourceProblem + ")");
            }
        }
        problems.throwIfAny("LineConfig");
    }

    /**
     * @param group  e.g. {@code 233.54.12.111}.
     * @param port   e.g. {@code 26477}.
     * @param source e.g. {@code 206.200.127.138}, or null for any source.
     * @return the line.
     * @throws IllegalArgumentException if an address is not a dotted quad.
     * @throws ConfigException          if the values are not accepted as a line.
     */
    public static LineConfig of(final String group, final int port, final String source)
    {
        return new LineConfig(Ipv4.parse(group), port, source == null ? ANY_SOURCE : Ipv4.parse(source));
    }

    /** @return whether any sender is accepted. */
    public boolean anySource()
    {
        return source == ANY_SOURCE;
    }

    /** @return whether the destination is a multicast group (224.0.0.0/4). */
    public boolean isMulticast()
    {
        return Ipv4.isMulticast(group);
    }

    /**
     * Whether a packet belongs to this line; allocation-free, for the receive loop.
     *
     * @param destinationAddress the packet's IPv4 destination, in network order.
     * @param destinationPort    the packet's UDP destination port.
     * @param sourceAddress      the packet's IPv4 source, in network order.
     * @return whether destination and port match and the source is accepted.
     */
    public boolean matches(final int destinationAddress, final int destinationPort, final int sourceAddress)
    {
        return destinationAddress == group && destinationPort == port && (source == ANY_SOURCE || sourceAddress == source);
    }

    /** @return {@code group:port} in dotted-quad form, as written in a configuration file. */
    public String groupText()
    {
        return Ipv4.toString(group) + ':' + port;
    }

    @Override
    public String toString()
    {
        return groupText() + (anySource() ? " from any source" : " from " + Ipv4.toString(source));
    }
}
