package io.mdr.receiver;

import io.mdr.feed.ArbiterSettings;
import io.mdr.feed.ChannelRouter;
import io.mdr.feed.RecoveryAnswers;
import io.mdr.feed.RecoveryRequests;
import io.mdr.config.BookConfig;
import io.mdr.itch.AddOrderEncoder;
import io.mdr.itch.OrderCancelEncoder;
import io.mdr.itch.OrderDeleteEncoder;
import io.mdr.itch.OrderExecutedEncoder;
import io.mdr.itch.OrderExecutedWithPriceEncoder;
import io.mdr.itch.OrderReplaceEncoder;
import io.mdr.journal.JournalPretoucher;
import io.mdr.journal.JournalSpace;
import io.mdr.journal.JournalWriter;
import io.mdr.metrics.LatencyRecorders;
import io.mdr.metrics.ReceiverCounters;
import io.mdr.mold.MoldUdp64Packet;
import io.mdr.mold.MoldUdp64PacketBuilder;
import io.mdr.net.PacketHeaders;
import io.mdr.net.UdpFrame;
import io.mdr.net.UdpFrameBuilder;
import io.mdr.port.PacketSink;
import io.mdr.port.dpdk.DpdkPacketSource;
import io.mdr.dpdk.Mbufs;
import io.mdr.dpdk.RxTimestamps;
import io.mdr.recovery.InlineRequestServer;
import io.mdr.recovery.RecoveryRings;
import io.mdr.recovery.RecoveryServers;
import org.agrona.BufferUtil;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.io.UncheckedIOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs synthetic packets through a throwaway copy of the per-packet path (parse, route, MoldUDP64,
 * arbitration with packets held behind holes, recovery answered in process through the rings, handler, latency
 * recording, and a journal in a temporary directory) before the port is
 * polled, so that the JIT has compiled it when the first real packet arrives rather than during the first
 * milliseconds of the feed.
 */
final class Warmup {
    /** Packets the warm-up sends; enough for C2 to compile the path (a few hundred ms). */
    static final int PACKETS = 100_000;
    /** The warm-up journal's mapped chunks. */
    private static final long WARMUP_CHUNK_BYTES = 1 << 20;
    /** With channels made of the streams seen, the rehearsal moves to a new stream this often. */
    private static final int PACKETS_PER_STREAM = 4096;
    /** Room for one synthetic frame. */
    private static final int FRAME_BYTES = 2048;
    /** The most packets in one rehearsed burst, as in one rx_burst of the live port (burst 32). */
    private static final int MAX_BURST = 32;
    /** The eight messages of {@link #buildFrame}. */
    private static final int MESSAGES_PER_PACKET = 8;

    private Warmup() {
    }

    /**
     * The user's handler never sees the synthetic messages: the warm-up's pipeline has a handler of its own, with
     * order books of its own when {@code books} (so that their code is compiled too).
     *
     * @return messages that went through
     */
    static long run(boolean books, boolean datagrams, boolean autoChannels, boolean recovers,
                    ExchangeClock exchangeClock) {
        LatencyRecorders.warmUp();
        loadLiveKinds();
        Path dir;
        try {
            dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "md-receiver-warmup");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the warm-up journal's directory: " + e.getMessage(), e);
        }
        // Guarded by a JournalSpace and followed by a pretoucher, as the receiver's journal is: the room checks and
        // the hand-over of populated ranges are compiled before the first packet too.
        // In 1 MB chunks: the warm-up's journal (tens of MB) crosses many, as the live one does every 64 MB.
        try (JournalWriter journal = JournalWriter.openInChunks(dir, "FAST_HOURLY", JournalSpace.of(dir, 0, "warm-up"),
                WARMUP_CHUNK_BYTES);
             JournalPretoucher pretoucher = new JournalPretoucher(journal, WARMUP_CHUNK_BYTES).start()) {
            return run(journal, books ? new BookHandler(1, new BookConfig(4096, 1024)) : MessageHandler.NONE, datagrams,
                    autoChannels, recovers, exchangeClock);
        } finally {
            IoUtil.delete(dir.toFile(), true);
        }
    }

    private static long run(JournalWriter journal, MessageHandler handler, boolean datagrams, boolean autoChannels,
                            boolean recovers, ExchangeClock exchangeClock) {
        long messages = 0;
        for (int round = 0; round < ROUNDS; round++) {
            // The first rehearsal recovers in process, so that the recovery path is compiled; the last one asks and
            // answers as the receiver will (with no request server: RecoveryRequests.NONE and RecoveryAnswers.NONE),
            // so that the live kinds are in the profiles C2 compiles from.
            boolean recovered = recovers || round < ROUNDS - 1;
            messages += rehearse(journal, handler, datagrams, autoChannels, recovered, exchangeClock).messages.get();
            rehearseExcerpts(journal);
            rehearseTaggedFrames();
            awaitCompilerIdle();
        }
        return messages;
    }

    /**
     * Loads, before anything is compiled, the classes the live receiver brings in after the warm-up where the
     * rehearsal has another of the same type. While only the rehearsal's kind was loaded, C2 compiled the per-packet
     * methods on the assumption that it was the only one, and the class loaded later invalidated that code at the
     * first real packets (-Xlog:jit+compilation "made not entrant: marked for deoptimization", -Xlog:class+load
     * naming the class loaded at that instant); the first second of a feed at 100,000 packets/s then ran in the
     * interpreter and C1, at rx->journal p50 22-28 us:
     * <ul>
     *   <li>{@code RecoveryRequests.NONE} and {@code RecoveryAnswers.NONE}, a receiver's without request servers
     *       (ChannelArbiter::onPacket, ::fill, ChannelRouter::route, PacketProcessor::pollRecovery);</li>
     *   <li>a heap memory segment, which the port's set-up makes reading the MAC address
     *       (Mbufs::dataAddress and DpdkPacketSource::handOver, compiled when only native segments existed).</li>
     * </ul>
     */
    private static void loadLiveKinds() {
        if (RecoveryRequests.NONE.recovers(0) || RecoveryAnswers.NONE.poll(null, 0) != 0
                || MemorySegment.ofArray(new byte[1]).byteSize() != 1) {
            throw new IllegalStateException("the no-recovery kinds recovered something, or a 1-byte segment is not 1 byte");
        }
    }

    /** Tagged frames parsed per rehearsal: past C2's thresholds for {@code UdpFrame}'s field-by-field path. */
    private static final int TAGGED_FRAMES = 20_000;

    /**
     * 802.1Q-tagged frames through {@code UdpFrame.parse}: the rehearsal's frames are untagged, which the usual frame's
     * path takes, so without these the field-by-field path (tags, IPv4 options, every drop) would meet a tagged feed's
     * first packets uncompiled, in the interpreter.
     */
    private static void rehearseTaggedFrames() {
        UnsafeBuffer frame = new UnsafeBuffer(BufferUtil.allocateDirectAligned(FRAME_BYTES, 64));
        UnsafeBuffer payload = new UnsafeBuffer(new byte[MoldUdp64Packet.HEADER_LENGTH]);
        int length = new UdpFrameBuilder().vlan(100).dstIp("239.255.0.1").dstPort(9).build(frame, payload, 0,
                payload.capacity());
        UdpFrame udp = new UdpFrame();
        for (int i = 0; i < TAGGED_FRAMES; i++) {
            if (udp.parse(frame, 0, length) != null || udp.vlanTags() != 1) {
                throw new IllegalStateException("the warm-up's tagged frame does not parse");
            }
        }
    }

    /**
     * Excerpts of one small raw record each, committed one by one, after each rehearsal: Chronicle's per-excerpt code
     * (the header, the write lock, and above all the index, written every 16th excerpt of FAST_HOURLY) then runs past
     * C2's thresholds before the port starts, in journal-raw mode too, whose {@code writeRaw} the rehearsal does not
     * run. With the rehearsal's 56,000 excerpts only, SCQIndexing::getIndex2index and ::setPositionForSequenceNumber
     * were compiled by C2 2 s into a 1 Mpps run (-Xlog:jit+compilation), asked for by the polling thread, which then
     * resolved their classes' string constants: 216-968 bytes allocated after the warm-up.
     */
    private static final int EXCERPTS = 200_000;
    /** The raw record's payload in {@link #rehearseExcerpts}: a MoldUDP64 header and one short message. */
    private static final int EXCERPT_PAYLOAD = 32;

    private static void rehearseExcerpts(JournalWriter journal) {
        UnsafeBuffer payload = new UnsafeBuffer(BufferUtil.allocateDirectAligned(EXCERPT_PAYLOAD, 64));
        long now = System.nanoTime();
        for (int i = 0; i < EXCERPTS; i++) {
            payload.putLong(0, i);
            journal.writeRaw(payload.addressOffset(), EXCERPT_PAYLOAD, now + i);
            journal.commit();
        }
    }

    /**
     * Rehearsals, each followed by {@link #awaitCompilerIdle()}. One was not enough: C1's queue, busy with start-up's
     * thousands of methods, installed the profiling code of the journal's commit and record only near the rehearsal's
     * end, too late for their counts to reach C2's thresholds; C2 compiled them only once real packets came, and the
     * first 0.7 s of a 12M-packet file read ran at a third of the steady rate (1.1-1.4M against 3-4M packets/s). The
     * second rehearsal runs in C1's profiling code and C2 compiles the path before the port starts.
     */
    static final int ROUNDS = 2;

    /** How long the JIT's total compilation time must stay still for its queue to count as drained. */
    private static final long COMPILER_QUIET_MILLIS = 100;
    private static final long COMPILER_WAIT_MAX_MILLIS = 5_000;

    /**
     * Waits until the JIT has finished compiling what the rehearsal queued. Its compiler threads share the
     * housekeeping CPUs with start-up's other work, so C2's compiles of the per-packet path can still be queued when
     * the rehearsal ends; the first real packets then ran in C1's profiling code for most of a second (on the
     * 12M-packet file read, 2.0-2.4M packets/s in the first second against 4M after it). Bounded: it gives up after
     * {@value #COMPILER_WAIT_MAX_MILLIS} ms.
     */
    static void awaitCompilerIdle() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
            return;
        }
        long deadline = System.nanoTime() + COMPILER_WAIT_MAX_MILLIS * 1_000_000;
        long last = jit.getTotalCompilationTime();
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            long now = jit.getTotalCompilationTime();
            if (now != last) {
                last = now;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince >= COMPILER_QUIET_MILLIS * 1_000_000) {
                return;
            }
        }
    }

    /**
     * Runs the synthetic packets through {@code handler}; returns the throwaway path's counters.
     *
     * @param datagrams    hand each packet on as a kernel port does (UDP payload and line), not as a whole frame
     * @param autoChannels route as the receiver will: through a router that makes a channel of each stream it sees
     *                     (no channel configured), or through configured channels. Rehearsing the other kind left
     *                     the real one's branch untaken: its first packet trapped out of the compiled path, which ran
     *                     in C1's code for most of a second before C2 compiled it again.
     * @param recovered    holes asked of an in-process request server through the recovery rings, as a receiver with
     *                     request servers asks; otherwise through {@link RecoveryRequests#NONE}, as one without does
     *                     (every hole the line does not fill becomes a gap)
     * @param exchangeClock the receiver's: exchange-to-handler latency is recorded in the rehearsal when it will be
     *                      live (the first packets of a demo's 5 seconds otherwise ran in C1's code after such a trap)
     */
    static ReceiverCounters rehearse(JournalWriter journal, MessageHandler handler, boolean datagrams,
                                     boolean autoChannels, boolean recovered, ExchangeClock exchangeClock) {
        ReceiverCounters counters = ReceiverCounters.inMemory();
        LatencyRecorders latency = new LatencyRecorders();
        FeedPipeline pipeline = new FeedPipeline(handler, journal, counters, latency, exchangeClock);
        // Recovery answered in process: requests, answers, give-ups and the drain behind a hole are compiled too.
        RecoveryRings rings = new RecoveryRings(RecoveryServers.everyChannel(List.of(new InetSocketAddress(
                InetAddress.getLoopbackAddress(), 9))));
        InlineRequestServer server = new InlineRequestServer(rings, addOrder(), 16);
        String group = "239.255.0.1";
        int port = 9;
        ChannelRouter router;
        RecoveryRequests requests = recovered ? rings : RecoveryRequests.NONE;
        if (autoChannels) {
            router = ChannelRouter.automatic(ArbiterSettings.defaults(), pipeline, counters, requests);
        } else {
            router = ChannelRouter.configured(ArbiterSettings.defaults(), pipeline, counters, requests);
            router.addChannel("warm-up", null, new int[] {PacketHeaders.parseIpv4(group)}, new int[] {port}, new int[] {0});
        }
        PacketProcessor processor = recovered ? new PacketProcessor(router, counters, rings)
                : new PacketProcessor(router, counters);

        UnsafeBuffer frame = new UnsafeBuffer(BufferUtil.allocateDirectAligned(FRAME_BYTES, 64));
        MbufBurst burst = datagrams ? null : new MbufBurst();
        int length = buildFrame(frame, group, port);
        int payloadAt = length - payloadLength(frame, length);
        int sequenceAt = payloadAt + MoldUdp64Packet.SEQUENCE_OFFSET;
        int groupAddress = PacketHeaders.parseIpv4(group);
        int sessionLastByteAt = payloadAt + MoldUdp64Packet.SESSION_OFFSET + 9;
        int streamStart = 0;
        long now = System.nanoTime();
        for (int i = 0; i < PACKETS; i++) {
            if (autoChannels && i > 0 && i % PACKETS_PER_STREAM == 0) {
                // A new stream, from sequence 1: the router's look-up misses and a channel starts, as the first real
                // packet does; taken while the JIT profiles, so that path is compiled rather than trapped out of.
                streamStart = i;
                frame.putByte(sessionLastByteAt, (byte) ('A' + (i / PACKETS_PER_STREAM) % 26));
            }
            // Every 64th pair swapped, and one packet in 256 lost: holes filled by the line and by recovery.
            int index = (i & 63) == 62 ? i + 1 : (i & 63) == 63 ? i - 1 : i;
            if ((i & 255) == 100) {
                continue;
            }
            frame.putLong(sequenceAt, 1 + (long) (index - streamStart) * MESSAGES_PER_PACKET, ByteOrder.BIG_ENDIAN);
            if (datagrams) {
                processor.onDatagram(frame.addressOffset() + payloadAt, length - payloadAt, groupAddress, port, 0, now);
            } else {
                // In an mbuf, handed over with its burst by the DPDK port's own code (below), as the live path is.
                burst.add(frame, length);
            }
            // A burst's packets share their rx time, as rx_burst's do: in-sequence ones extend one journal record.
            // Bursts of 32 for the first half, of 2 for the second: the per-burst code (commit, publish, the commit
            // listener) then runs some 28,000 times, past C2's thresholds, as it does at a low rate where each
            // packet is its own burst; with 3,000 bursts it was still in C1's code when the first packets came.
            int burstMask = i < PACKETS / 2 ? 31 : 1;
            if ((i & burstMask) == burstMask) {
                if (!datagrams) {
                    burst.handOver(processor, now);
                }
                now += (burstMask + 1) * 1_000L;
                if (recovered) {
                    server.serve();
                }
                processor.pollRecovery(now);
                processor.endOfBurst(now);
                latency.endBurst();
            }
            if ((i & 255) == 0) {
                processor.idle(now);
            }
            if (burstMask == 1 && (i & burstMask) == burstMask) {
                // An idle poll after each burst, as at a low rate: the next excerpt opened ahead and warmed, and
                // every 4th held past its time and rolled back. The roll-back runs 12,500 times, past C2's
                // thresholds: with 390 (every 256th) its methods (Chronicle's StoreAppenderContext::close,
                // TableStoreWriteLock::unlock) were still in C1's code, and their C2 compile was asked for in the
                // live run, by the polling thread, which then resolved their classes' string constants (Strings of
                // 24-176 bytes, JFR's ObjectAllocationOutsideTLAB with -XX:-UseTLAB, 1-4 s after the warm-up).
                journal.prepareNext(now);
                if ((i & 7) == 7) {
                    journal.prepareNext(now + 2 * JournalWriter.OPEN_AHEAD_NANOS);
                }
            }
        }
        latency.endBurst();
        return counters;
    }

    /**
     * Synthetic mbufs (detached: no pool, never freed) holding copies of the rehearsal's frames, handed over a
     * burst at a time by {@link DpdkPacketSource#handOver}, the code the live DPDK port runs after each rx_burst.
     * Its native memory goes with the object ({@link Arena#ofAuto()}): the warm-up runs once, off the hot path.
     */
    private static final class MbufBurst {
        private final MemorySegment addresses;
        private final long mbufs;
        private final long frames;
        private final RxTimestamps timestamps = RxTimestamps.burstTime("warm-up");
        private final UnsafeBuffer slot = new UnsafeBuffer(0, 0);
        private int count;

        MbufBurst() {
            Arena arena = Arena.ofAuto();
            addresses = arena.allocate(ValueLayout.JAVA_LONG, MAX_BURST);
            mbufs = arena.allocate(Mbufs.SIZE * MAX_BURST, 64).address();
            frames = arena.allocate((long) FRAME_BYTES * MAX_BURST, 64).address();
        }

        void add(UnsafeBuffer frame, int length) {
            long data = frames + (long) count * FRAME_BYTES;
            long mbuf = mbufs + count * Mbufs.SIZE;
            slot.wrap(data, FRAME_BYTES);
            slot.putBytes(0, frame, 0, length);
            Mbufs.describeDetached(mbuf, data, length);
            addresses.setAtIndex(ValueLayout.JAVA_LONG, count++, mbuf);
        }

        void handOver(PacketSink sink, long burstNanos) {
            DpdkPacketSource.handOver(addresses, count, sink, timestamps, burstNanos);
            count = 0;
        }
    }

    private static int buildFrame(UnsafeBuffer frame, String group, int port) {
        MoldUdp64PacketBuilder mold = new MoldUdp64PacketBuilder("WARMUP", 1);
        UnsafeBuffer payload = new UnsafeBuffer(new byte[1500]);
        UnsafeBuffer message = new UnsafeBuffer(new byte[64]);
        mold.wrap(payload, 0);
        // Every book-changing message type, and every order gone by the packet's end, so each packet is new to a book.
        AddOrderEncoder add = new AddOrderEncoder();
        OrderExecutedEncoder executed = new OrderExecutedEncoder();
        OrderCancelEncoder cancel = new OrderCancelEncoder();
        OrderReplaceEncoder replace = new OrderReplaceEncoder();
        OrderExecutedWithPriceEncoder executedWithPrice = new OrderExecutedWithPriceEncoder();
        OrderDeleteEncoder delete = new OrderDeleteEncoder();
        add.wrap(message, 0).stockLocate(1).timestamp(1).orderReferenceNumber(1).buySellIndicator('B').shares(100)
                .stock("WARM").price(10_000);
        mold.tryAdd(message, 0, AddOrderEncoder.LENGTH);
        add.wrap(message, 0).stockLocate(1).timestamp(1).orderReferenceNumber(2).buySellIndicator('S').shares(100)
                .stock("WARM").price(10_100);
        mold.tryAdd(message, 0, AddOrderEncoder.LENGTH);
        executed.wrap(message, 0).stockLocate(1).timestamp(1).orderReferenceNumber(1).executedShares(40).matchNumber(1);
        mold.tryAdd(message, 0, OrderExecutedEncoder.LENGTH);
        cancel.wrap(message, 0).stockLocate(1).timestamp(1).orderReferenceNumber(2).cancelledShares(30);
        mold.tryAdd(message, 0, OrderCancelEncoder.LENGTH);
        replace.wrap(message, 0).stockLocate(1).timestamp(1).originalOrderReferenceNumber(1).newOrderReferenceNumber(3)
                .shares(200).price(9_900);
        mold.tryAdd(message, 0, OrderReplaceEncoder.LENGTH);
        delete.wrap(message, 0).stockLocate(1).timestamp(1).orderReferenceNumber(2);
        mold.tryAdd(message, 0, OrderDeleteEncoder.LENGTH);
        executedWithPrice.wrap(message, 0).stockLocate(1).timestamp(1).orderReferenceNumber(3).executedShares(50)
                .matchNumber(2).printable('Y').executionPrice(9_900);
        mold.tryAdd(message, 0, OrderExecutedWithPriceEncoder.LENGTH);
        delete.wrap(message, 0).stockLocate(1).timestamp(1).orderReferenceNumber(3);
        mold.tryAdd(message, 0, OrderDeleteEncoder.LENGTH);
        return new UdpFrameBuilder().dstIp(group).dstPort(port).vlan(1).build(frame, payload, 0, mold.length());
    }

    private static byte[] addOrder() {
        UnsafeBuffer message = new UnsafeBuffer(new byte[AddOrderEncoder.LENGTH]);
        new AddOrderEncoder().wrap(message, 0).stockLocate(1).timestamp(1).orderReferenceNumber(1).buySellIndicator('B')
                .shares(100).stock("WARM").price(10_000);
        return message.byteArray();
    }

    private static int payloadLength(UnsafeBuffer frame, int length) {
        io.mdr.net.UdpFrame udp = new io.mdr.net.UdpFrame();
        if (udp.parse(frame, 0, length) != null) {
            throw new IllegalStateException("warm-up frame does not parse");
        }
        return udp.payloadLength();
    }
}
