package io.mdr.config;

import java.util.List;

/**
 * What the polling loop does with each received packet ({@link ConfigKeys#RECEIVER_MODE}).
 */
public enum ReceiverMode implements ConfigName
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
    public static ReceiverMode fromConfigName(final String configName)
    {
        return ConfigName.named(values(), configName, "receiver mode");
    }
}
