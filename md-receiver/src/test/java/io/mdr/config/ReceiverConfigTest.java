package io.mdr.config;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NoOpIdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static io.mdr.config.ConfigFixtures.*;
import static io.mdr.config.ConfigKeys.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReceiverConfigTest
{
    @Test
    void everyDefaultAppliesToAMinimalConfiguration()
    {
        final ReceiverConfig config = parse(minimal());

        assertEquals("test.properties", config.sourceName());
        assertEquals(EAL_ARGS_DEFAULT, config.ealArgs());
        assertEquals(List.of("--no-huge", "-m", "512", "--no-pci", "--no-shconf", "--file-prefix", "md-receiver"),
            config.ealArgList());
        assertEquals(1, config.core());
        assertEquals(ReceiverMode.FULL, config.mode());
        assertEquals(IdleStrategyKind.BUSY_SPIN, config.idleStrategy());
        assertEquals(new JournalConfig(Path.of("/dev/shm/md-receiver/journal"), "FAST_HOURLY", true), config.journal());
        assertEquals(new StatsConfig(1000, Path.of("/dev/shm/md-receiver/counters.dat"), null), config.stats());
        assertFalse(config.stats().hasHistogramLog());
        assertTrue(config.autoChannels());
    }

    @Test
    void everyKeyIsRead()
    {
        final ReceiverConfig config = parse(props(
            EAL_ARGS, "  --no-huge   -m 256 --no-pci  ",
            RECEIVER_CORE, "3",
            RECEIVER_MODE, "rx-only",
            IDLE_STRATEGY, "backoff",
            PORT_DEVICE, "net_ring0",
            PORT_RX_RING_SIZE, "2048",
            PORT_TX_RING_SIZE, "64",
            PORT_MBUF_POOL_SIZE, "4095",
            PORT_MBUF_CACHE_SIZE, "0",
            PORT_BURST_SIZE, "64",
            PORT_PROMISCUOUS, "false",
            PORT_RX_TIMESTAMP, "nic",
            JOURNAL_PATH, "/tmp/q",
            JOURNAL_ROLL_CYCLE, "HUGE_DAILY",
            JOURNAL_ENABLED, "false",
            JOURNAL_MIN_FREE_MB, "1024",
            JOURNAL_RETAIN_CYCLES, "24",
            STATS_INTERVAL_MS, "3600000",
            STATS_COUNTERS_FILE, "/tmp/c.dat",
            LATENCY_HISTOGRAM_LOG, "/tmp/l.hlog"));

        assertEquals("--no-huge   -m 256 --no-pci", config.ealArgs());
        assertEquals(List.of("--no-huge", "-m", "256", "--no-pci", "--vdev=net_ring0"), config.ealArguments());
        assertEquals(3, config.core());
        assertEquals(ReceiverMode.RX_ONLY, config.mode());
        assertEquals(IdleStrategyKind.BACKOFF, config.idleStrategy());
        assertEquals(new PortConfig("net_ring0", 2048, 64, 4095, 0, 64, false, RxTimestampSource.NIC), config.port());
        assertEquals(new JournalConfig(Path.of("/tmp/q"), "HUGE_DAILY", false, 1024, 24), config.journal());
        assertEquals(new StatsConfig(3600000, Path.of("/tmp/c.dat"), Path.of("/tmp/l.hlog")), config.stats());
    }

    @Test
    void blanksAroundValuesAreIgnored()
    {
        final ReceiverConfig config = parse(props(PORT_DEVICE, " net_null0 ", PORT_BURST_SIZE, "64\t", PORT_PROMISCUOUS, "false "));

        assertEquals("net_null0", config.port().device());
        assertEquals(64, config.port().burstSize());
        assertFalse(config.port().promiscuous());
    }

    @Test
    void everyProblemIsReportedTogetherOnePerLine()
    {
        final ConfigException ex = rejected(props(
            RECEIVER_MODE, "fast",
            PORT_BURST_SIZE, "0",
            PORT_RX_RING_SIZE, "1000",
            "channel.itch.a.group", "233.54.12.111:99999",
            JOURNAL_ROLL_CYCLE, "YEARLY",
            "stats.intervalMS", "500"));

        assertEquals(List.of(
            "receiver.mode: \"fast\" is not accepted; expected one of full, rx-only, journal-raw",
            "port.device: missing; it is required, expected " + Rules.DEVICE,
            "port.rxRingSize: \"1000\" is not accepted; expected a power of two in 64..32768",
            "port.burstSize: \"0\" is not accepted; expected an integer in 1..512",
            "channel.itch.a.group: \"233.54.12.111:99999\" is not accepted; expected " + Rules.GROUP +
                " (port \"99999\" is not in 1..65535)",
            "journal.rollCycle: \"YEARLY\" is not accepted; expected " +
                "one of FAST_HOURLY, HOURLY, FAST_DAILY, DAILY, TEN_MINUTELY, FIVE_MINUTELY, MINUTELY, LARGE_DAILY, HUGE_DAILY",
            "stats.intervalMS: unknown key; did you mean stats.intervalMs?"), ex.errors());
        final String[] lines = ex.getMessage().split("\n");
        assertEquals(7, lines.length);
        for (int i = 0; i < lines.length; i++)
        {
            assertEquals("test.properties: " + ex.errors().get(i), lines[i]);
        }
    }

    @Test
    void crossChecksAreReportedAlongWithOtherProblems()
    {
        final ConfigException ex = rejected(props(
            RECEIVER_CORE, "9",
            PORT_DEVICE, "0000:3b:00.0",
            EAL_ARGS, "--no-pci",
            "channel.a.a.group", "233.54.12.111:26477",
            "channel.b.a.group", "233.54.12.111:26477"));

        assertEquals(3, ex.errors().size(), ex::getMessage);
        assertTrue(ex.errors().get(0).startsWith("receiver.core: \"9\""));
        assertTrue(ex.errors().get(1).startsWith("port.device: \"0000:3b:00.0\" is not accepted; expected a net_ vdev"));
        assertTrue(ex.errors().get(2).startsWith("channel.b.a.group: \"233.54.12.111:26477\" is not accepted"));
    }

    @Test
    void coreIsCheckedAgainstTheGivenCpuCount()
    {
        final Properties properties = props(PORT_DEVICE, "net_null0", RECEIVER_CORE, "7");

        assertEquals(7, ReceiverConfig.parse(properties, "big host", 8).core());
        final ConfigException ex = assertThrows(ConfigException.class, () -> ReceiverConfig.parse(properties, "small host", 2));
        assertEquals("small host: receiver.core: \"7\" is not accepted; expected an integer in 0..1 (this host has 2 CPUs)",
            ex.getMessage());
        assertEquals("small host", ex.sourceName());
    }

    @Test
    void coreDefaultIsCheckedAgainstThisHost()
    {
        final int cpus = Runtime.getRuntime().availableProcessors();
        final Properties properties = props(PORT_DEVICE, "net_null0", RECEIVER_CORE, Integer.toString(cpus));

        final ConfigException ex = assertThrows(ConfigException.class, () -> ReceiverConfig.parse(properties, "here"));
        assertTrue(ex.getMessage().contains("expected an integer in 0.." + (cpus - 1)), ex.getMessage());
        assertEquals(cpus - 1, ReceiverConfig.parse(props(PORT_DEVICE, "net_null0", RECEIVER_CORE,
            Integer.toString(cpus - 1)), "here").core());
    }

    @Test
    void nonStringPropertiesAreRefused()
    {
        final Properties properties = minimal();
        properties.put(PORT_BURST_SIZE, 32);

        final ConfigException ex = rejected(properties);

        assertEquals(List.of("port.burstSize: value of type Integer under a key of type String; expected String keys and values"),
            ex.errors());
    }

    // ---------------------------------------------------------------------------------------------- files

    @Test
    void loadReadsAFile(@TempDir final Path dir) throws Exception
    {
        final Path file = dir.resolve("r.properties");
        Files.writeString(file, """
            # a comment
            port.device = net_pcap0,rx_pcap=/data/caf\u00e9.pcap
            port.burstSize : 16
            channel.itch.a.group 233.54.12.111:26477
            """, StandardCharsets.UTF_8);

        final ReceiverConfig config = ReceiverConfig.load(file, CPUS);

        assertEquals(file.toString(), config.sourceName());
        assertEquals("net_pcap0,rx_pcap=/data/caf\u00e9.pcap", config.port().device());
        assertEquals(16, config.port().burstSize());
        assertEquals(1, config.channels().size());
    }

    @Test
    void keyWrittenTwiceIsAnError(@TempDir final Path dir) throws Exception
    {
        final Path file = dir.resolve("twice.properties");
        Files.writeString(file, "port.device=net_null0\nport.burstSize=32\nport.burstSize=64\n");

        final ConfigException ex = assertThrows(ConfigException.class, () -> ReceiverConfig.load(file, CPUS));

        assertEquals(List.of("port.burstSize: defined more than once (\"32\" then \"64\"); expected each key once," +
            " since the last would silently win"), ex.errors());
    }

    @Test
    void missingFileIsAConfigException(@TempDir final Path dir)
    {
        final Path file = dir.resolve("absent.properties");

        final ConfigException ex = assertThrows(ConfigException.class, () -> ReceiverConfig.load(file));

        assertEquals(file.toString(), ex.sourceName());
        assertInstanceOf(NoSuchFileException.class, ex.getCause());
        assertTrue(ex.getMessage().startsWith(file + ": cannot be read (java.nio.file.NoSuchFileException"), ex.getMessage());
    }

    @Test
    void fileThatIsNotUtf8IsAConfigException(@TempDir final Path dir) throws Exception
    {
        final Path file = dir.resolve("latin1.properties");
        Files.write(file, "port.device=net_pcap0,rx_pcap=/data/caf\u00e9.pcap\n".getBytes(StandardCharsets.ISO_8859_1));

        final ConfigException ex = assertThrows(ConfigException.class, () -> ReceiverConfig.load(file));

        assertTrue(ex.getMessage().startsWith(file + ": not UTF-8 text"), ex.getMessage());
    }

    @Test
    void malformedEscapeIsAConfigException(@TempDir final Path dir) throws Exception
    {
        final Path file = dir.resolve("escape.properties");
        Files.writeString(file, "port.device=net_null0\\u00zz\n");

        final ConfigException ex = assertThrows(ConfigException.class, () -> ReceiverConfig.load(file));

        assertTrue(ex.getMessage().startsWith(file + ": not a properties file (Malformed"), ex.getMessage());
    }

    // ---------------------------------------------------------------------------------------------- builder

    @Test
    void builderForThePcapCommandLine()
    {
        final ReceiverConfig config = ReceiverConfig.builder()
            .sourceName("command line")
            .pcap(Path.of("/data/itch.pcap"))
            .journalPath(Path.of("/tmp/md-queue"))
            .build();

        assertEquals("net_pcap0,rx_pcap=/data/itch.pcap", config.port().device());
        assertEquals("net_pcap0", config.port().portName());
        assertEquals(Path.of("/tmp/md-queue"), config.journal().path());
        assertTrue(config.autoChannels());
        assertEquals("command line", config.sourceName());
    }

    @Test
    void builderSettersMatchTheirKeys()
    {
        final ReceiverConfig config = ReceiverConfig.builder()
            .ealArgs("--no-huge -m 128")
            .core(0)
            .mode(ReceiverMode.RX_ONLY)
            .idleStrategy(IdleStrategyKind.SLEEPING)
            .portDevice("net_null0")
            .rxRingSize(256)
            .txRingSize(128)
            .mbufPoolSize(2047)
            .mbufCacheSize(128)
            .burstSize(16)
            .promiscuous(false)
            .rxTimestamp(RxTimestampSource.BURST)
            .channel("one", "233.54.12.111:26477")
            .channel("two", "233.54.12.112:26477", "233.54.12.113:26477")
            .set(channelKey("two", CHANNEL_SESSION), "000010059B")
            .journalRollCycle("DAILY")
            .journalEnabled(false)
            .statsIntervalMs(250)
            .countersFile(Path.of("/tmp/c"))
            .histogramLog(Path.of("/tmp/h.hlog"))
            .build();

        assertEquals("builder", config.sourceName());
        assertEquals("--no-huge -m 128", config.ealArgs());
        assertEquals(0, config.core());
        assertEquals(ReceiverMode.RX_ONLY, config.mode());
        assertEquals(IdleStrategyKind.SLEEPING, config.idleStrategy());
        assertEquals(new PortConfig("net_null0", 256, 128, 2047, 128, 16, false, RxTimestampSource.BURST), config.port());
        assertEquals(2, config.channels().size());
        assertFalse(config.channels().get(0).hasLineB());
        assertEquals("000010059B", config.channels().get(1).session().text());
        assertEquals(new JournalConfig(Path.of(JOURNAL_PATH_DEFAULT), "DAILY", false), config.journal());
        assertEquals(new StatsConfig(250, Path.of("/tmp/c"), Path.of("/tmp/h.hlog")), config.stats());
    }

    @Test
    void builderRefusesWhatAFileWould()
    {
        final ConfigException ex = assertThrows(ConfigException.class,
            () -> ReceiverConfig.builder().pcap(Path.of("/data/a,b.pcap")).burstSize(0).build());

        assertEquals(2, ex.errors().size(), ex::getMessage);
        assertTrue(ex.errors().get(0).startsWith("port.device: \"net_pcap0,rx_pcap=/data/a,b.pcap\" is not accepted"));
        assertTrue(ex.errors().get(1).startsWith("port.burstSize: \"0\" is not accepted"));
        assertTrue(ex.getMessage().startsWith("builder: port.device"));
    }

    @Test
    void builderWithoutDeviceSaysItIsRequired()
    {
        final ConfigException ex = assertThrows(ConfigException.class, () -> ReceiverConfig.builder().build());

        assertTrue(ex.errors().getFirst().startsWith("port.device: missing; it is required"), ex::getMessage);
    }

    @Test
    void toBuilderChangesOnlyWhatIsSet()
    {
        final ReceiverConfig original = ReceiverConfig.builder()
            .portDevice("net_null0").channel("itch", "233.54.12.111:26477", "233.54.12.112:26477").build();

        final ReceiverConfig changed = original.toBuilder().core(0).unset(channelKey("itch", CHANNEL_B_GROUP)).build();

        assertEquals(0, changed.core());
        assertFalse(changed.channels().getFirst().hasLineB());
        assertEquals(original.port(), changed.port());
        assertEquals(original.journal(), changed.journal());
        assertEquals(original.channels().getFirst().lineA(), changed.channels().getFirst().lineA());
    }

    @Test
    void propertiesRoundTripToAnEqualConfiguration()
    {
        final ReceiverConfig original = parse(props(PORT_DEVICE, "net_null0",
            "channel.itch.session", "ABC       ",
            "channel.itch.a.group", "233.54.12.111:26477",
            "channel.itch.a.source", "206.200.127.138",
            "channel.itch.b.group", "233.54.12.112:26477",
            "channel.itch.b.source", "206.200.127.139",
            LATENCY_HISTOGRAM_LOG, "/tmp/x.hlog"));

        final ReceiverConfig copy = ReceiverConfig.parse(original.toProperties(), original.sourceName(), CPUS);

        assertEquals(original, copy);
        assertTrue(original.toProperties().stringPropertyNames().containsAll(ConfigKeys.keysFor(PortKind.DPDK)));
    }

    // ---------------------------------------------------------------------------------------------- the rest

    @Test
    void channelListIsImmutable()
    {
        final ReceiverConfig config = parse(props(PORT_DEVICE, "net_null0", "channel.itch.a.group", "233.54.12.111:26477"));

        assertThrows(UnsupportedOperationException.class, () -> config.channels().clear());
        assertThrows(UnsupportedOperationException.class, () -> config.ealArguments().clear());
    }

    @ParameterizedTest
    @EnumSource(IdleStrategyKind.class)
    void idleStrategyFactoryMakesTheAgronaClassEachTimeAnew(final IdleStrategyKind kind)
    {
        final Class<? extends IdleStrategy> expected = switch (kind)
        {
            case BUSY_SPIN -> BusySpinIdleStrategy.class;
            case NO_OP -> NoOpIdleStrategy.class;
            case YIELDING -> YieldingIdleStrategy.class;
            case BACKOFF -> BackoffIdleStrategy.class;
            case SLEEPING -> SleepingMillisIdleStrategy.class;
        };
        final ReceiverConfig config = ReceiverConfig.builder().portDevice("net_null0").idleStrategy(kind).core(0).build();

        final IdleStrategy first = config.newIdleStrategy();

        assertEquals(expected, first.getClass());
        assertNotSame(first, config.newIdleStrategy());
        assertEquals(kind, IdleStrategyKind.fromConfigName(kind.configName()));
    }

    @Test
    void sleepingIsOneMillisecondAndBackoffUsesAgronaDefaults()
    {
        assertTrue(IdleStrategyKind.SLEEPING.newIdleStrategy().toString().contains("sleepPeriodMs=1}"));
        assertEquals(new BackoffIdleStrategy().toString(), IdleStrategyKind.BACKOFF.newIdleStrategy().toString());
    }

    @Test
    void describeSummarisesEveryPart()
    {
        final ReceiverConfig config = parse(props(PORT_DEVICE, "net_memif0,role=client,socket=/tmp/s.sock",
            "channel.itch.session", "000010059B",
            "channel.itch.a.group", "233.54.12.111:26477",
            "channel.itch.a.source", "206.200.127.138",
            "channel.itch.b.group", "233.54.12.112:26477"));

        assertEquals("""
            md-receiver configuration from test.properties
              eal       --no-huge -m 512 --no-pci --no-shconf --file-prefix md-receiver --vdev=net_memif0,role=client,socket=/tmp/s.sock
              receiver  core 1, mode full, idle strategy busy-spin
              port      net_memif0 (virtual device): rx ring 1024, tx ring 512, 8191 mbufs (cache 256), burst 32, promiscuous, rx timestamp auto
              channel   itch: session "000010059B"; A 233.54.12.111:26477 from 206.200.127.138; B 233.54.12.112:26477 from any source; recovery none
              journal   /dev/shm/md-receiver/journal, roll cycle FAST_HOURLY, at least 256 MB free, every cycle kept, up to 4 full bursts an excerpt
              stats     every 1000 ms, counters in /dev/shm/md-receiver/counters.dat, latency histogram log none
              recovery  no request server: a hole neither line fills is a gap; hold 8M bytes per channel; late join gap""",
            config.describe());
    }

    @Test
    void describeSaysWhenChannelsAreAutomaticAndJournalIsOff()
    {
        final String text = parse(props(PORT_DEVICE, "0000:3b:00.0", EAL_ARGS, "-l 0,1",
            JOURNAL_ENABLED, "false", RECEIVER_MODE, "rx-only")).describe();

        assertTrue(text.contains("  eal       -l 0,1 -a 0000:3b:00.0\n"), text);
        assertTrue(text.contains("mode rx-only (count and free: no parsing, no journal)"), text);
        assertTrue(text.contains("  port      0000:3b:00.0 (PCI):"), text);
        assertTrue(text.contains("  channels  none configured: each MoldUDP64 stream seen becomes a channel of its own\n"), text);
        assertTrue(text.contains("  journal   disabled\n"), text);
    }

    // ---------------------------------------------------------------------------------------------- records

    @Test
    void recordsCheckTheirOwnInvariants()
    {
        assertThrows(ConfigException.class, () -> new LineConfig(0, 26477, 0));
        assertThrows(ConfigException.class, () -> new LineConfig(0xE9360C6F, 0, 0));
        assertThrows(ConfigException.class, () -> new LineConfig(0xE9360C6F, 65536, 0));
        assertThrows(ConfigException.class, () -> new LineConfig(0xE9360C6F, 26477, 0xE9360C6F));
        assertThrows(ConfigException.class, () -> new SessionId("short"));
        assertThrows(ConfigException.class, () -> new JournalConfig(Path.of("/q"), "WEEKLY", true));
        assertThrows(ConfigException.class, () -> new JournalConfig(Path.of(""), "DAILY", true));
        assertThrows(ConfigException.class, () -> new StatsConfig(99, Path.of("/c"), null));
        assertThrows(ConfigException.class, () -> new ChannelConfig("bad name", null, LineConfig.of("233.54.12.111", 1, null), null));
        final LineConfig line = LineConfig.of("233.54.12.111", 26477, null);
        assertThrows(ConfigException.class, () -> new ChannelConfig("x", null, line, line));
        assertNull(new ChannelConfig("x", null, line, null).session());
    }

    @Test
    void receiverConfigConstructorChecksAcrossParts()
    {
        final ReceiverConfig valid = parse(minimal());
        final ChannelConfig one = new ChannelConfig("same", null, LineConfig.of("233.54.12.111", 1, null), null);
        final ChannelConfig two = new ChannelConfig("same", null, LineConfig.of("233.54.12.112", 1, null), null);

        final ConfigException duplicateNames = assertThrows(ConfigException.class, () -> new ReceiverConfig(
            "code", valid.ealArgs(), 1, valid.mode(), valid.idleStrategy(), valid.port(), null, List.of(one, two),
            valid.journal(), valid.stats(), valid.recovery(), valid.handler(), valid.book(), valid.lockMemory()));
        assertEquals(List.of("channel.same: channel defined twice; expected unique channel names"), duplicateNames.errors());

        final ConfigException negativeCore = assertThrows(ConfigException.class, () -> new ReceiverConfig(
            "code", valid.ealArgs(), -1, valid.mode(), valid.idleStrategy(), valid.port(), null, List.of(),
            valid.journal(), valid.stats(), valid.recovery(), valid.handler(), valid.book(), valid.lockMemory()));
        assertEquals(List.of("receiver.core: \"-1\" is not accepted; expected an integer >= 0"), negativeCore.errors());
    }
}
