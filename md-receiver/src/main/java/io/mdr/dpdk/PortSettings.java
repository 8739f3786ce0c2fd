package io.mdr.dpdk;

/**
 * What {@link EthPort#start} needs to bring a port up with one rx and one tx queue.
 *
 * @param rxDescriptors rx ring size (adjusted to the device's limits)
 * @param txDescriptors tx ring size (adjusted to the device's limits)
 * @param promiscuous   receive frames for any destination MAC (multicast feeds on a shared NIC)
 * @param rxTimestamps  enable the rx timestamp offload when the device offers it, so the PMD stamps each packet in
 *                      the {@code rte_dynfield_timestamp} mbuf field; {@link RxTimestamps} maps those stamps onto the
 *                      host's clock. Off when the receiver is told to use the rx_burst time only: the offload costs
 *                      the PMD work per packet
 */
public record PortSettings(int rxDescriptors, int txDescriptors, boolean promiscuous, boolean rxTimestamps) {
    public static PortSettings defaults() {
        return new PortSettings(1024, 512, true, true);
    }
}
