package io.mdr.dpdk;

import io.mdr.dpdk.ffi.Dpdk;
import io.mdr.dpdk.ffi.rte_eth_conf;
import io.mdr.dpdk.ffi.rte_eth_dev_info;
import io.mdr.dpdk.ffi.rte_eth_link;
import io.mdr.dpdk.ffi.rte_eth_rxmode;
import io.mdr.dpdk.ffi.rte_ether_addr;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.HexFormat;

/**
 * One ethdev port, brought up as DPDK's {@code basicfwd} does: info, configure, queue set-up, start,
 * promiscuous. Closing stops and closes it, which hands the rx ring's mbufs back to their pool.
 */
public final class EthPort implements AutoCloseable {
    private final short portId;
    private final String name;
    private final String driver;
    private final int rxDescriptors;
    private final int txDescriptors;
    private final boolean rxTimestampOffered;
    private final boolean rxTimestampEnabled;
    private boolean started;
    private boolean closed;

    private EthPort(short portId, String name, String driver, int rxDescriptors, int txDescriptors,
                    boolean rxTimestampOffered, boolean rxTimestampEnabled) {
        this.portId = portId;
        this.name = name;
        this.driver = driver;
        this.rxDescriptors = rxDescriptors;
        this.txDescriptors = txDescriptors;
        this.rxTimestampOffered = rxTimestampOffered;
        this.rxTimestampEnabled = rxTimestampEnabled;
    }

    /** The port id of a probed device by its name (a vdev name such as {@code net_pcap0}, or a PCI address). */
    public static int portIdByName(String deviceName) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment id = arena.allocate(ValueLayout.JAVA_SHORT);
            RteErrors.check("rte_eth_dev_get_port_by_name(" + deviceName + ")",
                    Dpdk.rte_eth_dev_get_port_by_name(arena.allocateFrom(deviceName), id));
            return Short.toUnsignedInt(id.get(ValueLayout.JAVA_SHORT, 0));
        }
    }

    /** Configures one rx and one tx queue, sets them up over {@code pool}, and starts the port. */
    public static EthPort start(int portId, PortSettings settings, MbufPool pool) {
        short port = (short) portId;
        if (Dpdk.rte_eth_dev_is_valid_port(port) == 0) {
            throw new DpdkException("rte_eth_dev_is_valid_port(" + portId + ")",
                    "no such port; " + Short.toUnsignedInt(Dpdk.rte_eth_dev_count_avail()) + " port(s) probed");
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment info = rte_eth_dev_info.allocate(arena);
            RteErrors.check("rte_eth_dev_info_get", Dpdk.rte_eth_dev_info_get(port, info));
            String driver = cString(rte_eth_dev_info.driver_name(info));
            long rxOffloadCapa = rte_eth_dev_info.rx_offload_capa(info);

            // rte_eth_conf is over 1 KiB: size it from the generated layout, zeroed (all defaults).
            MemorySegment conf = rte_eth_conf.allocate(arena);
            boolean timestampsOffered = (rxOffloadCapa & Dpdk.RTE_ETH_RX_OFFLOAD_TIMESTAMP()) != 0;
            boolean timestamps = settings.rxTimestamps() && timestampsOffered;
            if (timestamps) {
                MemorySegment rxmode = rte_eth_conf.rxmode(conf);
                rte_eth_rxmode.offloads(rxmode, rte_eth_rxmode.offloads(rxmode) | Dpdk.RTE_ETH_RX_OFFLOAD_TIMESTAMP());
            }
            RteErrors.check("rte_eth_dev_configure", Dpdk.rte_eth_dev_configure(port, (short) 1, (short) 1, conf));

            MemorySegment nbRx = arena.allocateFrom(ValueLayout.JAVA_SHORT, (short) settings.rxDescriptors());
            MemorySegment nbTx = arena.allocateFrom(ValueLayout.JAVA_SHORT, (short) settings.txDescriptors());
            RteErrors.check("rte_eth_dev_adjust_nb_rx_tx_desc", Dpdk.rte_eth_dev_adjust_nb_rx_tx_desc(port, nbRx, nbTx));
            short rxDesc = nbRx.get(ValueLayout.JAVA_SHORT, 0);
            short txDesc = nbTx.get(ValueLayout.JAVA_SHORT, 0);

            int socket = Dpdk.rte_eth_dev_socket_id(port);
            RteErrors.check("rte_eth_rx_queue_setup", Dpdk.rte_eth_rx_queue_setup(port, (short) 0, rxDesc, socket,
                    MemorySegment.NULL, pool.address()));
            RteErrors.check("rte_eth_tx_queue_setup", Dpdk.rte_eth_tx_queue_setup(port, (short) 0, txDesc, socket,
                    MemorySegment.NULL));

            EthPort ethPort = new EthPort(port, nameOf(port, arena), driver,
                    Short.toUnsignedInt(rxDesc), Short.toUnsignedInt(txDesc), timestampsOffered, timestamps);
            RteErrors.check("rte_eth_dev_start", Dpdk.rte_eth_dev_start(port));
            ethPort.started = true;
            if (settings.promiscuous()) {
                int rc = Dpdk.rte_eth_promiscuous_enable(port);
                // Virtual ports without a MAC filter answer -ENOTSUP: they receive everything anyway.
                if (rc < 0 && rc != -95) {
                    ethPort.close();
                    RteErrors.check("rte_eth_promiscuous_enable", rc);
                }
            }
            return ethPort;
        }
    }

    private static String nameOf(short port, Arena arena) {
        MemorySegment buf = arena.allocate(64);
        return Dpdk.rte_eth_dev_get_name_by_port(port, buf) == 0 ? buf.getString(0) : "port" + port;
    }

    private static String cString(MemorySegment pointer) {
        return pointer.equals(MemorySegment.NULL) ? "" : pointer.reinterpret(256).getString(0);
    }

    public int portId() {
        return Short.toUnsignedInt(portId);
    }

    public String name() {
        return name;
    }

    public String driver() {
        return driver;
    }

    public int rxDescriptors() {
        return rxDescriptors;
    }

    public int txDescriptors() {
        return txDescriptors;
    }

    /** Whether the device lists {@code RTE_ETH_RX_OFFLOAD_TIMESTAMP} in its {@code rx_offload_capa}. */
    public boolean rxTimestampOffered() {
        return rxTimestampOffered;
    }

    /** Whether the rx timestamp offload is on: asked for in {@link PortSettings} and offered by the device. */
    public boolean rxTimestampEnabled() {
        return rxTimestampEnabled;
    }


    /** The rx queue's fast path. Valid while the port is started. */
    public RxQueue rxQueue() {
        return new RxQueue(portId, (short) 0);
    }

    /** The tx queue's fast path. Valid while the port is started. */
    public TxQueue txQueue() {
        return new TxQueue(portId, (short) 0);
    }

    /** The port's MAC address as {@code aa:bb:cc:dd:ee:ff}. */
    public String macAddress() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment mac = rte_ether_addr.allocate(arena);
            RteErrors.check("rte_eth_macaddr_get", Dpdk.rte_eth_macaddr_get(portId, mac));
            return HexFormat.ofDelimiter(":").formatHex(mac.toArray(ValueLayout.JAVA_BYTE));
        }
    }

    /** Link speed in Mbps, or -1 if the link is down. */
    public int linkSpeedMbps() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment link = rte_eth_link.allocate(arena);
            RteErrors.check("rte_eth_link_get_nowait", Dpdk.rte_eth_link_get_nowait(portId, link));
            // link_status is a bitfield jextract skips: bit 2 of the 16-bit word after link_speed.
            boolean up = (link.get(ValueLayout.JAVA_SHORT, 4) & 0b100) != 0;
            return up ? rte_eth_link.link_speed(link) : -1;
        }
    }

    /** Reads {@code rte_eth_stats} into {@code stats}. Allocation-free; safe from a stats thread. */
    public void readStats(PortStats stats) {
        stats.read(portId);
    }

    /** {@code rte_eth_dev_stop}: the fast-path entries in {@code rte_eth_fp_ops} are reset to dummies. */
    public void stop() {
        if (started) {
            started = false;
            RteErrors.check("rte_eth_dev_stop", Dpdk.rte_eth_dev_stop(portId));
        }
    }

    /** Stops (if started) and closes the port. Idempotent. */
    @Override
    public void close() {
        if (!closed) {
            try {
                stop();
            } finally {
                closed = true;
                RteErrors.check("rte_eth_dev_close", Dpdk.rte_eth_dev_close(portId));
            }
        }
    }

    @Override
    public String toString() {
        return "port " + portId() + " (" + name + ", driver " + driver + ", rx ring " + rxDescriptors
                + ", tx ring " + txDescriptors + ")";
    }
}
