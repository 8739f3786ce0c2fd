package io.mdr.config;

import java.util.List;

/**
 * How the io_uring port receives ({@link ConfigKeys#PORT_URING_RECEIVE}).
 */
public enum UringReceive implements ConfigName
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
    @Override
    public String configName()
    {
        return configName;
    }

    /** @return every value accepted in a configuration file, in declaration order. */
    public static List<String> configNames()
    {
        return ConfigName.namesOf(values());
    }

    /**
     * @param configName a value as written in a configuration file.
     * @return the mode so named.
     * @throws IllegalArgumentException if none is.
     */
    public static UringReceive fromConfigName(final String configName)
    {
        return ConfigName.named(values(), configName, "io_uring receive mode");
    }
}
