package io.mdr.config;

import java.util.ArrayList;
import java.util.List;

/**
 * What the polling loop does with each received packet ({@link ConfigKeys#RECEIVER_MODE}).
 */
public enum ReceiverMode
{
    /** Parse MoldUDP64 and ITCH in place, arbitrate the A and B lines, journal: the product. */
    FULL("full"),

    /** Count the packets of each burst and free them, nothing else: measures what the port alone delivers. */
    RX_ONLY("rx-only"),

    /**
     * The journal's floor: each packet's UDP payload appended unparsed (no MoldUDP64, no ITCH, no arbitration) to
     * the same Chronicle queue, one excerpt per burst, stamped and timed as the full pipeline's records. What the
     * full pipeline adds to rx-to-journal is its figure over this one.
     */
    JOURNAL_RAW("journal-raw");

    private final String configName;

    ReceiverMode(final String configName)
    {
        this.configName = configName;
    }

    /** @return the value written in a configuration file, e.g. {@code rx-only}. */
    public String configName()
    {
        return configName;
    }

    /** @return every value accepted in a configuration file, in declaration order. */
    public static List<String> configNames()
    {
        final List<String> names = new ArrayList<>();
        for (final ReceiverMode mode : values())
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
    public static ReceiverMode fromConfigName(final String configName)
    {
        for (final ReceiverMode mode : values())
        {
            if (mode.configName.equals(configName))
            {
                return mode;
            }
        }
        throw new IllegalArgumentException("no receiver mode is named " + configName);
    }
}
