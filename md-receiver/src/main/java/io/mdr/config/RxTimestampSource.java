package io.mdr.config;

import java.util.List;

/**
 * Where a packet's rx timestamp comes from ({@link ConfigKeys#PORT_RX_TIMESTAMP}): the start of the rx→handler and
 * rx→journal latencies, and the time journalled with each message.
 */
public enum RxTimestampSource implements ConfigName
{
    /**
     * The NIC's hardware timestamp when the port offers the rx timestamp offload and its clock can be read with
     * {@code rte_eth_read_clock} (to map it onto the host's clock); otherwise the time {@code rx_burst} returned.
     * The start-up line says which is in effect, and why.
     */
    AUTO("auto"),

    /** The NIC's hardware timestamp, required: start-up fails, saying why, when the port cannot give it. */
    NIC("nic"),

    /** Always the time {@code rx_burst} returned; the timestamp offload is not even enabled. */
    BURST("burst");

    private final String configName;

    RxTimestampSource(final String configName)
    {
        this.configName = configName;
    }

    /** @return the value written in a configuration file, e.g. {@code auto}. */
    @Override
    public String configName()
    {
        return configName;
    }

    /** @return whether the port should enable the rx timestamp offload (when it offers it). */
    public boolean wantsNicTimestamps()
    {
        return this != BURST;
    }

    /** @return every value accepted in a configuration file, in declaration order. */
    public static List<String> configNames()
    {
        return ConfigName.namesOf(values());
    }

    /**
     * @param configName a value as written in a configuration file.
     * @return the source so named.
     * @throws IllegalArgumentException if none is.
     */
    public static RxTimestampSource fromConfigName(final String configName)
    {
        return ConfigName.named(values(), configName, "rx timestamp source");
    }
}
