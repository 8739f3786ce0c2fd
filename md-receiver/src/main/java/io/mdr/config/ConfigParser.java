package io.mdr.config;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import static io.mdr.config.ConfigKeys.*;

/**
 * Turns key/value text into a {@link ReceiverConfig}, or into one {@link ConfigException} listing every problem.
 * Each key is checked on its own first; a relation between keys is checked once the keys it involves are valid,
 * so one mistake is reported once rather than again through everything that depends on it.
 */
final class ConfigParser
{
    private final String sourceName;
    private final int cpuCount;
    private final TreeMap<String, String> remaining;
    private final Problems problems = new Problems();

    /**
     * @param values        every key and its raw value.
     * @param sourceName    where the values came from, for messages.
     * @param cpuCount      CPUs of the host the configuration is for ({@code receiver.core} must be below).
     * @param earlierErrors problems found before parsing (keys defined twice in a file, for instance).
     */
    ConfigParser(final Map<String, String> values, final String sourceName, final int cpuCount, final List<String> earlierErrors)
    {
        if (cpuCount < 1)
        {
            throw new IllegalArgumentException("cpuCount must be at least 1: " + cpuCount);
        }
        this.sourceName = sourceName;
        this.cpuCount = cpuCount;
        this.remaining = new TreeMap<>(values);
        problems.addAll(earlierErrors);
    }

    ReceiverConfig parse()
    {
        final String kindName = Rules.parseChoice(
            PORT_KIND, take(PORT_KIND, PORT_KIND_DEFAULT), PortKind.configNames(), problems);
        final PortKind kind = kindName == null ? null : PortKind.fromConfigName(kindName);
        if (kind != null)
        {
            rejectKeysOfOtherKinds(kind);
        }
        else
        {
            // Which port keys apply depends on the kind: with no valid kind they are neither checked nor unknown.
            for (final List<String> keys : List.of(DPDK_ONLY_KEYS, KERNEL_ONLY_KEYS, URING_ONLY_KEYS, List.of(PORT_BURST_SIZE)))
            {
                keys.stream().filter(key -> !key.equals(EAL_ARGS)).forEach(remaining::remove);
            }
        }
        final String ealArgs = take(EAL_ARGS, EAL_ARGS_DEFAULT);
        final Long core = Rules.core(cpuCount).parse(take(RECEIVER_CORE, Integer.toString(RECEIVER_CORE_DEFAULT)), problems);
        final String mode = Rules.parseChoice(
            RECEIVER_MODE, take(RECEIVER_MODE, RECEIVER_MODE_DEFAULT), ReceiverMode.configNames(), problems);
        final String idle = Rules.parseChoice(
            IDLE_STRATEGY, take(IDLE_STRATEGY, IDLE_STRATEGY_DEFAULT), IdleStrategyKind.configNames(), problems);
        final String handler = Rules.parseChoice(
            RECEIVER_HANDLER, take(RECEIVER_HANDLER, RECEIVER_HANDLER_DEFAULT), MessageHandlerKind.configNames(), problems);
        final String lockMemory = Rules.parseChoice(RECEIVER_LOCK_MEMORY,
            take(RECEIVER_LOCK_MEMORY, RECEIVER_LOCK_MEMORY_DEFAULT), MemoryLockMode.configNames(), problems);
        final PortConfig port = kind == PortKind.DPDK ? parsePort() : null;
        final KernelPortConfig kernelPort = kind != null && kind.kernel() ? parseKernelPort(kind) : null;
        final List<ChannelConfig> channels = parseChannels();
        final JournalConfig journal = parseJournal();
        final StatsConfig stats = parseStats();
        final RecoveryConfig recovery = parseRecovery();
        final BookConfig book = parseBook();
        reportUnknownKeys();
        ReceiverConfig.crossCheck(ealArgs, port, kernelPort, channels, problems);

        problems.throwIfAny(sourceName);
        return new ReceiverConfig(
            sourceName, ealArgs, core.intValue(), ReceiverMode.fromConfigName(mode), IdleStrategyKind.fromConfigName(idle),
            port, kernelPort, channels, journal, stats, recovery,
            MessageHandlerKind.fromConfigName(handler), book, MemoryLockMode.fromConfigName(lockMemory));
    }

    /** A key that belongs to another port kind is an error rather than silently ignored: the file says one thing and does another. */
    private void rejectKeysOfOtherKinds(final PortKind kind)
    {
        final String setting = PORT_KIND + "=" + kind.configName();
        for (final String key : List.copyOf(remaining.keySet()))
        {
            final String appliesTo;
            if (DPDK_ONLY_KEYS.contains(key) && kind != PortKind.DPDK)
            {
                appliesTo = PORT_KIND + "=dpdk";
            }
            else if (KERNEL_ONLY_KEYS.contains(key) && !kind.kernel())
            {
                appliesTo = "the kernel kinds (" + PORT_KIND + "=socket, epoll or io_uring)";
            }
            else if (URING_ONLY_KEYS.contains(key) && kind != PortKind.IO_URING)
            {
                appliesTo = PORT_KIND + "=io_uring";
            }
            else
            {
                continue;
            }
            problems.add(key + ": set while " + setting + "; it applies to " + appliesTo + " only (remove it, or change " +
                PORT_KIND + ")");
            remaining.remove(key);
        }
    }

    private KernelPortConfig parseKernelPort(final PortKind kind)
    {
        final int before = problems.size();
        final String interfaceText = take(PORT_INTERFACE, "");
        final boolean interfaceAccepted = interfaceText.isEmpty() || Rules.checkInterfaceName(PORT_INTERFACE, interfaceText, problems);
        final Integer receiveBuffer = takeInt(Rules.RECEIVE_BUFFER_BYTES, PORT_RECEIVE_BUFFER_BYTES_DEFAULT);
        final Integer maxDatagram = takeInt(Rules.MAX_DATAGRAM_BYTES, PORT_MAX_DATAGRAM_BYTES_DEFAULT);
        final Integer burstSize = takeInt(Rules.BURST_SIZE, PORT_BURST_SIZE_DEFAULT);
        final Integer entries = takeInt(Rules.URING_ENTRIES, PORT_URING_ENTRIES_DEFAULT);
        final Integer completionEntries = takeInt(Rules.URING_COMPLETION_ENTRIES, PORT_URING_COMPLETION_ENTRIES_DEFAULT);
        final Integer buffers = takeInt(Rules.URING_BUFFERS, PORT_URING_BUFFERS_DEFAULT);
        final String receive = Rules.parseChoice(
            PORT_URING_RECEIVE, take(PORT_URING_RECEIVE, PORT_URING_RECEIVE_DEFAULT), UringReceive.configNames(), problems);
        if (entries != null && completionEntries != null)
        {
            KernelPortConfig.checkRingRelation(entries, completionEntries, problems);
        }
        if (!interfaceAccepted || problems.size() != before)
        {
            return null;
        }
        return new KernelPortConfig(kind, interfaceText.isEmpty() ? null : interfaceText, receiveBuffer, maxDatagram, burstSize,
            entries, completionEntries, buffers, UringReceive.fromConfigName(receive));
    }

    /** Removes a key and returns its value without surrounding blanks, or the default if the key is absent. */
    private String take(final String key, final String defaultValue)
    {
        final String raw = remaining.remove(key);
        return raw == null ? defaultValue : raw.strip();
    }

    private Integer takeInt(final Rules.IntRange range, final int defaultValue)
    {
        final Long value = range.parse(take(range.key(), Integer.toString(defaultValue)), problems);
        return value == null ? null : value.intValue();
    }

    private PortConfig parsePort()
    {
        final int before = problems.size();
        final String device = take(PORT_DEVICE, null);
        final boolean deviceAccepted;
        if (device == null || device.isEmpty())
        {
            problems.add(PORT_DEVICE + ": " + (device == null ? "missing" : "empty") + "; it is required, expected " + Rules.DEVICE);
            deviceAccepted = false;
        }
        else
        {
            deviceAccepted = Rules.checkDevice(PORT_DEVICE, device, problems);
        }
        final Integer rxRingSize = takeInt(Rules.RX_RING_SIZE, PORT_RX_RING_SIZE_DEFAULT);
        final Integer txRingSize = takeInt(Rules.TX_RING_SIZE, PORT_TX_RING_SIZE_DEFAULT);
        final Integer mbufPoolSize = takeInt(Rules.MBUF_POOL_SIZE, PORT_MBUF_POOL_SIZE_DEFAULT);
        final Integer mbufCacheSize = takeInt(Rules.MBUF_CACHE_SIZE, PORT_MBUF_CACHE_SIZE_DEFAULT);
        final Integer burstSize = takeInt(Rules.BURST_SIZE, PORT_BURST_SIZE_DEFAULT);
        final Boolean promiscuous = Rules.parseBoolean(
            PORT_PROMISCUOUS, take(PORT_PROMISCUOUS, Boolean.toString(PORT_PROMISCUOUS_DEFAULT)), problems);
        final String rxTimestamp = Rules.parseChoice(
            PORT_RX_TIMESTAMP, take(PORT_RX_TIMESTAMP, PORT_RX_TIMESTAMP_DEFAULT), RxTimestampSource.configNames(), problems);

        if (rxRingSize != null && mbufPoolSize != null && mbufCacheSize != null && burstSize != null)
        {
            PortConfig.checkPoolRelations(rxRingSize, mbufPoolSize, mbufCacheSize, burstSize, problems);
        }
        if (!deviceAccepted || problems.size() != before)
        {
            return null;
        }
        return new PortConfig(device, rxRingSize, txRingSize, mbufPoolSize, mbufCacheSize, burstSize, promiscuous,
            RxTimestampSource.fromConfigName(rxTimestamp));
    }

    private List<ChannelConfig> parseChannels()
    {
        final TreeMap<String, Map<String, String>> byName = new TreeMap<>();
        for (final String key : List.copyOf(remaining.keySet()))
        {
            if (!key.startsWith(CHANNEL_PREFIX))
            {
                continue;
            }
            final String rest = key.substring(CHANNEL_PREFIX.length());
            final int dot = rest.indexOf('.');
            if (dot <= 0 || !CHANNEL_SUFFIXES.contains(rest.substring(dot + 1)))
            {
                continue; // an unknown key: reported with a suggestion by reportUnknownKeys()
            }
            final String name = rest.substring(0, dot);
            final String value = remaining.remove(key);
            if (!Rules.isChannelName(name))
            {
                problems.reject(key + " (channel name)", name, Rules.CHANNEL_NAME);
                continue;
            }
            byName.computeIfAbsent(name, ignored -> new TreeMap<>()).put(rest.substring(dot + 1), value);
        }

        final List<ChannelConfig> channels = new ArrayList<>();
        for (final Map.Entry<String, Map<String, String>> entry : byName.entrySet())
        {
            final ChannelConfig channel = parseChannel(entry.getKey(), entry.getValue());
            if (channel != null)
            {
                channels.add(channel);
            }
        }
        return channels;
    }

    private ChannelConfig parseChannel(final String name, final Map<String, String> values)
    {
        final int before = problems.size();

        // Not stripped: trailing blanks are the session's own padding.
        final String sessionText = values.get(CHANNEL_SESSION);
        final String sessionKey = channelKey(name, CHANNEL_SESSION);
        final boolean anySession = sessionText == null || sessionText.isEmpty();
        if (!anySession)
        {
            Rules.checkSession(sessionKey, sessionText, problems);
        }

        final String aGroupKey = channelKey(name, CHANNEL_A_GROUP);
        final String aGroupText = strip(values.get(CHANNEL_A_GROUP));
        Rules.Endpoint aGroup = null;
        if (aGroupText.isEmpty())
        {
            problems.add(aGroupKey + ": " + (values.containsKey(CHANNEL_A_GROUP) ? "empty" : "missing") +
                "; channel " + name + " needs its A line, expected " + Rules.GROUP);
        }
        else
        {
            aGroup = Rules.parseGroup(aGroupKey, aGroupText, problems);
        }
        final Integer aSource = parseOptionalSource(channelKey(name, CHANNEL_A_SOURCE), values.get(CHANNEL_A_SOURCE));

        final String bGroupText = strip(values.get(CHANNEL_B_GROUP));
        final Rules.Endpoint bGroup =
            bGroupText.isEmpty() ? null : Rules.parseGroup(channelKey(name, CHANNEL_B_GROUP), bGroupText, problems);
        final String serversKey = channelKey(name, CHANNEL_REQUEST_SERVER);
        final String serversText = strip(values.get(CHANNEL_REQUEST_SERVER));
        final List<ServerAddress> servers = values.containsKey(CHANNEL_REQUEST_SERVER) && serversText.isEmpty()
            ? rejectEmptyServers(serversKey) : Rules.parseServers(serversKey, serversText, problems);
        final String bSourceKey = channelKey(name, CHANNEL_B_SOURCE);
        final Integer bSource = parseOptionalSource(bSourceKey, values.get(CHANNEL_B_SOURCE));
        if (bGroupText.isEmpty() && bSource != null && bSource != LineConfig.ANY_SOURCE)
        {
            problems.reject(bSourceKey, strip(values.get(CHANNEL_B_SOURCE)),
                "nothing while " + channelKey(name, CHANNEL_B_GROUP) + " is unset (a source filter belongs to a line)");
        }

        if (problems.size() != before)
        {
            return null;
        }
        try
        {
            return new ChannelConfig(
                name,
                anySession ? null : new SessionId(sessionText),
                new LineConfig(aGroup.address(), aGroup.port(), aSource),
                bGroup == null ? null : new LineConfig(bGroup.address(), bGroup.port(), bSource),
                servers);
        }
        catch (final ConfigException ex)
        {
            problems.addAll(ex.errors());
            return null;
        }
    }

    private List<ServerAddress> rejectEmptyServers(final String key)
    {
        problems.add(key + ": empty; expected " + Rules.SERVERS.replace("; empty = none", "") +
            " (leave the key out to use " + RECOVERY_REQUEST_SERVER + ")");
        return null;
    }

    /** Returns the source in network order, {@link LineConfig#ANY_SOURCE} if unset or empty, or null if refused. */
    private Integer parseOptionalSource(final String key, final String raw)
    {
        final String text = strip(raw);
        return text.isEmpty() ? Integer.valueOf(LineConfig.ANY_SOURCE) : Rules.parseSource(key, text, problems);
    }

    private JournalConfig parseJournal()
    {
        final Path path = Rules.parsePath(JOURNAL_PATH, take(JOURNAL_PATH, JOURNAL_PATH_DEFAULT), problems);
        final String rollCycle = Rules.parseChoice(
            JOURNAL_ROLL_CYCLE, take(JOURNAL_ROLL_CYCLE, JOURNAL_ROLL_CYCLE_DEFAULT), JOURNAL_ROLL_CYCLES, problems);
        final Boolean enabled = Rules.parseBoolean(
            JOURNAL_ENABLED, take(JOURNAL_ENABLED, Boolean.toString(JOURNAL_ENABLED_DEFAULT)), problems);
        final Long minFreeMb = Rules.JOURNAL_MIN_FREE.parse(
            take(JOURNAL_MIN_FREE_MB, Long.toString(JOURNAL_MIN_FREE_MB_DEFAULT)), problems);
        final Long retainCycles = Rules.JOURNAL_RETAIN.parse(
            take(JOURNAL_RETAIN_CYCLES, Integer.toString(JOURNAL_RETAIN_CYCLES_DEFAULT)), problems);
        final Long fullBurstsPerCommit = Rules.JOURNAL_FULL_BURSTS.parse(
            take(JOURNAL_FULL_BURSTS_PER_COMMIT, Integer.toString(JOURNAL_FULL_BURSTS_PER_COMMIT_DEFAULT)), problems);
        return path == null || rollCycle == null || enabled == null || minFreeMb == null || retainCycles == null
            || fullBurstsPerCommit == null ? null :
            new JournalConfig(path, rollCycle, enabled, minFreeMb, retainCycles.intValue(), fullBurstsPerCommit.intValue());
    }

    private StatsConfig parseStats()
    {
        final Long intervalMs = Rules.STATS_INTERVAL.parse(
            take(STATS_INTERVAL_MS, Long.toString(STATS_INTERVAL_MS_DEFAULT)), problems);
        final Path countersFile = Rules.parsePath(
            STATS_COUNTERS_FILE, take(STATS_COUNTERS_FILE, STATS_COUNTERS_FILE_DEFAULT), problems);
        final String histogramText = take(LATENCY_HISTOGRAM_LOG, "");
        final Path histogramLog = histogramText.isEmpty() ? null : Rules.parsePath(LATENCY_HISTOGRAM_LOG, histogramText, problems);
        final Boolean exchangeToHandler = Rules.parseBoolean(LATENCY_EXCHANGE_TO_HANDLER,
            take(LATENCY_EXCHANGE_TO_HANDLER, Boolean.toString(LATENCY_EXCHANGE_TO_HANDLER_DEFAULT)), problems);
        final ZoneId exchangeZone = Rules.parseZone(
            LATENCY_EXCHANGE_ZONE, take(LATENCY_EXCHANGE_ZONE, LATENCY_EXCHANGE_ZONE_DEFAULT), problems);
        if (intervalMs == null || countersFile == null || (!histogramText.isEmpty() && histogramLog == null) ||
            exchangeToHandler == null || exchangeZone == null)
        {
            return null;
        }
        return new StatsConfig(intervalMs, countersFile, histogramLog, exchangeToHandler, exchangeZone);
    }

    private RecoveryConfig parseRecovery()
    {
        final int before = problems.size();
        final List<ServerAddress> servers = Rules.parseServers(
            RECOVERY_REQUEST_SERVER, take(RECOVERY_REQUEST_SERVER, ""), problems);
        final Long timeoutMs = Rules.RECOVERY_TIMEOUT.parse(
            take(RECOVERY_TIMEOUT_MS, Long.toString(RECOVERY_TIMEOUT_MS_DEFAULT)), problems);
        final Integer attempts = takeInt(Rules.RECOVERY_ATTEMPTS_RANGE, RECOVERY_ATTEMPTS_DEFAULT);
        final Double backoff = Rules.parseBackoff(
            RECOVERY_BACKOFF, take(RECOVERY_BACKOFF, Double.toString(RECOVERY_BACKOFF_DEFAULT)), problems);
        final Integer perRequest = takeInt(Rules.MESSAGES_PER_REQUEST, RECOVERY_MESSAGES_PER_REQUEST_DEFAULT);
        final Integer inFlight = takeInt(Rules.REQUESTS_IN_FLIGHT, RECOVERY_REQUESTS_IN_FLIGHT_DEFAULT);
        final Long holdBytes = Rules.parseHoldBytes(
            RECOVERY_HOLD_BYTES, take(RECOVERY_HOLD_BYTES, RECOVERY_HOLD_BYTES_DEFAULT), problems);
        final ServerAddress local = Rules.parseLocalAddress(
            RECOVERY_LOCAL_ADDRESS, take(RECOVERY_LOCAL_ADDRESS, RECOVERY_LOCAL_ADDRESS_DEFAULT), problems);
        final String lateJoin = Rules.parseChoice(
            RECOVERY_LATE_JOIN, take(RECOVERY_LATE_JOIN, RECOVERY_LATE_JOIN_DEFAULT), LateJoin.configNames(), problems);
        final Long maxLateJoin = Rules.MAX_LATE_JOIN.parse(
            take(RECOVERY_MAX_LATE_JOIN_MESSAGES, Long.toString(RECOVERY_MAX_LATE_JOIN_MESSAGES_DEFAULT)), problems);
        if (problems.size() != before)
        {
            return null;
        }
        return new RecoveryConfig(servers, timeoutMs, attempts, backoff, perRequest, inFlight, holdBytes, local,
            LateJoin.fromConfigName(lateJoin), maxLateJoin);
    }

    private BookConfig parseBook()
    {
        final Integer maxOrders = takeInt(Rules.BOOK_ORDERS, BOOK_MAX_ORDERS_DEFAULT);
        final Integer maxLevels = takeInt(Rules.BOOK_LEVELS, BOOK_MAX_LEVELS_DEFAULT);
        return maxOrders == null || maxLevels == null ? null : new BookConfig(maxOrders, maxLevels);
    }

    private void reportUnknownKeys()
    {
        for (final String key : remaining.keySet())
        {
            final String suggestion = suggest(key);
            if (suggestion != null)
            {
                problems.add(key + ": unknown key; did you mean " + suggestion + "?");
            }
            else
            {
                problems.add(key + ": unknown key; expected one of " + String.join(", ", KEYS) +
                    ", or " + CHANNEL_PREFIX + "<name>.{" + String.join(",", CHANNEL_SUFFIXES) + "}");
            }
        }
        remaining.clear();
    }

    /**
     * The known key closest to an unknown one, if it is close enough to be a typo: a few characters apart, different
     * only in case, or cut short. A key shaped like {@code x.<name>.y} is also compared with that channel's keys.
     */
    static String suggest(final String unknownKey)
    {
        final List<String> candidates = new ArrayList<>(KEYS);
        final String[] segments = unknownKey.split("\\.", 3);
        if (segments.length == 3 && Rules.isChannelName(segments[1]))
        {
            for (final String suffix : CHANNEL_SUFFIXES)
            {
                candidates.add(channelKey(segments[1], suffix));
            }
        }

        final String unknown = unknownKey.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (final String candidate : candidates)
        {
            final String known = candidate.toLowerCase(Locale.ROOT);
            final int distance = distance(unknown, known);
            final boolean typo = distance <= Math.max(2, known.length() / 5);
            final boolean cutShort = known.startsWith(unknown) && unknown.length() > known.indexOf('.') + 1;
            if ((typo || cutShort) && distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    /** Levenshtein distance: insertions, deletions and substitutions. */
    static int distance(final String a, final String b)
    {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++)
        {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++)
            {
                final int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            final int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static String strip(final String raw)
    {
        return raw == null ? "" : raw.strip();
    }
}
