package io.mdr.config;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import org.junit.jupiter.api.Test;

import static io.mdr.config.ConfigFixtures.configFile;
import static io.mdr.config.ConfigKeys.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * config/README.md documents every key of {@link ConfigKeys} with the same default; the roll-cycle names exist in the
 * Chronicle Queue the project depends on.
 */
class ConfigDocumentationTest
{
    private static Map<String, List<String>> readmeRows() throws Exception
    {
        final Map<String, List<String>> rows = new HashMap<>();
        for (final String line : Files.readAllLines(configFile("README.md")))
        {
            if (line.startsWith("| `"))
            {
                final List<String> cells = new ArrayList<>();
                for (final String cell : line.substring(1, line.length() - 1).split("\\|"))
                {
                    cells.add(cell.strip());
                }
                rows.put(cells.getFirst().replace("`", ""), cells);
            }
        }
        return rows;
    }

    @Test
    void readmeHasARowForEveryKeyWithTypeDefaultAcceptedAndMeaning() throws Exception
    {
        final Map<String, List<String>> rows = readmeRows();
        final List<String> expected = new ArrayList<>(KEYS);
        for (final String suffix : CHANNEL_SUFFIXES)
        {
            expected.add(channelKey("<name>", suffix));
        }
        for (final String key : expected)
        {
            final List<String> row = rows.get(key);
            assertTrue(row != null, "README.md has no row for " + key);
            assertEquals(5, row.size(), key);
            for (final String cell : row)
            {
                assertTrue(!cell.isEmpty(), key + " has an empty cell");
            }
        }
    }

    @Test
    void readmeDefaultsAreTheCodesDefaults() throws Exception
    {
        final Map<String, List<String>> rows = readmeRows();
        final Map<String, String> defaults = Map.ofEntries(
            Map.entry(EAL_ARGS, EAL_ARGS_DEFAULT),
            Map.entry(RECEIVER_CORE, Integer.toString(RECEIVER_CORE_DEFAULT)),
            Map.entry(RECEIVER_MODE, RECEIVER_MODE_DEFAULT),
            Map.entry(IDLE_STRATEGY, IDLE_STRATEGY_DEFAULT),
            Map.entry(PORT_RX_RING_SIZE, Integer.toString(PORT_RX_RING_SIZE_DEFAULT)),
            Map.entry(PORT_TX_RING_SIZE, Integer.toString(PORT_TX_RING_SIZE_DEFAULT)),
            Map.entry(PORT_MBUF_POOL_SIZE, Integer.toString(PORT_MBUF_POOL_SIZE_DEFAULT)),
            Map.entry(PORT_MBUF_CACHE_SIZE, Integer.toString(PORT_MBUF_CACHE_SIZE_DEFAULT)),
            Map.entry(PORT_BURST_SIZE, Integer.toString(PORT_BURST_SIZE_DEFAULT)),
            Map.entry(PORT_PROMISCUOUS, Boolean.toString(PORT_PROMISCUOUS_DEFAULT)),
            Map.entry(PORT_RX_TIMESTAMP, PORT_RX_TIMESTAMP_DEFAULT),
            Map.entry(JOURNAL_PATH, JOURNAL_PATH_DEFAULT),
            Map.entry(JOURNAL_ROLL_CYCLE, JOURNAL_ROLL_CYCLE_DEFAULT),
            Map.entry(JOURNAL_ENABLED, Boolean.toString(JOURNAL_ENABLED_DEFAULT)),
            Map.entry(STATS_INTERVAL_MS, Long.toString(STATS_INTERVAL_MS_DEFAULT)),
            Map.entry(STATS_COUNTERS_FILE, STATS_COUNTERS_FILE_DEFAULT),
            Map.entry(RECOVERY_TIMEOUT_MS, Long.toString(RECOVERY_TIMEOUT_MS_DEFAULT)),
            Map.entry(RECOVERY_ATTEMPTS, Integer.toString(RECOVERY_ATTEMPTS_DEFAULT)),
            Map.entry(RECOVERY_BACKOFF, Double.toString(RECOVERY_BACKOFF_DEFAULT)),
            Map.entry(RECOVERY_MESSAGES_PER_REQUEST, Integer.toString(RECOVERY_MESSAGES_PER_REQUEST_DEFAULT)),
            Map.entry(RECOVERY_REQUESTS_IN_FLIGHT, Integer.toString(RECOVERY_REQUESTS_IN_FLIGHT_DEFAULT)),
            Map.entry(RECOVERY_HOLD_BYTES, RECOVERY_HOLD_BYTES_DEFAULT),
            Map.entry(RECOVERY_LOCAL_ADDRESS, RECOVERY_LOCAL_ADDRESS_DEFAULT),
            Map.entry(RECOVERY_LATE_JOIN, RECOVERY_LATE_JOIN_DEFAULT),
            Map.entry(RECOVERY_MAX_LATE_JOIN_MESSAGES, Long.toString(RECOVERY_MAX_LATE_JOIN_MESSAGES_DEFAULT)),
            Map.entry(RECEIVER_HANDLER, RECEIVER_HANDLER_DEFAULT),
            Map.entry(RECEIVER_LOCK_MEMORY, RECEIVER_LOCK_MEMORY_DEFAULT),
            Map.entry(BOOK_MAX_ORDERS, Integer.toString(BOOK_MAX_ORDERS_DEFAULT)),
            Map.entry(BOOK_MAX_LEVELS, Integer.toString(BOOK_MAX_LEVELS_DEFAULT)),
            Map.entry(PORT_KIND, PORT_KIND_DEFAULT),
            Map.entry(LATENCY_EXCHANGE_TO_HANDLER, Boolean.toString(LATENCY_EXCHANGE_TO_HANDLER_DEFAULT)),
            Map.entry(LATENCY_EXCHANGE_ZONE, LATENCY_EXCHANGE_ZONE_DEFAULT));
        defaults.forEach((key, value) -> assertEquals("`" + value + "`", rows.get(key).get(2), key));

        // And the parser applies those same defaults.
        final ReceiverConfig config = ReceiverConfig.parse(ConfigFixtures.minimal(), "defaults", 64);
        defaults.forEach((key, value) ->
            assertEquals(value, key.equals(EAL_ARGS) ? config.ealArgs() : config.toProperties().getProperty(key), key));

        // The kernel ports' keys, on a minimal io_uring configuration.
        final Map<String, String> kernelDefaults = Map.ofEntries(
            Map.entry(PORT_RECEIVE_BUFFER_BYTES, Integer.toString(PORT_RECEIVE_BUFFER_BYTES_DEFAULT)),
            Map.entry(PORT_MAX_DATAGRAM_BYTES, Integer.toString(PORT_MAX_DATAGRAM_BYTES_DEFAULT)),
            Map.entry(PORT_URING_ENTRIES, Integer.toString(PORT_URING_ENTRIES_DEFAULT)),
            Map.entry(PORT_URING_COMPLETION_ENTRIES, Integer.toString(PORT_URING_COMPLETION_ENTRIES_DEFAULT)),
            Map.entry(PORT_URING_BUFFERS, Integer.toString(PORT_URING_BUFFERS_DEFAULT)),
            Map.entry(PORT_URING_RECEIVE, PORT_URING_RECEIVE_DEFAULT));
        kernelDefaults.forEach((key, value) -> assertEquals("`" + value + "`", rows.get(key).get(2), key));
        final ReceiverConfig kernel = ReceiverConfig.builder().portKind(PortKind.IO_URING)
            .channel("itch", "127.0.0.1:26477").core(0).build();
        kernelDefaults.forEach((key, value) -> assertEquals(value, kernel.toProperties().getProperty(key), key));
    }

    @Test
    void readmeListsEveryAcceptedChoice() throws Exception
    {
        final Map<String, List<String>> rows = readmeRows();
        for (final String mode : ReceiverMode.configNames())
        {
            assertTrue(rows.get(RECEIVER_MODE).get(3).contains("`" + mode + "`"), mode);
        }
        for (final String kind : IdleStrategyKind.configNames())
        {
            assertTrue(rows.get(IDLE_STRATEGY).get(3).contains("`" + kind + "`"), kind);
        }
        for (final String kind : MessageHandlerKind.configNames())
        {
            assertTrue(rows.get(RECEIVER_HANDLER).get(3).contains("`" + kind + "`"), kind);
        }
        for (final String mode : MemoryLockMode.configNames())
        {
            assertTrue(rows.get(RECEIVER_LOCK_MEMORY).get(3).contains("`" + mode + "`"), mode);
        }
        for (final String source : RxTimestampSource.configNames())
        {
            assertTrue(rows.get(PORT_RX_TIMESTAMP).get(3).contains("`" + source + "`"), source);
        }
        for (final String lateJoin : LateJoin.configNames())
        {
            assertTrue(rows.get(RECOVERY_LATE_JOIN).get(3).contains("`" + lateJoin + "`"), lateJoin);
        }
        for (final String kind : PortKind.configNames())
        {
            assertTrue(rows.get(PORT_KIND).get(3).contains("`" + kind + "`"), kind);
        }
        for (final String receive : UringReceive.configNames())
        {
            assertTrue(rows.get(PORT_URING_RECEIVE).get(3).contains("`" + receive + "`"), receive);
        }
        for (final String cycle : JOURNAL_ROLL_CYCLES)
        {
            assertTrue(rows.get(JOURNAL_ROLL_CYCLE).get(3).contains("`" + cycle + "`"), cycle);
        }
    }

    @Test
    void everyAcceptedRollCycleExistsInChronicleQueue()
    {
        final List<String> chronicle = new ArrayList<>();
        for (final RollCycle cycle : RollCycles.all())
        {
            chronicle.add(cycle.toString());
        }

        for (final String name : JOURNAL_ROLL_CYCLES)
        {
            assertTrue(chronicle.contains(name), name + " is not a roll cycle of this Chronicle Queue: " + chronicle);
        }
    }
}
