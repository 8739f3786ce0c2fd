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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The recovery keys: defaults, every value parsed, a channel's own servers before the default ones, and each bad
 * value refused with one message naming the key.
 */
class RecoveryConfigTest
{
    private static final String SERVERS_KEY = channelKey("itch", CHANNEL_REQUEST_SERVER);

    private static Properties withChannel(final String... keysAndValues)
    {
        final Properties properties = minimal();
        properties.setProperty(channelKey("itch", CHANNEL_A_GROUP), "233.54.12.111:26477");
        properties.putAll(props(keysAndValues));
        return properties;
    }

    @Test
    void defaultsHaveNoServerAndTheDocumentedValues()
    {
        final RecoveryConfig recovery = parse(minimal()).recovery();

        assertEquals(RecoveryConfig.defaults(), recovery);
        assertEquals(List.of(), recovery.requestServers());
        assertEquals(200, recovery.timeoutMs());
        assertEquals(5, recovery.attempts());
        assertEquals(1.5, recovery.backoff());
        assertEquals(8L << 20, recovery.holdBytes());
        assertEquals(LateJoin.GAP, recovery.lateJoin());
        assertEquals(2638, recovery.giveUpMs(), "200 + 300 + 450 + 675 + 1012.5");
        assertFalse(parse(minimal()).recoveryEnabled());
    }

    @Test
    void everyKeyIsParsedAndRoundTripsThroughProperties()
    {
        final ReceiverConfig config = parse(withChannel(
            RECOVERY_REQUEST_SERVER, "10.0.0.1:7000, 10.0.0.2:7001",
            RECOVERY_TIMEOUT_MS, "50",
            RECOVERY_ATTEMPTS, "7",
            RECOVERY_BACKOFF, "2",
            RECOVERY_MESSAGES_PER_REQUEST, "1000",
            RECOVERY_REQUESTS_IN_FLIGHT, "4",
            RECOVERY_HOLD_BYTES, "64M",
            RECOVERY_LOCAL_ADDRESS, "127.0.0.1:40000",
            RECOVERY_LATE_JOIN, "recover",
            RECOVERY_MAX_LATE_JOIN_MESSAGES, "5000",
            SERVERS_KEY, "10.0.0.9:9000"));
        final RecoveryConfig recovery = config.recovery();

        assertEquals(List.of(ServerAddress.of("10.0.0.1:7000"), ServerAddress.of("10.0.0.2:7001")), recovery.requestServers());
        assertEquals(50, recovery.timeoutMs());
        assertEquals(7, recovery.attempts());
        assertEquals(2.0, recovery.backoff());
        assertEquals(1000, recovery.messagesPerRequest());
        assertEquals(4, recovery.requestsInFlight());
        assertEquals(64L << 20, recovery.holdBytes());
        assertEquals(ServerAddress.of("127.0.0.1:40000"), recovery.localAddress());
        assertEquals(LateJoin.RECOVER, recovery.lateJoin());
        assertEquals(5000, recovery.maxLateJoinMessages());
        assertEquals(List.of(ServerAddress.of("10.0.0.9:9000")),
            config.channels().getFirst().requestServersOr(recovery.requestServers()), "the channel's own first");
        assertTrue(config.recoveryEnabled());
        assertEquals(config, ReceiverConfig.parse(config.toProperties(), config.sourceName(), CPUS));
        assertTrue(config.describe().contains("itch: session any; A 233.54.12.111:26477 from any source; recovery from 10.0.0.9:9000"),
            config.describe());
    }

    @Test
    void aChannelWithoutServersTakesTheDefaultOnes()
    {
        final ReceiverConfig config = parse(withChannel(RECOVERY_REQUEST_SERVER, "10.0.0.1:7000"));
        assertEquals(List.of(ServerAddress.of("10.0.0.1:7000")),
            config.channels().getFirst().requestServersOr(config.recovery().requestServers()));
    }

    @Test
    void holdBytesAcceptsSuffixes()
    {
        assertEquals(65536, parse(withChannel(RECOVERY_HOLD_BYTES, "65536")).recovery().holdBytes());
        assertEquals(128L << 10, parse(withChannel(RECOVERY_HOLD_BYTES, "128K")).recovery().holdBytes());
        assertEquals(1L << 30, parse(withChannel(RECOVERY_HOLD_BYTES, "1G")).recovery().holdBytes());
    }

    static Stream<Arguments> badValues()
    {
        final String servers = "IP:PORT[,IP:PORT...], up to 8 unicast dotted-quad addresses";
        return Stream.of(
            arguments(RECOVERY_REQUEST_SERVER, "10.0.0.1", servers, "has no :port"),
            arguments(RECOVERY_REQUEST_SERVER, "10.0.0.1:0", servers, "port \"0\" is not in 1..65535"),
            arguments(RECOVERY_REQUEST_SERVER, "233.54.12.111:7000", servers, "a multicast address is never a server"),
            arguments(RECOVERY_REQUEST_SERVER, "10.0.0.1:7000,10.0.0.1:7000", servers, "listed twice"),
            arguments(RECOVERY_REQUEST_SERVER, "10.0.0.1:7000,", servers, "an empty entry"),
            arguments(RECOVERY_REQUEST_SERVER, "host:7000", servers, "\"host\""),
            arguments(SERVERS_KEY, "10.0.0.1:99999", servers, "port \"99999\""),
            arguments(SERVERS_KEY, "", "IP:PORT[,IP:PORT...]", "leave the key out"),
            arguments(RECOVERY_TIMEOUT_MS, "0", "an integer in 1..60000", ""),
            arguments(RECOVERY_ATTEMPTS, "0", "an integer in 1..1000", ""),
            arguments(RECOVERY_BACKOFF, "0.5", "a decimal number in 1.0..16.0", ""),
            arguments(RECOVERY_BACKOFF, "fast", "a decimal number in 1.0..16.0", ""),
            arguments(RECOVERY_MESSAGES_PER_REQUEST, "65535", "an integer in 1..65534", ""),
            arguments(RECOVERY_REQUESTS_IN_FLIGHT, "0", "an integer in 1..4096", ""),
            arguments(RECOVERY_HOLD_BYTES, "1K", "bytes in 64K..1G", ""),
            arguments(RECOVERY_HOLD_BYTES, "2G", "bytes in 64K..1G", ""),
            arguments(RECOVERY_HOLD_BYTES, "8MB", "bytes in 64K..1G", ""),
            arguments(RECOVERY_LOCAL_ADDRESS, "127.0.0.1:70000", "IPv4 or IPv4:port", "port \"70000\""),
            arguments(RECOVERY_LOCAL_ADDRESS, "239.1.1.1", "IPv4 or IPv4:port", "multicast"),
            arguments(RECOVERY_LATE_JOIN, "skip", "one of gap, recover", ""),
            arguments(RECOVERY_MAX_LATE_JOIN_MESSAGES, "-1", "an integer in 0..1099511627776", ""));
    }

    @ParameterizedTest
    @MethodSource("badValues")
    void aBadValueIsRefusedNamingTheKey(final String key, final String value, final String expected, final String reason)
    {
        final ConfigException ex = rejected(withChannel(key, value));

        assertEquals(1, ex.errors().size(), ex::getMessage);
        final String error = ex.errors().getFirst();
        assertTrue(error.startsWith(key + ": "), error);
        assertTrue(error.contains(expected), error);
        assertTrue(error.contains(reason), error);
    }

    @Test
    void theRecordRefusesOutOfRangeValues()
    {
        final RecoveryConfig d = RecoveryConfig.defaults();
        assertThrows(ConfigException.class, () -> new RecoveryConfig(List.of(), 0, d.attempts(), d.backoff(),
            d.messagesPerRequest(), d.requestsInFlight(), d.holdBytes(), d.localAddress(), d.lateJoin(), d.maxLateJoinMessages()));
        assertThrows(ConfigException.class, () -> new RecoveryConfig(List.of(), d.timeoutMs(), d.attempts(), 0.5,
            d.messagesPerRequest(), d.requestsInFlight(), d.holdBytes(), d.localAddress(), d.lateJoin(), d.maxLateJoinMessages()));
        assertThrows(ConfigException.class, () -> new RecoveryConfig(List.of(), d.timeoutMs(), d.attempts(), d.backoff(),
            d.messagesPerRequest(), d.requestsInFlight(), 1000, d.localAddress(), d.lateJoin(), d.maxLateJoinMessages()));
    }
}
