package io.mdr.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Ipv4Test
{
    @Test
    void nasdaqGroupIsNetworkOrderInt()
    {
        assertEquals(0xE9360C6F, Ipv4.parse("233.54.12.111"));
    }

    @Test
    void parsedValueEqualsABigEndianReadOfTheHeaderBytes()
    {
        final byte[] header = {(byte)206, (byte)200, 127, (byte)138};

        assertEquals(ByteBuffer.wrap(header).order(ByteOrder.BIG_ENDIAN).getInt(), Ipv4.parse("206.200.127.138"));
    }

    @ParameterizedTest
    @CsvSource({
        "0.0.0.0, 0x00000000",
        "255.255.255.255, 0xFFFFFFFF",
        "1.2.3.4, 0x01020304",
        "128.0.0.1, 0x80000001",
        "10.0.0.255, 0x0A0000FF",
    })
    void boundariesParseAndFormatBack(final String text, final String hex)
    {
        final int expected = Integer.parseUnsignedInt(hex.substring(2), 16);

        assertEquals(expected, Ipv4.parse(text));
        assertEquals(text, Ipv4.toString(expected));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''|an empty octet",
        "1|1 octet instead of four",
        "1.2.3|3 octets instead of four",
        "1.2.3.4.5|more than four octets",
        "1..3.4|an empty octet",
        "1.2.3.4.|more than four octets",
        ".1.2.3|an empty octet",
        "1.2.3.256|octet \"256\" is above 255",
        "1.2.3.1000|octet \"1000\" is above 255",
        "01.2.3.4|octet \"01\" has a leading zero",
        "1.2.3.0004|octet \"0004\" has a leading zero",
        "+1.2.3.4|octet \"+1\" is not a decimal number",
        "1.2.3.-4|octet \"-4\" is not a decimal number",
        "0x1.2.3.4|octet \"0x1\" is not a decimal number",
        "' 1.2.3.4'|octet \" 1\" is not a decimal number",
        "localhost|octet \"localhost\" is not a decimal number",
        "::1|octet \"::1\" is not a decimal number",
    })
    void malformedAddressesAreRefusedWithTheReason(final String text, final String reason)
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> Ipv4.parse(text));

        assertEquals(reason, ex.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"224.0.0.0", "233.54.12.111", "239.255.255.255"})
    void multicastRange(final String text)
    {
        assertTrue(Ipv4.isMulticast(Ipv4.parse(text)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"223.255.255.255", "240.0.0.0", "10.0.0.1", "255.255.255.255"})
    void notMulticast(final String text)
    {
        assertFalse(Ipv4.isMulticast(Ipv4.parse(text)));
    }
}
