package io.mdr.receiver;

import io.mdr.config.ChannelConfig;
import io.mdr.config.ConfigKeys;
import io.mdr.config.LateJoin;
import io.mdr.config.LineConfig;
import io.mdr.config.MemoryLockMode;
import io.mdr.config.PortKind;
import io.mdr.config.ReceiverConfig;
import io.mdr.config.ReceiverMode;
import io.mdr.config.RecoveryConfig;
import io.mdr.config.ServerAddress;
import io.mdr.dpdk.DpdkException;
import io.mdr.dpdk.HousekeepingCpus;
import io.mdr.feed.ArbiterSettings;
import io.mdr.feed.ChannelArbiter;
import io.mdr.feed.ChannelRouter;
import io.mdr.feed.RecoveryRequests;
import io.mdr.journal.JournalPretoucher;
import io.mdr.journal.JournalResume;
import io.mdr.journal.JournalRetention;
import io.mdr.journal.JournalSpace;
import io.mdr.journal.JournalSpaceException;
import io.mdr.journal.JournalWriter;
import io.mdr.memory.MemoryLock;
import io.mdr.memory.MemoryLockException;
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
import io.mdr.recovery.RecoveryAgent;
import io.mdr.recovery.RecoveryRings;
import io.mdr.recovery.RecoveryServers;
import io.mdr.recovery.RecoverySettings;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.AgentTerminationException;
import org.agrona.concurrent.NoOpIdleStrategy;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One run of the receiver: with a DPDK port from EAL start-up to {@code rte_eal_cleanup}, with a kernel port from
 * opening its sockets to closing them. Every resource acquired is released in reverse order on every exit path; a
 * DPDK port's mbuf pool is checked full at the end.
 *
 * <p><b>How a run ends.</b> Every end goes through the same shutdown, in the same order: the polling thread stops
 * (its last burst's buffers released, the journal committed), then the recovery thread (its socket closed), the
 * summary is printed, the port closes (a DPDK port's ring's mbufs back to the pool, the pool checked full and freed,
 * EAL cleaned up; a kernel port's sockets closed). What differs is only why it stopped:
 * <ul>
 *   <li>asked to: SIGINT/SIGTERM, {@code --duration}, the end of a capture ({@code --exit-when-idle});</li>
 *   <li>the journal's file system is full ({@link JournalSpace}: free space below {@code journal.minFreeMb}, or a
 *       page the pretoucher could not populate), seen by the housekeeping loop here, off the polling core;</li>
 *   <li>a failure on the polling thread ({@link ReceiverAgent#failure()}): any exception or error while a burst
 *       was processed, a full journal the writer itself ran into included.</li>
 * </ul>
 * The last two are fatal: {@link #failure()} then names the cause, printed before the summary and again last,
 * and the process exits 1.
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
    /** Why the run stopped when it was not asked to (null otherwise): a journal out of room, a polling-thread failure. */
    private volatile String failure;
    private String allocationReport = "allocation: not measured";
    private long[] faultsAtMark = {-1, -1};
    /** Where the journal left each channel (read when the journal opens). */
    private JournalResume resume = JournalResume.none();
    private int agentThreadId;
    /** Packets before allocation, GCs and page faults are counted ({@link #warmupPackets(long)}). */
    private long warmupPackets = WARMUP_PACKETS;

    public Receiver(ReceiverConfig config, MessageHandler handler, ExchangeClock exchangeClock, PrintStream out) {
        this.config = config;
        this.handler = handler;
        this.exchangeClock = exchangeClock;
        this.out = out;
    }

    /**
     * Packets after which allocation, GCs and the polling thread's page faults start being counted (default
     * {@value #WARMUP_PACKETS}): a benchmark at a low rate sets it to its warm-up seconds' worth of packets.
     */
    public Receiver warmupPackets(long packets) {
        if (packets < 1) {
            throw new IllegalArgumentException("warm-up packets must be at least 1, got " + packets);
        }
        this.warmupPackets = packets;
        return this;
    }

    /**
     * Runs until {@code stop} says so (checked every 10 ms), or, with {@code idleExitNanos > 0}, until no
     * packet has arrived for that long (the end of a capture).
     */
    public void run(BooleanSupplier stop, long idleExitNanos) {
        out.println("md-receiver: " + config.describe().replace("\n", "\n  "));
        boolean locked = lockMemory();
        try {
            runReceiver(stop, idleExitNanos);
        } finally {
            if (locked) {
                // The process may go on (a test, an embedding application): its pages become reclaimable again.
                MemoryLock.unlock();
            }
        }
    }

    private void runReceiver(BooleanSupplier stop, long idleExitNanos) {
        // Before the port: a journal file system without room stops start-up at once, naming the path, the space and the key.
        JournalSpace space = journalSpace();
        if (space != null) {
            space.checkAtStartUp();
        }
        if (config.portKind() != PortKind.DPDK) {
            runPipeline(null, space, stop, idleExitNanos);
            poolReturnedFull = true;
        } else {
            DpdkPort dpdk = DpdkPort.open(config, out);
            try {
                runPipeline(dpdk, space, stop, idleExitNanos);
            } finally {
                dpdk.close();
                poolReturnedFull = dpdk.poolReturnedFull();
            }
        }
        if (failure != null) {
            out.println("md-receiver: exiting 1: " + failure);
        }
    }

    /**
     * {@code receiver.lockMemory}: first of all, so that every page start-up touches (EAL's memory, the heap, the
     * warm-up's code, the journal's populated pages) is locked as it is touched.
     *
     * @return whether the memory is now locked (then {@link #run} unlocks it on its way out)
     */
    private boolean lockMemory() {
        MemoryLockMode mode = config.lockMemory();
        if (mode == MemoryLockMode.OFF) {
            out.println("md-receiver: memory not locked (" + ConfigKeys.RECEIVER_LOCK_MEMORY + "=off)");
            return false;
        }
        MemoryLock.Outcome outcome = MemoryLock.lock();
        if (!outcome.locked() && mode == MemoryLockMode.ON) {
            throw new MemoryLockException(ConfigKeys.RECEIVER_LOCK_MEMORY + "=on, but " + outcome.text()
                    + "; or set " + ConfigKeys.RECEIVER_LOCK_MEMORY + "=auto to start without");
        }
        out.println("md-receiver: " + outcome.text());
        return outcome.locked();
    }

    /** Everything but EAL and the mbuf pool: counters, warm-up, journal, recovery, the port's packet source, the threads. */
    private void runPipeline(DpdkPort dpdk, JournalSpace space, BooleanSupplier stop, long idleExitNanos) {
        try (CountersFile countersFile = CountersFile.create(config.stats().countersFile(), MAX_COUNTERS)) {
            if (config.mode() != ReceiverMode.RX_ONLY) {
                // Before the port starts: a memif peer connects at start and sends as soon as it can.
                long started = System.nanoTime();
                long messages = Warmup.run(handler instanceof BookHandler, config.portKind().kernel(),
                        config.autoChannels(), recoveryServers().anyChannel(), exchangeClock);
                out.printf("md-receiver: warm-up: %,d synthetic messages through the per-packet path in %d ms (%d rehearsals)%n",
                        messages, (System.nanoTime() - started) / 1_000_000, Warmup.ROUNDS);
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
            try (JournalWriter journal = openJournal(space);
                 JournalPretoucher pretoucher = journal == null ? null : new JournalPretoucher(journal).start();
                 StatsReporter stats = new StatsReporter(counters, latency, config.stats().histogramLog(),
                         !rxOnly && config.recoveryEnabled())) {
                FeedPipeline pipeline = new FeedPipeline(handler, journal, counters, latency, exchangeClock);
                RecoveryServers servers = recoveryServers();
                RecoveryRings rings = !rxOnly && servers.anyChannel() ? new RecoveryRings(servers) : null;
                // The recovery socket is open from here: every path below closes it (the runner closes an unstarted agent too).
                RecoveryAgent recovery = rings == null ? null : new RecoveryAgent(rings,
                        RecoverySettings.from(config.recovery()), config.recovery().localAddress().toSocketAddress(), counters);
                AgentRunner recoveryRunner = recovery == null ? null : new AgentRunner(
                        recovery.idleStrategy(), this::onRecoveryError, null, recovery);
                try {
                    PacketProcessor processor = rings == null
                            ? new PacketProcessor(router(pipeline, counters, RecoveryRequests.NONE), counters)
                            : new PacketProcessor(router(pipeline, counters, rings), counters, rings);
                    JournalRetention retention = journal == null || config.journal().retainCycles() == 0 ? null
                            : new JournalRetention(journal, config.journal().retainCycles());
                    // The port starts last of all: a peer sends as soon as it is up.
                    RawJournalSink raw = config.mode() == ReceiverMode.JOURNAL_RAW ? new RawJournalSink(journal, counters) : null;
                    try (PacketSource source = openSource(dpdk, raw != null ? raw : processor, rxOnly)) {
                        out.println("md-receiver: " + source.rxTimestamps());
                        ReceiverAgent agent = new ReceiverAgent(source, processor, raw, counters, journal, latency, config.core(),
                                rxOnly, config.journal().fullBurstsPerCommit());
                        // A port that waits in the kernel (a blocking receive, epoll_wait) is its own idle strategy.
                        AgentRunner runner = new AgentRunner(source.waitsInKernel() ? new NoOpIdleStrategy()
                                : config.newIdleStrategy(), this::onAgentError, null, agent);
                        // From here on every exit path stops the polling thread before the port (and EAL) go away.
                        try {
                            BitSet housekeeping = HousekeepingCpus.except(config.core());
                            int confined = HousekeepingCpus.confineAllThreads(housekeeping);
                            out.println("md-receiver: " + confined + " JVM and port threads confined to CPUs " + housekeeping
                                    + ", CPU " + config.core() + " left to the polling thread");
                            if (recoveryRunner != null) {
                                // Started after the confinement, so it inherits the housekeeping CPUs.
                                AgentRunner.startOnThread(recoveryRunner);
                                out.println("md-receiver: recovery thread on CPUs " + housekeeping + ", requests from "
                                        + recovery.localAddress() + " (kernel UDP socket), giving a hole up after "
                                        + config.recovery().giveUpMs() + " ms");
                            }
                            Thread pollingThread = AgentRunner.startOnThread(runner);
                            awaitPollingThread(agent);
                            out.println("md-receiver: " + source.describe()
                                    + (journal != null ? ", journal " + journal.path() : ", no journal")
                                    + ", counters " + countersFile.path() + "; polling on core " + config.core()
                                    + " (thread " + agent.osThreadId() + ", " + agent.stackText() + ")");
                            AllocationMonitor allocation = new AllocationMonitor(pollingThread.threadId());
                            poll(stop, idleExitNanos, agent, source, counters, stats, allocation, space, retention,
                                    bookMetrics);
                            agentThreadId = agent.osThreadId();
                            allocationReport = allocationReport(allocation, counters);
                        } finally {
                            // Stops the polling thread: it returns its last burst's buffers and commits the journal
                            // (onClose), having given up what was still being recovered; then the recovery thread,
                            // whose socket closes.
                            source.wakeUp();
                            runner.close();
                            if (recoveryRunner != null) {
                                recoveryRunner.close();
                            }
                            HousekeepingCpus.confineAllThreads(HousekeepingCpus.all());
                            if (journal != null) {
                                journal.bindToCurrentThread();
                            }
                            source.updateCounters(counters);
                        }
                        if (agent.failure() != null && failure == null) {
                            // It failed while stopping (committing the journal, declaring the last gaps).
                            reportFailure(agent.failure());
                        }
                        out.print(stats.summary());
                        if (agent.trafficNanos() > 0) {
                            out.printf(Locale.ROOT, "  traffic %.3f s, from the first poll with packets to the end"
                                    + " of the last%n", agent.trafficNanos() / 1e9);
                        }
                        if (bookMetrics != null) {
                            bookMetrics.update();
                            out.println("  " + bookMetrics.handler().summary());
                        }
                        if (!source.summary().isEmpty()) {
                            out.println("  " + source.summary());
                        }
                        out.println("  " + allocationReport);
                        if (pretoucher != null) {
                            out.println("  " + pretoucher.describe());
                        }
                    }
                } finally {
                    // Start-up failed before the threads ran: the recovery socket still closes (idempotent otherwise).
                    if (recoveryRunner != null) {
                        recoveryRunner.close();
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

    /**
     * The housekeeping loop, on the main thread (confined to the housekeeping CPUs): port counters, the stats line,
     * the journal's free space and retention. Returns when the run should end, for whatever reason.
     */
    private void poll(BooleanSupplier stop, long idleExitNanos, ReceiverAgent agent, PacketSource source,
                      ReceiverCounters counters, StatsReporter stats, AllocationMonitor allocation, JournalSpace space,
                      JournalRetention retention, BookMetrics bookMetrics) {
        long intervalNanos = TimeUnit.MILLISECONDS.toNanos(config.stats().intervalMs());
        long nextStats = System.nanoTime() + intervalNanos;
        long nextSpaceCheck = 0;
        long nextRetention = System.nanoTime();
        while (!stop.getAsBoolean()) {
            sleep(10);
            long now = System.nanoTime();
            if (agent.failure() != null) {
                reportFailure(agent.failure());
                break;
            }
            if (failure != null) {
                break; // the polling thread failed to start (onAgentError), or the recovery thread failed
            }
            // The pretoucher's failed madvise is seen at once; statvfs every 100 ms.
            if (space != null && (space.isExhausted() || now >= nextSpaceCheck) && space.poll()) {
                failure = space.exhaustedReason() + ": stopping cleanly";
                out.println("md-receiver: " + failure);
                break;
            }
            if (now >= nextSpaceCheck) {
                nextSpaceCheck = now + 100_000_000L;
            }
            if (retention != null && now >= nextRetention) {
                nextRetention = now + 1_000_000_000L;
                retention.run().forEach(line -> out.println("md-receiver: " + line));
            }
            source.updateCounters(counters);
            if (bookMetrics != null) {
                bookMetrics.update();
            }
            if (!allocation.isMarked() && counters.packets.get() >= warmupPackets) {
                allocation.mark(counters.packets.get());
                faultsAtMark = ThreadFaults.read(agent.osThreadId());
                out.printf("md-receiver: warm-up over after %,d packets (JVM uptime %d ms): allocation, GCs and page faults"
                        + " are counted from here%n", allocation.markPackets(), ManagementFactory.getRuntimeMXBean().getUptime());
            }
            if (now >= nextStats) {
                out.println(stats.intervalLine() + (bookMetrics == null ? "" : bookMetrics.intervalText())
                        + sinceWarmup(allocation, agent.osThreadId()));
                nextStats += intervalNanos;
            }
            if (idleExitNanos > 0 && agent.osThreadId() != 0 && now - agent.lastPacketNanos() > idleExitNanos) {
                if (!waitForRecovery(counters, now)) {
                    break;
                }
            } else {
                recoveryWaitStart = -1;
            }
        }
    }

    private long recoveryWaitStart = -1;

    /**
     * At the end of the input, holes still being recovered are waited for, at most as long as recovery takes to give
     * a hole up (plus the wait before a hole is asked for); whatever is still missing then becomes a gap at the flush.
     *
     * @return true to keep waiting
     */
    private boolean waitForRecovery(ReceiverCounters counters, long now) {
        long open = counters.holesOpen.get();
        if (open <= 0 || !config.recoveryEnabled()) {
            return false;
        }
        long bound = TimeUnit.MILLISECONDS.toNanos(config.recovery().giveUpMs()) + ArbiterSettings.defaults().maxHoleWaitNanos()
                + TimeUnit.MILLISECONDS.toNanos(100);
        if (recoveryWaitStart < 0) {
            recoveryWaitStart = now;
            out.println("md-receiver: end of input; waiting up to " + TimeUnit.NANOSECONDS.toMillis(bound) + " ms for "
                    + open + " hole(s) being recovered");
        }
        return now - recoveryWaitStart < bound;
    }

    /**
     * The polling thread's allocation and page faults since the warm-up, on every stats line once it is over: a
     * zero-allocation claim that can be watched second by second, and the second a stray allocation happened in.
     */
    private String sinceWarmup(AllocationMonitor allocation, int tid) {
        if (!allocation.isMarked()) {
            return "";
        }
        long[] faults = ThreadFaults.read(tid);
        String faultText = faultsAtMark[0] < 0 || faults[0] < 0 ? "" // no /proc: the allocation alone
                : ", " + (faults[0] - faultsAtMark[0] + faults[1] - faultsAtMark[1]) + " faults";
        return " | since warm-up " + allocation.allocatedSinceMark() + " B allocated" + faultText;
    }

    private String allocationReport(AllocationMonitor allocation, ReceiverCounters counters) {
        if (!allocation.isMarked()) {
            return "allocation: not measured (fewer than " + warmupPackets + " packets to warm up)";
        }
        long[] faults = ThreadFaults.read(agentThreadId);
        String faultText = faultsAtMark[0] < 0 || faults[0] < 0 ? "" : "; polling thread page faults "
                + (faults[0] - faultsAtMark[0]) + " minor, " + (faults[1] - faultsAtMark[1]) + " major";
        return "allocation after warm-up: polling thread allocated " + allocation.allocatedSinceMark() + " bytes over "
                + (counters.packets.get() - allocation.markPackets()) + " packets; " + allocation.gcsSinceMark() + " GCs in the JVM"
                + faultText;
    }

    private boolean journalled() {
        return config.journal().enabled() && config.mode() != ReceiverMode.RX_ONLY;
    }

    private JournalSpace journalSpace() {
        return journalled() ? JournalSpace.of(config.journal().path(), config.journal().minFreeMb(), ConfigKeys.JOURNAL_MIN_FREE_MB) : null;
    }

    /**
     * Opens the journal (reporting the stale locks it cleared) and reads where it left each channel, both before the
     * port starts: a peer sends as soon as the port is up, and the rx ring would fill during a long resume scan.
     */
    private JournalWriter openJournal(JournalSpace space) {
        if (!journalled()) {
            return null;
        }
        JournalWriter writer = JournalWriter.open(config.journal().path(), config.journal().rollCycle(), space);
        try {
            writer.recoveryNotes().forEach(note -> out.println("md-receiver: " + note));
            resume = readResume(writer);
        } catch (RuntimeException e) {
            writer.close();
            throw e;
        }
        return writer;
    }

    /**
     * Where the journal left each channel, so that a restart continues it: configured channels by name (the scan
     * stops once all are found), automatic ones by whatever the journal holds.
     */
    private JournalResume readResume(JournalWriter journal) {
        if (journal == null) {
            return JournalResume.none();
        }
        Set<String> wanted = null;
        if (!config.autoChannels()) {
            wanted = new HashSet<>();
            for (ChannelConfig channel : config.channels()) {
                wanted.add(channel.name());
            }
        }
        JournalResume resume = JournalResume.read(journal, wanted);
        out.println("md-receiver: " + resume.describe().replace("\n", "\n  "));
        return resume;
    }

    /** The arbiters' settings: the default windows, the configured budget and late-join choice. */
    static ArbiterSettings arbiterSettings(RecoveryConfig recovery) {
        return ArbiterSettings.defaults().withHoldBytes(recovery.holdBytes())
                .withLateJoin(recovery.lateJoin() == LateJoin.RECOVER, recovery.maxLateJoinMessages());
    }

    /** Each configured channel's servers, in the order the router numbers channels; automatic channels get the default. */
    private RecoveryServers recoveryServers() {
        List<InetSocketAddress> defaults = socketAddresses(config.recovery().requestServers());
        List<List<InetSocketAddress>> byChannel = new ArrayList<>();
        for (ChannelConfig channel : config.channels()) {
            byChannel.add(socketAddresses(channel.requestServersOr(config.recovery().requestServers())));
        }
        return new RecoveryServers(byChannel, config.autoChannels() ? defaults : List.of());
    }

    private static List<InetSocketAddress> socketAddresses(List<ServerAddress> servers) {
        return servers.stream().map(ServerAddress::toSocketAddress).toList();
    }

    /** The router; every channel it creates is first preset from the journal ({@link #resume(ChannelArbiter)}). */
    private ChannelRouter router(FeedPipeline pipeline, ReceiverCounters counters, RecoveryRequests recovery) {
        ArbiterSettings settings = arbiterSettings(config.recovery());
        if (config.autoChannels()) {
            return ChannelRouter.automatic(settings, pipeline, counters, recovery).onNewChannel(this::resume);
        }
        ChannelRouter router = ChannelRouter.configured(settings, pipeline, counters, recovery).onNewChannel(this::resume);
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

    /** Keeps and prints what failed on the polling thread: a full journal by its own message, anything else with its stack. */
    private void reportFailure(Throwable t) {
        if (t instanceof JournalSpaceException) {
            failure = t.getMessage() + ": stopping cleanly";
            out.println("md-receiver: " + failure);
        } else {
            failure = "error on the polling thread: " + t;
            out.println("md-receiver: " + failure);
            t.printStackTrace(out);
        }
    }

    /** Presets a new channel from the journal (matched by name: ids are per run). */
    private void resume(ChannelArbiter arbiter) {
        JournalResume.Point point = resume.point(arbiter.channel().name());
        if (point != null) {
            arbiter.resume(point.sessionHigh(), point.sessionLow(), point.nextSequence(), point.sessionEnded());
        }
    }

    /**
     * Agrona's error handler for the polling thread. The agent turns a failure into its termination and keeps the
     * cause ({@link ReceiverAgent#failure()}), which the housekeeping loop reports; this sees the same failure
     * wrapped, and errors outside a burst (start-up of the thread, onClose).
     */
    private void onAgentError(Throwable t) {
        if (!(t instanceof AgentTerminationException)) {
            out.println("md-receiver: error on the polling thread: " + t);
            t.printStackTrace(out);
            if (failure == null) {
                failure = "error on the polling thread: " + t;
            }
        }
    }

    /**
     * Agrona's error handler for the recovery thread: an exception there is a defect (socket errors are handled
     * inside), and holes would wait for answers that never come, so the run stops the same clean way as for a
     * polling-thread failure, naming the cause. A restart resumes from the journal and asks for the holes again.
     */
    private void onRecoveryError(Throwable t) {
        out.println("md-receiver: error on the recovery thread: " + t);
        t.printStackTrace(out);
        if (failure == null) {
            failure = "error on the recovery thread: " + t;
        }
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

    /** Why the last run stopped by itself (a full journal, a failure on the polling thread), or null. */
    public String failure() {
        return failure;
    }

}
