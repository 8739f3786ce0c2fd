package io.mdr.config;

import java.util.ArrayList;
import java.util.List;

/**
 * What a channel does when the first packet of a session it sees starts above sequence 1, so that the messages
 * before it were sent before the receiver listened ({@link ConfigKeys#RECOVERY_LATE_JOIN}).
 */
public enum LateJoin
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
    public String configName()
    {
        return configName;
    }

    /** @return every value accepted in a configuration file, in declaration order. */
    public static List<String> configNames()
    {
        final List<String> names = new ArrayList<>();
        for (final LateJoin lateJoin : values())
        {
            names.add(lateJoin.configName);
        }
        return List.copyOf(names);
    }

    /**
     * @param configName a value as written in a configuration file.
     * @return the choice so named.
     * @throws IllegalArgumentException if none is.
     */
    public static LateJoin fromConfigName(final String configName)
    {
        for (final LateJoin lateJoin : values())
        {
            if (lateJoin.configName.equals(configName))
            {
                return lateJoin;
            }
        }
        throw new IllegalArgumentException("no late-join choice is named " + configName);
    }
}
