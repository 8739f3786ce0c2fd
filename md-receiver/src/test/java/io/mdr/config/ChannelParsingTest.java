package io.mdr.config;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.mdr.config.ConfigFixtures.*;
import static io.mdr.config.ConfigKeys.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChannelParsingTest
{
    @Test
    void noChannelMeansAutoChannels()
    {
        final ReceiverConfig config = parse(minimal());

        assertTrue(config.autoChannels());
        assertEquals(List.of(), config.channels());
    }

    @Test
    void twoLineChannelExposesIntsForTheHotPath()
    {
        final ReceiverConfig config = parse(props(PORT_DEVICE, "net_null0",
            "channel.itch.a.group", "233.54.12.111:26477",
            "channel.itch.a.source", "206.200.127.138",
            "channel.itch.b.group", "233.54.12.112:26478"));

        assertFalse(config.autoChannels());
        final ChannelConfig channel = config.channels().getFirst();
        assertEquals("itch", channel.name());
        assertTrue(channel.anySession());
        assertEquals(2, channel.lineCount());
        assertEquals(new LineConfig(0xE9360C6F, 26477, 0xCEC87F8A), channel.lineA());
        assertEquals(new LineConfig(0xE9360C70, 26478, LineConfig.ANY_SOURCE), channel.lineB());
        assertTrue(channel.lineA().isMulticast());
        assertFalse(channel.lineA().anySource());
        assertTrue(channel.lineB().anySource());
        assertEquals(channel.lineB(), channel.line(1));
    }

    @Test
    void lineMatchesByDestinationPortAndSource()
    {
        final LineConfig filtered = LineConfig.of("233.54.12.111", 26477, "206.200.127.138");
        final LineConfig open = LineConfig.of("233.54.12.111", 26477, null);
        final int group = 0xE9360C6F;
        final int sender = 0xCEC87F8A;

        assertTrue(filtered.matches(group, 26477, sender));
        assertFalse(filtered.matches(group, 26477, sender + 1));
        assertFalse(filtered.matches(group, 26478, sender));
        assertFalse(filtered.matches(group + 1, 26477, sender));
        assertTrue(open.matches(group, 26477, 0x0A000001));
        assertEquals("233.54.12.111:26477 from 206.200.127.138", filtered.toString());
    }

    @Test
    void singleLineChannelHasNoB()
    {
        final ChannelConfig channel = parse(props(PORT_DEVICE, "net_null0", "channel.solo.a.group", "10.1.2.3:5000"))
            .channels().getFirst();

        assertFalse(channel.hasLineB());
        assertNull(channel.lineB());
        assertEquals(1, channel.lineCount());
        assertFalse(channel.lineA().isMulticast());
        assertThrows(IndexOutOfBoundsException.class, () -> channel.line(1));
    }

    @Test
    void emptyOptionalChannelKeysMeanAbsent()
    {
        final ChannelConfig channel = parse(props(PORT_DEVICE, "net_null0",
            "channel.itch.session", "",
            "channel.itch.a.group", "233.54.12.111:26477",
            "channel.itch.a.source", " ",
            "channel.itch.b.group", "")).channels().getFirst();

        assertTrue(channel.anySession());
        assertTrue(channel.lineA().anySource());
        assertFalse(channel.hasLineB());
    }

    @Test
    void channelsAreOrderedByName()
    {
        final ReceiverConfig config = parse(props(PORT_DEVICE, "net_null0",
            "channel.psx.a.group", "233.54.12.45:26477",
            "channel.bx.a.group", "233.54.12.40:25475",
            "channel.nasdaq.a.group", "233.54.12.111:26477"));

        assertEquals(List.of("bx", "nasdaq", "psx"), config.channels().stream().map(ChannelConfig::name).toList());
    }

    @Test
    void sessionIsComparedAsALongAndAShort()
    {
        final ChannelConfig channel = parse(props(PORT_DEVICE, "net_null0",
            "channel.itch.session", "000010059B",
            "channel.itch.a.group", "233.54.12.111:26477")).channels().getFirst();

        final ByteBuffer wire = ByteBuffer.wrap("000010059B".getBytes(StandardCharsets.US_ASCII));
        assertEquals(wire.getLong(0), channel.session().high8());
        assertEquals(wire.getShort(8), channel.session().low2());
        assertEquals("000010059B", channel.session().text());
    }

    @Test
    void sessionKeepsItsTrailingPaddingFromAFile(@TempDir final Path dir) throws Exception
    {
        final Path file = dir.resolve("padded.properties");
        Files.writeString(file, """
            port.device=net_null0
            channel.itch.a.group=233.54.12.111:26477
            channel.itch.session=ABC      \\u0020
            """);

        final SessionId session = ReceiverConfig.load(file, CPUS).channels().getFirst().session();

        assertEquals("ABC       ", session.text());
        final ByteBuffer wire = ByteBuffer.wrap("ABC       ".getBytes(StandardCharsets.US_ASCII));
        assertEquals(wire.getShort(8), session.low2());
    }

    @Test
    void sameGroupAndPortOnTwoChannelsNamesBothKeys()
    {
        final ConfigException ex = rejected(props(PORT_DEVICE, "net_null0",
            "channel.one.a.group", "233.54.12.111:26477",
            "channel.two.a.group", "233.54.12.112:26477",
            "channel.two.b.group", "233.54.12.111:26477"));

        assertEquals(List.of("channel.two.b.group: \"233.54.12.111:26477\" is not accepted; expected a group:port no other" +
            " line uses (channel.one.a.group has it: one stream cannot feed two lines)"), ex.errors());
    }

    @Test
    void sameGroupOnAnotherPortIsAnotherStream()
    {
        final ReceiverConfig config = parse(props(PORT_DEVICE, "net_null0",
            "channel.one.a.group", "233.54.12.111:26477",
            "channel.two.a.group", "233.54.12.111:26478"));

        assertEquals(2, config.channels().size());
    }

    @Test
    void sameGroupOnBothLinesOfAChannelIsRefused()
    {
        final ConfigException ex = rejected(props(PORT_DEVICE, "net_null0",
            "channel.itch.a.group", "233.54.12.111:26477",
            "channel.itch.b.group", "233.54.12.111:26477"));

        assertEquals(1, ex.errors().size(), ex::getMessage);
        assertTrue(ex.errors().getFirst().startsWith(
            "channel.itch.b.group: \"233.54.12.111:26477\" is not accepted; expected a group:port other than" +
            " channel.itch.a.group's"), ex::getMessage);
    }

    @Test
    void channelWithoutAGroupIsRefused()
    {
        final ConfigException ex = rejected(props(PORT_DEVICE, "net_null0",
            "channel.itch.a.source", "206.200.127.138",
            "channel.itch.b.group", "233.54.12.112:26477"));

        assertEquals(List.of("channel.itch.a.group: missing; channel itch needs its A line, expected IPv4:port, a dotted-quad" +
            " multicast or unicast address (1.0.0.0 to 239.255.255.255) and a port in 1..65535"), ex.errors());
    }

    @Test
    void bSourceWithoutBGroupIsRefused()
    {
        final ConfigException ex = rejected(props(PORT_DEVICE, "net_null0",
            "channel.itch.a.group", "233.54.12.111:26477",
            "channel.itch.b.source", "206.200.127.138"));

        assertEquals(List.of("channel.itch.b.source: \"206.200.127.138\" is not accepted; expected nothing while" +
            " channel.itch.b.group is unset (a source filter belongs to a line)"), ex.errors());
    }

    @Test
    void badChannelNamesAreRefused()
    {
        final String tooLong = "x".repeat(33);
        final ConfigException ex = rejected(props(PORT_DEVICE, "net_null0",
            "channel.it!ch.a.group", "233.54.12.111:26477",
            "channel." + tooLong + ".a.group", "233.54.12.112:26477",
            "channel." + "y".repeat(32) + ".a.group", "233.54.12.113:26477"));

        assertEquals(2, ex.errors().size(), ex::getMessage);
        assertTrue(ex.getMessage().contains("channel.it!ch.a.group (channel name): \"it!ch\" is not accepted; expected a name" +
            " of 1 to 32 characters from A-Z a-z 0-9 _ -"), ex.getMessage());
        assertTrue(ex.getMessage().contains("(channel name): \"" + tooLong + "\" is not accepted"), ex.getMessage());
    }

    @Test
    void groupAndPortBoundariesAreAccepted()
    {
        final ReceiverConfig config = parse(props(PORT_DEVICE, "net_null0",
            "channel.low.a.group", "1.0.0.0:1",
            "channel.low.b.group", "224.0.0.0:65535",
            "channel.high.a.group", "239.255.255.255:00080",
            "channel.high.a.source", "223.255.255.255",
            "channel.high.b.group", "127.0.0.1:9"));

        final ChannelConfig high = config.channels().getFirst();
        assertEquals("high", high.name());
        assertEquals(0xEFFFFFFF, high.lineA().group());
        assertEquals(80, high.lineA().port());
        assertEquals(0xDFFFFFFF, high.lineA().source());
        assertEquals(65535, config.channels().get(1).lineB().port());
    }

    @Test
    void allChannelProblemsAreReportedTogether()
    {
        final ConfigException ex = rejected(props(PORT_DEVICE, "net_null0",
            "channel.itch.session", "short",
            "channel.itch.a.group", "233.54.12.111",
            "channel.itch.a.source", "233.1.1.1",
            "channel.itch.b.group", "233.54.12.112:0"));

        assertEquals(4, ex.errors().size(), ex::getMessage);
        assertTrue(ex.errors().get(0).startsWith("channel.itch.session:"), ex::getMessage);
        assertTrue(ex.errors().get(1).startsWith("channel.itch.a.group:"), ex::getMessage);
        assertTrue(ex.errors().get(2).startsWith("channel.itch.a.source:"), ex::getMessage);
        assertTrue(ex.errors().get(3).startsWith("channel.itch.b.group:"), ex::getMessage);
    }
}
