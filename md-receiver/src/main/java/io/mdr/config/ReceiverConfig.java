package io.mdr.config;

import java.io.IOException;
import java.io.Reader;
import java.io.Serial;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

import org.agrona.concurrent.IdleStrategy;

import static io.mdr.config.ConfigKeys.*;

/**
 * The whole receiver configuration, immutable and valid: built only by {@link #load(Path)}, {@link #parse(Properties,
 * String)}, {@link #builder()} or the constructor, each of which refuses a bad value with a {@link ConfigException}.
 *
 * @param sourceName   where the configuration came from (a file, "builder"), shown by {@link #describe()}.
 * @param ealArgs      {@link ConfigKeys#EAL_ARGS} as written (blanks at both ends removed).
 * @param core         the CPU the polling thread is pinned to.
 * @param mode         what the polling loop does with each packet.
 * @param idleStrategy how the polling loop waits after an empty burst.
 * @param port         the DPDK port, or null with a kernel port.
 * @param kernelPort   the kernel port ({@code port.kind} socket, epoll or io_uring), or null with a DPDK port.
 * @param channels     the feed channels, ordered by name; empty for {@link #autoChannels()}.
 * @param journal      the journal.
 * @param stats        counters, reporting interval and latency log.
 * @param recovery     retransmission requests for holes neither line fills, and what a channel holds meanwhile.
 * @param handler      the in-process message handler.
 * @param book         the room of the in-process order books (used with {@link MessageHandlerKind#BOOK}).
 * @param lockMemory   whether the receiver locks its memory at start-up.
 */
public record ReceiverConfig(
    String sourceName,
    String ealArgs,
    int core,
    ReceiverMode mode,
    IdleStrategyKind idleStrategy,
    PortConfig port,
    KernelPortConfig kernelPort,
    List<ChannelConfig> channels,
    JournalConfig journal,
    StatsConfig stats,
    RecoveryConfig recovery,
    MessageHandlerKind handler,
    BookConfig book,
    MemoryLockMode lockMemory)
{
    /**
     * Checks what no single component can: exactly one of a DPDK and a kernel port, core not negative, channel names
     * unique, no group:port used by two lines, no PCI port while {@code eal.args} turns PCI off, a kernel port's
     * channels and interface. Whether the core exists on this host is checked by
     * {@link #parse(Properties, String, int)}, since a configuration is often written for another machine.
     *
     * @throws ConfigException naming every problem.
     */
    public ReceiverConfig
    {
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(ealArgs, "ealArgs");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(idleStrategy, "idleStrategy");
        if ((port == null) == (kernelPort == null))
        {
            throw new IllegalArgumentException("exactly one of port (DPDK) and kernelPort must be given");
        }
        Objects.requireNonNull(journal, "journal");
        Objects.requireNonNull(stats, "stats");
        Objects.requireNonNull(recovery, "recovery");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(book, "book");
        Objects.requireNonNull(lockMemory, "lockMemory");
        channels = List.copyOf(channels);
        final Problems problems = new Problems();
        Rules.ANY_CORE.check(core, problems);
        crossCheck(ealArgs, port, kernelPort, channels, problems);
        problems.throwIfAny(sourceName);
    }

    /** A configuration with a DPDK port, the recovery defaults (no request server) and no in-process handler. */
    public ReceiverConfig(
        final String sourceName, final String ealArgs, final int core, final ReceiverMode mode,
        final IdleStrategyKind idleStrategy, final PortConfig port, final List<ChannelConfig> channels,
        final JournalConfig journal, final StatsConfig stats)
    {
        this(sourceName, ealArgs, core, mode, idleStrategy, Objects.requireNonNull(port, "port"), null, channels, journal,
            stats, RecoveryConfig.defaults(), MessageHandlerKind.NONE, BookConfig.defaults(),
            MemoryLockMode.fromConfigName(RECEIVER_LOCK_MEMORY_DEFAULT));
    }

    // ---------------------------------------------------------------------------------------------- reading

    /**
     * Reads a configuration file (UTF-8 {@code .properties}) for this host.
     *
     * @param file the file.
     * @return the configuration.
     * @throws ConfigException listing every problem, or saying why the file could not be read.
     */
    public static ReceiverConfig load(final Path file)
    {
        return load(file, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Reads a configuration file written for a host with {@code cpuCount} CPUs (to check a colo file on a laptop).
     *
     * @param file     the file.
     * @param cpuCount CPUs of the target host; {@code receiver.core} must be below it.
     * @return the configuration.
     * @throws ConfigException listing every problem, or saying why the file could not be read.
     */
    public static ReceiverConfig load(final Path file, final int cpuCount)
    {
        final String sourceName = file.toString();
        final List<String> duplicates = new ArrayList<>();
        final Properties properties = new DuplicateDetectingProperties(duplicates);
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            properties.load(reader);
        }
        catch (final CharacterCodingException ex)
        {
            throw new ConfigException(sourceName, "not UTF-8 text (" + ex + ")", ex);
        }
        catch (final IOException ex)
        {
            throw new ConfigException(sourceName, "cannot be read (" + ex + ")", ex);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ConfigException(sourceName, "not a properties file (" + ex.getMessage() + ")", ex);
        }
        return parse(properties, sourceName, cpuCount, duplicates);
    }

    /**
     * Parses configuration properties for this host.
     *
     * @param properties the keys and values; keys not described in {@link ConfigKeys} are errors.
     * @param sourceName where they came from, prefixed to each error line.
     * @return the configuration.
     * @throws ConfigException listing every problem.
     */
    public static ReceiverConfig parse(final Properties properties, final String sourceName)
    {
        return parse(properties, sourceName, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Parses configuration properties written for a host with {@code cpuCount} CPUs.
     *
     * @param properties the keys and values.
     * @param sourceName where they came from.
     * @param cpuCount   CPUs of the target host; {@code receiver.core} must be below it.
     * @return the configuration.
     * @throws ConfigException listing every problem.
     */
    public static ReceiverConfig parse(final Properties properties, final String sourceName, final int cpuCount)
    {
        return parse(properties, sourceName, cpuCount, List.of());
    }

    private static ReceiverConfig parse(
        final Properties properties, final String sourceName, final int cpuCount, final List<String> earlierErrors)
    {
        final List<String> errors = new ArrayList<>(earlierErrors);
        final Map<String, String> values = new HashMap<>();
        for (final String key : properties.stringPropertyNames())
        {
            values.put(key, properties.getProperty(key));
        }
        for (final Map.Entry<Object, Object> entry : properties.entrySet())
        {
            if (!(entry.getKey() instanceof String) || !(entry.getValue() instanceof String))
            {
                errors.add(entry.getKey() + ": value of type " + entry.getValue().getClass().getSimpleName() +
                    " under a key of type " + entry.getKey().getClass().getSimpleName() + "; expected String keys and values");
            }
        }
        return new ConfigParser(values, sourceName, cpuCount, errors).parse();
    }

    /**
     * @return a builder holding every default and no port: set at least {@link Builder#portDevice(String)}.
     */
    public static Builder builder()
    {
        return new Builder(new LinkedHashMap<>());
    }

    /** @return a builder holding this configuration's values, to change a few (command-line overrides). */
    public Builder toBuilder()
    {
        final Builder builder = new Builder(new LinkedHashMap<>());
        toProperties().forEach((key, value) -> builder.set((String)key, (String)value));
        return builder.sourceName(sourceName);
    }

    // ---------------------------------------------------------------------------------------------- derived

    /** @return where packets come from. */
    public PortKind portKind()
    {
        return kernelPort == null ? PortKind.DPDK : kernelPort.kind();
    }

    /** @return whether no channel is configured, so every MoldUDP64 stream seen becomes a channel of its own. */
    public boolean autoChannels()
    {
        return channels.isEmpty();
    }

    /** @return {@link #ealArgs()} split at blanks; empty if it is empty. */
    public List<String> ealArgList()
    {
        final String trimmed = ealArgs.strip();
        return trimmed.isEmpty() ? List.of() : List.of(trimmed.split("\\s+"));
    }

    /**
     * @return the arguments for {@code rte_eal_init} without argv[0]: {@link #ealArgList()} then the port's
     *         {@link PortConfig#ealDeviceArgList()}; none with a kernel port (there is no EAL).
     */
    public List<String> ealArguments()
    {
        if (port == null)
        {
            return List.of();
        }
        final List<String> arguments = new ArrayList<>(ealArgList());
        arguments.addAll(port.ealDeviceArgList());
        return List.copyOf(arguments);
    }

    /** @return a new Agrona idle strategy of the configured kind (one per thread: some keep state). */
    public IdleStrategy newIdleStrategy()
    {
        return idleStrategy.newIdleStrategy();
    }

    /**
     * @return every key with its value, defaults included, such that {@code parse(toProperties(), sourceName())}
     *         gives back an equal configuration.
     */
    public Properties toProperties()
    {
        final Properties properties = new Properties();
        properties.setProperty(RECEIVER_CORE, Integer.toString(core));
        properties.setProperty(RECEIVER_MODE, mode.configName());
        properties.setProperty(IDLE_STRATEGY, idleStrategy.configName());
        properties.setProperty(PORT_KIND, portKind().configName());
        if (port != null)
        {
            properties.setProperty(EAL_ARGS, ealArgs);
            properties.setProperty(PORT_DEVICE, port.device());
            properties.setProperty(PORT_RX_RING_SIZE, Integer.toString(port.rxRingSize()));
            properties.setProperty(PORT_TX_RING_SIZE, Integer.toString(port.txRingSize()));
            properties.setProperty(PORT_MBUF_POOL_SIZE, Integer.toString(port.mbufPoolSize()));
            properties.setProperty(PORT_MBUF_CACHE_SIZE, Integer.toString(port.mbufCacheSize()));
            properties.setProperty(PORT_BURST_SIZE, Integer.toString(port.burstSize()));
            properties.setProperty(PORT_PROMISCUOUS, Boolean.toString(port.promiscuous()));
            properties.setProperty(PORT_RX_TIMESTAMP, port.rxTimestamp().configName());
        }
        else
        {
            if (kernelPort.hasInterface())
            {
                properties.setProperty(PORT_INTERFACE, kernelPort.networkInterface());
            }
            properties.setProperty(PORT_RECEIVE_BUFFER_BYTES, Integer.toString(kernelPort.receiveBufferBytes()));
            properties.setProperty(PORT_MAX_DATAGRAM_BYTES, Integer.toString(kernelPort.maxDatagramBytes()));
            properties.setProperty(PORT_BURST_SIZE, Integer.toString(kernelPort.burstSize()));
            if (kernelPort.kind() == PortKind.IO_URING)
            {
                properties.setProperty(PORT_URING_ENTRIES, Integer.toString(kernelPort.uringEntries()));
                properties.setProperty(PORT_URING_COMPLETION_ENTRIES, Integer.toString(kernelPort.uringCompletionEntries()));
                properties.setProperty(PORT_URING_BUFFERS, Integer.toString(kernelPort.uringBuffers()));
                properties.setProperty(PORT_URING_RECEIVE, kernelPort.uringReceive().configName());
            }
        }
        for (final ChannelConfig channel : channels)
        {
            if (!channel.anySession())
            {
                properties.setProperty(channel.key(CHANNEL_SESSION), channel.session().text());
            }
            putLine(properties, channel, channel.lineA(), CHANNEL_A_GROUP, CHANNEL_A_SOURCE);
            if (channel.hasLineB())
            {
                putLine(properties, channel, channel.lineB(), CHANNEL_B_GROUP, CHANNEL_B_SOURCE);
            }
            if (!channel.requestServers().isEmpty())
            {
                properties.setProperty(channel.key(CHANNEL_REQUEST_SERVER), serversText(channel.requestServers()));
            }
        }
        properties.setProperty(JOURNAL_PATH, journal.path().toString());
        properties.setProperty(JOURNAL_ROLL_CYCLE, journal.rollCycle());
        properties.setProperty(JOURNAL_ENABLED, Boolean.toString(journal.enabled()));
        properties.setProperty(JOURNAL_MIN_FREE_MB, Long.toString(journal.minFreeMb()));
        properties.setProperty(JOURNAL_RETAIN_CYCLES, Integer.toString(journal.retainCycles()));
        properties.setProperty(JOURNAL_FULL_BURSTS_PER_COMMIT, Integer.toString(journal.fullBurstsPerCommit()));
        properties.setProperty(STATS_INTERVAL_MS, Long.toString(stats.intervalMs()));
        properties.setProperty(STATS_COUNTERS_FILE, stats.countersFile().toString());
        properties.setProperty(LATENCY_HISTOGRAM_LOG, stats.hasHistogramLog() ? stats.histogramLog().toString() : "");
        properties.setProperty(RECOVERY_REQUEST_SERVER, serversText(recovery.requestServers()));
        properties.setProperty(RECOVERY_TIMEOUT_MS, Long.toString(recovery.timeoutMs()));
        properties.setProperty(RECOVERY_ATTEMPTS, Integer.toString(recovery.attempts()));
        properties.setProperty(RECOVERY_BACKOFF, recovery.backoffText());
        properties.setProperty(RECOVERY_MESSAGES_PER_REQUEST, Integer.toString(recovery.messagesPerRequest()));
        properties.setProperty(RECOVERY_REQUESTS_IN_FLIGHT, Integer.toString(recovery.requestsInFlight()));
        properties.setProperty(RECOVERY_HOLD_BYTES, recovery.holdBytesText());
        properties.setProperty(RECOVERY_LOCAL_ADDRESS, recovery.localAddress().toString());
        properties.setProperty(RECOVERY_LATE_JOIN, recovery.lateJoin().configName());
        properties.setProperty(RECOVERY_MAX_LATE_JOIN_MESSAGES, Long.toString(recovery.maxLateJoinMessages()));
        properties.setProperty(RECEIVER_HANDLER, handler.configName());
        properties.setProperty(RECEIVER_LOCK_MEMORY, lockMemory.configName());
        properties.setProperty(BOOK_MAX_ORDERS, Integer.toString(book.maxOrders()));
        properties.setProperty(BOOK_MAX_LEVELS, Integer.toString(book.maxLevels()));
        properties.setProperty(LATENCY_EXCHANGE_TO_HANDLER, Boolean.toString(stats.exchangeToHandler()));
        properties.setProperty(LATENCY_EXCHANGE_ZONE, stats.exchangeZone().getId());
        return properties;
    }

    /** @return the servers as a configuration value, {@code IP:PORT,IP:PORT}. */
    static String serversText(final List<ServerAddress> servers)
    {
        final StringBuilder sb = new StringBuilder();
        for (final ServerAddress server : servers)
        {
            sb.append(sb.isEmpty() ? "" : ",").append(server);
        }
        return sb.toString();
    }

    /** @return whether any channel (configured or automatic) recovers holes from a request server. */
    public boolean recoveryEnabled()
    {
        if (!recovery.requestServers().isEmpty())
        {
            return true;
        }
        for (final ChannelConfig channel : channels)
        {
            if (!channel.requestServers().isEmpty())
            {
                return true;
            }
        }
        return false;
    }

    private static void putLine(
        final Properties properties, final ChannelConfig channel, final LineConfig line, final String groupSuffix,
        final String sourceSuffix)
    {
        properties.setProperty(channel.key(groupSuffix), line.groupText());
        if (!line.anySource())
        {
            properties.setProperty(channel.key(sourceSuffix), Ipv4.toString(line.source()));
        }
    }

    /**
     * @return a summary for people, printed at start-up: one line per part, channels one per line.
     */
    public String describe()
    {
        final StringBuilder sb = new StringBuilder();
        sb.append("md-receiver configuration from ").append(sourceName).append('\n');
        if (port != null)
        {
            sb.append("  eal       ").append(String.join(" ", ealArguments())).append('\n');
        }
        sb.append("  receiver  core ").append(core)
            .append(", mode ").append(mode.configName())
            .append(mode == ReceiverMode.RX_ONLY ? " (count and free: no parsing, no journal)" : "")
            .append(mode == ReceiverMode.JOURNAL_RAW ? " (the journal's floor: each UDP payload journaled unparsed)" : "")
            .append(", idle strategy ").append(idleStrategy.configName())
            .append(handler == MessageHandlerKind.NONE ? "" : ", handler " + handler.configName())
            .append(lockMemory == MemoryLockMode.AUTO ? "" : ", lock memory " + lockMemory.configName()).append('\n');
        if (handler == MessageHandlerKind.BOOK)
        {
            sb.append("  books     up to ").append(book.maxOrders()).append(" orders and ").append(book.maxLevels())
                .append(" price levels per channel\n");
        }
        if (port != null)
        {
            sb.append("  port      ").append(port.portName())
                .append(port.isVirtual() ? " (virtual device)" : " (PCI)")
                .append(": rx ring ").append(port.rxRingSize())
                .append(", tx ring ").append(port.txRingSize())
                .append(", ").append(port.mbufPoolSize()).append(" mbufs (cache ").append(port.mbufCacheSize()).append(')')
                .append(", burst ").append(port.burstSize())
                .append(port.promiscuous() ? ", promiscuous" : ", not promiscuous")
                .append(", rx timestamp ").append(port.rxTimestamp().configName()).append('\n');
        }
        else
        {
            sb.append("  port      ").append(kernelPort.kind().configName())
                .append(" (kernel): interface ").append(kernelPort.hasInterface() ? kernelPort.networkInterface() : "none (unicast lines)")
                .append(", SO_RCVBUF ").append(kernelPort.receiveBufferBytes())
                .append(", datagrams up to ").append(kernelPort.maxDatagramBytes()).append(" bytes")
                .append(", burst ").append(kernelPort.burstSize());
            if (kernelPort.kind() == PortKind.IO_URING)
            {
                sb.append(", ").append(kernelPort.uringEntries()).append('/').append(kernelPort.uringCompletionEntries())
                    .append(" SQ/CQ entries, ").append(kernelPort.uringBuffers()).append(" buffers, receive ")
                    .append(kernelPort.uringReceive().configName());
            }
            sb.append(", rx timestamp: when the datagram reached user space\n");
        }
        if (channels.isEmpty())
        {
            sb.append("  channels  none configured: each MoldUDP64 stream seen becomes a channel of its own\n");
        }
        for (final ChannelConfig channel : channels)
        {
            sb.append("  channel   ").append(channel.name())
                .append(": session ").append(channel.anySession() ? "any" : Problems.quote(channel.session().text()))
                .append("; A ").append(channel.lineA());
            if (channel.hasLineB())
            {
                sb.append("; B ").append(channel.lineB());
            }
            final List<ServerAddress> servers = channel.requestServersOr(recovery.requestServers());
            sb.append("; recovery ").append(servers.isEmpty() ? "none" : "from " + serversText(servers));
            sb.append('\n');
        }
        sb.append("  journal   ");
        if (journal.enabled())
        {
            sb.append(journal.path()).append(", roll cycle ").append(journal.rollCycle())
                .append(", at least ").append(journal.minFreeMb()).append(" MB free")
                .append(journal.retainCycles() == 0 ? ", every cycle kept" : ", last " + journal.retainCycles() + " cycles kept")
                .append(journal.fullBurstsPerCommit() == 1 ? ", a commit every burst"
                    : ", up to " + journal.fullBurstsPerCommit() + " full bursts an excerpt")
                .append('\n');
        }
        else
        {
            sb.append("disabled\n");
        }
        sb.append("  stats     every ").append(stats.intervalMs()).append(" ms, counters in ").append(stats.countersFile())
            .append(", latency histogram log ").append(stats.hasHistogramLog() ? stats.histogramLog().toString() : "none")
            .append(stats.exchangeToHandler() ? ", exchange->handler from ITCH timestamps (" + stats.exchangeZone().getId() + " midnight)" : "")
            .append('\n');
        sb.append("  recovery  ");
        if (recoveryEnabled())
        {
            if (channels.isEmpty())
            {
                sb.append("every channel from ").append(serversText(recovery.requestServers())).append("; ");
            }
            sb.append("timeout ").append(recovery.timeoutMs()).append(" ms x ").append(recovery.attempts())
                .append(" attempts (back-off ").append(recovery.backoffText()).append(", give up after ")
                .append(recovery.giveUpMs()).append(" ms), up to ").append(recovery.messagesPerRequest())
                .append(" messages a request, ").append(recovery.requestsInFlight()).append(" in flight, from ")
                .append(recovery.localAddress()).append("; ");
        }
        else
        {
            sb.append("no request server: a hole neither line fills is a gap; ");
        }
        sb.append("hold ").append(recovery.holdBytesText()).append(" bytes per channel; late join ")
            .append(recovery.lateJoin().configName());
        if (recovery.lateJoin() == LateJoin.RECOVER)
        {
            sb.append(" (at most ").append(recovery.maxLateJoinMessages()).append(" messages)");
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------------------------------------- checks

    /**
     * The checks across parts; the parser runs them on whatever parts parsed, so that they are reported along
     * with problems elsewhere. {@code port} may be null (it did not parse).
     */
    static void crossCheck(
        final String ealArgs, final PortConfig port, final KernelPortConfig kernelPort, final List<ChannelConfig> channels,
        final Problems problems)
    {
        if (kernelPort != null)
        {
            checkKernelLines(kernelPort, channels, problems);
        }
        if (port != null && !port.isVirtual() && Arrays.asList(ealArgs.strip().split("\\s+")).contains("--no-pci"))
        {
            problems.reject(PORT_DEVICE, port.device(),
                "a net_ vdev while " + EAL_ARGS + " holds --no-pci (remove --no-pci to use a PCI NIC)");
        }

        final Map<String, String> names = new HashMap<>();
        final Map<Long, String> keysByGroup = new HashMap<>();
        for (final ChannelConfig channel : channels)
        {
            if (names.put(channel.name(), channel.name()) != null)
            {
                problems.add(CHANNEL_PREFIX + channel.name() + ": channel defined twice; expected unique channel names");
            }
            for (int i = 0; i < channel.lineCount(); i++)
            {
                final LineConfig line = channel.line(i);
                final String key = channel.key(i == 0 ? CHANNEL_A_GROUP : CHANNEL_B_GROUP);
                final String earlier = keysByGroup.putIfAbsent(((line.group() & 0xFFFF_FFFFL) << 16) | line.port(), key);
                if (earlier != null)
                {
                    problems.reject(key, line.groupText(),
                        "a group:port no other line uses (" + earlier + " has it: one stream cannot feed two lines)");
                }
            }
        }
    }

    /**
     * A kernel port opens one socket per line, so it needs configured channels, and an interface to join a
     * multicast line's group on.
     */
    private static void checkKernelLines(
        final KernelPortConfig kernelPort, final List<ChannelConfig> channels, final Problems problems)
    {
        final String kind = PORT_KIND + "=" + kernelPort.kind().configName();
        if (channels.isEmpty())
        {
            problems.add(CHANNEL_PREFIX + "<name>." + CHANNEL_A_GROUP + ": missing; " + kind + " opens a socket for each " +
                "configured line, so it needs at least one channel (only " + PORT_KIND + "=dpdk takes every stream it sees)");
        }
        if (kernelPort.hasInterface())
        {
            return;
        }
        for (final ChannelConfig channel : channels)
        {
            for (int i = 0; i < channel.lineCount(); i++)
            {
                final LineConfig line = channel.line(i);
                if (Ipv4.isMulticast(line.group()))
                {
                    problems.add(PORT_INTERFACE + ": missing; " + channel.key(i == 0 ? CHANNEL_A_GROUP : CHANNEL_B_GROUP) +
                        "=" + line.groupText() + " is a multicast group, which " + kind + " joins on an interface: expected " +
                        Rules.INTERFACE);
                    return;
                }
            }
        }
    }

    /** Properties that note every key defined more than once in a file, where the last would silently win. */
    private static final class DuplicateDetectingProperties extends Properties
    {
        @Serial
        private static final long serialVersionUID = 1L;

        private final transient List<String> duplicates;

        DuplicateDetectingProperties(final List<String> duplicates)
        {
            this.duplicates = duplicates;
        }

        @Override
        public synchronized Object put(final Object key, final Object value)
        {
            final Object previous = super.put(key, value);
            if (previous != null)
            {
                duplicates.add(key + ": defined more than once (" + Problems.quote(String.valueOf(previous)) + " then " +
                    Problems.quote(String.valueOf(value)) + "); expected each key once, since the last would silently win");
            }
            return previous;
        }
    }

    // ---------------------------------------------------------------------------------------------- builder

    /**
     * Builds a configuration in code (tests, the {@code --pcap FILE --queue DIR} command line) through the same
     * parsing and checks as a file: each setter stores the value as text, {@link #build()} parses it all.
     */
    public static final class Builder
    {
        private final Map<String, String> values;
        private String sourceName = "builder";

        private Builder(final Map<String, String> values)
        {
            this.values = values;
        }

        /**
         * Sets any key, as a file would.
         *
         * @param key   a key of {@link ConfigKeys} or a channel key.
         * @param value its text.
         * @return this.
         */
        public Builder set(final String key, final String value)
        {
            values.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Removes a key so that its default applies; returns this. */
        public Builder unset(final String key)
        {
            values.remove(key);
            return this;
        }

        /** Names where the configuration came from, for messages and {@link ReceiverConfig#describe()}; returns this. */
        public Builder sourceName(final String sourceName)
        {
            this.sourceName = Objects.requireNonNull(sourceName, "sourceName");
            return this;
        }

        /** Sets {@link ConfigKeys#EAL_ARGS}; returns this. */
        public Builder ealArgs(final String ealArgs)
        {
            return set(EAL_ARGS, ealArgs);
        }

        /** Sets {@link ConfigKeys#RECEIVER_CORE}; returns this. */
        public Builder core(final int core)
        {
            return set(RECEIVER_CORE, Integer.toString(core));
        }

        /** Sets {@link ConfigKeys#RECEIVER_MODE}; returns this. */
        public Builder mode(final ReceiverMode mode)
        {
            return set(RECEIVER_MODE, mode.configName());
        }

        /** Sets {@link ConfigKeys#IDLE_STRATEGY}; returns this. */
        public Builder idleStrategy(final IdleStrategyKind idleStrategy)
        {
            return set(IDLE_STRATEGY, idleStrategy.configName());
        }

        /** Sets {@link ConfigKeys#RECEIVER_HANDLER}; returns this. */
        public Builder handler(final MessageHandlerKind handler)
        {
            return set(RECEIVER_HANDLER, handler.configName());
        }

        /** Sets {@link ConfigKeys#RECEIVER_LOCK_MEMORY}; returns this. */
        public Builder lockMemory(final MemoryLockMode lockMemory)
        {
            return set(RECEIVER_LOCK_MEMORY, lockMemory.configName());
        }

        /** Sets {@link ConfigKeys#BOOK_MAX_ORDERS}; returns this. */
        public Builder bookMaxOrders(final int maxOrders)
        {
            return set(BOOK_MAX_ORDERS, Integer.toString(maxOrders));
        }

        /** Sets {@link ConfigKeys#BOOK_MAX_LEVELS}; returns this. */
        public Builder bookMaxLevels(final int maxLevels)
        {
            return set(BOOK_MAX_LEVELS, Integer.toString(maxLevels));
        }

        /** Sets {@link ConfigKeys#PORT_KIND}; returns this. */
        public Builder portKind(final PortKind kind)
        {
            return set(PORT_KIND, kind.configName());
        }

        /** Sets {@link ConfigKeys#PORT_INTERFACE}; returns this. */
        public Builder networkInterface(final String networkInterface)
        {
            return set(PORT_INTERFACE, networkInterface);
        }

        /** Sets {@link ConfigKeys#LATENCY_EXCHANGE_TO_HANDLER}; returns this. */
        public Builder exchangeToHandler(final boolean enabled)
        {
            return set(LATENCY_EXCHANGE_TO_HANDLER, Boolean.toString(enabled));
        }

        /** Sets {@link ConfigKeys#LATENCY_EXCHANGE_ZONE}; returns this. */
        public Builder exchangeZone(final String zone)
        {
            return set(LATENCY_EXCHANGE_ZONE, zone);
        }

        /** Sets {@link ConfigKeys#PORT_DEVICE}; returns this. */
        public Builder portDevice(final String device)
        {
            return set(PORT_DEVICE, device);
        }

        /**
         * Makes the port a {@code net_pcap0} that reads a capture. DPDK devargs cannot hold a comma or a blank,
         * so {@link #build()} refuses a file whose path has one.
         *
         * @param captureFile the pcap file to receive.
         * @return this.
         */
        public Builder pcap(final Path captureFile)
        {
            return portDevice("net_pcap0,rx_pcap=" + captureFile);
        }

        /** Sets {@link ConfigKeys#PORT_RX_RING_SIZE}; returns this. */
        public Builder rxRingSize(final int rxRingSize)
        {
            return set(PORT_RX_RING_SIZE, Integer.toString(rxRingSize));
        }

        /** Sets {@link ConfigKeys#PORT_TX_RING_SIZE}; returns this. */
        public Builder txRingSize(final int txRingSize)
        {
            return set(PORT_TX_RING_SIZE, Integer.toString(txRingSize));
        }

        /** Sets {@link ConfigKeys#PORT_MBUF_POOL_SIZE}; returns this. */
        public Builder mbufPoolSize(final int mbufPoolSize)
        {
            return set(PORT_MBUF_POOL_SIZE, Integer.toString(mbufPoolSize));
        }

        /** Sets {@link ConfigKeys#PORT_MBUF_CACHE_SIZE}; returns this. */
        public Builder mbufCacheSize(final int mbufCacheSize)
        {
            return set(PORT_MBUF_CACHE_SIZE, Integer.toString(mbufCacheSize));
        }

        /** Sets {@link ConfigKeys#PORT_BURST_SIZE}; returns this. */
        public Builder burstSize(final int burstSize)
        {
            return set(PORT_BURST_SIZE, Integer.toString(burstSize));
        }

        /** Sets {@link ConfigKeys#PORT_PROMISCUOUS}; returns this. */
        public Builder promiscuous(final boolean promiscuous)
        {
            return set(PORT_PROMISCUOUS, Boolean.toString(promiscuous));
        }

        /** Sets {@link ConfigKeys#PORT_RX_TIMESTAMP}; returns this. */
        public Builder rxTimestamp(final RxTimestampSource rxTimestamp)
        {
            return set(PORT_RX_TIMESTAMP, rxTimestamp.configName());
        }

        /**
         * Adds a single-line channel, any session, any source.
         *
         * @param name   the channel's name.
         * @param aGroup the A line as {@code IPv4:port}.
         * @return this.
         */
        public Builder channel(final String name, final String aGroup)
        {
            return set(channelKey(name, CHANNEL_A_GROUP), aGroup);
        }

        /**
         * Adds a two-line channel, any session, any source; use {@link #set(String, String)} for sessions and sources.
         *
         * @param name   the channel's name.
         * @param aGroup the A line as {@code IPv4:port}.
         * @param bGroup the B line as {@code IPv4:port}.
         * @return this.
         */
        public Builder channel(final String name, final String aGroup, final String bGroup)
        {
            return channel(name, aGroup).set(channelKey(name, CHANNEL_B_GROUP), bGroup);
        }

        /** Sets {@link ConfigKeys#JOURNAL_PATH}; returns this. */
        public Builder journalPath(final Path path)
        {
            return set(JOURNAL_PATH, path.toString());
        }

        /** Sets {@link ConfigKeys#JOURNAL_ROLL_CYCLE}; returns this. */
        public Builder journalRollCycle(final String rollCycle)
        {
            return set(JOURNAL_ROLL_CYCLE, rollCycle);
        }

        /** Sets {@link ConfigKeys#JOURNAL_ENABLED}; returns this. */
        public Builder journalEnabled(final boolean enabled)
        {
            return set(JOURNAL_ENABLED, Boolean.toString(enabled));
        }

        /** Sets {@link ConfigKeys#JOURNAL_MIN_FREE_MB}; returns this. */
        public Builder journalMinFreeMb(final long minFreeMb)
        {
            return set(JOURNAL_MIN_FREE_MB, Long.toString(minFreeMb));
        }

        /** Sets {@link ConfigKeys#JOURNAL_RETAIN_CYCLES}; returns this. */
        public Builder journalRetainCycles(final int retainCycles)
        {
            return set(JOURNAL_RETAIN_CYCLES, Integer.toString(retainCycles));
        }

        /** Sets {@link ConfigKeys#JOURNAL_FULL_BURSTS_PER_COMMIT}; returns this. */
        public Builder journalFullBurstsPerCommit(final int fullBursts)
        {
            return set(JOURNAL_FULL_BURSTS_PER_COMMIT, Integer.toString(fullBursts));
        }

        /** Sets {@link ConfigKeys#STATS_INTERVAL_MS}; returns this. */
        public Builder statsIntervalMs(final long intervalMs)
        {
            return set(STATS_INTERVAL_MS, Long.toString(intervalMs));
        }

        /** Sets {@link ConfigKeys#STATS_COUNTERS_FILE}; returns this. */
        public Builder countersFile(final Path countersFile)
        {
            return set(STATS_COUNTERS_FILE, countersFile.toString());
        }

        /** Sets {@link ConfigKeys#LATENCY_HISTOGRAM_LOG} (null for none); returns this. */
        public Builder histogramLog(final Path histogramLog)
        {
            return set(LATENCY_HISTOGRAM_LOG, histogramLog == null ? "" : histogramLog.toString());
        }

        /**
         * @return the configuration, checked for this host exactly as a file would be.
         * @throws ConfigException listing every problem.
         */
        public ReceiverConfig build()
        {
            final Properties properties = new Properties();
            properties.putAll(values);
            return parse(properties, sourceName);
        }
    }
}
