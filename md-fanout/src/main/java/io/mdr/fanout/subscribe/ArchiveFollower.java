package io.mdr.fanout.subscribe;

import io.aeron.Aeron;
import io.aeron.ChannelUri;
import io.aeron.ChannelUriStringBuilder;
import io.aeron.CommonContext;
import io.aeron.Image;
import io.aeron.Subscription;
import io.aeron.archive.client.AeronArchive;
import io.aeron.archive.client.ReplayMerge;
import io.aeron.logbuffer.FragmentHandler;
import org.agrona.CloseHelper;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Follows a stream through the fan-out's archive: replays the recordings the subscriber has not seen (from its
 * start, or from where it was), then merges into the live stream with Aeron's {@link ReplayMerge} (the replay and
 * the live stream arrive on one multi-destination subscription, {@code control-mode=manual}, and the replay is
 * dropped once live has caught up). Each fan-out run is its own recording: a recording that has stopped is
 * replayed to its end, and the newest one, while it records, is merged into.
 *
 * <p>It starts over from the archive, at the position it had reached, when the merged image ends (the fan-out
 * stopped or was restarted: a newer recording appears) or stalls while the recording moves on (the host fell
 * further behind than the publisher keeps, under {@code max} flow control). The {@link RecordFilter} upstream
 * drops whatever arrives twice on the way.
 */
final class ArchiveFollower implements AutoCloseable {
    enum State { LIST, REPLAY, MERGE, MERGED, WAIT }

    private static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Aeron aeron;
    private final AeronArchive.Context archiveContext;
    private AeronArchive archive;
    private AeronArchive.AsyncConnect connecting;
    private String lastError;
    private final String liveChannel;
    private final int streamId;
    private final String localAddress;
    private final FragmentHandler handler;

    private State state = State.LIST;
    private final List<Recording> pending = new ArrayList<>();
    private long currentRecording = -1;
    private long currentPosition = -1;
    private long currentStop;
    private Subscription replaySubscription;
    private Image replayImage;
    private long replaySessionId;
    private Subscription mergeSubscription;
    private ReplayMerge merge;
    private long nextCheckNanos;
    private long lastProgressPosition = -1;
    private long lastProgressNanos;
    private int rejoins;

    private record Recording(long id, long start, long stop, int sessionId) {
    }

    /**
     * @param archiveContext how to reach the archive (a template: each connection concludes a clone); connected
     *                       without blocking the poll, at first and again whenever the archive was lost
     */
    ArchiveFollower(Aeron aeron, AeronArchive.Context archiveContext, String liveChannel, int streamId, String localAddress,
                    FragmentHandler delegate) {
        this.aeron = aeron;
        this.archiveContext = archiveContext;
        this.liveChannel = liveChannel;
        this.streamId = streamId;
        this.localAddress = localAddress;
        this.handler = delegate;
    }

    State state() {
        return state;
    }

    long recordingId() {
        return currentRecording;
    }

    int rejoins() {
        return rejoins;
    }

    boolean isMerged() {
        return state == State.MERGED;
    }

    /** The archive's last error since it was lost (it is asked again every half second), or null. */
    String lastError() {
        return lastError;
    }

    int poll(int fragmentLimit) {
        try {
            return step(fragmentLimit);
        } catch (RuntimeException e) {
            // the archive went away (its fan-out stopped or was killed): wait for it, and rejoin from where this was
            lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
            CloseHelper.quietCloseAll(merge, mergeSubscription, replaySubscription, archive, connecting);
            connecting = null;
            merge = null;
            mergeSubscription = null;
            replaySubscription = null;
            archive = null;
            state = State.WAIT;
            nextCheckNanos = System.nanoTime() + RECHECK_NANOS;
            return 0;
        }
    }

    private int step(int fragmentLimit) {
        long now = System.nanoTime();
        switch (state) {
            case LIST, WAIT -> {
                if (archive == null) {
                    if (connecting == null) {
                        if (now - nextCheckNanos < 0) {
                            return 0;
                        }
                        connecting = AeronArchive.asyncConnect(archiveContext.clone());
                    }
                    archive = connecting.poll();
                    if (archive == null) {
                        return 0;
                    }
                    connecting = null;
                    lastError = null;
                    nextCheckNanos = now;
                }
                if (now - nextCheckNanos >= 0) {
                    nextCheckNanos = now + RECHECK_NANOS;
                    list();
                    next();
                }
                return 0;
            }
            case REPLAY -> {
                return pollReplay(fragmentLimit);
            }
            case MERGE -> {
                int work = merge.poll(handler, fragmentLimit);
                if (merge.image() != null) {
                    currentPosition = merge.image().position();
                }
                if (merge.isMerged()) {
                    state = State.MERGED;
                    lastProgressNanos = now;
                } else if (merge.hasFailed()) {
                    restart();
                }
                return work;
            }
            case MERGED -> {
                return pollMerged(fragmentLimit, now);
            }
            default -> {
                return 0;
            }
        }
    }

    /** The archive's recordings of the stream that are not behind the current one, oldest first. */
    private void list() {
        pending.clear();
        List<Recording> found = new ArrayList<>();
        archive.listRecordingsForUri(0, Integer.MAX_VALUE, "", streamId,
                (controlSessionId, correlationId, recordingId, startTimestamp, stopTimestamp, startPosition, stopPosition,
                 initialTermId, segmentFileLength, termBufferLength, mtuLength, sessionId, stream, strippedChannel,
                 originalChannel, sourceIdentity) -> found.add(new Recording(recordingId, startPosition, stopPosition, sessionId)));
        found.sort(Comparator.comparingLong(Recording::id));
        for (Recording r : found) {
            if (r.id() >= currentRecording) {
                pending.add(r);
            }
        }
    }

    /** Starts on the next recording: replay it if it has stopped, merge into it if it records, else wait. */
    private void next() {
        while (!pending.isEmpty()) {
            Recording r = pending.removeFirst();
            long from = r.id() == currentRecording && currentPosition >= r.start() ? currentPosition : r.start();
            boolean recording = archive.getRecordingPosition(r.id()) != AeronArchive.NULL_POSITION;
            if (r.id() != currentRecording) {
                currentRecording = r.id();
                currentPosition = from;
            }
            if (recording && pending.isEmpty()) {
                startMerge(r, from);
                return;
            }
            long stop = recording ? archive.getRecordingPosition(r.id()) : r.stop();
            if (stop > from) {
                startReplay(r, from, stop);
                return;
            }
        }
        state = State.WAIT;
    }

    private void startReplay(Recording r, long from, long stop) {
        replaySubscription = aeron.addSubscription("aeron:udp?endpoint=" + localAddress + ":0", streamId);
        String endpoint;
        while ((endpoint = replaySubscription.resolvedEndpoint()) == null) {
            aeron.conductorAgentInvoker().invoke();
            Thread.onSpinWait();
        }
        replaySessionId = archive.startReplay(r.id(), from, stop - from, "aeron:udp?endpoint=" + endpoint, streamId);
        replayImage = null;
        currentStop = stop;
        state = State.REPLAY;
    }

    private int pollReplay(int fragmentLimit) {
        if (replayImage == null) {
            replayImage = replaySubscription.imageBySessionId((int) replaySessionId);
            if (replayImage == null) {
                return 0;
            }
        }
        int work = replayImage.poll(handler, fragmentLimit);
        currentPosition = replayImage.position();
        if (currentPosition >= currentStop || (work == 0 && (replayImage.isClosed() || replayImage.isEndOfStream()))) {
            CloseHelper.quietClose(replaySubscription);
            replaySubscription = null;
            next();
        }
        return work;
    }

    private void startMerge(Recording r, long from) {
        ChannelUriStringBuilder subscription = new ChannelUriStringBuilder().media(CommonContext.UDP_MEDIA)
                .controlMode(CommonContext.MDC_CONTROL_MODE_MANUAL).sessionId(r.sessionId());
        String groupTag = ChannelUri.parse(liveChannel).get(CommonContext.GROUP_TAG_PARAM_NAME);
        if (groupTag != null) {
            subscription.groupTag(Long.parseLong(groupTag));
        }
        mergeSubscription = aeron.addSubscription(subscription.build(), streamId);
        String replayChannel = new ChannelUriStringBuilder().media(CommonContext.UDP_MEDIA).sessionId(r.sessionId()).build();
        merge = new ReplayMerge(mergeSubscription, archive, replayChannel, "aeron:udp?endpoint=" + localAddress + ":0",
                liveChannel, r.id(), from);
        state = State.MERGE;
    }

    private int pollMerged(int fragmentLimit, long now) {
        Image image = merge.image();
        int work = image.poll(handler, fragmentLimit);
        currentPosition = image.position();
        if (currentPosition != lastProgressPosition) {
            lastProgressPosition = currentPosition;
            lastProgressNanos = now;
        } else if (image.isClosed() || image.isEndOfStream()) {
            restart();
        } else if (now - lastProgressNanos > STALL_NANOS && now - nextCheckNanos >= 0) {
            nextCheckNanos = now + RECHECK_NANOS;
            long recorded = archive.getRecordingPosition(currentRecording);
            if (recorded == AeronArchive.NULL_POSITION || recorded > currentPosition) {
                restart(); // the recording moved on (or ended) while this image did not: catch up from the archive
            }
        }
        return work;
    }

    /** Back to the archive, from the position reached. */
    private void restart() {
        CloseHelper.quietCloseAll(merge, mergeSubscription, replaySubscription);
        merge = null;
        mergeSubscription = null;
        replaySubscription = null;
        rejoins++;
        state = State.LIST;
        nextCheckNanos = System.nanoTime() + RECHECK_NANOS;
    }

    @Override
    public void close() {
        CloseHelper.quietCloseAll(merge, mergeSubscription, replaySubscription, archive, connecting);
    }
}
