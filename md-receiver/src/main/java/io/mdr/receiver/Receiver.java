package io.mdr.receiver;

import io.mdr.config.ChannelConfig;
import io.mdr.config.ConfigKeys;
import io.mdr.config.LineConfig;
import io.mdr.config.ReceiverConfig;
import io.mdr.config.ReceiverMode;
import io.mdr.config.RxTimestampSource;
import io.mdr.dpdk.DpdkException;
import io.mdr.dpdk.Eal;
import io.mdr.dpdk.EthPort;
import io.mdr.dpdk.HousekeepingCpus;
import io.mdr.dpdk.MbufPool;
import io.mdr.dpdk.PortSettings;
import io.mdr.dpdk.PortStats;
import io.mdr.dpdk.RxTimestamps;
import io.mdr.feed.ArbiterSettings;
import io.mdr.feed.ChannelRouter;
import io.mdr.journal.JournalPretoucher;
import io.mdr.journal.JournalWriter;
import io.mdr.metrics.AllocationMonitor;
import io.mdr.metrics.CountersFile;
import io.mdr.metrics.LatencyRecorders;
import io.mdr.metrics.ReceiverCounters;
import io.mdr.metrics.StatsReporter;
import io.mdr.metrics.ThreadFaults;
import org.agrona.concurrent.AgentRunner;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One run of the receiver, from EAL start-up to {@code rte_eal_cleanup}. Every resource acquired is
 * released in reverse order on every exit path; the pool is checked full at the end.
 */
public final class Receiver {
    private static final int MAX_COUNTERS = 128;
    /** Packets before the allocation measurement starts (class loading, JIT, first channel set-up). */
    static final long WARMUP_PACKETS = 100_000;

    private final ReceiverConfig config;
    private final MessageHandler handler;
    private final PrintStream out;
    private final ExchangeClock exchangeClock;
    private volatile boolean poolReturnedFull;
    private String allocationReport = "allocation: not measured";
    private long[] faultsAtMark = {-1, -1};
    private int agentThreadId;

    public Receiver(ReceiverConfig config, MessageHandler handler, ExchangeClock exchangeClock, PrintStream out) {
        this.config = config;
        this.handler = handler;
        this.exchangeClock = exchangeClock;
        this.out = out;
    }

    /**
     * Runs until {@code stop} says so (checked every 10 ms), or, with {@code idleExitNanos > 0}, until no
     * packet has arrived for that long (the end of a capture).
     */
    public void run(BooleanSupplier stop, long idleExitNanos) {
        List<String> ealArgs = new ArrayList<>(config.ealArgList());
        ealArgs.addAll(config.port().ealDeviceArgList());
        out.println("md-receiver: " + config.describe().replace("\n", "\n  "));
        try (Eal eal = Eal.start("md-receiver", ealArgs);
             CountersFile countersFile = CountersFile.create(config.stats().countersFile(), MAX_COUNTERS);
             MbufPool pool = MbufPool.create("md-rx", config.port().mbufPoolSize(), config.port().mbufCacheSize(),
                     MbufPool.defaultDataRoom(), -1)) {
            long prefaulted = pool.prefault();
            out.printf("md-receiver: mbuf pool prefaulted (%,d page touches) before the port starts%n", prefaulted);
            if (config.mode() != ReceiverMode.RX_ONLY) {
                // Before the port starts: a memif peer connects at start and sends as soon as it can.
                long started = System.nanoTime();
                long messages = Warmup.run(handler instanceof BookHandler);
                out.printf("md-receiver: warm-up: %,d synthetic messages through the per-packet path in %d ms%n",
                        messages, (System.nanoTime() - started) / 1_000_000);
            }
            ReceiverCounters counters = new ReceiverCounters(countersFile.manager());
            BookMetrics bookMetrics = handler instanceof BookHandler books
                    ? new BookMetrics(books, countersFile.manager()) : null;
            if (bookMetrics != null) {
                out.println("md-receiver: " + bookMetrics.handler().describe());
            }
            LatencyRecorders latency = new LatencyRecorders();
            boolean rxOnly = config.mode() == ReceiverMode.RX_ONLY;
            // Everything the loop needs is ready before the port starts: a memif peer sends as soon as it connects.
            try (JournalWriter journal = openJournal();
                 JournalPretoucher pretoucher = journal == null ? null : new JournalPretoucher(journal).start();
                 StatsReporter stats = new StatsReporter(counters, latency, config.stats().histogramLog());
                 EthPort port = EthPort.start(EthPort.portIdByName(config.port().portName()),
                         new PortSettings(config.port().rxRingSize(), config.port().txRingSize(), config.port().promiscuous(),
                                 config.port().rxTimestamp().wantsNicTimestamps()),
                         pool)) {
                RxTimestamps timestamps = rxTimestamps(port, config.port().rxTimestamp());
                out.println("md-receiver: " + timestamps);
                FeedPipeline pipeline = new FeedPipeline(handler, journal, counters, latency, exchangeClock);
                PacketProcessor processor = new PacketProcessor(router(pipeline, counters), counters);
                ReceiverAgent agent = new ReceiverAgent(port.rxQueue(), processor, counters, journal,
                        config.core(), config.port().burstSize(), rxOnly, timestamps);
                PortStats portStats = new PortStats();

                AgentRunner runner = new AgentRunner(config.newIdleStrategy(), this::onAgentError, null, agent);
                // From here on every exit path stops the polling thread before the port and EAL go away.
                try {
                    BitSet housekeeping = HousekeepingCpus.except(config.core());
                    int confined = HousekeepingCpus.confineAllThreads(housekeeping);
                    out.println("md-receiver: " + confined + " JVM and EAL threads confined to CPUs " + housekeeping
                            + ", CPU " + config.core() + " left to the polling thread");
                    Thread pollingThread = AgentRunner.startOnThread(runner);
                    out.println("md-receiver: " + port + ", mac " + port.macAddress() + ", pool " + pool.capacity()
                            + " mbufs" + (journal != null ? ", journal " + journal.path() : ", no journal")
                            + ", counters " + countersFile.path() + "; polling on core " + config.core());
                    AllocationMonitor allocation = new AllocationMonitor(pollingThread.threadId());
                    poll(stop, idleExitNanos, agent, port, portStats, counters, stats, allocation, bookMetrics);
                    agentThreadId = agent.osThreadId();
                    allocationReport = allocationReport(allocation, counters);
                } finally {
                    runner.close();
                    HousekeepingCpus.confineAllThreads(HousekeepingCpus.all());
                    if (journal != null) {
                        journal.bindToCurrentThread();
                    }
                    updatePortCounters(port, portStats, counters);
                }
                out.print(stats.summary());
                if (bookMetrics != null) {
                    bookMetrics.update();
                    out.println("  " + bookMetrics.handler().summary());
                }
                out.println("  " + allocationReport);
                if (pretoucher != null) {
                    out.println("  " + pretoucher.describe());
                }
            }
            poolReturnedFull = pool.isFull();
            out.println("md-receiver: port closed; mbuf pool " + pool.available() + "/" + pool.capacity()
                    + (poolReturnedFull ? " (full)" : " (NOT full: mbufs leaked)"));
        }
        out.println("md-receiver: EAL cleaned up");
    }

    /**
     * Where each packet's rx timestamp comes from, as {@code port.rxTimestamp} asks: {@code nic} fails start-up
     * (after the port started, so every resource is released on the way out) when the port cannot give NIC
     * timestamps, naming the key, the port and why.
     */
    static RxTimestamps rxTimestamps(EthPort port, RxTimestampSource source) {
        if (source == RxTimestampSource.BURST) {
            return RxTimestamps.burstTime(ConfigKeys.PORT_RX_TIMESTAMP + "=" + source.configName());
        }
        RxTimestamps timestamps = RxTimestamps.preferNic(port);
        if (source == RxTimestampSource.NIC && !timestamps.nic()) {
            throw new DpdkException(ConfigKeys.PORT_RX_TIMESTAMP + "=" + source.configName(), port
                    + " cannot give NIC rx timestamps: " + timestamps.burstReason() + "; with "
                    + ConfigKeys.PORT_RX_TIMESTAMP + "=" + RxTimestampSource.AUTO.configName()
                    + " the receiver would use the rx_burst time instead");
        }
        return timestamps;
    }

    private void poll(BooleanSupplier stop, long idleExitNanos, ReceiverAgent agent, EthPort port, PortStats portStats,
                      ReceiverCounters counters, StatsReporter stats, AllocationMonitor allocation,
                      BookMetrics bookMetrics) {
        long intervalNanos = TimeUnit.MILLISECONDS.toNanos(config.stats().intervalMs());
        long nextStats = System.nanoTime() + intervalNanos;
        while (!stop.getAsBoolean()) {
            sleep(10);
            long now = System.nanoTime();
            updatePortCounters(port, portStats, counters);
            if (bookMetrics != null) {
                bookMetrics.update();
            }
            if (!allocation.isMarked() && counters.packets.get() >= WARMUP_PACKETS) {
                allocation.mark(counters.packets.get());
                faultsAtMark = ThreadFaults.read(agent.osThreadId());
            }
            if (now >= nextStats) {
                out.println(stats.intervalLine() + (bookMetrics == null ? "" : bookMetrics.intervalText()));
                nextStats += intervalNanos;
            }
            if (idleExitNanos > 0 && now - agent.lastPacketNanos() > idleExitNanos) {
                break;
            }
        }
    }

    private String allocationReport(AllocationMonitor allocation, ReceiverCounters counters) {
        if (!allocation.isMarked()) {
            return "allocation: not measured (fewer than " + WARMUP_PACKETS + " packets to warm up)";
        }
        long[] faults = ThreadFaults.read(agentThreadId);
        String faultText = faultsAtMark[0] < 0 || faults[0] < 0 ? "" : "; polling thread page faults "
                + (faults[0] - faultsAtMark[0]) + " minor, " + (faults[1] - faultsAtMark[1]) + " major";
        return "allocation after warm-up: polling thread allocated " + allocation.allocatedSinceMark() + " bytes over "
                + (counters.packets.get() - allocation.markPackets()) + " packets; " + allocation.gcsSinceMark() + " GCs in the JVM"
                + faultText;
    }

    private static void updatePortCounters(EthPort port, PortStats portStats, ReceiverCounters counters) {
        port.readStats(portStats);
        counters.portIpackets.setRelease(portStats.ipackets());
        counters.portImissed.setRelease(portStats.imissed());
        counters.portRxNoMbuf.setRelease(portStats.rxNoMbuf());
        counters.portIerrors.setRelease(portStats.ierrors());
    }

    private JournalWriter openJournal() {
        if (!config.journal().enabled() || config.mode() == ReceiverMode.RX_ONLY) {
            return null;
        }
        return JournalWriter.open(config.journal().path(), config.journal().rollCycle());
    }

    private ChannelRouter router(FeedPipeline pipeline, ReceiverCounters counters) {
        ArbiterSettings settings = ArbiterSettings.defaults();
        if (config.autoChannels()) {
            return ChannelRouter.automatic(settings, pipeline, counters);
        }
        ChannelRouter router = ChannelRouter.configured(settings, pipeline, counters);
        for (ChannelConfig channel : config.channels()) {
            int lines = channel.lineCount();
            int[] groups = new int[lines];
            int[] ports = new int[lines];
            int[] sources = new int[lines];
            for (int l = 0; l < lines; l++) {
                LineConfig line = channel.line(l);
                groups[l] = line.group();
                ports[l] = line.port();
                sources[l] = line.source();
            }
            router.addChannel(channel.name(), channel.anySession() ? null : channel.session().text(), groups, ports, sources);
        }
        return router;
    }

    private void onAgentError(Throwable t) {
        out.println("md-receiver: error on the polling thread: " + t);
        t.printStackTrace(out);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** True when the last run ended with every mbuf back in the pool. */
    public boolean poolReturnedFull() {
        return poolReturnedFull;
    }



}
