package io.mdr.port.dpdk;

import io.mdr.config.ConfigKeys;
import io.mdr.config.PortConfig;
import io.mdr.config.ReceiverConfig;
import io.mdr.config.RxTimestampSource;
import io.mdr.dpdk.DpdkException;
import io.mdr.dpdk.Eal;
import io.mdr.dpdk.EthPort;
import io.mdr.dpdk.MbufPool;
import io.mdr.dpdk.PortSettings;
import io.mdr.dpdk.RxTimestamps;
import io.mdr.port.PacketSink;
import io.mdr.port.PacketSource;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * What a DPDK port needs for the whole run, in DPDK's own order: EAL, then the mbuf pool (touched once so that
 * {@code --no-huge} memory is not faulted in on the polling core), then, once the pipeline is ready, the port itself.
 * Closing checks that every mbuf came back and runs {@code rte_eal_cleanup}.
 */
public final class DpdkPort implements AutoCloseable {
    private final PortConfig port;
    private final PrintStream out;
    private final Eal eal;
    private final MbufPool pool;
    private boolean poolReturnedFull;

    private DpdkPort(PortConfig port, PrintStream out, Eal eal, MbufPool pool) {
        this.port = port;
        this.out = out;
        this.eal = eal;
        this.pool = pool;
    }

    /** EAL start-up with {@code eal.args} and the port's device, then the mbuf pool, prefaulted. */
    public static DpdkPort open(ReceiverConfig config, PrintStream out) {
        List<String> ealArgs = new ArrayList<>(config.ealArgList());
        ealArgs.addAll(config.port().ealDeviceArgList());
        Eal eal = Eal.start("md-receiver", ealArgs);
        MbufPool pool = null;
        try {
            pool = MbufPool.create("md-rx", config.port().mbufPoolSize(), config.port().mbufCacheSize(),
                    MbufPool.defaultDataRoom(), -1);
            long prefaulted = pool.prefault();
            out.printf("md-receiver: mbuf pool prefaulted (%,d page touches) before the port starts%n", prefaulted);
            return new DpdkPort(config.port(), out, eal, pool);
        } catch (RuntimeException e) {
            if (pool != null) {
                pool.close();
            }
            eal.close();
            throw e;
        }
    }

    /**
     * Configures and starts the port, and decides where its rx timestamps come from.
     *
     * @param rxOnly receive, count and free only: nothing reaches the sink
     */
    public PacketSource start(PacketSink sink, boolean rxOnly) {
        EthPort ethPort = EthPort.start(EthPort.portIdByName(port.portName()),
                new PortSettings(port.rxRingSize(), port.txRingSize(), port.promiscuous(),
                        port.rxTimestamp().wantsNicTimestamps()),
                pool);
        try {
            RxTimestamps timestamps = rxTimestamps(ethPort, port.rxTimestamp());
            return new DpdkPacketSource(ethPort, pool, sink, port.burstSize(), rxOnly, timestamps);
        } catch (RuntimeException e) {
            ethPort.close();
            throw e;
        }
    }

    /**
     * Where each packet's rx timestamp comes from, as {@code port.rxTimestamp} asks: {@code nic} fails start-up
     * (after the port started, so every resource is released on the way out) when the port cannot give NIC
     * timestamps, naming the key, the port and why.
     */
    static RxTimestamps rxTimestamps(EthPort port, RxTimestampSource source) {
        if (source == RxTimestampSource.BURST) {
            return RxTimestamps.burstTime(ConfigKeys.PORT_RX_TIMESTAMP + "=" + source.configName());
        }
        RxTimestamps timestamps = RxTimestamps.preferNic(port);
        if (source == RxTimestampSource.NIC && !timestamps.nic()) {
            throw new DpdkException(ConfigKeys.PORT_RX_TIMESTAMP + "=" + source.configName(), port
                    + " cannot give NIC rx timestamps: " + timestamps.burstReason() + "; with "
                    + ConfigKeys.PORT_RX_TIMESTAMP + "=" + RxTimestampSource.AUTO.configName()
                    + " the receiver would use the rx_burst time instead");
        }
        return timestamps;
    }

    /** True once closed with every mbuf back in the pool. */
    public boolean poolReturnedFull() {
        return poolReturnedFull;
    }

    /** Checks the pool is full, frees it, and runs {@code rte_eal_cleanup}. */
    @Override
    public void close() {
        try {
            poolReturnedFull = pool.isFull();
            out.println("md-receiver: port closed; mbuf pool " + pool.available() + "/" + pool.capacity()
                    + (poolReturnedFull ? " (full)" : " (NOT full: mbufs leaked)"));
            pool.close();
        } finally {
            eal.close();
            out.println("md-receiver: EAL cleaned up");
        }
    }
}
