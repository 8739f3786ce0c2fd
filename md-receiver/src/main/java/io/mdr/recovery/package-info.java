/**
 * Recovery of holes neither line filled, from the exchange's MoldUDP64 request (retransmission) servers. The
 * arbiters on the polling thread put exact ranges into {@link io.mdr.recovery.RecoveryRings}, lock-free rings in
 * process memory; the {@link io.mdr.recovery.RecoveryAgent}, on a thread confined to the housekeeping CPUs, asks the
 * servers through a kernel UDP socket (the DPDK port stays receive-only), checks each answer, retries, fails over
 * and gives up, and passes answers and give-ups back through the other ring, which the polling thread drains in its
 * loop. The polling thread never blocks, makes no system call and allocates nothing for recovery.
 */
package io.mdr.recovery;
