package io.mdr.feed;

import io.mdr.metrics.ReceiverCounters;
import io.mdr.mold.MoldUdp64Packet;
import io.mdr.net.UdpFrame;
import org.agrona.collections.Long2LongHashMap;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Finds the channel and line of a packet from its destination group:port (and optional source filter).
 *
 * <p>With configured channels, the lookup is one probe of a primitive hash map. Without, every MoldUDP64
 * stream (destination and session) becomes a channel of its own the first time it is seen: the only
 * allocation on the receive path, once per new stream.
 */
public final class ChannelRouter {
    private static final long NO_ROUTE = -1;
    /** Most channels automatic mode creates; streams beyond are dropped (each channel holds its budget of held bytes). */
    public static final int MAX_AUTOMATIC_CHANNELS = 64;

    private final Long2LongHashMap routes = new Long2LongHashMap(NO_ROUTE);
    private final List<ChannelArbiter> arbiters = new ArrayList<>();
    private final List<int[]> sourceFilters = new ArrayList<>();
    private final boolean automatic;
    private final ArbiterSettings settings;
    private final FeedListener listener;
    private final ReceiverCounters counters;
    private final RecoveryRequests recovery;
    private ChannelArbiter[] byIndex = new ChannelArbiter[0];
    /** Per channel, per line: the only source accepted, or 0 for any (configured channels). */
    private int[][] filtersByIndex = new int[0][];
    /**
     * The route found last, by its key: a feed's packets come in runs on one line, and the hash probe (about a sixth
     * of a one-message packet's cost in the pipeline) is then skipped. In automatic mode the last arbiter is taken
     * again only when the packet's session is its channel's. NO_ROUTE until one is found.
     */
    private long lastKey = NO_ROUTE;
    private ChannelArbiter lastArbiter;
    private int lastLine;
    private int lastFilter;
    private Consumer<ChannelArbiter> onNewChannel = arbiter -> { };
    private int line;

    private ChannelRouter(boolean automatic, ArbiterSettings settings, FeedListener listener, ReceiverCounters counters,
                          RecoveryRequests recovery) {
        this.automatic = automatic;
        this.settings = settings;
        this.listener = listener;
        this.counters = counters;
        this.recovery = recovery;
    }

    /** A router over configured channels, without recovery; add them with {@link #addChannel}. */
    public static ChannelRouter configured(ArbiterSettings settings, FeedListener listener, ReceiverCounters counters) {
        return configured(settings, listener, counters, RecoveryRequests.NONE);
    }

    /** A router over configured channels whose holes are asked of {@code recovery}. */
    public static ChannelRouter configured(ArbiterSettings settings, FeedListener listener, ReceiverCounters counters,
                                           RecoveryRequests recovery) {
        return new ChannelRouter(false, settings, listener, counters, recovery);
    }

    /** A router that makes a channel of every MoldUDP64 stream (destination and session) it sees, without recovery. */
    public static ChannelRouter automatic(ArbiterSettings settings, FeedListener listener, ReceiverCounters counters) {
        return automatic(settings, listener, counters, RecoveryRequests.NONE);
    }

    /** The same, with holes asked of {@code recovery}. */
    public static ChannelRouter automatic(ArbiterSettings settings, FeedListener listener, ReceiverCounters counters,
                                          RecoveryRequests recovery) {
        return new ChannelRouter(true, settings, listener, counters, recovery);
    }

    /**
     * Told of every channel this router creates, before its first packet: configured channels as they are added,
     * automatic ones when first seen (on the polling thread). The receiver presets each from the journal there.
     */
    public ChannelRouter onNewChannel(Consumer<ChannelArbiter> hook) {
        this.onNewChannel = hook;
        return this;
    }

    /**
     * Adds a configured channel.
     *
     * @param groups  per line (A, then B if present): destination address (network-order int) and port
     * @param sources per line: the only source address accepted, or 0 for any
     */
    public Channel addChannel(String name, String session, int[] groups, int[] ports, int[] sources) {
        Channel channel = new Channel(arbiters.size(), name, groups.length, session);
        ChannelArbiter arbiter = new ChannelArbiter(channel, settings, listener, counters, recovery);
        int index = arbiters.size();
        arbiters.add(arbiter);
        sourceFilters.add(sources.clone());
        for (int l = 0; l < groups.length; l++) {
            long key = key(groups[l], ports[l]);
            if (routes.containsKey(key)) {
                throw new IllegalArgumentException("channel " + name + " line " + Line.name(l) + ": "
                        + UdpFrame.formatAddress(groups[l]) + ":" + ports[l] + " is already routed");
            }
            routes.put(key, ((long) index << 1) | l);
        }
        byIndex = arbiters.toArray(new ChannelArbiter[0]);
        filtersByIndex = sourceFilters.toArray(new int[0][]);
        lastKey = NO_ROUTE;
        onNewChannel.accept(arbiter);
        return channel;
    }

    /** True when channels are made from the traffic rather than configured. */
    public boolean isAutomatic() {
        return automatic;
    }

    /**
     * The arbiter for a packet, or null when nothing listens there (or, in automatic mode, when the packet
     * would be a channel beyond {@link #MAX_AUTOMATIC_CHANNELS}). {@link #line()} then tells the line.
     * In automatic mode {@code packet} must already be validated (its session picks the channel).
     */
    public ChannelArbiter route(int destination, int port, int source, MoldUdp64Packet packet) {
        long key = key(destination, port);
        if (automatic) {
            ChannelArbiter last = lastArbiter;
            if (key == lastKey && last.channel().isSession(packet.sessionHigh(), packet.sessionLow())) {
                line = Line.A;
                return last;
            }
            ChannelArbiter arbiter = routeAutomatic(key, destination, port, routes.get(key), packet);
            if (arbiter != null) {
                lastKey = key;
                lastArbiter = arbiter;
            }
            return arbiter;
        }
        if (key != lastKey) {
            long value = routes.get(key);
            if (value == NO_ROUTE) {
                return null;
            }
            int index = (int) (value >>> 1);
            lastLine = (int) (value & 1);
            lastFilter = filtersByIndex[index][lastLine];
            lastArbiter = byIndex[index];
            lastKey = key;
        }
        if (lastFilter != 0 && lastFilter != source) {
            return null;
        }
        line = lastLine;
        return lastArbiter;
    }

    private ChannelArbiter routeAutomatic(long key, int destination, int port, long first, MoldUdp64Packet packet) {
        line = Line.A;
        long high = packet.sessionHigh();
        int low = packet.sessionLow();
        // The sessions of one destination sit under the destination's key with a depth in bits 48 and up.
        long value = first;
        long depth = 0;
        while (value != NO_ROUTE) {
            ChannelArbiter arbiter = byIndex[(int) (value >>> 1)];
            if (arbiter.channel().isSession(high, low)) {
                return arbiter;
            }
            depth++;
            value = routes.get(key | (depth << 48));
        }
        if (arbiters.size() >= MAX_AUTOMATIC_CHANNELS) {
            return null;
        }
        String name = UdpFrame.formatAddress(destination) + ":" + port + "/" + packet.session().trim();
        Channel channel = new Channel(arbiters.size(), name, 1, packet.session());
        ChannelArbiter arbiter = new ChannelArbiter(channel, settings, listener, counters, recovery);
        routes.put(key | (depth << 48), (long) arbiters.size() << 1);
        arbiters.add(arbiter);
        sourceFilters.add(new int[] {0});
        byIndex = arbiters.toArray(new ChannelArbiter[0]);
        filtersByIndex = sourceFilters.toArray(new int[0][]);
        onNewChannel.accept(arbiter);
        return arbiter;
    }

    /** The line of the packet last routed. */
    public int line() {
        return line;
    }

    /** Every channel's arbiter, in id order. */
    public ChannelArbiter[] arbiters() {
        return byIndex;
    }

    /** Lets timed-out holes become gaps while no packet arrives. */
    public void poll(long nowNanos) {
        ChannelArbiter[] all = byIndex;
        for (ChannelArbiter arbiter : all) {
            arbiter.poll(nowNanos);
        }
        listener.onBurstEnd(nowNanos);
    }

    /** A packet from the retransmission server for channel {@code channelId} (see {@link ChannelArbiter#onRecovered}). */
    public void onRecovered(int channelId, MoldUdp64Packet packet, long rxNanos, long nowNanos) {
        ChannelArbiter[] all = byIndex;
        if (channelId >= 0 && channelId < all.length) {
            all[channelId].onRecovered(packet, rxNanos, nowNanos);
        }
    }

    /** The recovery thread gave up on a range of channel {@code channelId} (see {@link ChannelArbiter#onRecoveryFailed}). */
    public void onRecoveryFailed(int channelId, long sessionHigh, int sessionLow, long from, long to, long nowNanos) {
        ChannelArbiter[] all = byIndex;
        if (channelId >= 0 && channelId < all.length) {
            all[channelId].onRecoveryFailed(sessionHigh, sessionLow, from, to, nowNanos);
        }
    }

    /** Holes open over every channel. */
    public int openHoles() {
        int total = 0;
        for (ChannelArbiter arbiter : byIndex) {
            total += arbiter.openHoles();
        }
        return total;
    }

    /** End of input or shutdown: every channel delivers what it holds and declares its holes. */
    public void flush(long nowNanos) {
        for (ChannelArbiter arbiter : byIndex) {
            arbiter.flush(nowNanos);
        }
        listener.onBurstEnd(nowNanos);
    }

    /** The end of a burst of packets: the listener may commit what it was given since the last one. */
    public void endOfBurst(long nowNanos) {
        listener.onBurstEnd(nowNanos);
    }

    private static long key(int destination, int port) {
        return ((destination & 0xFFFF_FFFFL) << 16) | (port & 0xFFFF);
    }
}
