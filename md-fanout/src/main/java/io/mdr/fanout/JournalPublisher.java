package io.mdr.fanout;

import io.aeron.ExclusivePublication;
import io.aeron.Publication;
import io.aeron.logbuffer.BufferClaim;
import io.mdr.fanout.media.ReceiverConsumption;
import io.mdr.journal.JournalFormat;
import io.mdr.journal.JournalTailer;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersReader;

import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Publishes the journal's records on one Aeron publication, in journal order: each record is one Aeron message
 * whose space is claimed in the publication's log ({@code tryClaim}) and filled with one copy from the mapped
 * journal. A messages record longer than the publication's payload limit (a full-size packet's blocks over a
 * 1,408-byte MTU) goes as several messages records of consecutive messages, split at block boundaries, so a
 * subscriber still decodes plain journal records.
 *
 * <p><b>When the publication refuses a claim</b> the excerpt is left unconsumed and offered again on the next
 * duty cycle, continuing after the records already sent: BACK_PRESSURED (the slowest receiver, under the chosen
 * flow control, is a window behind) and NOT_CONNECTED (no subscriber yet: nothing is dropped, the journal holds
 * it) are counted as episodes and waited out; ADMIN_ACTION (a term rotation) is retried at once; CLOSED and
 * MAX_POSITION_EXCEEDED stop the fan-out. None of this reaches the receiver, which writes the journal from its
 * own process and never waits for the fan-out.
 *
 * <p><b>Resume.</b> After each excerpt it notes the publication position its last record ends at. Once every
 * receiver has consumed that position ({@link #servedPosition()}; for IPC, once it is in the log, which outlives a
 * killed publisher), the excerpt's index and last record number are saved in the {@link PublishedPosition}. A
 * restart continues after the saved excerpt with the next number; the subscriber drops any record it already has
 * by its number.
 */
final class JournalPublisher implements JournalTailer.ExcerptHandler {
    private static final int RING_CAPACITY = 1 << 18;
    private static final int RING_MASK = RING_CAPACITY - 1;
    private static final int EXCERPTS_PER_POLL = 64;

    private final ExclusivePublication publication;
    private final JournalTailer tailer;
    private final FanoutCounters counters;
    private final PublishedPosition position;
    private final LongSupplier nanoClock;
    private final CountersReader driverCounters;
    private final int senderPositionCounterId;
    private final ReceiverConsumption consumption;
    private final int epoch;
    private final int maxPayload;
    private final BufferClaim claim = new BufferClaim();

    private long nextNumber;
    /** The excerpt whose records were partly published when a claim was refused, and how many of its parts went. */
    private long partialIndex = -1;
    private int partialParts;

    /** Published excerpts not yet known to be sent: end position, journal index, last record number. */
    private final long[] ringPosition = new long[RING_CAPACITY];
    private final long[] ringIndex = new long[RING_CAPACITY];
    private final long[] ringNumber = new long[RING_CAPACITY];
    private long ringHead;
    private long ringTail;

    /** The latest channel record per channel, as published: the catalog a joining subscriber is sent. */
    private final Int2ObjectHashMap<byte[]> channelRecords = new Int2ObjectHashMap<>();
    private final ArrayDeque<byte[]> catalogQueue = new ArrayDeque<>();
    private volatile boolean catalogRequested;

    private long refusal;
    private long blockedSinceNanos;
    private volatile long nextIndex;
    private long lastExcerptNanos;

    JournalPublisher(ExclusivePublication publication, JournalTailer tailer, FanoutCounters counters, PublishedPosition position,
                     long firstNumber, List<byte[]> catalog, CountersReader driverCounters, int senderPositionCounterId,
                     ReceiverConsumption consumption, LongSupplier nanoClock) {
        this.publication = publication;
        this.tailer = tailer;
        this.counters = counters;
        this.position = position;
        this.epoch = position.epoch();
        this.nextNumber = firstNumber;
        this.driverCounters = driverCounters;
        this.senderPositionCounterId = senderPositionCounterId;
        this.consumption = consumption;
        this.nanoClock = nanoClock;
        this.maxPayload = publication.maxPayloadLength();
        for (byte[] record : catalog) {
            channelRecords.put(channelOf(record), record);
        }
        catalogQueue.addAll(catalog);
        this.nextIndex = tailer.nextIndex();
        this.lastExcerptNanos = nanoClock.getAsLong();
        counters.lastNumber.setRelease(firstNumber - 1);
    }

    /**
     * One duty cycle: saves the position the receivers have consumed, sends the catalog when asked, then publishes up
     * to 64 excerpts.
     *
     * @return work done (0 when idle or blocked)
     */
    int doWork() {
        int work = saveServedPosition();
        if (catalogRequested && catalogQueue.isEmpty()) {
            catalogRequested = false;
            channelRecords.keySet().stream().sorted().forEach(id -> catalogQueue.add(channelRecords.get(id)));
        }
        if (!catalogQueue.isEmpty()) {
            if (!publishCatalog()) {
                return work;
            }
            counters.catalogsSent.incrementRelease();
            work++;
        }
        if (refusal != 0 && !mayClaim()) {
            return work;
        }
        int excerpts = tailer.pollExcerpts(this, EXCERPTS_PER_POLL);
        if (excerpts > 0) {
            nextIndex = tailer.nextIndex();
            lastExcerptNanos = nanoClock.getAsLong();
        }
        return work + excerpts;
    }

    /** Cheap check before re-reading a refused excerpt: the window is open and someone listens. */
    private boolean mayClaim() {
        return publication.isConnected() && publication.availableWindow() > 0;
    }

    @Override
    public boolean onExcerpt(long index, DirectBuffer buffer, int offset, int length) {
        int skip = index == partialIndex ? partialParts : 0;
        int part = 0;
        int end = offset + length;
        for (int record = offset, recordLength; record < end; record += recordLength) {
            recordLength = JournalFormat.recordLength(buffer, record, end);
            if (recordLength < 0) {
                break; // as the tailer: an unreadable record ends the excerpt
            }
            if (buffer.getByte(record + JournalFormat.TYPE_OFFSET) == JournalFormat.MESSAGES && recordLength > maxPayload) {
                int parts = publishSplit(buffer, record, recordLength, skip - part);
                if (parts < 0) {
                    return refused(index, part - parts - 1);
                }
                part += parts;
                continue;
            }
            if (part++ < skip) {
                continue;
            }
            if (!publish(buffer, record, recordLength)) {
                return refused(index, part - 1);
            }
            if (buffer.getByte(record + JournalFormat.TYPE_OFFSET) == JournalFormat.CHANNEL) {
                byte[] copy = new byte[recordLength];
                buffer.getBytes(record, copy);
                channelRecords.put(channelOf(copy), copy);
            }
        }
        partialIndex = -1;
        partialParts = 0;
        if (ringTail - ringHead < RING_CAPACITY) { // else this excerpt is not a place to resume at: saving gets coarser, never wrong
            int slot = (int) (ringTail & RING_MASK);
            ringPosition[slot] = publication.position();
            ringIndex[slot] = index;
            ringNumber[slot] = nextNumber - 1;
            ringTail++;
        }
        counters.excerpts.incrementRelease();
        return true;
    }

    private boolean refused(long index, int partsDone) {
        partialIndex = index;
        partialParts = partsDone;
        return false;
    }

    /**
     * Publishes a messages record too long for one message as parts of at most the payload limit, skipping the
     * first {@code skip} parts (sent before a refusal).
     *
     * @return parts published, or {@code -(parts done + 1)} when a claim was refused
     */
    private int publishSplit(DirectBuffer buffer, int record, int recordLength, int skip) {
        int end = record + recordLength;
        int count = buffer.getShort(record + JournalFormat.MESSAGES_COUNT_OFFSET) & 0xFFFF;
        long sequence = buffer.getLong(record + JournalFormat.MESSAGES_FIRST_SEQUENCE_OFFSET);
        int room = maxPayload - JournalFormat.MESSAGES_BLOCKS_OFFSET;
        int parts = 0;
        int block = record + JournalFormat.MESSAGES_BLOCKS_OFFSET;
        int done = 0;
        while (done < count) {
            int partStart = block;
            int partCount = 0;
            while (done + partCount < count) {
                int blockLength = 2 + (buffer.getShort(block, ByteOrder.BIG_ENDIAN) & 0xFFFF);
                if (partCount > 0 && block - partStart + blockLength > room || block + blockLength > end) {
                    break;
                }
                block += blockLength;
                partCount++;
            }
            if (partCount == 0) {
                break; // a block longer than the payload limit cannot be sent whole; never in ITCH (50 bytes at most)
            }
            if (parts >= skip && !publishPart(buffer, record, sequence + done, partCount, partStart, block - partStart)) {
                return -(parts + 1);
            }
            parts++;
            done += partCount;
        }
        return parts;
    }

    private boolean publish(DirectBuffer buffer, int offset, int length) {
        long result = publication.tryClaim(length, claim);
        if (result < 0) {
            return refusedClaim(result);
        }
        MutableDirectBuffer target = claim.buffer();
        target.putBytes(claim.offset(), buffer, offset, length);
        commit(length, buffer.getByte(offset + JournalFormat.TYPE_OFFSET) == JournalFormat.MESSAGES
                ? buffer.getShort(offset + JournalFormat.MESSAGES_COUNT_OFFSET) & 0xFFFF : 0);
        return true;
    }

    private boolean publishPart(DirectBuffer buffer, int record, long firstSequence, int count, int blocks, int blocksLength) {
        int length = JournalFormat.MESSAGES_BLOCKS_OFFSET + blocksLength;
        long result = publication.tryClaim(length, claim);
        if (result < 0) {
            return refusedClaim(result);
        }
        MutableDirectBuffer target = claim.buffer();
        int at = claim.offset();
        target.putBytes(at, buffer, record, JournalFormat.MESSAGES_BLOCKS_OFFSET);
        target.putLong(at + JournalFormat.MESSAGES_FIRST_SEQUENCE_OFFSET, firstSequence);
        target.putShort(at + JournalFormat.MESSAGES_COUNT_OFFSET, (short) count);
        target.putBytes(at + JournalFormat.MESSAGES_BLOCKS_OFFSET, buffer, blocks, blocksLength);
        commit(length, count);
        return true;
    }

    private void commit(int length, int messages) {
        claim.reservedValue(RecordIdentity.pack(epoch, nextNumber));
        claim.commit();
        counters.lastNumber.setRelease(nextNumber);
        nextNumber++;
        counters.records.incrementRelease();
        counters.bytes.getAndAddRelease(length);
        if (messages > 0) {
            counters.messages.getAndAddRelease(messages);
        }
        if (refusal != 0) {
            if (refusal == Publication.BACK_PRESSURED) {
                counters.backPressureNanos.getAndAddRelease(nanoClock.getAsLong() - blockedSinceNanos);
            }
            refusal = 0;
        }
    }

    private boolean publishCatalog() {
        while (!catalogQueue.isEmpty()) {
            byte[] record = catalogQueue.peek();
            long result = publication.tryClaim(record.length, claim);
            if (result < 0) {
                refusedClaim(result);
                return false;
            }
            claim.buffer().putBytes(claim.offset(), record);
            claim.reservedValue(RecordIdentity.pack(epoch, RecordIdentity.CATALOG));
            claim.commit();
            catalogQueue.poll();
        }
        return true;
    }

    private boolean refusedClaim(long result) {
        if (result == Publication.ADMIN_ACTION) {
            counters.adminActions.incrementRelease();
            return false;
        }
        if (result == Publication.CLOSED) {
            throw new IllegalStateException("the publication was closed (by the media driver: was it stopped?)");
        }
        if (result == Publication.MAX_POSITION_EXCEEDED) {
            throw new IllegalStateException("the publication reached its maximum position; restart the fan-out (it resumes on a new one)");
        }
        if (result != refusal) {
            if (result == Publication.BACK_PRESSURED) {
                counters.backPressureEvents.incrementRelease();
                blockedSinceNanos = nanoClock.getAsLong();
            } else if (result == Publication.NOT_CONNECTED) {
                counters.notConnectedEvents.incrementRelease();
            }
            if (refusal == Publication.BACK_PRESSURED) {
                counters.backPressureNanos.getAndAddRelease(nanoClock.getAsLong() - blockedSinceNanos);
            }
            refusal = result;
        }
        return false;
    }

    /** Saves the last excerpt the receivers have consumed (nothing to do when none has become so). */
    private int saveServedPosition() {
        if (ringHead == ringTail) {
            return 0;
        }
        long served = servedPosition();
        long head = ringHead;
        while (head < ringTail && ringPosition[(int) (head & RING_MASK)] <= served) {
            head++;
        }
        if (head == ringHead) {
            return 0;
        }
        int slot = (int) ((head - 1) & RING_MASK);
        position.save(ringIndex[slot], ringNumber[slot]);
        counters.savedNumber.setRelease(ringNumber[slot]);
        ringHead = head;
        return 1;
    }

    /**
     * A position every receiver has taken. With the driver embedded (it dies with this process), the lowest
     * consumption its receivers' status messages report, and no more than was sent: sent alone is not enough,
     * since a datagram the receiving kernel dropped was sent, and is lost for good once the sender has died before
     * the NAK. With an external driver, which outlives a killed publisher and delivers what is in its log, and for
     * IPC: the log's position.
     */
    long servedPosition() {
        if (consumption == null) {
            return publication.position();
        }
        long sent = driverCounters.getCounterValue(senderPositionCounterId);
        return Math.min(sent, consumption.minConsumed());
    }

    /** Whether everything published has been sent (IPC: is in the log). Saves the served position too. */
    boolean allSent() {
        saveServedPosition();
        return consumption == null || driverCounters.getCounterValue(senderPositionCounterId) >= publication.position();
    }

    /**
     * Whether every receiver has consumed all but the last quarter window published (beyond which it may not
     * report): what remains is in its hands, and only repairs of loss may still be asked for.
     */
    boolean allNearlyConsumed() {
        saveServedPosition();
        return consumption == null || consumption.allNear(publication.position());
    }

    /** Whether every receiver reports having consumed everything published (it may not say so to the byte). */
    boolean allConsumed() {
        saveServedPosition();
        return ringHead == ringTail && servedPosition() >= publication.position();
    }

    /**
     * Saves the last excerpt published, for a stop asked for: everything has been sent and the receivers have had
     * time to ask for what they missed, so what is not yet consumed is at the receivers. A receiver reports its
     * consumption only every quarter window, so waiting for it to the byte could be waiting for ever.
     */
    void saveAllSent() {
        if (ringHead != ringTail) {
            int slot = (int) ((ringTail - 1) & RING_MASK);
            position.save(ringIndex[slot], ringNumber[slot]);
            counters.savedNumber.setRelease(ringNumber[slot]);
            ringHead = ringTail;
        }
    }

    /** Asks for the catalog to be sent again (a subscriber joined); any thread. */
    void requestCatalog() {
        catalogRequested = true;
    }

    /** The journal index of the next excerpt to publish (any thread). */
    long nextIndex() {
        return nextIndex;
    }

    /** When an excerpt was last published. */
    long lastExcerptNanos() {
        return lastExcerptNanos;
    }

    /**
     * Whether something waits to be published because a claim for it was refused: an excerpt of the journal, or the
     * channel catalog a resumed fan-out sends first (before it reads the journal at all, so a restart that finds no
     * subscriber yet is not idle).
     */
    boolean excerptPending() {
        return partialIndex >= 0 || !catalogQueue.isEmpty();
    }

    /** Whether the publisher waits for a subscriber. */
    boolean notConnected() {
        return refusal == Publication.NOT_CONNECTED;
    }

    long lastNumber() {
        return nextNumber - 1;
    }

    private static int channelOf(byte[] record) {
        return new UnsafeBuffer(record).getShort(JournalFormat.CHANNEL_OFFSET) & 0xFFFF;
    }
}
