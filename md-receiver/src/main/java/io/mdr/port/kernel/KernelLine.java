package io.mdr.port.kernel;

import io.mdr.config.ChannelConfig;
import io.mdr.config.ConfigKeys;
import io.mdr.config.Ipv4;
import io.mdr.config.LineConfig;
import io.mdr.config.ReceiverConfig;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * One line as a kernel port receives it: a socket bound to the line's group (or unicast address) and port.
 *
 * @param key     the configuration key that names the line, e.g. {@code channel.itch.a.group}, for messages
 * @param group   the destination address as an int in network order (233.54.12.111 is 0xE9360C6F)
 * @param port    the UDP port
 */
public record KernelLine(String key, int group, int port) {

    /** Every line of every configured channel, A before B, channels in name order. */
    public static List<KernelLine> all(ReceiverConfig config) {
        List<KernelLine> lines = new ArrayList<>();
        for (ChannelConfig channel : config.channels()) {
            for (int i = 0; i < channel.lineCount(); i++) {
                LineConfig line = channel.line(i);
                lines.add(new KernelLine(channel.key(i == 0 ? ConfigKeys.CHANNEL_A_GROUP : ConfigKeys.CHANNEL_B_GROUP),
                        line.group(), line.port()));
            }
        }
        return List.copyOf(lines);
    }

    public boolean multicast() {
        return Ipv4.isMulticast(group);
    }

    public InetAddress address() {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) (group >>> 24), (byte) (group >>> 16), (byte) (group >>> 8), (byte) group});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    public InetSocketAddress socketAddress() {
        return new InetSocketAddress(address(), port);
    }

    /** {@code key=group:port}, as written in the configuration. */
    @Override
    public String toString() {
        return key + "=" + Ipv4.toString(group) + ":" + port;
    }
}
