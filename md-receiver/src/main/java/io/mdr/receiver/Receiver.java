package io.mdr.receiver;

import io.mdr.config.ChannelConfig;
import io.mdr.config.LineConfig;
import io.mdr.config.PortKind;
import io.mdr.config.ReceiverConfig;
import io.mdr.config.ReceiverMode;
import io.mdr.dpdk.DpdkException;
import io.mdr.dpdk.HousekeepingCpus;
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
import io.mdr.port.PacketSink;
import io.mdr.port.PacketSource;
import io.mdr.port.PortException;
import io.mdr.port.dpdk.DpdkPort;
import io.mdr.port.kernel.KernelPacketSources;
import io.mdr.port.uring.IoUringPacketSource;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.NoOpIdleStrategy;

import java.io.PrintStream;
import java.util.BitSet;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One run of the receiver: with a DPDK port from EAL start-up to {@code rte_eal_cleanup}, with a kernel port from
 * opening its sockets to closing them. Every resource acquired is released in reverse order on every exit path; a
 * DPDK port's mbuf pool is checked full at the end.
 */
public final class Receiver {
    private static final int MAX_COUNTERS = 64;
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
        out.println("md-receiver: " + config.describe().replace("\n", "\n  "));
        if (config.portKind() != PortKind.DPDK) {
            runPipeline(null, stop, idleExitNanos);
            poolReturnedFull = true;
            return;
        }
        DpdkPort dpdk = DpdkPort.open(config, out);
        try {
            runPipeline(dpdk, stop, idleExitNanos);
        } finally {
            dpdk.close();
            poolReturnedFull = dpdk.poolReturnedFull();
        }
    }

    /** Everything but EAL and the mbuf pool: counters, warm-up, journal, the port's packet source, the polling thread. */
    private void runPipeline(DpdkPort dpdk, BooleanSupplier stop, long idleExitNanos) {
        try (CountersFile countersFile = CountersFile.create(config.stats().countersFile(), MAX_COUNTERS)) {
            if (config.mode() != ReceiverMode.RX_ONLY) {
                // Before the port starts: a memif peer connects at start and sends as soon as it can.
                long started = System.nanoTime();
                long messages = Warmup.run(config.portKind().kernel());
                out.printf("md-receiver: warm-up: %,d synthetic messages through the per-packet path in %d ms%n",
                        messages, (System.nanoTime() - started) / 1_000_000);
            }
            ReceiverCounters counters = new ReceiverCounters(countersFile.manager());
            LatencyRecorders latency = new LatencyRecorders();
            boolean rxOnly = config.mode() == ReceiverMode.RX_ONLY;
            // Everything the loop needs is ready before the port starts: a memif peer sends as soon as it connects.
            try (JournalWriter journal = openJournal();
                 JournalPretoucher pretoucher = journal == null ? null : new JournalPretoucher(journal).start();
                 StatsReporter stats = new StatsReporter(counters, latency, config.stats().histogramLog())) {
                FeedPipeline pipeline = new FeedPipeline(handler, journal, counters, latency, exchangeClock);
                PacketProcessor processor = new PacketProcessor(router(pipeline, counters), counters);
                try (PacketSource source = openSource(dpdk, processor, rxOnly)) {
                    out.println("md-receiver: " + source.rxTimestamps());
                    ReceiverAgent agent = new ReceiverAgent(source, processor, counters, journal, config.core(), rxOnly);

                    // A port that waits in the kernel (a blocking receive, epoll_wait) is its own idle strategy.
                    AgentRunner runner = new AgentRunner(source.waitsInKernel() ? new NoOpIdleStrategy() : config.newIdleStrategy(),
                            this::onAgentError, null, agent);
                    // From here on every exit path stops the polling thread before the port (and EAL) go away.
                    try {
                        BitSet housekeeping = HousekeepingCpus.except(config.core());
                        int confined = HousekeepingCpus.confineAllThreads(housekeeping);
                        out.println("md-receiver: " + confined + " JVM and port threads confined to CPUs " + housekeeping
                                + ", CPU " + config.core() + " left to the polling thread");
                        Thread pollingThread = AgentRunner.startOnThread(runner);
                        awaitPollingThread(agent);
                        out.println("md-receiver: " + source.describe()
                                + (journal != null ? ", journal " + journal.path() : ", no journal")
                                + ", counters " + countersFile.path() + "; polling on core " + config.core()
                                + " (thread " + agent.osThreadId() + ")");
                        AllocationMonitor allocation = new AllocationMonitor(pollingThread.threadId());
                        poll(stop, idleExitNanos, agent, source, counters, stats, allocation);
                        agentThreadId = agent.osThreadId();
                        allocationReport = allocationReport(allocation, counters);
                    } finally {
                        source.wakeUp();
                        runner.close();
                        HousekeepingCpus.confineAllThreads(HousekeepingCpus.all());
                        if (journal != null) {
                            journal.bindToCurrentThread();
                        }
                        source.updateCounters(counters);
                    }
                    out.print(stats.summary());
                    if (!source.summary().isEmpty()) {
                        out.println("  " + source.summary());
                    }
                    out.println("  " + allocationReport);
                    if (pretoucher != null) {
                        out.println("  " + pretoucher.describe());
                    }
                }
            }
        }
    }

    /** The port's packet source: DPDK's port started now, or a kernel port's sockets opened and joined now. */
    private PacketSource openSource(DpdkPort dpdk, PacketSink sink, boolean rxOnly) {
        return switch (config.portKind()) {
            case DPDK -> dpdk.start(sink, rxOnly);
            case SOCKET, EPOLL -> KernelPacketSources.open(config, sink, rxOnly);
            case IO_URING -> IoUringPacketSource.open(config, sink, rxOnly);
        };
    }

    /** The port starts on the polling thread (pinning, EAL registration, an io_uring ring): its failure stops start-up. */
    private static void awaitPollingThread(ReceiverAgent agent) {
        try {
            if (!agent.awaitStarted(TimeUnit.SECONDS.toNanos(30))) {
                throw new PortException("the polling thread did not start the port within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PortException("interrupted while the polling thread started the port", e);
        }
        Throwable failure = agent.startFailure();
        if (failure != null) {
            throw failure instanceof RuntimeException e && (e instanceof PortException || e instanceof DpdkException) ? e
                    : new PortException("the polling thread could not start the port: " + failure, failure);
        }
    }

    private void poll(BooleanSupplier stop, long idleExitNanos, ReceiverAgent agent, PacketSource source,
                      ReceiverCounters counters, StatsReporter stats, AllocationMonitor allocation) {
        long intervalNanos = TimeUnit.MILLISECONDS.toNanos(config.stats().intervalMs());
        long nextStats = System.nanoTime() + intervalNanos;
        while (!stop.getAsBoolean()) {
            sleep(10);
            long now = System.nanoTime();
            source.updateCounters(counters);
            if (!allocation.isMarked() && counters.packets.get() >= WARMUP_PACKETS) {
                allocation.mark(counters.packets.get());
                faultsAtMark = ThreadFaults.read(agent.osThreadId());
            }
            if (now >= nextStats) {
                out.println(stats.intervalLine());
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

    /** True when the last run ended with every mbuf back in the pool (always true with a kernel port: it has none). */
    public boolean poolReturnedFull() {
        return poolReturnedFull;
    }



}
