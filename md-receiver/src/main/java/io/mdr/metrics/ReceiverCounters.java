package io.mdr.metrics;

import io.mdr.net.DropReason;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;
import org.agrona.concurrent.status.CountersReader;

/**
 * Every counter the receiver keeps, allocated in a {@link CountersManager} (file-backed in production,
 * heap-backed in tests). Each counter has a single writer, which uses {@code incrementRelease}, a plain store on
 * x86; readers in other threads or processes see values at most a store behind. The polling thread writes all but
 * the recovery thread's own: requests sent, answers, timeouts, fail-overs, and the drops of bad answers.
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
    /** Mbufs in the receive pool (caches included), sampled by the housekeeping loop every 10 ms. */
    public final AtomicCounter poolAvailable;
    /** Holes open now, waiting for the other line or asked of a request server (a gauge). */
    public final AtomicCounter holesOpen;
    /** Holes asked of a request server. */
    public final AtomicCounter recoveryHolesRequested;
    /** Holes asked of a request server and filled with nothing given up. */
    public final AtomicCounter recoveryHolesHealed;
    /** Holes asked of a request server and journaled as gaps (attempts exhausted, budget overflow, shutdown). */
    public final AtomicCounter recoveryHolesGivenUp;
    /** Messages delivered from the request server's answers (journaled as line R). */
    public final AtomicCounter recoveredMessages;
    /** Answers that reached the arbiter when nothing of them was missing any more (late, or already filled). */
    public final AtomicCounter recoveryUnusedAnswers;
    /** Recovery thread: request packets sent. */
    public final AtomicCounter recoveryRequestsSent;
    /** Recovery thread: answers accepted and passed to the polling thread. */
    public final AtomicCounter recoveryAnswers;
    /** Recovery thread: answers for what an earlier answer had already brought. */
    public final AtomicCounter recoveryDuplicateAnswers;
    /** Recovery thread: answers for a hole already given up or cancelled. */
    public final AtomicCounter recoveryLateAnswers;
    /** Recovery thread: requests that got no answer in time. */
    public final AtomicCounter recoveryTimeouts;
    /** Recovery thread: a request went to the next server because the one before stopped answering. */
    public final AtomicCounter recoveryFailovers;
    /** Nanoseconds the polling thread spent on polls that brought packets (receive, hand-off, commit). */
    public final AtomicCounter pollBusyNanos;
    /**
     * Polls that brought nothing. With {@link #pollBusyNanos}, the mean time of an empty poll over an interval: a
     * gauge of how fast the polling loop runs, beside each interval's latency figures. It rises with whatever slows the
     * loop: the host giving the core's time to others, a busy sibling hardware thread, or the lines and translations
     * the loop needs lost between polls.
     */
    public final AtomicCounter emptyPolls;
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
        poolAvailable = manager.newCounter("mbuf-pool-available", TYPE_ID);
        holesOpen = manager.newCounter("holes-open", TYPE_ID);
        recoveryHolesRequested = manager.newCounter("recovery-holes-requested", TYPE_ID);
        recoveryHolesHealed = manager.newCounter("recovery-holes-healed", TYPE_ID);
        recoveryHolesGivenUp = manager.newCounter("recovery-holes-given-up", TYPE_ID);
        recoveredMessages = manager.newCounter("recovered-messages", TYPE_ID);
        recoveryUnusedAnswers = manager.newCounter("recovery-unused-answers", TYPE_ID);
        recoveryRequestsSent = manager.newCounter("recovery-requests-sent", TYPE_ID);
        recoveryAnswers = manager.newCounter("recovery-answers", TYPE_ID);
        recoveryDuplicateAnswers = manager.newCounter("recovery-duplicate-answers", TYPE_ID);
        recoveryLateAnswers = manager.newCounter("recovery-late-answers", TYPE_ID);
        recoveryTimeouts = manager.newCounter("recovery-timeouts", TYPE_ID);
        recoveryFailovers = manager.newCounter("recovery-failovers", TYPE_ID);
        pollBusyNanos = manager.newCounter("poll-busy-nanos", TYPE_ID);
        emptyPolls = manager.newCounter("empty-polls", TYPE_ID);
        for (int i = 0; i < drops.length; i++) {
            drops[i] = manager.newCounter("drop:" + DropReason.byOrdinal(i).label(), TYPE_ID);
        }
    }

    /** Counters in process memory only (warm-up, tests, benchmarks): nothing to read them from outside. */
    public static ReceiverCounters inMemory() {
        int counters = 128;
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
