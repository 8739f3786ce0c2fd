package io.mdr.itch;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ItchMessageTypeTest
{
    /** Lengths from the ITCH 5.0 spec, type byte included. */
    private static final String TYPES = "SRHYLVWKJhAFECXDUPQBINO";
    private static final int[] LENGTHS =
        {12, 39, 25, 20, 26, 35, 12, 28, 35, 21, 36, 40, 31, 36, 23, 19, 35, 44, 40, 19, 50, 20, 48};

    @Test
    void lengthTableMatchesSpec()
    {
        for (int i = 0; i < TYPES.length(); i++)
        {
            final byte type = (byte)TYPES.charAt(i);
            assertEquals(LENGTHS[i], ItchMessageType.length(type), "length of " + TYPES.charAt(i));
            assertTrue(ItchMessageType.isKnown(type));
        }
    }

    @Test
    void everyOtherByteIsUnknown()
    {
        int known = 0;
        for (int b = 0; b < 256; b++)
        {
            final byte type = (byte)b;
            if (TYPES.indexOf(b) >= 0)
            {
                known++;
                continue;
            }
            assertEquals(0, ItchMessageType.length(type), "length of " + b);
            assertFalse(ItchMessageType.isKnown(type));
            assertNull(ItchMessageType.name(type));
        }
        assertEquals(ItchMessageType.COUNT, known);
    }

    @Test
    void namesAfterTheSpec()
    {
        assertEquals("AddOrder", ItchMessageType.name(ItchMessageType.ADD_ORDER));
        assertEquals("SystemEvent", ItchMessageType.name((byte)'S'));
        assertEquals("OperationalHalt", ItchMessageType.name((byte)'h'));
        assertEquals("Noii", ItchMessageType.name((byte)'I'));
        final Set<String> names = new HashSet<>();
        for (int i = 0; i < ItchMessageType.COUNT; i++)
        {
            names.add(ItchMessageType.name(ItchMessageType.typeAt(i)));
        }
        assertEquals(ItchMessageType.COUNT, names.size());
    }

    @Test
    void typesInSpecOrder()
    {
        assertEquals(TYPES.length(), ItchMessageType.COUNT);
        int max = 0;
        for (int i = 0; i < ItchMessageType.COUNT; i++)
        {
            assertEquals(TYPES.charAt(i), (char)ItchMessageType.typeAt(i));
            max = Math.max(max, LENGTHS[i]);
        }
        assertEquals(max, ItchMessageType.MAX_LENGTH);
    }

    @Test
    void decodersAgreeWithTheTable()
    {
        final ItchDecoders decoders = new ItchDecoders();
        for (int b = 0; b < 256; b++)
        {
            final byte type = (byte)b;
            final ItchMessageDecoder decoder = decoders.decoderFor(type);
            if (!ItchMessageType.isKnown(type))
            {
                assertNull(decoder, "decoder for " + b);
                continue;
            }
            assertNotNull(decoder, "decoder for " + (char)b);
            assertEquals(type, decoder.expectedType());
            assertEquals(ItchMessageType.length(type), decoder.length());
            assertSame(decoder, decoders.decoderFor(type));
        }
        assertSame(decoders.addOrder(), decoders.decoderFor(AddOrderDecoder.TYPE));
        assertEquals(36, AddOrderDecoder.LENGTH);
        assertEquals(AddOrderDecoder.LENGTH, AddOrderEncoder.LENGTH);
    }
}
