/*
 * Prints the size of every struct, and the offset and size of every field, that md-receiver and md-replay
 * read through the generated bindings. AbiGuardTest compiles this with gcc against the installed DPDK
 * headers and compares each line with the generated layouts.
 * Output: one line per item, "<struct>.<field> <offset> <size>" or "<struct> sizeof <size>".
 */
#define _GNU_SOURCE /* cpu_set_t, which rte_cpuset_t aliases: the same define jextract ran with */
#include <stdio.h>
#include <stddef.h>
#include <rte_config.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>
#include <rte_ethdev.h>

#define SIZE(t) printf("%s sizeof %zu\n", #t, sizeof(struct t))
#define FIELD(t, f) printf("%s.%s %zu %zu\n", #t, #f, offsetof(struct t, f), sizeof(((struct t *)0)->f))

int main(void)
{
    SIZE(rte_mbuf);
    FIELD(rte_mbuf, buf_addr);
    FIELD(rte_mbuf, data_off);
    FIELD(rte_mbuf, refcnt);
    FIELD(rte_mbuf, nb_segs);
    FIELD(rte_mbuf, port);
    FIELD(rte_mbuf, ol_flags);
    FIELD(rte_mbuf, packet_type);
    FIELD(rte_mbuf, pkt_len);
    FIELD(rte_mbuf, data_len);
    FIELD(rte_mbuf, vlan_tci);
    FIELD(rte_mbuf, vlan_tci_outer);
    FIELD(rte_mbuf, buf_len);
    FIELD(rte_mbuf, pool);
    FIELD(rte_mbuf, next);
    FIELD(rte_mbuf, tx_offload);
    FIELD(rte_mbuf, dynfield1);

    SIZE(rte_eth_fp_ops);
    FIELD(rte_eth_fp_ops, rx_pkt_burst);
    FIELD(rte_eth_fp_ops, rxq);
    FIELD(rte_eth_fp_ops, tx_pkt_burst);
    FIELD(rte_eth_fp_ops, txq);
    SIZE(rte_ethdev_qdata);
    FIELD(rte_ethdev_qdata, data);
    FIELD(rte_ethdev_qdata, clbk);

    SIZE(rte_eth_stats);
    FIELD(rte_eth_stats, ipackets);
    FIELD(rte_eth_stats, opackets);
    FIELD(rte_eth_stats, ibytes);
    FIELD(rte_eth_stats, obytes);
    FIELD(rte_eth_stats, imissed);
    FIELD(rte_eth_stats, ierrors);
    FIELD(rte_eth_stats, oerrors);
    FIELD(rte_eth_stats, rx_nombuf);

    SIZE(rte_eth_conf);
    FIELD(rte_eth_conf, rxmode);
    SIZE(rte_eth_rxmode);
    FIELD(rte_eth_rxmode, offloads);

    SIZE(rte_eth_dev_info);
    FIELD(rte_eth_dev_info, driver_name);
    FIELD(rte_eth_dev_info, max_rx_queues);
    FIELD(rte_eth_dev_info, rx_offload_capa);
    FIELD(rte_eth_dev_info, rx_desc_lim);

    SIZE(rte_eth_link);
    FIELD(rte_eth_link, link_speed);
    SIZE(rte_ether_addr);

    FIELD(rte_mempool, ops_index);
    FIELD(rte_mempool, size);
    SIZE(rte_mempool_ops);
    FIELD(rte_mempool_ops, dequeue);
    FIELD(rte_mempool_ops, enqueue);
    FIELD(rte_mempool_ops_table, ops);

    printf("rte_cpuset_t sizeof %zu\n", sizeof(rte_cpuset_t));
    return 0;
}
