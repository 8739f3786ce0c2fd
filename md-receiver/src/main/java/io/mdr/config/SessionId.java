package io.mdr.config;

import static io.mdr.config.ConfigKeys.SESSION_LENGTH;

/**
 * A MoldUDP64 session: the 10 printable ASCII characters that open every packet of one stream, right-padded
 * with spaces. For comparison without strings, {@link #high8()} and {@link #low2()} hold the same ten bytes as a
 * big-endian {@code getLong} at the session's offset and a big-endian {@code getShort} eight bytes later read them.
 *
 * @param text the ten characters, padding included.
 */
public record SessionId(String text)
{
    /**
     * @throws ConfigException unless {@code text} is exactly 10 printable ASCII characters.
     */
    public SessionId
    {
        java.util.Objects.requireNonNull(text, "text");
        final Problems problems = new Problems();
        Rules.checkSession("session", text, problems);
        problems.throwIfAny("SessionId");
    }

    /** @return bytes 0..7 of the session as a big-endian long. */
    public long high8()
    {
        long value = 0;
        for (int i = 0; i < Long.BYTES; i++)
        {
            value = (value << 8) | text.charAt(i);
        }
        return value;
    }

    /** @return bytes 8..9 of the session as a big-endian short. */
    public short low2()
    {
        return (short)((text.charAt(SESSION_LENGTH - 2) << 8) | text.charAt(SESSION_LENGTH - 1));
    }

    @Override
    public String toString()
    {
        return text;
    }
}
