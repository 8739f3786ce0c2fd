package io.mdr.config;

import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import static io.mdr.config.ConfigFixtures.parse;
import static io.mdr.config.ConfigFixtures.props;
import static io.mdr.config.ConfigFixtures.rejected;
import static io.mdr.config.ConfigKeys.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code port.kind} and the kernel ports' keys: what each kind accepts, what it refuses and how the refusal reads.
 */
class KernelPortConfigTest
{
    private static Properties kernel(final String kind, final String... more)
    {
        final Properties p = props(PORT_KIND, kind, PORT_INTERFACE, "eth0", "channel.itch.a.group", "233.54.12.111:26477",
            "channel.itch.b.group", "233.54.12.112:26477");
        for (int i = 0; i + 1 < more.length; i += 2)
        {
            p.setProperty(more[i], more[i + 1]);
        }
        return p;
    }

    @Test
    void eachKernelKindParsesWithItsDefaults()
    {
        for (final PortKind kind : List.of(PortKind.SOCKET, PortKind.EPOLL, PortKind.IO_URING))
        {
            final ReceiverConfig config = parse(kernel(kind.configName()));
            assertEquals(kind, config.portKind());
            assertNull(config.port());
            assertEquals(new KernelPortConfig(kind, "eth0", PORT_RECEIVE_BUFFER_BYTES_DEFAULT, PORT_MAX_DATAGRAM_BYTES_DEFAULT,
                PORT_BURST_SIZE_DEFAULT, PORT_URING_ENTRIES_DEFAULT, PORT_URING_COMPLETION_ENTRIES_DEFAULT,
                PORT_URING_BUFFERS_DEFAULT, UringReceive.AUTO), config.kernelPort());
            assertTrue(config.describe().contains("port      " + kind.configName() + " (kernel): interface eth0"), config.describe());
            // toProperties gives back the same configuration, and sets no key of another kind
            assertEquals(config.kernelPort(), ReceiverConfig.parse(config.toProperties(), "again", 4).kernelPort());
            assertNull(config.toProperties().getProperty(PORT_DEVICE));
        }
    }

    @Test
    void ioUringSettingsAreRead()
    {
        final KernelPortConfig port = parse(kernel("io_uring", PORT_URING_ENTRIES, "8", PORT_URING_COMPLETION_ENTRIES, "16",
            PORT_URING_BUFFERS, "64", PORT_URING_RECEIVE, "recvmsg", PORT_MAX_DATAGRAM_BYTES, "1500",
            PORT_RECEIVE_BUFFER_BYTES, "65536", PORT_BURST_SIZE, "8")).kernelPort();
        assertEquals(new KernelPortConfig(PortKind.IO_URING, "eth0", 65536, 1500, 8, 8, 16, 64, UringReceive.RECVMSG), port);
    }

    @Test
    void keysOfAnotherKindAreRefusedByName()
    {
        final ConfigException dpdkKeys = rejected(kernel("epoll", PORT_DEVICE, "net_null0", PORT_RX_RING_SIZE, "1024",
            EAL_ARGS, "--no-huge", PORT_URING_BUFFERS, "64"));
        assertEquals(List.of(
            "eal.args: set while port.kind=epoll; it applies to port.kind=dpdk only (remove it, or change port.kind)",
            "port.device: set while port.kind=epoll; it applies to port.kind=dpdk only (remove it, or change port.kind)",
            "port.rxRingSize: set while port.kind=epoll; it applies to port.kind=dpdk only (remove it, or change port.kind)",
            "port.uringBuffers: set while port.kind=epoll; it applies to port.kind=io_uring only (remove it, or change port.kind)"),
            dpdkKeys.errors());

        final ConfigException kernelKeys = rejected(props(PORT_DEVICE, "net_null0", PORT_INTERFACE, "eth0"));
        assertTrue(kernelKeys.getMessage().contains("port.interface: set while port.kind=dpdk; it applies to the kernel kinds"),
            kernelKeys.getMessage());
    }

    @Test
    void aKernelPortNeedsChannelsAndAnInterfaceForItsMulticastLines()
    {
        final ConfigException noChannels = rejected(props(PORT_KIND, "socket"));
        assertTrue(noChannels.getMessage().contains("port.kind=socket opens a socket for each configured line, so it needs at least one channel"),
            noChannels.getMessage());

        final ConfigException noInterface = rejected(props(PORT_KIND, "io_uring", "channel.itch.a.group", "233.54.12.111:26477"));
        assertTrue(noInterface.getMessage().contains(
            "port.interface: missing; channel.itch.a.group=233.54.12.111:26477 is a multicast group, which port.kind=io_uring joins on an interface"),
            noInterface.getMessage());

        final ReceiverConfig unicast = parse(props(PORT_KIND, "epoll", "channel.itch.a.group", "10.0.0.2:26477"));
        assertNull(unicast.kernelPort().networkInterface());
    }

    @Test
    void badKernelValuesNameTheKeyAndWhatItAccepts()
    {
        final ConfigException e = rejected(kernel("io_uring", PORT_INTERFACE, "eth 0", PORT_URING_ENTRIES, "100",
            PORT_URING_COMPLETION_ENTRIES, "65536", PORT_URING_RECEIVE, "fast", PORT_MAX_DATAGRAM_BYTES, "70000",
            PORT_RECEIVE_BUFFER_BYTES, "1000"));
        final String text = e.getMessage();
        assertTrue(text.contains("port.interface: \"eth 0\" is not accepted; expected a network interface name"), text);
        assertTrue(text.contains("port.uringEntries: \"100\" is not accepted; expected a power of two in 2..32768"), text);
        assertTrue(text.contains("port.uringReceive: \"fast\" is not accepted; expected one of auto, multishot, recvmsg"), text);
        assertTrue(text.contains("port.maxDatagramBytes: \"70000\" is not accepted; expected an integer in 64..65507"), text);
        assertTrue(text.contains("port.receiveBufferBytes: \"1000\""), text);

        final ConfigException smallCq = rejected(kernel("io_uring", PORT_URING_ENTRIES, "64", PORT_URING_COMPLETION_ENTRIES, "32"));
        assertTrue(smallCq.getMessage().contains("port.uringCompletionEntries: \"32\" is not accepted; expected at least port.uringEntries = 64"),
            smallCq.getMessage());

        final ConfigException kind = rejected(props(PORT_KIND, "xdp"));
        assertTrue(kind.getMessage().contains("port.kind: \"xdp\" is not accepted; expected one of dpdk, socket, epoll, io_uring"),
            kind.getMessage());
        assertTrue(!kind.getMessage().contains("unknown key"), "no port key is reported unknown when the kind is bad: " + kind.getMessage());
    }

    @Test
    void exchangeLatencyAndItsZone()
    {
        final ReceiverConfig utc = parse(props(PORT_DEVICE, "net_null0", LATENCY_EXCHANGE_TO_HANDLER, "true", LATENCY_EXCHANGE_ZONE, "UTC"));
        assertTrue(utc.stats().exchangeToHandler());
        assertEquals("UTC", utc.stats().exchangeZone().getId());
        assertTrue(utc.describe().contains("exchange->handler from ITCH timestamps (UTC midnight)"), utc.describe());

        final ConfigException zone = rejected(props(PORT_DEVICE, "net_null0", LATENCY_EXCHANGE_ZONE, "New York"));
        assertTrue(zone.getMessage().contains("latency.exchangeZone: \"New York\" is not accepted; expected an IANA time-zone id"),
            zone.getMessage());
    }
}
