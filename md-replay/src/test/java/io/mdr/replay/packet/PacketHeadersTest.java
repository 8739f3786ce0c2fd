package io.mdr.replay.packet;

import io.mdr.net.PacketHeaders;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PacketHeadersTest {
    @Test
    void ipv4Text() {
        assertEquals(0xE9360C6F, PacketHeaders.parseIpv4("233.54.12.111"));
        assertEquals(0xFFFFFFFF, PacketHeaders.parseIpv4("255.255.255.255"));
        assertEquals("206.200.127.138", PacketHeaders.formatIpv4(PacketHeaders.parseIpv4("206.200.127.138")));
        assertEquals("0.0.0.0", PacketHeaders.formatIpv4(0));
        for (String bad : new String[] {"", "1.2.3", "1.2.3.4.5", "1.2.3.256", "1.2.-3.4", "a.b.c.d", "1..2.3", "+1.2.3.4", "1.2.3.0004"}) {
            assertThrows(IllegalArgumentException.class, () -> PacketHeaders.parseIpv4(bad), bad);
        }
    }

    @Test
    void macText() {
        assertEquals(0xD4AFF7CB20D5L, PacketHeaders.parseMac("d4:af:f7:cb:20:d5"));
        assertEquals(0xD4AFF7CB20D5L, PacketHeaders.parseMac("D4-AF-F7-CB-20-D5"));
        assertEquals("01:00:5e:00:00:01", PacketHeaders.formatMac(0x01005E000001L));
        for (String bad : new String[] {"", "d4:af:f7:cb:20", "d4:af:f7:cb:20:d5:00", "d4:af:f7:cb:20:g5", "d4:af:f7:cb:20:123", "d4:af:f7:cb:20:"}) {
            assertThrows(IllegalArgumentException.class, () -> PacketHeaders.parseMac(bad), bad);
        }
    }

    @Test
    void multicast() {
        assertTrue(PacketHeaders.isMulticast(PacketHeaders.parseIpv4("224.0.0.1")));
        assertTrue(PacketHeaders.isMulticast(PacketHeaders.parseIpv4("239.255.255.255")));
        assertFalse(PacketHeaders.isMulticast(PacketHeaders.parseIpv4("223.255.255.255")));
        assertFalse(PacketHeaders.isMulticast(PacketHeaders.parseIpv4("240.0.0.0")));
        assertEquals(0x01005E360C6FL, PacketHeaders.multicastMac(PacketHeaders.parseIpv4("233.54.12.111")));
        assertEquals(0x01005E360C6FL, PacketHeaders.multicastMac(PacketHeaders.parseIpv4("233.182.12.111")),
                "32 groups share each MAC");
        assertThrows(IllegalArgumentException.class, () -> PacketHeaders.multicastMac(PacketHeaders.parseIpv4("10.0.0.1")));
    }

    @Test
    void checksumOfAnyLengthAndOffsetMatchesThePlainImplementation() {
        Random random = new Random(7);
        byte[] bytes = new byte[3000];
        for (int i = 0; i < 5_000; i++) {
            random.nextBytes(bytes);
            if (i % 10 == 0) {
                java.util.Arrays.fill(bytes, (byte) 0xFF); // the most carries
            }
            int offset = random.nextInt(100);
            int length = random.nextInt(bytes.length - offset + 1);
            int checksum = PacketHeaders.finishChecksum(PacketHeaders.onesComplementSum(new UnsafeBuffer(bytes), offset, length, 0));
            assertEquals(Checksums.internetChecksum(bytes, offset, length), checksum, "offset " + offset + ", length " + length);
        }
    }

    @Test
    void macInAndOut() {
        byte[] bytes = new byte[8];
        PacketHeaders.putMac(new UnsafeBuffer(bytes), 1, 0xD4AFF7CB20D5L);
        assertEquals("00d4aff7cb20d500", java.util.HexFormat.of().formatHex(bytes));
        assertEquals(0xD4AFF7CB20D5L, PacketHeaders.getMac(new UnsafeBuffer(bytes), 1));
    }
}
