package io.mdr.port.kernel;

import io.mdr.config.ConfigKeys;
import io.mdr.config.KernelPortConfig;
import io.mdr.port.PortException;

import java.io.IOException;
import java.net.BindException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Opens a line's {@code DatagramChannel}: bound to the line's group and port (binding the group, not the wildcard,
 * keeps out other groups joined on the same port by anyone on the host), joined on {@code port.interface}; or bound
 * to a unicast address of this host. Every failure names the key to change and what the host lacks.
 */
public final class UdpChannels {
    private UdpChannels() {
    }

    /**
     * The interface multicast lines are joined on, checked: it exists, is up and supports multicast.
     *
     * @return null when the configuration names none (every line unicast)
     */
    public static NetworkInterface networkInterface(KernelPortConfig port) {
        if (!port.hasInterface()) {
            return null;
        }
        String name = port.networkInterface();
        String key = ConfigKeys.PORT_INTERFACE + "=" + name;
        try {
            NetworkInterface nif = NetworkInterface.getByName(name);
            if (nif == null) {
                throw new PortException(key + ": no such interface on this host (it has " + interfaceNames() + ")");
            }
            if (!nif.isUp()) {
                throw new PortException(key + ": the interface is down (ip link set " + name + " up)");
            }
            if (!nif.supportsMulticast()) {
                throw new PortException(key + ": the interface does not support multicast (no MULTICAST flag"
                        + (nif.isLoopback() ? "; for loopback: ip link set " + name + " multicast on" : "") + ")");
            }
            return nif;
        } catch (SocketException e) {
            throw new PortException(key + ": cannot read the interface: " + e.getMessage(), e);
        }
    }

    /** Whether {@code nif} has an IPv4 address, which Java's IP_ADD_MEMBERSHIP needs to join a group on it. */
    static boolean hasIpv4Address(NetworkInterface nif) {
        return Collections.list(nif.getInetAddresses()).stream().anyMatch(a -> a instanceof Inet4Address);
    }

    /**
     * Opens, binds and (for a multicast line) joins the line's channel.
     *
     * @param nif      the interface for multicast lines (null when every line is unicast)
     * @param blocking whether {@code receive} waits for a datagram
     */
    public static Opened open(KernelLine line, NetworkInterface nif, int receiveBufferBytes, boolean blocking) {
        DatagramChannel channel = null;
        try {
            channel = DatagramChannel.open(StandardProtocolFamily.INET);
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.setOption(StandardSocketOptions.SO_RCVBUF, receiveBufferBytes);
            try {
                channel.bind(line.socketAddress());
            } catch (BindException e) {
                throw new PortException(line + ": cannot bind " + line.address().getHostAddress() + ":" + line.port() + ": "
                        + e.getMessage() + (line.multicast() ? "" : " (a kernel port binds a unicast line's address: it must be"
                        + " an address of this host)"), e);
            }
            if (line.multicast()) {
                if (nif == null) {
                    throw new PortException(ConfigKeys.PORT_INTERFACE + ": missing; " + line + " is a multicast group");
                }
                if (!hasIpv4Address(nif)) {
                    throw new PortException(ConfigKeys.PORT_INTERFACE + "=" + nif.getName() + ": the interface has no IPv4"
                            + " address, which IP_ADD_MEMBERSHIP from Java needs to join " + line.address().getHostAddress()
                            + " (give it one, or use " + ConfigKeys.PORT_KIND + "=io_uring, which joins by interface index)");
                }
                try {
                    channel.join(line.address(), nif);
                } catch (IOException e) {
                    throw new PortException(line + ": cannot join " + line.address().getHostAddress() + " on "
                            + nif.getName() + ": " + e.getMessage(), e);
                }
            }
            channel.configureBlocking(blocking);
            return new Opened(line, channel, channel.getOption(StandardSocketOptions.SO_RCVBUF));
        } catch (IOException e) {
            closeQuietly(channel);
            throw new PortException(line + ": cannot open its socket: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /** Opens every line's channel, or none: on a failure the ones already open are closed. */
    public static List<Opened> openAll(List<KernelLine> lines, KernelPortConfig port, boolean blocking) {
        NetworkInterface nif = networkInterface(port);
        List<Opened> opened = new ArrayList<>();
        try {
            for (KernelLine line : lines) {
                opened.add(open(line, nif, port.receiveBufferBytes(), blocking));
            }
            return opened;
        } catch (RuntimeException e) {
            opened.forEach(o -> closeQuietly(o.channel()));
            throw e;
        }
    }

    /**
     * The sender's IPv4 address as an int, without allocating: {@code DatagramChannel.receive} keeps returning the
     * same cached address object while the sender does not change, and {@link Inet4Address#hashCode()} is the address.
     */
    public static int sourceAddress(SocketAddress from) {
        return from instanceof InetSocketAddress isa && isa.getAddress() instanceof Inet4Address a ? a.hashCode() : 0;
    }

    static void closeQuietly(DatagramChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing on an error path: the first error is the one to report
            }
        }
    }

    private static String interfaceNames() {
        try {
            List<String> names = new ArrayList<>();
            for (NetworkInterface n : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                names.add(n.getName());
            }
            Collections.sort(names);
            return String.join(", ", names);
        } catch (SocketException e) {
            return "interfaces that could not be listed: " + e.getMessage();
        }
    }

    /**
     * An open line.
     *
     * @param receiveBufferBytes SO_RCVBUF as the kernel granted it (twice what was asked, capped by net.core.rmem_max)
     */
    public record Opened(KernelLine line, DatagramChannel channel, int receiveBufferBytes) {
    }

    /** What the port's sockets were granted, e.g. {@code SO_RCVBUF 8388608 (asked 4194304)}. */
    public static String describeBuffers(List<Opened> opened, int asked) {
        int granted = opened.stream().mapToInt(Opened::receiveBufferBytes).min().orElse(0);
        return "SO_RCVBUF " + granted + " (asked " + asked + (granted < asked ? "; capped by net.core.rmem_max" : "") + ")";
    }

    /** Every line as {@code group:port}, comma-separated. */
    public static String describeLines(List<KernelLine> lines) {
        List<String> parts = new ArrayList<>();
        for (KernelLine line : lines) {
            InetAddress a = line.address();
            parts.add(a.getHostAddress() + ":" + line.port());
        }
        return String.join(", ", parts);
    }
}
