/*
 * The DPDK 22.11 API surface that md-receiver and md-replay drive from Java.
 * jextract runs on this header with the include filters in includes.txt (see generate.sh).
 */
#include <rte_config.h>
#include <rte_errno.h>
#include <rte_eal.h>
#include <rte_lcore.h>
#include <rte_thread.h>
#include <rte_mempool.h>
#include <rte_mbuf.h>
#include <rte_mbuf_dyn.h>
#include <rte_ethdev.h>
