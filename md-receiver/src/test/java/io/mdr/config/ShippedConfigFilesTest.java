package io.mdr.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.mdr.config.ConfigFixtures.configFile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The configuration files in config/ parse, say what they are meant to say, and explain every key.
 */
class ShippedConfigFilesTest
{
    private static final Path DEV = configFile("receiver-dev.properties");
    private static final Path COLO = configFile("receiver-colo.properties");

    /** The dev file is for a box with at least two CPUs (it pins to core 1). */
    private static final int DEV_CPUS = 2;

    /** A colo host has many cores; 2 must exist. */
    private static final int COLO_CPUS = 64;

    @Test
    void projectRootIsFoundWithoutSurefiresProperty()
    {
        final Path fromSurefire = ConfigFixtures.projectRoot();
        final String saved = System.clearProperty("md.project.root");
        try
        {
            final Path walkedUp = ConfigFixtures.projectRoot();
            assertTrue(Files.isRegularFile(walkedUp.resolve("config/receiver-dev.properties")), walkedUp.toString());
            assertEquals(fromSurefire.toAbsolutePath().normalize(), walkedUp.toAbsolutePath().normalize());
        }
        finally
        {
            if (saved != null)
            {
                System.setProperty("md.project.root", saved);
            }
        }
    }

    @Test
    void devFileParsesOnThisHost()
    {
        final int cpus = Runtime.getRuntime().availableProcessors();
        if (cpus >= DEV_CPUS)
        {
            assertEquals(1, ReceiverConfig.load(DEV).core());
        }
        assertEquals(1, ReceiverConfig.load(DEV, DEV_CPUS).core());
    }

    @Test
    void devFileIsADevelopmentBoxWithAMemifPort()
    {
        final ReceiverConfig config = ReceiverConfig.load(DEV, DEV_CPUS);

        assertEquals("--no-huge -m 512 --no-pci --no-shconf --file-prefix md-receiver-dev", config.ealArgs());
        assertEquals(ReceiverMode.FULL, config.mode());
        assertEquals(IdleStrategyKind.BUSY_SPIN, config.idleStrategy());
        assertTrue(config.port().isVirtual());
        assertEquals("net_memif0", config.port().portName());
        assertEquals("--vdev=net_memif0,role=client,socket=/tmp/md-replay.sock", config.port().ealDeviceArgs());
        assertEquals(RxTimestampSource.AUTO, config.port().rxTimestamp());
        assertEquals(List.of("--no-huge", "-m", "512", "--no-pci", "--no-shconf", "--file-prefix", "md-receiver-dev",
            "--vdev=net_memif0,role=client,socket=/tmp/md-replay.sock"), config.ealArguments());

        assertEquals(1, config.channels().size());
        final ChannelConfig itch = config.channels().getFirst();
        assertEquals("itch", itch.name());
        assertTrue(itch.anySession());
        assertEquals(new LineConfig(0xE9360C6F, 26477, LineConfig.ANY_SOURCE), itch.lineA());
        assertEquals(new LineConfig(0xE9360C70, 26477, LineConfig.ANY_SOURCE), itch.lineB());
    }

    @Test
    void coloFileParsesForAColoHost()
    {
        final ReceiverConfig config = ReceiverConfig.load(COLO, COLO_CPUS);

        assertEquals(2, config.core());
        assertEquals("-l 0,2 --main-lcore 0 -n 4 --socket-mem 1024 --huge-dir /dev/hugepages --file-prefix md-receiver",
            config.ealArgs());
        assertFalse(config.port().isVirtual());
        assertEquals("0000:3b:00.0", config.port().portName());
        assertEquals("-a 0000:3b:00.0", config.port().ealDeviceArgs());
        assertEquals(4096, config.port().rxRingSize());
        assertEquals(RxTimestampSource.AUTO, config.port().rxTimestamp());
        assertTrue(config.port().mbufPoolSize() > PortConfig.minimumMbufPoolSize(4096, config.port().burstSize()));
        assertEquals(IdleStrategyKind.BUSY_SPIN, config.idleStrategy());
        assertEquals(Path.of("/dev/shm/md-receiver/journal"), config.journal().path());
        assertEquals("FAST_HOURLY", config.journal().rollCycle());

        final ChannelConfig nasdaq = config.channels().getFirst();
        assertEquals(2, nasdaq.lineCount());
        assertEquals("233.54.12.111:26477", nasdaq.lineA().groupText());
        assertTrue(nasdaq.lineB().isMulticast());
    }

    @Test
    void coloFileOnASmallHostNamesTheMissingCore()
    {
        final ConfigException ex = assertThrows(ConfigException.class, () -> ReceiverConfig.load(COLO, 2));

        assertEquals(List.of("receiver.core: \"2\" is not accepted; expected an integer in 0..1 (this host has 2 CPUs)"),
            ex.errors());
    }

    @ParameterizedTest
    @ValueSource(strings = {"receiver-socket.properties", "receiver-epoll.properties", "receiver-io_uring.properties"})
    void kernelPortFilesJoinTheDevLinesOnTheReadmesVeth(final String name)
    {
        final ReceiverConfig config = ReceiverConfig.load(configFile(name), DEV_CPUS);

        final String kind = name.substring("receiver-".length(), name.indexOf('.'));
        assertEquals(kind, config.portKind().configName());
        assertEquals(null, config.port());
        assertEquals("mdr-veth1", config.kernelPort().networkInterface());
        assertEquals(List.of(), config.ealArguments());
        assertEquals(Path.of("/dev/shm/md-receiver-" + kind + "/journal"), config.journal().path());
        assertTrue(config.stats().exchangeToHandler());
        assertEquals("America/New_York", config.stats().exchangeZone().getId());
        final ChannelConfig itch = config.channels().getFirst();
        assertEquals(new LineConfig(0xE9360C6F, 26477, LineConfig.ANY_SOURCE), itch.lineA());
        assertEquals(new LineConfig(0xE9360C70, 26477, LineConfig.ANY_SOURCE), itch.lineB());
        if (config.portKind() == PortKind.IO_URING)
        {
            assertEquals(UringReceive.AUTO, config.kernelPort().uringReceive());
        }
    }

    @Test
    void afXdpFileIsADpdkPortOnTheReadmesVeth()
    {
        final ReceiverConfig config = ReceiverConfig.load(configFile("receiver-afxdp.properties"), DEV_CPUS);

        assertEquals(PortKind.DPDK, config.portKind());
        assertEquals("net_af_xdp0", config.port().portName());
        assertTrue(config.port().device().contains("iface=mdr-veth1"), config.port().device());
        assertEquals("--vdev=net_af_xdp0,iface=mdr-veth1,start_queue=0,queue_count=1", config.port().ealDeviceArgs());
        assertEquals(2, config.channels().getFirst().lineCount());
    }

    @ParameterizedTest
    @ValueSource(strings = {"receiver-dev.properties", "receiver-colo.properties", "receiver-socket.properties",
        "receiver-epoll.properties", "receiver-io_uring.properties", "receiver-afxdp.properties"})
    void everyKeyIsSetAndCommented(final String name) throws Exception
    {
        final List<String> lines = Files.readAllLines(configFile(name));
        final List<String> keys = new ArrayList<>();
        String previous = "";
        for (final String line : lines)
        {
            final String text = line.strip();
            if (text.isEmpty())
            {
                continue;
            }
            if (!text.startsWith("#"))
            {
                final String key = text.split("[=:\\s]", 2)[0];
                keys.add(key);
                assertTrue(previous.startsWith("#"), name + ": no comment above " + key);
            }
            previous = text;
        }
        final List<String> expected = ConfigKeys.keysFor(ReceiverConfig.load(configFile(name), COLO_CPUS).portKind());
        assertTrue(keys.containsAll(expected), name + " should set every key of its port kind; missing " +
            expected.stream().filter(key -> !keys.contains(key)).toList());
    }
}
