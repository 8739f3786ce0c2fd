package io.mdr.recovery;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * The request servers of each channel, by channel id, in the order they are tried; channels beyond those configured
 * (automatic channels) get the default list. Immutable: read by the polling thread (whether a channel recovers) and
 * the recovery thread (where to send).
 */
public final class RecoveryServers {
    private static final InetSocketAddress[] NONE = new InetSocketAddress[0];

    private final InetSocketAddress[][] byChannel;
    private final InetSocketAddress[] defaults;

    /**
     * @param byChannel servers of channel ids 0, 1, ... (an empty list: the channel does not recover)
     * @param defaults  servers of every channel id beyond {@code byChannel}
     */
    public RecoveryServers(List<List<InetSocketAddress>> byChannel, List<InetSocketAddress> defaults) {
        this.byChannel = new InetSocketAddress[byChannel.size()][];
        for (int i = 0; i < byChannel.size(); i++) {
            this.byChannel[i] = byChannel.get(i).toArray(NONE);
        }
        this.defaults = defaults.toArray(NONE);
    }

    /** Every channel, configured or automatic, asks {@code servers}. */
    public static RecoveryServers everyChannel(List<InetSocketAddress> servers) {
        return new RecoveryServers(List.of(), servers);
    }

    /** The servers of a channel (empty when it does not recover); not to be modified. */
    InetSocketAddress[] of(int channelId) {
        return channelId >= 0 && channelId < byChannel.length ? byChannel[channelId] : defaults;
    }

    /** Whether the channel has a server to ask. */
    public boolean any(int channelId) {
        return of(channelId).length > 0;
    }

    /** Whether any channel at all has a server. */
    public boolean anyChannel() {
        if (defaults.length > 0) {
            return true;
        }
        for (InetSocketAddress[] servers : byChannel) {
            if (servers.length > 0) {
                return true;
            }
        }
        return false;
    }
}
