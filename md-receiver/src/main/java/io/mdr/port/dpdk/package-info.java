/**
 * The DPDK port as a packet source: EAL and the mbuf pool for the whole run ({@link io.mdr.port.dpdk.DpdkPort}), and
 * the polling loop's {@code rx_burst}, per-packet hand-off and bulk free ({@link io.mdr.port.dpdk.DpdkPacketSource}).
 */
package io.mdr.port.dpdk;
