package io.mdr.config;

import java.util.List;

/**
 * What a channel does when the first packet of a session it sees starts above sequence 1, so that the messages
 * before it were sent before the receiver listened ({@link ConfigKeys#RECOVERY_LATE_JOIN}).
 */
public enum LateJoin implements ConfigName
{
    /** Journal one gap record for 1..first-1 and go on from the first packet. */
    GAP("gap"),

    /**
     * Ask the channel's request servers for the messages before the first packet, at most
     * {@link ConfigKeys#RECOVERY_MAX_LATE_JOIN_MESSAGES} of them (the most recent); what is older is a gap record.
     */
    RECOVER("recover");

    private final String configName;

    LateJoin(final String configName)
    {
        this.configName = configName;
    }

    /** @return the value written in a configuration file. */
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
     * @return the choice so named.
     * @throws IllegalArgumentException if none is.
     */
    public static LateJoin fromConfigName(final String configName)
    {
        return ConfigName.named(values(), configName, "late-join choice");
    }
}
