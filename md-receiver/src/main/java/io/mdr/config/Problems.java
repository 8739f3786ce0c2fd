package io.mdr.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects every problem of a configuration so that they are reported together, one per line.
 */
final class Problems
{
    private final List<String> errors = new ArrayList<>();

    /** Records {@code key: "value" is not accepted; expected <expected>}. */
    void reject(final String key, final String value, final String expected)
    {
        errors.add(key + ": " + quote(value) + " is not accepted; expected " + expected);
    }

    /** Records a problem already phrased as {@code key: ...}. */
    void add(final String error)
    {
        errors.add(error);
    }

    void addAll(final List<String> more)
    {
        errors.addAll(more);
    }

    boolean isEmpty()
    {
        return errors.isEmpty();
    }

    int size()
    {
        return errors.size();
    }

    void throwIfAny(final String sourceName)
    {
        if (!errors.isEmpty())
        {
            throw new ConfigException(sourceName, errors);
        }
    }

    /**
     * Quotes a value the way Java source would, so trailing blanks, tabs and invisible characters show.
     */
    static String quote(final String value)
    {
        final StringBuilder sb = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            switch (c)
            {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default ->
                {
                    if (c < 0x20 || c == 0x7F)
                    {
                        sb.append(String.format("\\u%04X", (int)c));
                    }
                    else
                    {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
