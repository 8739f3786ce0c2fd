package io.mdr.receiver;

import io.mdr.feed.Channel;
import io.mdr.feed.FeedListener;
import io.mdr.feed.Line;
import io.mdr.itch.ItchMessageType;
import io.mdr.journal.JournalWriter;
import io.mdr.metrics.LatencyRecorders;
import io.mdr.metrics.ReceiverCounters;
import io.mdr.mold.MoldUdp64Packet;
import io.mdr.net.FrameReads;
import io.mdr.metrics.BurstRecorder;
import io.mdr.metrics.DeferredLatencies;
import org.agrona.DirectBuffer;

/**
 * What happens to in-order messages: each is checked against its ITCH type (already by the packet's
 * {@link MoldUdp64Packet#wrap} when all of the packet's are regular, here otherwise) and handed to the in-process
 * {@link MessageHandler} (rx-to-handler latency taken once per run when a handler runs or exchange latency is
 * asked for, and rx-to-book with the same clock read when the handler is the {@link BookHandler}), and the run is
 * journaled as one record. The records of a burst are committed together, in one excerpt, at the burst's end
 * (rx-to-journal latency recorded then); the handler, book and exchange latencies taken during the burst are
 * recorded after that commit, so that their histogram updates never hold it back. Gaps and session events are
 * journaled too. Messages recovered from the request server (line {@link Line#RECOVERY}) are journaled as such and
 * left out of the latency figures, which are about the multicast path; each healed hole records its recovery time
 * instead.
 */
public final class FeedPipeline implements FeedListener {
    /** The end of an ITCH message's 6-byte timestamp (offset 5): a message shorter than this has none. */
    private static final int ITCH_TIMESTAMP_END = 11;
    private static final long ITCH_TIMESTAMP_MASK = 0xFFFF_FFFF_FFFFL;

    private final MessageHandler handler;
    private final JournalWriter journal;
    private final ReceiverCounters counters;
    private final LatencyRecorders latency;
    private final ExchangeClock exchangeClock;
    /** rx-to-book when the handler keeps the order books, else null. */
    private final BurstRecorder rxToBook;
    /**
     * Whether a handler runs whose latency is worth a clock read per packet: a handler other than
     * {@link MessageHandler#NONE}, or exchange-to-handler latency asked for. With {@code receiver.handler=none} the
     * journal is the only consumer, rx-to-journal its latency, and the read (about 27 ns on this VM's kvm-clock, a
     * tenth of a one-message packet's whole cost) bought nothing.
     */
    private final boolean timesHandler;
    /** Whether a handler runs per message ({@code receiver.handler} other than none). */
    private final boolean handlesMessages;
    /** The burst's handler and exchange latencies, recorded after its commit. */
    private final DeferredLatencies deferred = new DeferredLatencies();
    /** Messages handed on since the counter was last brought up to date (at the burst's end, after its commit). */
    private long unpublishedMessages;

    public FeedPipeline(MessageHandler handler, JournalWriter journal, ReceiverCounters counters, LatencyRecorders latency,
                 ExchangeClock exchangeClock) {
        this.handler = handler;
        this.journal = journal;
        this.counters = counters;
        this.latency = latency;
        this.exchangeClock = exchangeClock;
        this.rxToBook = handler instanceof BookHandler ? latency.rxToBook : null;
        this.timesHandler = handler != MessageHandler.NONE || exchangeClock.enabled();
        this.handlesMessages = handler != MessageHandler.NONE;
        if (journal != null) {
            journal.commitListener(this::onCommitted);
        }
    }

    @Override
    public void onMessages(Channel channel, int line, long firstSequence, int count,
                           DirectBuffer buffer, int blocksOffset, int blocksLength, boolean regular, long rxNanos) {
        if (!regular || handlesMessages) {
            handle(channel, line, firstSequence, count, buffer, blocksOffset, rxNanos);
        }
        if (line != Line.RECOVERY && timesHandler) {
            // One clock read per run, after every handler of it returned: an upper bound for each message. The
            // values are recorded after the burst's commit (see DeferredLatencies).
            long handled = System.nanoTime();
            deferred.add(latency.rxToHandler, handled - rxNanos, count);
            if (rxToBook != null) {
                deferred.add(rxToBook, handled - rxNanos, count);
            }
            if (exchangeClock.enabled()) {
                deferExchangeLatency(count, buffer, blocksOffset, exchangeClock.nanosSinceMidnight(handled));
            }
        }
        unpublishedMessages += count;
        if (journal != null) {
            if (journal.writeMessages(channel, line, firstSequence, count, buffer, blocksOffset, blocksLength, rxNanos)) {
                counters.journalRecords.incrementRelease();
            }
        }
    }

    /**
     * Walks the run's messages: each is counted when its type is unknown or its length is not its type's, and handed
     * to the handler. Skipped for a run of a packet whose every message {@code wrap} found regular when no handler
     * runs: with {@code receiver.handler=none} that walk was half the pipeline's time for a 44-message packet
     * ({@code BurstBenchmark}, 32 such packets: 14.0 us with it, 6.7-9.2 us without).
     */
    private void handle(Channel channel, int line, long firstSequence, int count, DirectBuffer buffer, int blocksOffset,
                        long rxNanos) {
        int position = blocksOffset;
        long sequence = firstSequence;
        for (int i = 0; i < count; i++, sequence++) {
            // The blocks are a valid MoldUDP64 packet's (wrap checked each against the packet, once).
            int length = FrameReads.u16(buffer, position);
            int message = position + MoldUdp64Packet.BLOCK_HEADER_LENGTH;
            byte type = (byte) FrameReads.u8(buffer, message);
            int expectedLength = ItchMessageType.length(type);
            if (expectedLength == 0) {
                counters.unknownMessageTypes.incrementRelease();
            } else if (expectedLength != length) {
                counters.badMessageLengths.incrementRelease();
            }
            handler.onMessage(channel, sequence, line, rxNanos, buffer, message, length);
            position = message + length;
        }
    }

    /**
     * One value per run of equal ITCH timestamps, with its length as the count: a packet's messages mostly share
     * their timestamp (all of them when the sender restamps), and a histogram update per message was about a
     * microsecond on the way to the commit of a 44-message packet. The 6-byte timestamp is read as the low 48 bits of
     * the big-endian long that ends with it (bytes 3 to 10 of the message): one load a message, not two.
     */
    private void deferExchangeLatency(int count, DirectBuffer buffer, int blocksOffset, long handledSinceMidnight) {
        int position = blocksOffset;
        long runNanos = Long.MIN_VALUE;
        int run = 0;
        for (int i = 0; i < count; i++) {
            int length = FrameReads.u16(buffer, position);
            int message = position + MoldUdp64Packet.BLOCK_HEADER_LENGTH;
            if (length >= ITCH_TIMESTAMP_END) {
                long exchangeNanos = FrameReads.i64(buffer, message + ITCH_TIMESTAMP_END - Long.BYTES)
                        & ITCH_TIMESTAMP_MASK;
                if (exchangeNanos != runNanos) {
                    if (run > 0) {
                        deferred.add(latency.exchangeToHandler, handledSinceMidnight - runNanos, run);
                    }
                    runNanos = exchangeNanos;
                    run = 0;
                }
                run++;
            }
            position = message + length;
        }
        if (run > 0) {
            deferred.add(latency.exchangeToHandler, handledSinceMidnight - runNanos, run);
        }
    }

    /**
     * Commits what the burst journaled (rx-to-journal is recorded as the commit reports it), then brings the message
     * counter up to date and records the burst's handler and exchange latencies, which waited so as not to hold the
     * commit back.
     */
    @Override
    public void onBurstEnd(long nowNanos) {
        if (journal != null) {
            journal.commit();
        }
        if (unpublishedMessages != 0) {
            counters.messages.getAndAddRelease(unpublishedMessages);
            unpublishedMessages = 0;
        }
        deferred.flush();
    }

    private void onCommitted(long rxNanos, int count, long journalNanos) {
        LatencyRecorders.record(latency.rxToJournal, journalNanos - rxNanos, count);
    }

    @Override
    public void onHoleHealed(Channel channel, long from, long to, long openedNanos, long nowNanos) {
        LatencyRecorders.record(latency.recoveryTime, nowNanos - openedNanos, 1);
    }

    @Override
    public void onGap(Channel channel, long from, long to, long nowNanos) {
        handler.onGap(channel, from, to);
        if (journal != null) {
            journal.writeGap(channel, from, to, nowNanos);
            counters.journalRecords.incrementRelease();
        }
    }

    @Override
    public void onSession(Channel channel, long nowNanos) {
        if (journal != null) {
            journal.writeChannel(channel);
            counters.journalRecords.incrementRelease();
        }
    }

    @Override
    public void onEndOfSession(Channel channel, long nextSequence, long nowNanos) {
        if (journal != null) {
            journal.writeEndOfSession(channel, nextSequence, nowNanos);
            counters.journalRecords.incrementRelease();
        }
    }
}
