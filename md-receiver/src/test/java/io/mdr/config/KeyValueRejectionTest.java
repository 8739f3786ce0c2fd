package io.mdr.config;

import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.mdr.config.ConfigFixtures.*;
import static io.mdr.config.ConfigKeys.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Every key refuses its bad values with one message naming the key, the value and what the key accepts.
 */
class KeyValueRejectionTest
{
    private static final String RING = "a power of two in 64..32768";
    private static final String ROLL_CYCLES =
        "one of FAST_HOURLY, HOURLY, FAST_DAILY, DAILY, TEN_MINUTELY, FIVE_MINUTELY, MINUTELY, LARGE_DAILY, HUGE_DAILY";
    private static final String A_GROUP = channelKey("itch", CHANNEL_A_GROUP);
    private static final String A_SOURCE = channelKey("itch", CHANNEL_A_SOURCE);
    private static final String B_GROUP = channelKey("itch", CHANNEL_B_GROUP);
    private static final String B_SOURCE = channelKey("itch", CHANNEL_B_SOURCE);
    private static final String SESSION = channelKey("itch", CHANNEL_SESSION);

    static Stream<Arguments> badValues()
    {
        final String core = "an integer in 0..3 (this host has 4 CPUs)";
        final String session = "exactly 10 printable ASCII characters";
        final String group = "IPv4:port, a dotted-quad multicast or unicast address (1.0.0.0 to 239.255.255.255) and a port in 1..65535";
        final String source = "a dotted-quad unicast IPv4 address (1.0.0.0 to 223.255.255.255), or nothing for any source";
        final String device = "a DPDK vdev spec net_<driver><n>[,key=value...]";
        return Stream.of(
            arguments(RECEIVER_CORE, "-1", core),
            arguments(RECEIVER_CORE, "4", core),
            arguments(RECEIVER_CORE, "one", core),
            arguments(RECEIVER_CORE, "1.0", core),
            arguments(RECEIVER_CORE, "", core),
            arguments(RECEIVER_CORE, "99999999999999999999", core),
            arguments(RECEIVER_MODE, "FULL", "one of full, rx-only"),
            arguments(RECEIVER_MODE, "rx_only", "one of full, rx-only"),
            arguments(IDLE_STRATEGY, "spin", "one of busy-spin, no-op, yielding, backoff, sleeping"),
            arguments(IDLE_STRATEGY, "BUSY_SPIN", "one of busy-spin, no-op, yielding, backoff, sleeping"),
            arguments(PORT_DEVICE, "eth0", device),
            arguments(PORT_DEVICE, "net_", device),
            arguments(PORT_DEVICE, "net_pcap0,rx_pcap", "devarg \"rx_pcap\" is not key=value"),
            arguments(PORT_DEVICE, "net_pcap0,rx_pcap=", "has no value after '='"),
            arguments(PORT_DEVICE, "net_pcap0,=/tmp/a.pcap", "has no key before '='"),
            arguments(PORT_DEVICE, "net_pcap0,rx_pcap=/tmp/a,b.pcap", "devarg \"b.pcap\" is not key=value"),
            arguments(PORT_DEVICE, "net_pcap0,rx_pcap=/tmp/my capture.pcap", "it contains a blank"),
            arguments(PORT_DEVICE, "3b:00.0", "a PCI address needs its domain: 0000:3b:00.0"),
            arguments(PORT_DEVICE, "0000:3b:20.0", "or a PCI address DDDD:BB:DD.F"),
            arguments(PORT_DEVICE, "0000:3b:00.8", "or a PCI address DDDD:BB:DD.F"),
            arguments(PORT_DEVICE, "0000:3g:00.0", "or a PCI address DDDD:BB:DD.F"),
            arguments(PORT_RX_RING_SIZE, "0", RING),
            arguments(PORT_RX_RING_SIZE, "32", RING),
            arguments(PORT_RX_RING_SIZE, "1000", RING),
            arguments(PORT_RX_RING_SIZE, "65536", RING),
            arguments(PORT_RX_RING_SIZE, "0x400", RING),
            arguments(PORT_TX_RING_SIZE, "63", RING),
            arguments(PORT_TX_RING_SIZE, "768", RING),
            arguments(PORT_TX_RING_SIZE, "", RING),
            arguments(PORT_MBUF_POOL_SIZE, "0", "an integer in 1..16777215"),
            arguments(PORT_MBUF_POOL_SIZE, "16777216", "an integer in 1..16777215"),
            arguments(PORT_MBUF_POOL_SIZE, "8k", "an integer in 1..16777215"),
            arguments(PORT_MBUF_CACHE_SIZE, "-1", "an integer in 0..512"),
            arguments(PORT_MBUF_CACHE_SIZE, "513", "an integer in 0..512"),
            arguments(PORT_BURST_SIZE, "0", "an integer in 1..512"),
            arguments(PORT_BURST_SIZE, "513", "an integer in 1..512"),
            arguments(PORT_BURST_SIZE, "32 packets", "an integer in 1..512"),
            arguments(PORT_PROMISCUOUS, "yes", "true or false"),
            arguments(PORT_PROMISCUOUS, "TRUE", "true or false"),
            arguments(PORT_PROMISCUOUS, "1", "true or false"),
            arguments(PORT_RX_TIMESTAMP, "hardware", "one of auto, nic, burst"),
            arguments(PORT_RX_TIMESTAMP, "NIC", "one of auto, nic, burst"),
            arguments(PORT_RX_TIMESTAMP, "true", "one of auto, nic, burst"),
            arguments(PORT_RX_TIMESTAMP, "", "one of auto, nic, burst"),
            arguments(SESSION, "ABC", session + ", right-padded with spaces as MoldUDP64 sends them"),
            arguments(SESSION, "000010059BX", session),
            arguments(SESSION, "000010059\u00e9", session),
            arguments(SESSION, "000010059\t", session),
            arguments(A_GROUP, "233.54.12.111", group + " (no :port)"),
            arguments(A_GROUP, "233.54.12.111:0", group + " (port \"0\" is not in 1..65535)"),
            arguments(A_GROUP, "233.54.12.111:65536", group),
            arguments(A_GROUP, "233.54.12.111:http", group),
            arguments(A_GROUP, "233.54.12.256:26477", "octet \"256\" is above 255"),
            arguments(A_GROUP, "233.054.12.111:26477", "octet \"054\" has a leading zero"),
            arguments(A_GROUP, "233.54.12:26477", "3 octets instead of four"),
            arguments(A_GROUP, "nasdaq.example:26477", "is not a decimal number"),
            arguments(A_GROUP, "[::1]:26477", "more than one ':'"),
            arguments(A_GROUP, "0.1.2.3:26477", "0.x.x.x is not a destination"),
            arguments(A_GROUP, "255.255.255.255:26477", "240.0.0.0 and above are reserved or broadcast"),
            arguments(A_SOURCE, "233.54.12.1", source + " (a multicast address is never a source)"),
            arguments(A_SOURCE, "0.0.0.0", source),
            arguments(A_SOURCE, "206.200.127", source),
            arguments(A_SOURCE, "206.200.127.138:49653", source),
            arguments(B_GROUP, "233.54.12.112", group),
            arguments(B_GROUP, "233.54.12.112:-1", group),
            arguments(B_SOURCE, "240.1.1.1", source),
            arguments(JOURNAL_PATH, "", "a non-empty file-system path"),
            arguments(JOURNAL_PATH, "/dev/shm/a\u0000b", "a non-empty file-system path"),
            arguments(JOURNAL_ROLL_CYCLE, "hourly", ROLL_CYCLES),
            arguments(JOURNAL_ROLL_CYCLE, "WEEKLY", ROLL_CYCLES),
            arguments(JOURNAL_ENABLED, "on", "true or false"),
            arguments(JOURNAL_MIN_FREE_MB, "8", "an integer in 16..16777216"),
            arguments(JOURNAL_MIN_FREE_MB, "1G", "an integer in 16..16777216"),
            arguments(JOURNAL_RETAIN_CYCLES, "-1", "an integer in 0..1000000"),
            arguments(STATS_INTERVAL_MS, "99", "an integer in 100..3600000"),
            arguments(STATS_INTERVAL_MS, "3600001", "an integer in 100..3600000"),
            arguments(STATS_INTERVAL_MS, "1s", "an integer in 100..3600000"),
            arguments(STATS_COUNTERS_FILE, "", "a non-empty file-system path"),
            arguments(LATENCY_HISTOGRAM_LOG, "/tmp/a\u0000b.hlog", "a non-empty file-system path"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("badValues")
    void badValueIsRejectedWithKeyValueAndWhatIsAccepted(final String key, final String value, final String accepted)
    {
        final Properties properties = minimal();
        if (key.startsWith(CHANNEL_PREFIX))
        {
            properties.setProperty(A_GROUP, "233.54.12.111:26477");
            if (key.equals(B_SOURCE))
            {
                properties.setProperty(B_GROUP, "233.54.12.112:26477");
            }
        }
        properties.setProperty(key, value);

        final ConfigException ex = rejected(properties);

        assertEquals(1, ex.errors().size(), ex::getMessage);
        final String error = ex.errors().getFirst();
        assertTrue(error.startsWith(key + ": " + Problems.quote(value) + " is not accepted; expected "), error);
        assertTrue(error.contains(accepted), () -> error + "\nshould contain: " + accepted);
        assertEquals("test.properties: " + error, ex.getMessage());
    }

    @Test
    void exampleMessageOfTheFormatReadsExactly()
    {
        final ConfigException ex = rejected(props(PORT_DEVICE, "net_null0", PORT_BURST_SIZE, "0"));

        assertEquals(List.of("port.burstSize: \"0\" is not accepted; expected an integer in 1..512"), ex.errors());
    }

    @Test
    void valuesAreQuotedSoInvisibleCharactersShow()
    {
        final ConfigException ex = rejected(props(PORT_DEVICE, "net_null0", channelKey("x", CHANNEL_A_GROUP),
            "233.54.12.111:26477", channelKey("x", CHANNEL_SESSION), "ABCDEFGHI\u0001"));

        assertTrue(ex.getMessage().contains("\"ABCDEFGHI\\u0001\""), ex.getMessage());
        assertTrue(ex.getMessage().contains("character 10 is U+0001"), ex.getMessage());
    }

    @Test
    void rxTimestampMessageReadsExactly()
    {
        final ConfigException ex = rejected(props(PORT_DEVICE, "net_null0", PORT_RX_TIMESTAMP, "ptp"));

        assertEquals(List.of("port.rxTimestamp: \"ptp\" is not accepted; expected one of auto, nic, burst"), ex.errors());
    }

    @Test
    void missingPortDeviceIsRequired()
    {
        final ConfigException ex = rejected(new Properties());

        assertEquals(1, ex.errors().size(), ex::getMessage);
        assertTrue(ex.errors().getFirst().startsWith("port.device: missing; it is required, expected a DPDK vdev spec"),
            ex::getMessage);
    }

    @Test
    void emptyPortDeviceIsRequired()
    {
        final ConfigException ex = rejected(props(PORT_DEVICE, "  "));

        assertTrue(ex.errors().getFirst().startsWith("port.device: empty; it is required"), ex::getMessage);
    }

    @Test
    void pciDeviceWithNoPciInEalArgsNamesBothKeys()
    {
        final ConfigException ex = rejected(props(PORT_DEVICE, "0000:3b:00.0", EAL_ARGS, "--no-huge -m 512 --no-pci"));

        assertEquals(List.of("port.device: \"0000:3b:00.0\" is not accepted; expected a net_ vdev while eal.args" +
            " holds --no-pci (remove --no-pci to use a PCI NIC)"), ex.errors());
    }

    @Test
    void sessionShorterThanTenShowsItPadded()
    {
        final ConfigException ex = rejected(props(PORT_DEVICE, "net_null0",
            channelKey("x", CHANNEL_A_GROUP), "233.54.12.111:26477", channelKey("x", CHANNEL_SESSION), "ABC"));

        assertTrue(ex.getMessage().contains("it has 3 characters; padded it would read \"ABC       \""), ex.getMessage());
    }
}
