package io.mdr.config;

import java.util.ArrayList;
import java.util.List;

/**
 * How the io_uring port receives ({@link ConfigKeys#PORT_URING_RECEIVE}).
 */
public enum UringReceive
{
    /** Multishot {@code recvmsg} into a provided-buffer ring where the kernel has both (Linux 6.0+), else batched {@code recvmsg}. */
    AUTO("auto"),

    /** Multishot {@code recvmsg} into a provided-buffer ring; start-up fails on a kernel without them. */
    MULTISHOT("multishot"),

    /** One single-shot {@code recvmsg} per buffer, resubmitted in batches (any kernel with io_uring, 5.1+). */
    RECVMSG("recvmsg");

    private final String configName;

    UringReceive(final String configName)
    {
        this.configName = configName;
    }

    /** @return the value written in a configuration file, e.g. {@code multishot}. */
    public String configName()
    {
        return configName;
    }

    /** @return every value accepted in a configuration file, in declaration order. */
    public static List<String> configNames()
    {
        final List<String> names = new ArrayList<>();
        for (final UringReceive mode : values())
        {
            names.add(mode.configName);
        }
        return List.copyOf(names);
    }

    /**
     * @param configName a value as written in a configuration file.
     * @return the mode so named.
     * @throws IllegalArgumentException if none is.
     */
    public static UringReceive fromConfigName(final String configName)
    {
        for (final UringReceive mode : values())
        {
            if (mode.configName.equals(configName))
            {
                return mode;
            }
        }
        throw new IllegalArgumentException("no io_uring receive mode is named " + configName);
    }
}
