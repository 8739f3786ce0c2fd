package io.mdr.config;

import java.util.List;

/**
 * Whether the receiver locks its memory at start-up ({@link ConfigKeys#RECEIVER_LOCK_MEMORY}, {@code mlockall}).
 */
public enum MemoryLockMode implements ConfigName
{
    /** Lock when the process may (root, {@code CAP_IPC_LOCK} or an unlimited {@code RLIMIT_MEMLOCK}), else say why not and go on. */
    AUTO("auto"),

    /** Lock, or stop start-up saying why it could not. */
    ON("on"),

    /** Do not lock. */
    OFF("off");

    private final String configName;

    MemoryLockMode(final String configName)
    {
        this.configName = configName;
    }

    /** @return the value written in a configuration file, e.g. {@code auto}. */
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
    public static MemoryLockMode fromConfigName(final String configName)
    {
        return ConfigName.named(values(), configName, "memory lock mode");
    }
}
