package io.mdr.replay.tx;

import io.mdr.dpdk.MbufPool;
import io.mdr.dpdk.Mbufs;
import io.mdr.dpdk.TxQueue;
import io.mdr.receiver.ExchangeClock;
import io.mdr.replay.capture.CaptureFormatException;
import io.mdr.replay.capture.CaptureReader;
import io.mdr.replay.packet.FrameRewriter;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.UnsafeBuffer;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.function.BooleanSupplier;

/**
 * Sends a capture's frames through a DPDK tx queue, paced, looped, optionally rewritten and restamped.
 *
 * <p>Per packet: take an mbuf from a pre-allocated batch, copy the frame from the mapped capture into it
 * (the one copy), fix it up in place, wait for its due time by spinning, and hand it to {@code tx_burst}
 * (paced: one at a time, at its moment; top speed: in bursts). A full tx ring is waited out, never dropped.
 * Nothing is allocated per packet.
 */
public final class CaptureReplayer {
    private static final long START_DELAY_NANOS = 1_000_000;
    private static final long PROGRESS_INTERVAL_NANOS = 250_000_000;
    /** On the timeline, a packet later than this is held for the next one's tx burst. */
    private static final long LATE_NANOS = 1_000;

    /** What to do to each frame and how fast. */
    /**
     * @param keepTimeline paced modes: false (default) keeps each inter-packet gap, so a stall delays what follows;
     *                     true keeps every packet's time on the original timeline, so after a stall the packets
     *                     due meanwhile go out back to back, as many in a tx burst as are due (up to {@code burst})
     * @param loopSequenceStep 0, or how far each loop moves the MoldUDP64 sequence numbers on from the one before
     *                     (the capture's span: {@link SequenceShifter#span}), so that the loops make one stream; the
     *                     end-of-session packets of all loops but the last are then left out
     */
    /**
     * @param settlePackets 0, or how many packets make the receiver's warm-up: the tx ring's back-pressure and the
     *                     pacing error are then also counted over the packets after them ({@link Result#settled()})
     */
    public record Settings(Pacing pacing, int loops, int burst, FrameRewriter rewriter, boolean restamp, ExchangeClock clock,
                           boolean keepTimeline, long loopSequenceStep, long maxPackets, long settlePackets) {
        /** Nothing left out of the figures. */
        public Settings(Pacing pacing, int loops, int burst, FrameRewriter rewriter, boolean restamp, ExchangeClock clock,
                        boolean keepTimeline, long loopSequenceStep, long maxPackets) {
            this(pacing, loops, burst, rewriter, restamp, clock, keepTimeline, loopSequenceStep, maxPackets, 0);
        }

        /** Every packet of every loop. */
        public Settings(Pacing pacing, int loops, int burst, FrameRewriter rewriter, boolean restamp, ExchangeClock clock,
                        boolean keepTimeline, long loopSequenceStep) {
            this(pacing, loops, burst, rewriter, restamp, clock, keepTimeline, loopSequenceStep, 0);
        }

        /** Deadlines on the schedule's timeline (a late packet goes at once) rather than gap after gap. */
        boolean onTimeline() {
            return keepTimeline || pacing.mode() == Pacing.Mode.BURSTS;
        }

        public Settings {
            if (maxPackets < 0) {
                throw new IllegalArgumentException("--count must be at least 1, got " + maxPackets);
            }
            if (loops < 1) {
                throw new IllegalArgumentException("--loop must be at least 1, got " + loops);
            }
            if (burst < 1 || burst > 512) {
                throw new IllegalArgumentException("--burst must be in 1..512, got " + burst);
            }
            if (settlePackets < 0) {
                throw new IllegalArgumentException("--settle must be at least 0, got " + settlePackets);
            }
        }
    }

    /** Told of progress about four times a second. */
    @FunctionalInterface
    public interface Progress {
        void update(long packetsSent, long bytesSent, long elapsedNanos);
    }

    /**
     * What a replay did. With the default gap-keeping pacing, {@code pacingErrorNanos} holds each inter-packet
     * gap's excess over the captured gap; with {@code keepTimeline}, each packet's lateness on the timeline.
     */
    public record Result(long packets, long bytes, long elapsedNanos, long oversizeSkipped, long txRingFullSpins,
                         long txBursts, long restampedMessages, Histogram pacingErrorNanos, boolean stopped,
                         Settled settled) {
        /** Without a settling period. */
        public Result(long packets, long bytes, long elapsedNanos, long oversizeSkipped, long txRingFullSpins,
                      long txBursts, long restampedMessages, Histogram pacingErrorNanos, boolean stopped) {
            this(packets, bytes, elapsedNanos, oversizeSkipped, txRingFullSpins, txBursts, restampedMessages,
                    pacingErrorNanos, stopped, null);
        }

        public double packetsPerSecond() {
            return elapsedNanos == 0 ? 0 : packets * 1e9 / elapsedNanos;
        }

        public double megabitsPerSecond() {
            return elapsedNanos == 0 ? 0 : bytes * 8e3 / elapsedNanos;
        }
    }

    private final Settings settings;
    private final MbufPool pool;
    private final TxQueue tx;
    private final MemorySegment batch;
    private final MemorySegment pending;
    private final UnsafeBuffer frame = new UnsafeBuffer(0, 0);
    private final ItchRestamper restamper = new ItchRestamper();
    /**
     * The figures over the packets after {@link Settings#settlePackets()}: the tx ring's back-pressure (spins on a
     * full ring) and the pacing error; null when there was no settling period or it never ended.
     */
    public record Settled(long afterPackets, long txRingFullSpins, Histogram pacingErrorNanos) {
    }

    private final SequenceShifter shifter = new SequenceShifter();
    private final Histogram settledPacingError = new Histogram(60_000_000_000L, 3);
    private long settledRingFullBase = -1;
    private long sequenceShift;
    private boolean lastLoop;
    private final Histogram pacingError = new Histogram(60_000_000_000L, 3);
    private int batchNext;
    private int batchSize;
    private int pendingCount;
    private long txRingFullSpins;
    private long txBursts;

    public CaptureReplayer(Settings settings, MbufPool pool, TxQueue tx) {
        this.settings = settings;
        this.pool = pool;
        this.tx = tx;
        this.batch = Arena.global().allocate(ValueLayout.ADDRESS, settings.burst());
        this.pending = Arena.global().allocate(ValueLayout.ADDRESS, settings.burst());
    }

    /** Replays {@code reader} {@code loops} times, or until {@code stop} says so. */
    public Result run(CaptureReader reader, Progress progress, BooleanSupplier stop) throws CaptureFormatException {
        Pacing pacing = settings.pacing();
        int maxFrame = MbufPool.defaultDataRoom() - 128;
        long packets = 0;
        long bytes = 0;
        long oversize = 0;
        long restamped = 0;
        long start = System.nanoTime() + START_DELAY_NANOS;
        long loopBase = 0;
        long lastDue = 0;
        long lastSent = Long.MIN_VALUE;
        long nextProgress = start + PROGRESS_INTERVAL_NANOS;
        boolean stopped = false;
        long scheduled = 0;
        outer:
        for (int loop = 0; loop < settings.loops(); loop++) {
            reader.rewind();
            sequenceShift = loop * settings.loopSequenceStep();
            lastLoop = loop == settings.loops() - 1;
            long first = Long.MIN_VALUE;
            long index = 0;
            while (reader.next()) {
                int length = reader.capturedLength();
                if (length > maxFrame) {
                    oversize++;
                    continue;
                }
                long ts = reader.timestampNanos();
                if (first == Long.MIN_VALUE) {
                    first = ts;
                }
                // Bursts follow the packet count across loops; the other pacings restart each loop on its own timeline.
                long due = pacing.mode() == Pacing.Mode.BURSTS
                        ? Math.max(lastDue, pacing.dueNanos(scheduled, ts, first))
                        : Math.max(lastDue, loopBase + pacing.dueNanos(index, ts, first));
                index++;
                scheduled++;
                long previousDue = lastDue;
                lastDue = due;

                long mbuf = load(reader, length);
                if (mbuf == 0) {
                    continue;
                }

                if (pacing.paced()) {
                    // Bursts keep the timeline: gap after gap, each burst would start late by the one before's length.
                    long deadline = settings.onTimeline() || lastSent == Long.MIN_VALUE
                            ? start + due : lastSent + (due - previousDue);
                    long now = System.nanoTime();
                    if (now < deadline) {
                        // what was held back while late goes before this packet waits for its time
                        flush();
                        while ((now = System.nanoTime()) < deadline) {
                            Thread.onSpinWait();
                        }
                    }
                    pending.setAtIndex(ValueLayout.JAVA_LONG, pendingCount++, mbuf);
                    restamped += restamp(length, now);
                    long error = Math.min(now - deadline, pacingError.getHighestTrackableValue());
                    pacingError.recordValue(error);
                    if (settledRingFullBase >= 0) {
                        settledPacingError.recordValue(error);
                    }
                    lastSent = now;
                    // On the timeline, a packet already late waits for the next, late too, to go in the same tx burst:
                    // a kernel port pays a system call per burst, and a sender paying one per packet cannot catch up.
                    if (!settings.keepTimeline() || now - deadline <= LATE_NANOS || pendingCount == settings.burst()) {
                        flush();
                    }
                } else {
                    pending.setAtIndex(ValueLayout.JAVA_LONG, pendingCount++, mbuf);
                    restamped += restamp(length, System.nanoTime());
                    if (pendingCount == settings.burst()) {
                        flush();
                    }
                }
                packets++;
                bytes += length;
                if (packets == settings.settlePackets()) {
                    // flushed first: what the ring refuses of the warm-up's packets is the warm-up's
                    flush();
                    settledRingFullBase = txRingFullSpins;
                }
                if (packets == settings.maxPackets()) {
                    break outer;
                }
                if ((packets & 1023) == 0) {
                    long now = System.nanoTime();
                    if (now >= nextProgress) {
                        nextProgress = now + PROGRESS_INTERVAL_NANOS;
                        progress.update(packets, bytes, now - start);
                        if (stop.getAsBoolean()) {
                            stopped = true;
                            break outer;
                        }
                    }
                }
            }
            // The next loop starts one mean gap after this one's last packet.
            long span = lastDue - loopBase;
            loopBase = lastDue + (index > 1 ? span / (index - 1) : 0);
        }
        flush();
        long elapsed = System.nanoTime() - start;
        MbufPool.freeBulk(batch.asSlice((long) batchNext * ValueLayout.ADDRESS.byteSize()), batchSize - batchNext);
        batchNext = batchSize = 0;
        progress.update(packets, bytes, elapsed);
        Settled settled = settledRingFullBase < 0 ? null
                : new Settled(settings.settlePackets(), txRingFullSpins - settledRingFullBase, settledPacingError);
        return new Result(packets, bytes, elapsed, oversize, txRingFullSpins, txBursts, restamped, pacingError, stopped,
                settled);
    }

    /**
     * Runs the per-packet work (mbuf, copy, rewrite, restamp) over up to {@code packets} frames without
     * sending them, so the JIT has compiled it before the first packet is due; then rewinds.
     */
    public void warmUp(CaptureReader reader, int packets) throws CaptureFormatException {
        int maxFrame = MbufPool.defaultDataRoom() - 128;
        reader.rewind();
        for (int i = 0; i < packets && reader.next(); i++) {
            int length = reader.capturedLength();
            long mbuf = length <= maxFrame ? load(reader, length) : 0;
            if (mbuf != 0) {
                pending.setAtIndex(ValueLayout.JAVA_LONG, pendingCount++, mbuf);
                restamp(length, System.nanoTime());
                if (pendingCount == settings.burst()) {
                    MbufPool.freeBulk(pending, pendingCount);
                    pendingCount = 0;
                }
            }
        }
        MbufPool.freeBulk(pending, pendingCount);
        pendingCount = 0;
        reader.rewind();
    }

    /**
     * The current frame copied into a fresh mbuf and rewritten; {@link #frame} then views it. 0 (the mbuf kept for
     * the next frame) for an end of session that a continued loop leaves out.
     */
    private long load(CaptureReader reader, int length) {
        long mbuf = nextMbuf();
        long data = Mbufs.dataAddress(mbuf);
        MemorySegment.copy(reader.segment(), reader.packetOffset(), Mbufs.NATIVE, data, length);
        Mbufs.setLength(mbuf, length);
        frame.wrap(data, length);
        if (settings.rewriter() != null) {
            settings.rewriter().rewrite(frame, 0, length);
        }
        if (settings.loopSequenceStep() != 0
                && shifter.shift(frame, 0, length, sequenceShift) == SequenceShifter.Kind.END_OF_SESSION && !lastLoop) {
            batchNext--;
            return 0;
        }
        return mbuf;
    }

    private int restamp(int length, long now) {
        return settings.restamp() ? restamper.restamp(frame, 0, length, settings.clock().nanosSinceMidnight(now)) : 0;
    }

    /** One mbuf from the pre-allocated batch, refilling it (and waiting while the pool is empty). */
    private long nextMbuf() {
        if (batchNext == batchSize) {
            while (!pool.allocBulk(batch, settings.burst())) {
                Thread.onSpinWait();
            }
            batchNext = 0;
            batchSize = settings.burst();
        }
        return batch.getAtIndex(ValueLayout.JAVA_LONG, batchNext++);
    }

    /** Sends everything pending; what the ring cannot take yet is retried, never dropped. */
    private void flush() {
        while (pendingCount > 0) {
            int sent = tx.txBurst(pending, pendingCount);
            txBursts++;
            if (sent < pendingCount) {
                txRingFullSpins++;
                MemorySegment.copy(pending, (long) sent * Long.BYTES, pending, 0, (long) (pendingCount - sent) * Long.BYTES);
            }
            pendingCount -= sent;
        }
    }
}
