package io.mdr.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.mdr.config.ConfigFixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UnknownKeyTest
{
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "port.burstsize, port.burstSize",
        "prot.burstSize, port.burstSize",
        "port.burst_size, port.burstSize",
        "port.rxRingsize, port.rxRingSize",
        "stats.interval, stats.intervalMs",
        "journal.roll, journal.rollCycle",
        "idle.stategy, idle.strategy",
        "receiver.cores, receiver.core",
        "eal.arg, eal.args",
        "chanel.itch.a.group, channel.itch.a.group",
        "channel.itch.a.grp, channel.itch.a.group",
        "channel.itch.c.group, channel.itch.a.group",
        "channel.itch.A.group, channel.itch.a.group",
        "channel.itch.sesion, channel.itch.session",
        "channel.itch.b.src, channel.itch.b.source",
    })
    void closeMatchIsSuggested(final String typo, final String suggestion)
    {
        final var properties = minimal();
        properties.setProperty(ConfigKeys.CHANNEL_PREFIX + "itch." + ConfigKeys.CHANNEL_A_GROUP, "233.54.12.111:26477");
        properties.setProperty(typo, "1");

        final ConfigException ex = rejected(properties);

        assertEquals(1, ex.errors().size(), ex::getMessage);
        assertEquals(typo + ": unknown key; did you mean " + suggestion + "?", ex.errors().getFirst());
    }

    @Test
    void farFromAnyKeyListsTheKeysInstead()
    {
        final var properties = minimal();
        properties.setProperty("colour", "blue");

        final ConfigException ex = rejected(properties);

        assertEquals(1, ex.errors().size(), ex::getMessage);
        final String error = ex.errors().getFirst();
        assertTrue(error.startsWith("colour: unknown key; expected one of eal.args, receiver.core,"), error);
        assertTrue(error.endsWith("or channel.<name>.{session,a.group,a.source,b.group,b.source,requestServer}"), error);
    }

    @Test
    void channelKeyWithoutSettingIsUnknown()
    {
        final var properties = minimal();
        properties.setProperty("channel.itch", "233.54.12.111:26477");

        final ConfigException ex = rejected(properties);

        assertTrue(ex.errors().getFirst().startsWith("channel.itch: unknown key"), ex::getMessage);
    }

    @Test
    void suggestionsStayNearTheTypo()
    {
        assertNull(ConfigParser.suggest("port"));
        assertNull(ConfigParser.suggest("journal"));
        assertNull(ConfigParser.suggest("latency.p99"));
        assertEquals(3, ConfigParser.distance("kitten", "sitting"));
        assertEquals(0, ConfigParser.distance("port.device", "port.device"));
    }
}
