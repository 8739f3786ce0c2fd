package io.mdr.fanout.subscribe;

import io.aeron.ChannelUri;
import io.aeron.CommonContext;
import io.aeron.FragmentAssembler;
import io.aeron.Subscription;
import io.aeron.archive.client.AeronArchive;
import io.aeron.logbuffer.Header;
import io.mdr.fanout.RecordIdentity;
import io.mdr.fanout.media.AeronMedia;
import io.mdr.journal.JournalDecoder;
import io.mdr.journal.JournalListener;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The journal, received over Aeron from {@code md-fanout}: a strategy on another host gets the same
 * {@link JournalListener} calls, with the same {@code JournalMessage} flyweights, as from a
 * {@code JournalTailer} on the receiver's host. Records are decoded in place in Aeron's log by the journal's own
 * {@link JournalDecoder}, and each is handed over once: one seen again (after a fan-out restart, or from both the
 * archive and the live stream) is dropped.
 *
 * <pre>{@code
 * try (FeedSubscriber feed = FeedSubscriber.builder("aeron:udp?endpoint=10.0.0.2:40456", 10).open()) {
 *     while (running) {
 *         idle.idle(feed.poll(listener, 64));
 *     }
 * }
 * }</pre>
 *
 * Not thread-safe: one thread polls. Unless {@link Builder#aeronDirectory} names a running media driver, one is
 * embedded and driven by {@link #poll} itself (no other thread). With {@link Builder#replay} it joins late
 * through the fan-out's archive (see {@link ArchiveFollower}), and catches up again from it whenever it falls
 * behind.
 */
public final class FeedSubscriber implements AutoCloseable {
    private final AeronMedia media;
    private final Subscription subscription;
    private final ArchiveFollower follower;
    private final JournalDecoder decoder = new JournalDecoder();
    private final RecordFilter filter = new RecordFilter();
    private final FragmentAssembler assembler = new FragmentAssembler(this::onRecord);
    private JournalListener listener;
    private long records;
    private long catalogRecords;
    private long lastRecordNanos = System.nanoTime();

    private FeedSubscriber(Builder builder) {
        AeronMedia started = AeronMedia.start(new AeronMedia.Settings("md-subscribe", builder.aeronDirectory, null, null));
        try {
            media = started;
            if (builder.archiveControl == null) {
                subscription = media.aeron().addSubscription(builder.channel, builder.streamId,
                        image -> lastRecordNanos = System.nanoTime(), image -> lastRecordNanos = System.nanoTime());
                follower = null;
            } else {
                String local = builder.localAddress != null ? builder.localAddress : localAddress(builder.channel);
                AeronArchive.Context archiveContext = new AeronArchive.Context()
                        .aeron(media.aeron())
                        .ownsAeronClient(false)
                        .controlRequestChannel(builder.archiveControl)
                        .controlResponseChannel("aeron:udp?endpoint=" + local + ":0")
                        .messageTimeoutNs(TimeUnit.SECONDS.toNanos(5))
                        .agentInvoker(media.driverInvoker());
                subscription = null;
                follower = new ArchiveFollower(media.aeron(), archiveContext, builder.channel, builder.streamId, local, assembler);
            }
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
    }

    /** A subscriber of {@code streamId} on {@code channel} (the fan-out's channel as this host subscribes to it). */
    public static Builder builder(String channel, int streamId) {
        return new Builder(channel, streamId);
    }

    /** How to subscribe. */
    public static final class Builder {
        private final String channel;
        private final int streamId;
        private Path aeronDirectory;
        private String archiveControl;
        private String localAddress;

        private Builder(String channel, int streamId) {
            this.channel = Objects.requireNonNull(channel, "channel");
            this.streamId = streamId;
            ChannelUri.parse(channel);
        }

        /** Use the media driver running in {@code directory} (default: one embedded in this process). */
        public Builder aeronDirectory(Path directory) {
            this.aeronDirectory = directory;
            return this;
        }

        /**
         * Join through the fan-out's archive at {@code controlChannel} ({@code md-fanout --archive-control}):
         * replay from the first recording, then merge into the live stream. The live channel must be multicast
         * or multi-destination (or unicast to this host), which is what {@code ReplayMerge} can add as a destination.
         */
        public Builder replay(String controlChannel) {
            this.archiveControl = controlChannel;
            return this;
        }

        /**
         * This host's address, where the archive sends its replies and replays (default: the channel's endpoint
         * host, or its multicast interface, or localhost).
         */
        public Builder localAddress(String address) {
            this.localAddress = address;
            return this;
        }

        public FeedSubscriber open() {
            return new FeedSubscriber(this);
        }
    }

    /**
     * Hands what has arrived to {@code listener} (up to {@code fragmentLimit} records) and does the Aeron work due
     * (the embedded driver's, the joining's).
     *
     * @return work done: 0 when there was nothing
     */
    public int poll(JournalListener listener, int fragmentLimit) {
        this.listener = listener;
        int work = media.doWork();
        work += follower != null ? follower.poll(fragmentLimit) : subscription.poll(assembler, fragmentLimit);
        return work;
    }

    private void onRecord(DirectBuffer buffer, int offset, int length, Header header) {
        lastRecordNanos = System.nanoTime();
        long identity = header.reservedValue();
        if (RecordIdentity.number(identity) == RecordIdentity.CATALOG) {
            catalogRecords++;
            decoder.applyChannelRecord(buffer, offset, offset + length);
        } else if (filter.accept(identity)) {
            records++;
            decoder.decodeRecord(buffer, offset, offset + length, listener);
        } else {
            decoder.applyChannelRecord(buffer, offset, offset + length); // names follow the stream even when repeated
        }
    }

    /** Whether a publisher's stream is connected (live), or the archive is replaying or merging. */
    public boolean isConnected() {
        if (follower == null) {
            return subscription.isConnected();
        }
        ArchiveFollower.State state = follower.state();
        return state == ArchiveFollower.State.REPLAY || state == ArchiveFollower.State.MERGE || state == ArchiveFollower.State.MERGED;
    }

    /** Records handed over. */
    public long records() {
        return records;
    }

    /** Records dropped because they had been handed over already. */
    public long duplicates() {
        return filter.duplicates();
    }

    /** Records the numbering says were never received (left behind without an archive to catch up from). */
    public long missed() {
        return filter.missed();
    }

    /** Channel catalog records received (sent to joiners; never handed over). */
    public long catalogRecords() {
        return catalogRecords;
    }

    /** The number of the last record handed over. */
    public long lastRecordNumber() {
        return filter.lastNumber();
    }

    /**
     * When the last record (of any kind) arrived, or a publisher's stream joined or went away (System.nanoTime):
     * when the subscriber last saw the feed do something.
     */
    public long lastActivityNanos() {
        return lastRecordNanos;
    }

    /** What the subscriber is doing: live, or the archive joining's state, recording and rejoins. */
    public String state() {
        if (follower == null) {
            return subscription.isConnected() ? "live (" + subscription.imageCount() + " image" + (subscription.imageCount() == 1 ? "" : "s") + ")"
                    : "waiting for the publisher";
        }
        return switch (follower.state()) {
            case LIST -> "asking the archive";
            case REPLAY -> "replaying recording " + follower.recordingId();
            case MERGE -> "merging recording " + follower.recordingId() + " into live";
            case MERGED -> "live (merged, recording " + follower.recordingId() + ")";
            case WAIT -> follower.lastError() != null ? "waiting for the archive (" + follower.lastError() + ")"
                    : "waiting for a recording";
        } + (follower.rejoins() > 0 ? ", rejoined " + follower.rejoins() + "x" : "");
    }

    /** Whether the archive joining has merged into live (always true without --replay once connected). */
    public boolean isMerged() {
        return follower == null ? subscription.isConnected() : follower.isMerged();
    }

    /** The host address in a channel: the endpoint's host (unicast or MDC), the multicast interface, or localhost. */
    static String localAddress(String channel) {
        ChannelUri uri = ChannelUri.parse(channel);
        String endpoint = uri.get(CommonContext.ENDPOINT_PARAM_NAME);
        if (endpoint != null) {
            String host = endpoint.substring(0, Math.max(0, endpoint.lastIndexOf(':')));
            try {
                if (!host.isEmpty() && !InetAddress.getByName(host).isMulticastAddress()) {
                    return host;
                }
            } catch (UnknownHostException e) {
                // fall through
            }
        }
        String networkInterface = uri.get(CommonContext.INTERFACE_PARAM_NAME);
        if (networkInterface != null) {
            int slash = networkInterface.indexOf('/');
            String host = slash >= 0 ? networkInterface.substring(0, slash) : networkInterface;
            int colon = host.lastIndexOf(':');
            return colon > 0 ? host.substring(0, colon) : host;
        }
        return "localhost";
    }

    @Override
    public void close() {
        CloseHelper.quietCloseAll(follower, subscription, media);
    }
}
