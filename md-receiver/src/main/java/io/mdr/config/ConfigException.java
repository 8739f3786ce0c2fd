package io.mdr.config;

import java.util.List;

/**
 * A configuration that cannot be used, with every reason found: one line per problem, each naming the key,
 * the value given and what the key accepts, for example
 * {@code receiver-dev.properties: port.burstSize: "0" is not accepted; expected an integer in 1..512}.
 */
public final class ConfigException extends RuntimeException
{
    private final String sourceName;
    private final List<String> errors;

    /**
     * @param sourceName where the configuration came from (a file name, "builder", ...); prefixes each line.
     * @param errors     one or more problems, each of the form {@code key: what is wrong; expected ...}.
     */
    public ConfigException(final String sourceName, final List<String> errors)
    {
        this(sourceName, errors, null);
    }

    /**
     * @param sourceName where the configuration came from.
     * @param error      the one problem.
     * @param cause      what raised it (an I/O error reading the file, for instance).
     */
    public ConfigException(final String sourceName, final String error, final Throwable cause)
    {
        this(sourceName, List.of(error), cause);
    }

    private ConfigException(final String sourceName, final List<String> errors, final Throwable cause)
    {
        super(message(sourceName, errors), cause);
        if (errors.isEmpty())
        {
            throw new IllegalArgumentException("a ConfigException needs at least one error");
        }
        this.sourceName = sourceName;
        this.errors = List.copyOf(errors);
    }

    /** @return where the configuration came from. */
    public String sourceName()
    {
        return sourceName;
    }

    /** @return every problem, in the order found, without the source prefix. */
    public List<String> errors()
    {
        return errors;
    }

    private static String message(final String sourceName, final List<String> errors)
    {
        final StringBuilder sb = new StringBuilder();
        for (final String error : errors)
        {
            if (!sb.isEmpty())
            {
                sb.append('\n');
            }
            sb.append(sourceName).append(": ").append(error);
        }
        return sb.toString();
    }
}
