package io.mdr.config;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static io.mdr.config.ConfigFixtures.*;
import static io.mdr.config.ConfigKeys.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PortConfigTest
{
    @Test
    void vdevGivesVdevArgsAndItsName()
    {
        final PortConfig port = parse(props(PORT_DEVICE, "net_pcap0,rx_pcap=/data/itch.pcap,infinite_rx=1")).port();

        assertTrue(port.isVirtual());
        assertEquals("net_pcap0", port.portName());
        assertEquals("--vdev=net_pcap0,rx_pcap=/data/itch.pcap,infinite_rx=1", port.ealDeviceArgs());
        assertEquals(List.of("--vdev=net_pcap0,rx_pcap=/data/itch.pcap,infinite_rx=1"), port.ealDeviceArgList());
    }

    @Test
    void memifSpecIsAccepted()
    {
        final PortConfig port = parse(props(PORT_DEVICE, "net_memif0,role=client,socket=/run/md/memif.sock")).port();

        assertEquals("net_memif0", port.portName());
        assertEquals("--vdev=net_memif0,role=client,socket=/run/md/memif.sock", port.ealDeviceArgs());
    }

    @Test
    void pciAddressGivesAllowArgs()
    {
        final PortConfig port = parse(props(PORT_DEVICE, "0000:3b:00.0", EAL_ARGS, "-l 0,1")).port();

        assertFalse(port.isVirtual());
        assertEquals("0000:3b:00.0", port.portName());
        assertEquals("-a 0000:3b:00.0", port.ealDeviceArgs());
        assertEquals(List.of("-a", "0000:3b:00.0"), port.ealDeviceArgList());
    }

    @Test
    void pciAddressNeedsEalArgsWithoutNoPci()
    {
        final ConfigException ex = rejected(props(PORT_DEVICE, "0000:3b:00.0"));

        assertEquals(List.of("port.device: \"0000:3b:00.0\" is not accepted; expected a net_ vdev while eal.args holds" +
            " --no-pci (remove --no-pci to use a PCI NIC)"), ex.errors());
    }

    @Test
    void pciAddressMayCarryDevargs()
    {
        final PortConfig port = parse(props(PORT_DEVICE, "0000:AF:1f.7,rxq_cqe_comp_en=0,representor=[0,1]", EAL_ARGS, "")).port();

        assertEquals("0000:AF:1f.7", port.portName());
        assertEquals(List.of("-a", "0000:AF:1f.7,rxq_cqe_comp_en=0,representor=[0,1]"), port.ealDeviceArgList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"net_null0", "net_ring0", "net_tap0", "net_af_packet0,iface=veth1", "net_af_xdp0,iface=veth1"})
    void virtualDevicesThatWorkWithoutANicAreAccepted(final String device)
    {
        assertTrue(parse(props(PORT_DEVICE, device)).port().isVirtual());
    }

    @Test
    void defaultsApplyWhenOnlyTheDeviceIsGiven()
    {
        final PortConfig port = parse(minimal()).port();

        assertEquals(new PortConfig("net_null0", PORT_RX_RING_SIZE_DEFAULT, PORT_TX_RING_SIZE_DEFAULT,
            PORT_MBUF_POOL_SIZE_DEFAULT, PORT_MBUF_CACHE_SIZE_DEFAULT, PORT_BURST_SIZE_DEFAULT, PORT_PROMISCUOUS_DEFAULT,
            RxTimestampSource.fromConfigName(PORT_RX_TIMESTAMP_DEFAULT)), port);
        assertEquals(1024, port.rxRingSize());
        assertEquals(512, port.txRingSize());
        assertEquals(8191, port.mbufPoolSize());
        assertEquals(256, port.mbufCacheSize());
        assertEquals(32, port.burstSize());
        assertTrue(port.promiscuous());
        assertEquals(RxTimestampSource.AUTO, port.rxTimestamp());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"auto, AUTO, true", "nic, NIC, true", "burst, BURST, false"})
    void rxTimestampNamesWhereTheTimestampComesFrom(final String value, final RxTimestampSource expected,
        final boolean enablesOffload)
    {
        final ReceiverConfig config = parse(props(PORT_DEVICE, "net_null0", PORT_RX_TIMESTAMP, value));

        assertEquals(expected, config.port().rxTimestamp());
        assertEquals(enablesOffload, config.port().rxTimestamp().wantsNicTimestamps());
        assertEquals(value, config.toProperties().getProperty(PORT_RX_TIMESTAMP));
        assertEquals(config, parse(config.toProperties()), "round trip through toProperties");
        assertTrue(config.describe().contains(", rx timestamp " + value + "\n"), config.describe());
    }

    @Test
    void rxTimestampIsRequiredInCodeToo()
    {
        assertThrows(NullPointerException.class,
            () -> new PortConfig("net_null0", 1024, 512, 8191, 256, 32, true, null));
    }

    @ParameterizedTest(name = "rx {0}, burst {1}: {2} mbufs at least")
    @CsvSource({"1024, 32, 1600", "64, 1, 578", "4096, 32, 4672", "32768, 512, 34304"})
    void poolExactlyAtTheMinimumIsAcceptedAndOneLessIsNot(final int rx, final int burst, final int minimum)
    {
        final String cache = "0";
        final PortConfig port = parse(props(PORT_DEVICE, "net_null0", PORT_RX_RING_SIZE, Integer.toString(rx),
            PORT_BURST_SIZE, Integer.toString(burst), PORT_MBUF_CACHE_SIZE, cache,
            PORT_MBUF_POOL_SIZE, Integer.toString(minimum))).port();
        assertEquals(minimum, port.mbufPoolSize());
        assertEquals(minimum, PortConfig.minimumMbufPoolSize(rx, burst));

        final ConfigException ex = rejected(props(PORT_DEVICE, "net_null0", PORT_RX_RING_SIZE, Integer.toString(rx),
            PORT_BURST_SIZE, Integer.toString(burst), PORT_MBUF_CACHE_SIZE, cache,
            PORT_MBUF_POOL_SIZE, Integer.toString(minimum - 1)));
        assertEquals(List.of("port.mbufPoolSize: \"" + (minimum - 1) + "\" is not accepted; expected at least" +
            " port.rxRingSize + 2 * port.burstSize + 512 = " + rx + " + 2 * " + burst + " + 512 = " + minimum +
            " (a full rx ring, two bursts in flight and headroom for caches)"), ex.errors());
    }

    @Test
    void poolRelationIsNotCheckedAgainstAnInvalidRing()
    {
        final ConfigException ex = rejected(props(PORT_DEVICE, "net_null0",
            PORT_RX_RING_SIZE, "100", PORT_MBUF_POOL_SIZE, "10"));

        assertEquals(1, ex.errors().size(), ex::getMessage);
        assertTrue(ex.errors().getFirst().startsWith("port.rxRingSize: \"100\""), ex::getMessage);
    }

    @Test
    void cacheMayBeAtMostTwoThirdsOfThePool()
    {
        final String[] base = {PORT_DEVICE, "net_null0", PORT_RX_RING_SIZE, "64", PORT_BURST_SIZE, "1",
            PORT_MBUF_POOL_SIZE, "600"};
        final var accepted = props(base);
        accepted.setProperty(PORT_MBUF_CACHE_SIZE, "400");
        assertEquals(400, parse(accepted).port().mbufCacheSize());

        final var refused = props(base);
        refused.setProperty(PORT_MBUF_CACHE_SIZE, "401");
        final ConfigException ex = rejected(refused);
        assertEquals(List.of("port.mbufCacheSize: \"401\" is not accepted; expected at most 400 with port.mbufPoolSize = 600" +
            " (DPDK refuses a pool smaller than 1.5 x its per-lcore cache)"), ex.errors());
    }

    @Test
    void maximumCacheFollowsDpdksFlushThreshold()
    {
        for (int pool = 1; pool < 2000; pool++)
        {
            final int max = PortConfig.maximumMbufCacheSize(pool);
            // rte_mempool_create_empty: cache_size > 512 || (unsigned)(cache_size * 1.5) > n is refused
            assertTrue(max <= MBUF_CACHE_SIZE_MAX && (int)(max * 1.5) <= pool, "pool " + pool);
            assertTrue(max == MBUF_CACHE_SIZE_MAX || (int)((max + 1) * 1.5) > pool, "pool " + pool);
        }
    }

    @Test
    void constructorRefusesWhatTheParserRefuses()
    {
        final ConfigException ex = assertThrows(ConfigException.class,
            () -> new PortConfig("eth0", 1000, 512, 8191, 256, 0, true, RxTimestampSource.AUTO));

        assertEquals(3, ex.errors().size(), ex::getMessage);
        assertTrue(ex.errors().get(0).startsWith("port.device: \"eth0\""), ex::getMessage);
        assertTrue(ex.errors().get(1).startsWith("port.rxRingSize: \"1000\" is not accepted; expected a power of two"));
        assertTrue(ex.errors().get(2).startsWith("port.burstSize: \"0\" is not accepted; expected an integer in 1..512"));
    }

    @Test
    void constructorChecksThePoolRelation()
    {
        final ConfigException ex = assertThrows(ConfigException.class,
            () -> new PortConfig("net_null0", 4096, 512, 4000, 256, 32, true, RxTimestampSource.AUTO));

        assertTrue(ex.errors().getFirst().startsWith("port.mbufPoolSize: \"4000\" is not accepted; expected at least"));
    }
}
