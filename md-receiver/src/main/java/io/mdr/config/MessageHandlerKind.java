package io.mdr.config;

import java.util.List;

/**
 * The in-process message handler the polling thread runs for every accepted message ({@link ConfigKeys#RECEIVER_HANDLER}).
 */
public enum MessageHandlerKind implements ConfigName
{
    /** None: messages are only journalled (and latency measures the pipeline up to the handler call). */
    NONE("none"),

    /** Order books per stock locate, kept by {@code io.mdr.book.OrderBooks} on the polling thread (rx->book latency). */
    BOOK("book");

    private final String configName;

    MessageHandlerKind(final String configName)
    {
        this.configName = configName;
    }

    /** @return the value written in a configuration file, e.g. {@code book}. */
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
     * @return the handler so named.
     * @throws IllegalArgumentException if none is.
     */
    public static MessageHandlerKind fromConfigName(final String configName)
    {
        return ConfigName.named(values(), configName, "message handler");
    }
}
