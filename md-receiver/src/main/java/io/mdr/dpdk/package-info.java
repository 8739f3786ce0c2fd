/**
 * DPDK from Java: EAL start-up, mbuf pools, port bring-up and the rx/tx fast path.
 *
 * <p>Everything here sits on the jextract-generated bindings in {@code io.mdr.dpdk.ffi}. Bring-up follows
 * DPDK's {@code basicfwd} recipe step by step ({@link io.mdr.dpdk.Eal}, {@link io.mdr.dpdk.MbufPool},
 * {@link io.mdr.dpdk.EthPort}); each failing step throws a {@link io.mdr.dpdk.DpdkException} naming the step
 * and DPDK's error string. The fast path ({@link io.mdr.dpdk.RxQueue}, {@link io.mdr.dpdk.TxQueue},
 * {@link io.mdr.dpdk.Mbufs}) re-implements the static inline {@code rte_eth_rx_burst}/{@code tx_burst} by
 * calling the PMD's function pointers from {@code rte_eth_fp_ops}, with method handles in static finals,
 * and reads mbufs at absolute addresses through one process-wide segment: nothing is allocated and nothing
 * is reinterpreted per packet. {@link io.mdr.dpdk.RxTimestamps} gives each packet its rx time: the NIC's hardware
 * stamp mapped onto the host clock by {@link io.mdr.dpdk.NicClock} when the port can give one, else the burst time.
 */
package io.mdr.dpdk;
