package io.mdr.config;

/**
 * IPv4 addresses as {@code int}s in network order: the first octet is the most significant byte, so
 * {@code 233.54.12.111} is {@code 0xE9360C6F}, the value a big-endian {@code getInt} reads from an IPv4 header.
 * The hot path compares these ints and never a string.
 */
public final class Ipv4
{
    private Ipv4()
    {
    }

    /**
     * Parses a strict dotted quad: four decimal octets 0..255, no leading zeros (which {@code inet_aton} would read
     * as octal), no host names, no spaces.
     *
     * @param text e.g. {@code 233.54.12.111}.
     * @return the address in network order, e.g. {@code 0xE9360C6F}.
     * @throws IllegalArgumentException naming what is wrong with the text.
     */
    public static int parse(final String text)
    {
        int address = 0;
        int octets = 0;
        int start = 0;
        final int length = text.length();
        while (true)
        {
            int end = start;
            while (end < length && text.charAt(end) != '.')
            {
                end++;
            }
            if (++octets > 4)
            {
                throw new IllegalArgumentException("more than four octets");
            }
            address = (address << 8) | octet(text, start, end);
            if (end == length)
            {
                break;
            }
            start = end + 1;
        }
        if (octets != 4)
        {
            throw new IllegalArgumentException(octets + (octets == 1 ? " octet" : " octets") + " instead of four");
        }
        return address;
    }

    private static int octet(final String text, final int start, final int end)
    {
        if (start == end)
        {
            throw new IllegalArgumentException("an empty octet");
        }
        final String octet = text.substring(start, end);
        for (int i = start; i < end; i++)
        {
            final char c = text.charAt(i);
            if (c < '0' || c > '9')
            {
                throw new IllegalArgumentException("octet \"" + octet + "\" is not a decimal number");
            }
        }
        if (end - start > 1 && text.charAt(start) == '0')
        {
            throw new IllegalArgumentException("octet \"" + octet + "\" has a leading zero");
        }
        if (end - start > 3)
        {
            throw new IllegalArgumentException("octet \"" + octet + "\" is above 255");
        }
        final int value = Integer.parseInt(octet);
        if (value > 255)
        {
            throw new IllegalArgumentException("octet \"" + octet + "\" is above 255");
        }
        return value;
    }

    /**
     * @param address in network order.
     * @return the dotted quad, e.g. {@code 233.54.12.111}.
     */
    public static String toString(final int address)
    {
        return (address >>> 24) + "." + ((address >>> 16) & 0xFF) + "." + ((address >>> 8) & 0xFF) + "." + (address & 0xFF);
    }

    /**
     * @param address in network order.
     * @return whether it is in 224.0.0.0/4.
     */
    public static boolean isMulticast(final int address)
    {
        return (address >>> 28) == 0xE;
    }
}
