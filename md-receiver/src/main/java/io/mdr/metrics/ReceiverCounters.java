package io.mdr.metrics;

import io.mdr.net.DropReason;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;
import org.agrona.concurrent.status.CountersReader;

/**
 * Every counter the receiver keeps, allocated in a {@link CountersManager} (file-backed in production,
 * heap-backed in tests). The polling thread is the single writer: it uses {@code incrementRelease}, a plain
 * store on x86; readers in other threads or processes see values at most a store behind.
 */
public final class ReceiverCounters {
    /** Counter type id for the receiver's counters, so tools can tell them from others in the file. */
    public static final int TYPE_ID = 1001;

    public final AtomicCounter packets;
    public final AtomicCounter bytes;
    public final AtomicCounter messages;
    public final AtomicCounter duplicatePackets;
    public final AtomicCounter duplicateMessages;
    public final AtomicCounter gaps;
    public final AtomicCounter gapMessages;
    public final AtomicCounter heartbeats;
    public final AtomicCounter endOfSession;
    public final AtomicCounter sessionChanges;
    public final AtomicCounter unknownMessageTypes;
    public final AtomicCounter badMessageLengths;
    public final AtomicCounter reorderedPackets;
    public final AtomicCounter journalRecords;
    public final AtomicCounter portIpackets;
    public final AtomicCounter portImissed;
    public final AtomicCounter portRxNoMbuf;
    public final AtomicCounter portIerrors;
    /** Nanoseconds the polling thread spent on polls that brought packets (receive, hand-off, commit). */
    public final AtomicCounter pollBusyNanos;
    private final AtomicCounter[] drops = new AtomicCounter[DropReason.count()];

    public ReceiverCounters(CountersManager manager) {
        packets = manager.newCounter("rx-packets", TYPE_ID);
        bytes = manager.newCounter("rx-bytes", TYPE_ID);
        messages = manager.newCounter("messages", TYPE_ID);
        duplicatePackets = manager.newCounter("duplicate-packets", TYPE_ID);
        duplicateMessages = manager.newCounter("duplicate-messages", TYPE_ID);
        gaps = manager.newCounter("gaps", TYPE_ID);
        gapMessages = manager.newCounter("gap-messages", TYPE_ID);
        heartbeats = manager.newCounter("heartbeats", TYPE_ID);
        endOfSession = manager.newCounter("end-of-session", TYPE_ID);
        sessionChanges = manager.newCounter("session-changes", TYPE_ID);
        unknownMessageTypes = manager.newCounter("unknown-message-types", TYPE_ID);
        badMessageLengths = manager.newCounter("bad-message-lengths", TYPE_ID);
        reorderedPackets = manager.newCounter("reordered-packets", TYPE_ID);
        journalRecords = manager.newCounter("journal-records", TYPE_ID);
        portIpackets = manager.newCounter("port-ipackets", TYPE_ID);
        portImissed = manager.newCounter("port-imissed", TYPE_ID);
        portRxNoMbuf = manager.newCounter("port-rx-nombuf", TYPE_ID);
        portIerrors = manager.newCounter("port-ierrors", TYPE_ID);
        pollBusyNanos = manager.newCounter("poll-busy-nanos", TYPE_ID);
        for (int i = 0; i < drops.length; i++) {
            drops[i] = manager.newCounter("drop:" + DropReason.byOrdinal(i).label(), TYPE_ID);
        }
    }

    /** Counters in process memory only (warm-up, tests, benchmarks): nothing to read them from outside. */
    public static ReceiverCounters inMemory() {
        int counters = 64;
        return new ReceiverCounters(new CountersManager(
                new UnsafeBuffer(BufferUtil.allocateDirectAligned(counters * CountersReader.METADATA_LENGTH, 64)),
                new UnsafeBuffer(BufferUtil.allocateDirectAligned(counters * CountersReader.COUNTER_LENGTH, 64))));
    }

    /** Counts one drop for {@code reason}. */
    public void drop(DropReason reason) {
        drops[reason.ordinal()].incrementRelease();
    }

    /** Drops counted so far for {@code reason}. */
    public long drops(DropReason reason) {
        return drops[reason.ordinal()].get();
    }

    /** Drops over all reasons. */
    public long totalDrops() {
        long total = 0;
        for (AtomicCounter c : drops) {
            total += c.get();
        }
        return total;
    }
}
