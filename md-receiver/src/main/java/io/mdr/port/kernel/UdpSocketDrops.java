package io.mdr.port.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What the kernel dropped on a port's sockets: the {@code drops} column of {@code /proc/net/udp} (datagrams that found
 * the socket's receive queue full, or failed its checks), summed over the sockets bound to the lines' addresses and
 * ports. Read from the receiver's own thread, never the polling thread. Another process's socket bound to the same
 * address and port (SO_REUSEADDR) is counted too: /proc/net/udp cannot tell them apart without the socket's inode.
 */
public final class UdpSocketDrops {
    private static final Path PROC_NET_UDP = Path.of("/proc/net/udp");
    private final String[] localAddresses;

    public UdpSocketDrops(List<KernelLine> lines) {
        localAddresses = new String[lines.size()];
        for (int i = 0; i < lines.size(); i++) {
            localAddresses[i] = localAddress(lines.get(i).group(), lines.get(i).port());
        }
    }

    /** The drops of those sockets now, or -1 when /proc/net/udp cannot be read. */
    public long read() {
        try {
            return sum(Files.readAllLines(PROC_NET_UDP));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    long sum(List<String> procNetUdp) {
        long drops = 0;
        for (String line : procNetUdp) {
            String[] f = line.trim().split("\\s+");
            // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ref pointer drops
            if (f.length < 13) {
                continue;
            }
            for (String local : localAddresses) {
                if (f[1].equalsIgnoreCase(local)) {
                    drops += Long.parseLong(f[f.length - 1]);
                    break;
                }
            }
        }
        return drops;
    }

    /** /proc/net/udp writes the address as the hex of the 32-bit word in host order (little-endian here), then the port. */
    static String localAddress(int group, int port) {
        return String.format(Locale.ROOT, "%08X:%04X", Integer.reverseBytes(group), port);
    }
}
