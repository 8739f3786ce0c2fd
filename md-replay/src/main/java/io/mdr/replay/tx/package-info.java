/**
 * Replay through DPDK: frames from a memory-mapped capture are copied once into mbufs and sent with
 * {@code tx_burst} through {@code rte_eth_fp_ops}, paced to the capture's own timing (optionally scaled),
 * to a fixed packet rate, or at top speed. Pacing busy-waits on the send core rather than sleeping, and its
 * error (actual send time minus scheduled time) is recorded per packet in an HdrHistogram.
 */
package io.mdr.replay.tx;
