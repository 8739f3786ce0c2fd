package io.mdr.config;

import java.util.List;

/**
 * Names, defaults and limits of every configuration key, in one place (as Aeron's {@code Configuration} does).
 * config/README.md documents the same keys for people; {@code ConfigDocumentationTest} keeps the two in step.
 * <p>
 * A key with no {@code _DEFAULT} constant is required ({@link #PORT_DEVICE} with {@code port.kind=dpdk}) or optional
 * with "none" as its absence (the channel keys other than the A group, {@link #PORT_INTERFACE},
 * {@link #LATENCY_HISTOGRAM_LOG}). Some keys apply to one port kind only ({@link #DPDK_ONLY_KEYS},
 * {@link #KERNEL_ONLY_KEYS}, {@link #URING_ONLY_KEYS}): set with another kind they are an error.
 */
public final class ConfigKeys
{
    // ---------------------------------------------------------------------------------------------- EAL

    /** Whitespace-separated arguments for {@code rte_eal_init}, passed as written; the port's own {@code -a}/{@code --vdev} is appended. */
    public static final String EAL_ARGS = "eal.args";

    /** Default for {@link #EAL_ARGS}: a development box with no hugepages, no PCI scan and a private runtime directory. */
    public static final String EAL_ARGS_DEFAULT = "--no-huge -m 512 --no-pci --no-shconf --file-prefix md-receiver";

    // ---------------------------------------------------------------------------------------------- receiver

    /** CPU the polling thread is pinned to: an integer in 0..availableProcessors()-1. */
    public static final String RECEIVER_CORE = "receiver.core";

    /** Default for {@link #RECEIVER_CORE}: core 1, leaving core 0 to the kernel and the JVM's own threads. */
    public static final int RECEIVER_CORE_DEFAULT = 1;

    /** What the polling loop does with each packet: {@code full} (parse, arbitrate, journal) or {@code rx-only} (count and free). */
    public static final String RECEIVER_MODE = "receiver.mode";

    /** Default for {@link #RECEIVER_MODE}. */
    public static final String RECEIVER_MODE_DEFAULT = "full";

    /** How the polling thread waits when a burst comes back empty: busy-spin, no-op, yielding, backoff or sleeping. */
    public static final String IDLE_STRATEGY = "idle.strategy";

    /** Default for {@link #IDLE_STRATEGY}: spin, for a core that does nothing else. */
    public static final String IDLE_STRATEGY_DEFAULT = "busy-spin";

    /** What the polling thread does with each accepted message before journalling it: {@code none} or {@code book} (build order books). */
    public static final String RECEIVER_HANDLER = "receiver.handler";

    /** Default for {@link #RECEIVER_HANDLER}: no in-process handler. */
    public static final String RECEIVER_HANDLER_DEFAULT = "none";

    /**
     * Whether the receiver locks its memory at start-up ({@code mlockall}, current and future pages, on fault), so
     * that no page the polling thread has touched is reclaimed and faults again: {@code auto}, {@code on} or {@code off}.
     */
    public static final String RECEIVER_LOCK_MEMORY = "receiver.lockMemory";

    /** Default for {@link #RECEIVER_LOCK_MEMORY}: lock when the process may, else say why not and go on. */
    public static final String RECEIVER_LOCK_MEMORY_DEFAULT = "auto";

    // ---------------------------------------------------------------------------------------------- port

    /** Where packets come from ({@link PortKind}): {@code dpdk}, or a kernel receive path: {@code socket}, {@code epoll}, {@code io_uring}. */
    public static final String PORT_KIND = "port.kind";

    /** Default for {@link #PORT_KIND}: DPDK, the kernel-bypass port the receiver is built around. */
    public static final String PORT_KIND_DEFAULT = "dpdk";

    /** The DPDK port (required): a vdev spec {@code net_<driver><n>[,key=value...]} or a PCI address {@code DDDD:BB:DD.F}. */
    public static final String PORT_DEVICE = "port.device";

    /** Receive descriptors per queue: a power of two in {@link #RING_SIZE_MIN}..{@link #RING_SIZE_MAX}. */
    public static final String PORT_RX_RING_SIZE = "port.rxRingSize";

    /** Default for {@link #PORT_RX_RING_SIZE}. */
    public static final int PORT_RX_RING_SIZE_DEFAULT = 1024;

    /** Transmit descriptors per queue: a power of two in {@link #RING_SIZE_MIN}..{@link #RING_SIZE_MAX}. */
    public static final String PORT_TX_RING_SIZE = "port.txRingSize";

    /** Default for {@link #PORT_TX_RING_SIZE}. */
    public static final int PORT_TX_RING_SIZE_DEFAULT = 512;

    /** Smallest ring size accepted by {@link #PORT_RX_RING_SIZE} and {@link #PORT_TX_RING_SIZE}. */
    public static final int RING_SIZE_MIN = 64;

    /** Largest ring size accepted by {@link #PORT_RX_RING_SIZE} and {@link #PORT_TX_RING_SIZE}. */
    public static final int RING_SIZE_MAX = 32768;

    /** Mbufs in the receive pool: at least rxRingSize + 2 * burstSize + {@link #MBUF_POOL_HEADROOM}. */
    public static final String PORT_MBUF_POOL_SIZE = "port.mbufPoolSize";

    /** Default for {@link #PORT_MBUF_POOL_SIZE}: 2^13 - 1, the size a mempool (a 2^n ring) stores with no waste. */
    public static final int PORT_MBUF_POOL_SIZE_DEFAULT = 8191;

    /** Mbufs the pool must hold beyond a full rx ring and two bursts in flight (per-lcore caches, stragglers). */
    public static final int MBUF_POOL_HEADROOM = 512;

    /** Largest {@link #PORT_MBUF_POOL_SIZE} accepted (2^24 - 1, about 38 GB of 2 KiB mbufs): a bigger value is a typo. */
    public static final int MBUF_POOL_SIZE_MAX = 16_777_215;

    /** Per-lcore mbuf cache of the pool: 0..{@link #MBUF_CACHE_SIZE_MAX}, and 1.5 x cache must not exceed the pool. */
    public static final String PORT_MBUF_CACHE_SIZE = "port.mbufCacheSize";

    /** Default for {@link #PORT_MBUF_CACHE_SIZE}. */
    public static final int PORT_MBUF_CACHE_SIZE_DEFAULT = 256;

    /** Largest {@link #PORT_MBUF_CACHE_SIZE}: DPDK's RTE_MEMPOOL_CACHE_MAX_SIZE. */
    public static final int MBUF_CACHE_SIZE_MAX = 512;

    /** Packets asked of {@code rx_pkt_burst} per call: 1..{@link #BURST_SIZE_MAX}. */
    public static final String PORT_BURST_SIZE = "port.burstSize";

    /** Default for {@link #PORT_BURST_SIZE}: 32, the batch DPDK's vector receive paths are written for. */
    public static final int PORT_BURST_SIZE_DEFAULT = 32;

    /** Largest {@link #PORT_BURST_SIZE}. */
    public static final int BURST_SIZE_MAX = 512;

    /** Whether the port is put in promiscuous mode (true|false), so multicast reaches it without a MAC filter. */
    public static final String PORT_PROMISCUOUS = "port.promiscuous";

    /** Default for {@link #PORT_PROMISCUOUS}. */
    public static final boolean PORT_PROMISCUOUS_DEFAULT = true;

    /**
     * Where a packet's rx timestamp comes from ({@link RxTimestampSource}): {@code auto} (the NIC's hardware timestamp
     * when the port offers the offload and its clock can be read, else the time rx_burst returned), {@code nic}
     * (the NIC's, or start-up fails) or {@code burst} (always the rx_burst time).
     */
    public static final String PORT_RX_TIMESTAMP = "port.rxTimestamp";

    /** Default for {@link #PORT_RX_TIMESTAMP}: the NIC's timestamp where there is one, without failing where there is not. */
    public static final String PORT_RX_TIMESTAMP_DEFAULT = "auto";

    // ---------------------------------------------------------------------------------------------- kernel ports

    /** Interface a kernel port joins the lines' multicast groups on (e.g. {@code eth0}); absent when every line is unicast. */
    public static final String PORT_INTERFACE = "port.interface";

    /** SO_RCVBUF asked of each kernel socket, in bytes (the kernel caps it at net.core.rmem_max, then doubles it). */
    public static final String PORT_RECEIVE_BUFFER_BYTES = "port.receiveBufferBytes";

    /** Default for {@link #PORT_RECEIVE_BUFFER_BYTES}: 4 MiB, a few milliseconds of a busy feed. */
    public static final int PORT_RECEIVE_BUFFER_BYTES_DEFAULT = 4 << 20;

    /** Smallest {@link #PORT_RECEIVE_BUFFER_BYTES}. */
    public static final int RECEIVE_BUFFER_BYTES_MIN = 64 << 10;

    /** Largest {@link #PORT_RECEIVE_BUFFER_BYTES}: 1 GiB. */
    public static final int RECEIVE_BUFFER_BYTES_MAX = 1 << 30;

    /** The largest UDP payload a kernel port receives whole; a longer datagram is cut, counted and dropped. */
    public static final String PORT_MAX_DATAGRAM_BYTES = "port.maxDatagramBytes";

    /** Default for {@link #PORT_MAX_DATAGRAM_BYTES}: an Ethernet MTU's worth of MoldUDP64 and more. */
    public static final int PORT_MAX_DATAGRAM_BYTES_DEFAULT = 2048;

    /** Smallest {@link #PORT_MAX_DATAGRAM_BYTES}: a MoldUDP64 header and a few messages. */
    public static final int MAX_DATAGRAM_BYTES_MIN = 64;

    /** Largest {@link #PORT_MAX_DATAGRAM_BYTES}: the largest UDP payload over IPv4. */
    public static final int MAX_DATAGRAM_BYTES_MAX = 65507;

    /** io_uring submission queue entries: a power of two in {@link #URING_ENTRIES_MIN}..{@link #URING_ENTRIES_MAX}. */
    public static final String PORT_URING_ENTRIES = "port.uringEntries";

    /** Default for {@link #PORT_URING_ENTRIES}: one multishot request per line needs few; batched recvmsg needs more. */
    public static final int PORT_URING_ENTRIES_DEFAULT = 256;

    /** Smallest {@link #PORT_URING_ENTRIES}. */
    public static final int URING_ENTRIES_MIN = 2;

    /** Largest {@link #PORT_URING_ENTRIES}: the kernel's IORING_MAX_ENTRIES. */
    public static final int URING_ENTRIES_MAX = 32768;

    /** io_uring completion queue entries: a power of two, at least {@link #PORT_URING_ENTRIES}. */
    public static final String PORT_URING_COMPLETION_ENTRIES = "port.uringCompletionEntries";

    /** Default for {@link #PORT_URING_COMPLETION_ENTRIES}: room for a burst of datagrams between two polls. */
    public static final int PORT_URING_COMPLETION_ENTRIES_DEFAULT = 4096;

    /** Largest {@link #PORT_URING_COMPLETION_ENTRIES}: the kernel's IORING_MAX_CQ_ENTRIES. */
    public static final int URING_COMPLETION_ENTRIES_MAX = 65536;

    /** io_uring receive buffers (provided-buffer ring entries, or recvmsg requests in flight): a power of two. */
    public static final String PORT_URING_BUFFERS = "port.uringBuffers";

    /** Default for {@link #PORT_URING_BUFFERS}. */
    public static final int PORT_URING_BUFFERS_DEFAULT = 4096;

    /** Largest {@link #PORT_URING_BUFFERS}: the largest provided-buffer ring. */
    public static final int URING_BUFFERS_MAX = 32768;

    /** How the io_uring port receives ({@link UringReceive}): {@code auto}, {@code multishot} or {@code recvmsg}. */
    public static final String PORT_URING_RECEIVE = "port.uringReceive";

    /** Default for {@link #PORT_URING_RECEIVE}: multishot where the kernel has it. */
    public static final String PORT_URING_RECEIVE_DEFAULT = "auto";

    /** Keys that apply to {@code port.kind=dpdk} only. */
    public static final List<String> DPDK_ONLY_KEYS = List.of(
        EAL_ARGS, PORT_DEVICE, PORT_RX_RING_SIZE, PORT_TX_RING_SIZE, PORT_MBUF_POOL_SIZE, PORT_MBUF_CACHE_SIZE,
        PORT_PROMISCUOUS, PORT_RX_TIMESTAMP);

    /** Keys that apply to the kernel kinds only. */
    public static final List<String> KERNEL_ONLY_KEYS = List.of(
        PORT_INTERFACE, PORT_RECEIVE_BUFFER_BYTES, PORT_MAX_DATAGRAM_BYTES);

    /** Keys that apply to {@code port.kind=io_uring} only. */
    public static final List<String> URING_ONLY_KEYS = List.of(
        PORT_URING_ENTRIES, PORT_URING_COMPLETION_ENTRIES, PORT_URING_BUFFERS, PORT_URING_RECEIVE);

    // ---------------------------------------------------------------------------------------------- channels

    /** Prefix of the feed-channel keys: {@code channel.<name>.<suffix>}, name matching {@link #CHANNEL_NAME_PATTERN}. */
    public static final String CHANNEL_PREFIX = "channel.";

    /** Characters and length a channel name may have. */
    public static final String CHANNEL_NAME_PATTERN = "[A-Za-z0-9_-]{1,32}";

    /** Suffix of {@code channel.<name>.session}: the MoldUDP64 session, exactly {@link #SESSION_LENGTH} printable ASCII characters; absent = any. */
    public static final String CHANNEL_SESSION = "session";

    /** Suffix of {@code channel.<name>.a.group}: the A line's destination {@code IPv4:port} (required for a channel). */
    public static final String CHANNEL_A_GROUP = "a.group";

    /** Suffix of {@code channel.<name>.a.source}: the A line's IPv4 source filter; absent = any source. */
    public static final String CHANNEL_A_SOURCE = "a.source";

    /** Suffix of {@code channel.<name>.b.group}: the B line's destination {@code IPv4:port}; absent = a single-line channel. */
    public static final String CHANNEL_B_GROUP = "b.group";

    /** Suffix of {@code channel.<name>.b.source}: the B line's IPv4 source filter; absent = any source. */
    public static final String CHANNEL_B_SOURCE = "b.source";

    /**
     * Suffix of {@code channel.<name>.requestServer}: the channel's MoldUDP64 request (retransmission) servers,
     * {@code IP:PORT[,IP:PORT...]}, tried in turn; absent = {@link #RECOVERY_REQUEST_SERVER}.
     */
    public static final String CHANNEL_REQUEST_SERVER = "requestServer";

    /** Length of a MoldUDP64 session field. */
    public static final int SESSION_LENGTH = 10;

    /** The channel key suffixes, in documentation order. */
    public static final List<String> CHANNEL_SUFFIXES =
        List.of(CHANNEL_SESSION, CHANNEL_A_GROUP, CHANNEL_A_SOURCE, CHANNEL_B_GROUP, CHANNEL_B_SOURCE, CHANNEL_REQUEST_SERVER);

    // ---------------------------------------------------------------------------------------------- journal

    /** Directory of the Chronicle Queue journal (created at start-up if missing). */
    public static final String JOURNAL_PATH = "journal.path";

    /** Default for {@link #JOURNAL_PATH}: tmpfs, so appends never wait on a disk. */
    public static final String JOURNAL_PATH_DEFAULT = "/dev/shm/md-receiver/journal";

    /** Chronicle Queue roll cycle, how often a new queue file starts: one of {@link #JOURNAL_ROLL_CYCLES}. */
    public static final String JOURNAL_ROLL_CYCLE = "journal.rollCycle";

    /** Default for {@link #JOURNAL_ROLL_CYCLE}. */
    public static final String JOURNAL_ROLL_CYCLE_DEFAULT = "FAST_HOURLY";

    /**
     * The roll cycles accepted by {@link #JOURNAL_ROLL_CYCLE}. In Chronicle Queue 2026.4 only FAST_HOURLY, FAST_DAILY,
     * TEN_MINUTELY and FIVE_MINUTELY are constants of {@code RollCycles} itself; HOURLY, DAILY and MINUTELY are in
     * {@code LegacyRollCycles}, LARGE_DAILY and HUGE_DAILY in {@code LargeRollCycles}. All are in
     * {@code RollCycles.all()}: resolve a name by searching that, not with {@code RollCycles.valueOf}.
     */
    public static final List<String> JOURNAL_ROLL_CYCLES = List.of(
        "FAST_HOURLY", "HOURLY", "FAST_DAILY", "DAILY", "TEN_MINUTELY", "FIVE_MINUTELY", "MINUTELY",
        "LARGE_DAILY", "HUGE_DAILY");

    /** Whether received messages are journalled at all (true|false). */
    public static final String JOURNAL_ENABLED = "journal.enabled";

    /** Default for {@link #JOURNAL_ENABLED}. */
    public static final boolean JOURNAL_ENABLED_DEFAULT = true;

    /**
     * Least free space, in MB, on the journal's file system: start-up refuses less, and the receiver stops cleanly
     * (exit 1) when free space falls below it or a page the journal needs cannot be backed.
     */
    public static final String JOURNAL_MIN_FREE_MB = "journal.minFreeMb";

    /** Default for {@link #JOURNAL_MIN_FREE_MB}: eight times the pretoucher's 32 MB look-ahead. */
    public static final long JOURNAL_MIN_FREE_MB_DEFAULT = 256;

    /** Smallest {@link #JOURNAL_MIN_FREE_MB}: room for a roll to a new cycle file and the writer's populated margin. */
    public static final long JOURNAL_MIN_FREE_MB_MIN = 16;

    /** Largest {@link #JOURNAL_MIN_FREE_MB} (16 TiB): a bigger value is a typo. */
    public static final long JOURNAL_MIN_FREE_MB_MAX = 16L << 20;

    /**
     * Roll-cycle files kept: the current one and the newest before it, {@code N} in all; older ones are deleted
     * once no process maps them or anything newer (0 = keep every file).
     */
    public static final String JOURNAL_RETAIN_CYCLES = "journal.retainCycles";

    /** Default for {@link #JOURNAL_RETAIN_CYCLES}: keep everything. */
    public static final int JOURNAL_RETAIN_CYCLES_DEFAULT = 0;

    /** Largest {@link #JOURNAL_RETAIN_CYCLES}. */
    public static final int JOURNAL_RETAIN_CYCLES_MAX = 1_000_000;

    /**
     * N: after N full bursts in a row (polls that brought {@link #PORT_BURST_SIZE} packets: more wait in the ring), each
     * committed at once, the receiver is behind and up to N full bursts share one journal excerpt, committed at the
     * limit, after a burst that is not full, or at an empty poll. 1 commits every burst.
     */
    public static final String JOURNAL_FULL_BURSTS_PER_COMMIT = "journal.fullBurstsPerCommit";

    /** Default for {@link #JOURNAL_FULL_BURSTS_PER_COMMIT}: 4, up to 128 packets of a backlog (bursts of 32) in one excerpt. */
    public static final int JOURNAL_FULL_BURSTS_PER_COMMIT_DEFAULT = 4;

    /** Largest {@link #JOURNAL_FULL_BURSTS_PER_COMMIT}. */
    public static final int JOURNAL_FULL_BURSTS_PER_COMMIT_MAX = 64;

    // ---------------------------------------------------------------------------------------------- stats

    /** Milliseconds between two statistics reports: {@link #STATS_INTERVAL_MS_MIN}..{@link #STATS_INTERVAL_MS_MAX}. */
    public static final String STATS_INTERVAL_MS = "stats.intervalMs";

    /** Default for {@link #STATS_INTERVAL_MS}. */
    public static final long STATS_INTERVAL_MS_DEFAULT = 1000;

    /** Smallest {@link #STATS_INTERVAL_MS}. */
    public static final long STATS_INTERVAL_MS_MIN = 100;

    /** Largest {@link #STATS_INTERVAL_MS} (one hour). */
    public static final long STATS_INTERVAL_MS_MAX = 3_600_000;

    /** Memory-mapped counters file that a separate tool reads live, AeronStat-style. */
    public static final String STATS_COUNTERS_FILE = "stats.countersFile";

    /** Default for {@link #STATS_COUNTERS_FILE}. */
    public static final String STATS_COUNTERS_FILE_DEFAULT = "/dev/shm/md-receiver/counters.dat";

    /** Optional HdrHistogram log ({@code .hlog}) the latency histograms are written to; empty = none. */
    public static final String LATENCY_HISTOGRAM_LOG = "latency.histogramLog";

    // ---------------------------------------------------------------------------------------------- recovery

    /**
     * MoldUDP64 request servers ({@code IP:PORT[,IP:PORT...]}) of every channel that names none of its own, the
     * automatic channels included; empty = none, so a hole neither line fills is a gap at once.
     */
    public static final String RECOVERY_REQUEST_SERVER = "recovery.requestServer";

    /** Most request servers one channel may list. */
    public static final int REQUEST_SERVERS_MAX = 8;

    /** Milliseconds to wait for an answer to a request before it counts as unanswered: 1..60000. */
    public static final String RECOVERY_TIMEOUT_MS = "recovery.timeoutMs";

    /** Default for {@link #RECOVERY_TIMEOUT_MS}. */
    public static final long RECOVERY_TIMEOUT_MS_DEFAULT = 200;

    /** Unanswered requests in a row (over all the channel's servers) after which a hole is given up: 1..1000. */
    public static final String RECOVERY_ATTEMPTS = "recovery.attempts";

    /** Default for {@link #RECOVERY_ATTEMPTS}. */
    public static final int RECOVERY_ATTEMPTS_DEFAULT = 5;

    /** Factor the timeout grows by after each unanswered request (exponential back-off): 1.0..16.0. */
    public static final String RECOVERY_BACKOFF = "recovery.backoff";

    /** Default for {@link #RECOVERY_BACKOFF}. */
    public static final double RECOVERY_BACKOFF_DEFAULT = 1.5;

    /** Largest {@link #RECOVERY_BACKOFF}. */
    public static final double RECOVERY_BACKOFF_MAX = 16.0;

    /** Most messages one request asks for: 1..65534 (0xFFFF is the end-of-session count). */
    public static final String RECOVERY_MESSAGES_PER_REQUEST = "recovery.messagesPerRequest";

    /** Default for {@link #RECOVERY_MESSAGES_PER_REQUEST}: the protocol's most. */
    public static final int RECOVERY_MESSAGES_PER_REQUEST_DEFAULT = 65534;

    /** Requests outstanding at once over all channels (one per part of a hole; more wait their turn): 1..4096. */
    public static final String RECOVERY_REQUESTS_IN_FLIGHT = "recovery.requestsInFlight";

    /** Default for {@link #RECOVERY_REQUESTS_IN_FLIGHT}. */
    public static final int RECOVERY_REQUESTS_IN_FLIGHT_DEFAULT = 16;

    /**
     * Bytes of packets one channel may hold behind a hole (waiting for the other line or for recovery), allocated at
     * start-up; an integer with an optional K, M or G suffix (powers of 1024), 64K..1G.
     */
    public static final String RECOVERY_HOLD_BYTES = "recovery.holdBytes";

    /** Default for {@link #RECOVERY_HOLD_BYTES}: 8 MiB per channel. */
    public static final String RECOVERY_HOLD_BYTES_DEFAULT = "8M";

    /** Smallest {@link #RECOVERY_HOLD_BYTES}. */
    public static final long RECOVERY_HOLD_BYTES_MIN = 64L << 10;

    /** Largest {@link #RECOVERY_HOLD_BYTES}. */
    public static final long RECOVERY_HOLD_BYTES_MAX = 1L << 30;

    /** Local {@code IPv4[:port]} the recovery socket binds to; 0.0.0.0 = any interface, port 0 = any free port. */
    public static final String RECOVERY_LOCAL_ADDRESS = "recovery.localAddress";

    /** Default for {@link #RECOVERY_LOCAL_ADDRESS}. */
    public static final String RECOVERY_LOCAL_ADDRESS_DEFAULT = "0.0.0.0:0";

    /** What a session's first packet above sequence 1 leads to: {@code gap} or {@code recover} ({@link LateJoin}). */
    public static final String RECOVERY_LATE_JOIN = "recovery.lateJoin";

    /** Default for {@link #RECOVERY_LATE_JOIN}. */
    public static final String RECOVERY_LATE_JOIN_DEFAULT = "gap";

    /** With {@code recovery.lateJoin=recover}, most messages asked for before the first packet: 0..2^40. */
    public static final String RECOVERY_MAX_LATE_JOIN_MESSAGES = "recovery.maxLateJoinMessages";

    /** Default for {@link #RECOVERY_MAX_LATE_JOIN_MESSAGES}. */
    public static final long RECOVERY_MAX_LATE_JOIN_MESSAGES_DEFAULT = 100_000;
    // ---------------------------------------------------------------------------------------------- books

    /** Orders the in-process books hold at once over every stock (with {@code receiver.handler=book}): 1..{@link #BOOK_MAX_ORDERS_MAX}. */
    public static final String BOOK_MAX_ORDERS = "book.maxOrders";

    /** Default for {@link #BOOK_MAX_ORDERS}: 2^22, above a NASDAQ day's resting orders; 64 to 128 MB of table. */
    public static final int BOOK_MAX_ORDERS_DEFAULT = 4_194_304;

    /** Largest {@link #BOOK_MAX_ORDERS}: 2^28 (8 GiB of table). */
    public static final int BOOK_MAX_ORDERS_MAX = 1 << 28;

    /** Price levels the in-process books hold at once over every stock and side: 1..{@link #BOOK_MAX_LEVELS_MAX}. */
    public static final String BOOK_MAX_LEVELS = "book.maxLevels";

    /** Default for {@link #BOOK_MAX_LEVELS}: 2^20; 32 MB of level pool. */
    public static final int BOOK_MAX_LEVELS_DEFAULT = 1_048_576;

    /** Largest {@link #BOOK_MAX_LEVELS}: 2^28 (8 GiB of pool). */
    public static final int BOOK_MAX_LEVELS_MAX = 1 << 28;
    /**
     * Whether exchange-to-handler latency is recorded (true|false): the handler's clock minus each message's ITCH
     * timestamp, meaningful when the host's clock is synchronised with the exchange's (PTP) or the sender restamps.
     */
    public static final String LATENCY_EXCHANGE_TO_HANDLER = "latency.exchangeToHandler";

    /** Default for {@link #LATENCY_EXCHANGE_TO_HANDLER}. */
    public static final boolean LATENCY_EXCHANGE_TO_HANDLER_DEFAULT = false;

    /** Time zone whose midnight ITCH timestamps count from: an IANA zone id such as America/New_York, or UTC. */
    public static final String LATENCY_EXCHANGE_ZONE = "latency.exchangeZone";

    /** Default for {@link #LATENCY_EXCHANGE_ZONE}: NASDAQ's. */
    public static final String LATENCY_EXCHANGE_ZONE_DEFAULT = "America/New_York";

    // ---------------------------------------------------------------------------------------------- all

    /** Every key outside {@code channel.*}, in documentation order. */
    public static final List<String> KEYS = List.of(
        EAL_ARGS, RECEIVER_CORE, RECEIVER_MODE, IDLE_STRATEGY, RECEIVER_HANDLER, RECEIVER_LOCK_MEMORY,
        PORT_KIND, PORT_DEVICE, PORT_RX_RING_SIZE, PORT_TX_RING_SIZE, PORT_MBUF_POOL_SIZE, PORT_MBUF_CACHE_SIZE,
        PORT_BURST_SIZE, PORT_PROMISCUOUS, PORT_RX_TIMESTAMP,
        PORT_INTERFACE, PORT_RECEIVE_BUFFER_BYTES, PORT_MAX_DATAGRAM_BYTES,
        PORT_URING_ENTRIES, PORT_URING_COMPLETION_ENTRIES, PORT_URING_BUFFERS, PORT_URING_RECEIVE,
        JOURNAL_PATH, JOURNAL_ROLL_CYCLE, JOURNAL_ENABLED, JOURNAL_MIN_FREE_MB, JOURNAL_RETAIN_CYCLES,
        JOURNAL_FULL_BURSTS_PER_COMMIT,
        STATS_INTERVAL_MS, STATS_COUNTERS_FILE, LATENCY_HISTOGRAM_LOG, LATENCY_EXCHANGE_TO_HANDLER, LATENCY_EXCHANGE_ZONE,
        RECOVERY_REQUEST_SERVER, RECOVERY_TIMEOUT_MS, RECOVERY_ATTEMPTS, RECOVERY_BACKOFF, RECOVERY_MESSAGES_PER_REQUEST,
        RECOVERY_REQUESTS_IN_FLIGHT, RECOVERY_HOLD_BYTES, RECOVERY_LOCAL_ADDRESS, RECOVERY_LATE_JOIN,
        RECOVERY_MAX_LATE_JOIN_MESSAGES, BOOK_MAX_ORDERS, BOOK_MAX_LEVELS);

    private ConfigKeys()
    {
    }

    /**
     * The keys outside {@code channel.*} that a configuration with {@code port.kind=kind} may set.
     *
     * @param kind the port kind.
     * @return {@link #KEYS} without those that belong to other kinds.
     */
    public static List<String> keysFor(final PortKind kind)
    {
        return KEYS.stream()
            .filter(key -> kind == PortKind.DPDK || !DPDK_ONLY_KEYS.contains(key))
            .filter(key -> kind.kernel() || !KERNEL_ONLY_KEYS.contains(key))
            .filter(key -> kind == PortKind.IO_URING || !URING_ONLY_KEYS.contains(key))
            .toList();
    }

    /**
     * The full key of one channel setting.
     *
     * @param channelName the channel's name, e.g. {@code itch}.
     * @param suffix      one of {@link #CHANNEL_SUFFIXES}.
     * @return e.g. {@code channel.itch.a.group}.
     */
    public static String channelKey(final String channelName, final String suffix)
    {
        return CHANNEL_PREFIX + channelName + '.' + suffix;
    }
}
