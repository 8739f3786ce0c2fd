package io.mdr.dpdk;

/**
 * What {@link EthPort#start} needs to bring a port up with one rx and one tx queue.
 *
 * @param rxDescriptors rx ring size (adjusted to the device's limits)
 * @param txDescriptors tx ring size (adjusted to the device's limits)
 * @param promiscuous   receive frames for any destination MAC (multicast feeds on a shared NIC)
 * @param rxTimestamps  enable the rx timestamp offload when the device offers it (the receiver does not yet read
 *                      NIC timestamps: they need the NIC clock mapped to the host's; it stamps at rx_burst)
 */
public record PortSettings(int rxDescriptors, int txDescriptors, boolean promiscuous, boolean rxTimestamps) {
    public static PortSettings defaults() {
        return new PortSettings(1024, 512, true, true);
    }
}
