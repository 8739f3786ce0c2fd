package io.mdr.dpdk.ffi;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.MemoryLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The ABI guard: the generated layouts must agree with what gcc makes of the installed DPDK headers, for
 * every struct field the Java code reads. A host with another DPDK (23.11 moved {@code rte_eth_fp_ops})
 * fails here, naming the field that moved, instead of reading garbage at run time.
 */
class AbiGuardTest {

    /** What the Java side believes: the generated layouts, keyed as the C probe prints them. */
    static Map<String, Long> generatedLayouts() {
        Map<String, Long> m = new LinkedHashMap<>();
        size(m, "rte_mbuf", rte_mbuf.layout());
        field(m, "rte_mbuf.buf_addr", rte_mbuf.buf_addr$offset(), rte_mbuf.buf_addr$layout());
        field(m, "rte_mbuf.data_off", rte_mbuf.data_off$offset(), rte_mbuf.data_off$layout());
        field(m, "rte_mbuf.refcnt", rte_mbuf.refcnt$offset(), rte_mbuf.refcnt$layout());
        field(m, "rte_mbuf.nb_segs", rte_mbuf.nb_segs$offset(), rte_mbuf.nb_segs$layout());
        field(m, "rte_mbuf.port", rte_mbuf.port$offset(), rte_mbuf.port$layout());
        field(m, "rte_mbuf.ol_flags", rte_mbuf.ol_flags$offset(), rte_mbuf.ol_flags$layout());
        field(m, "rte_mbuf.packet_type", rte_mbuf.packet_type$offset(), rte_mbuf.packet_type$layout());
        field(m, "rte_mbuf.pkt_len", rte_mbuf.pkt_len$offset(), rte_mbuf.pkt_len$layout());
        field(m, "rte_mbuf.data_len", rte_mbuf.data_len$offset(), rte_mbuf.data_len$layout());
        field(m, "rte_mbuf.vlan_tci", rte_mbuf.vlan_tci$offset(), rte_mbuf.vlan_tci$layout());
        field(m, "rte_mbuf.vlan_tci_outer", rte_mbuf.vlan_tci_outer$offset(), rte_mbuf.vlan_tci_outer$layout());
        field(m, "rte_mbuf.buf_len", rte_mbuf.buf_len$offset(), rte_mbuf.buf_len$layout());
        field(m, "rte_mbuf.pool", rte_mbuf.pool$offset(), rte_mbuf.pool$layout());
        field(m, "rte_mbuf.next", rte_mbuf.next$offset(), rte_mbuf.next$layout());
        field(m, "rte_mbuf.tx_offload", rte_mbuf.tx_offload$offset(), rte_mbuf.tx_offload$layout());
        field(m, "rte_mbuf.dynfield1", rte_mbuf.dynfield1$offset(), rte_mbuf.dynfield1$layout());

        size(m, "rte_eth_fp_ops", rte_eth_fp_ops.layout());
        field(m, "rte_eth_fp_ops.rx_pkt_burst", rte_eth_fp_ops.rx_pkt_burst$offset(), rte_eth_fp_ops.rx_pkt_burst$layout());
        field(m, "rte_eth_fp_ops.rxq", rte_eth_fp_ops.rxq$offset(), rte_eth_fp_ops.rxq$layout());
        field(m, "rte_eth_fp_ops.tx_pkt_burst", rte_eth_fp_ops.tx_pkt_burst$offset(), rte_eth_fp_ops.tx_pkt_burst$layout());
        field(m, "rte_eth_fp_ops.txq", rte_eth_fp_ops.txq$offset(), rte_eth_fp_ops.txq$layout());
        size(m, "rte_ethdev_qdata", rte_ethdev_qdata.layout());
        field(m, "rte_ethdev_qdata.data", rte_ethdev_qdata.data$offset(), rte_ethdev_qdata.data$layout());
        field(m, "rte_ethdev_qdata.clbk", rte_ethdev_qdata.clbk$offset(), rte_ethdev_qdata.clbk$layout());

        size(m, "rte_eth_stats", rte_eth_stats.layout());
        field(m, "rte_eth_stats.ipackets", rte_eth_stats.ipackets$offset(), rte_eth_stats.ipackets$layout());
        field(m, "rte_eth_stats.opackets", rte_eth_stats.opackets$offset(), rte_eth_stats.opackets$layout());
        field(m, "rte_eth_stats.ibytes", rte_eth_stats.ibytes$offset(), rte_eth_stats.ibytes$layout());
        field(m, "rte_eth_stats.obytes", rte_eth_stats.obytes$offset(), rte_eth_stats.obytes$layout());
        field(m, "rte_eth_stats.imissed", rte_eth_stats.imissed$offset(), rte_eth_stats.imissed$layout());
        field(m, "rte_eth_stats.ierrors", rte_eth_stats.ierrors$offset(), rte_eth_stats.ierrors$layout());
        field(m, "rte_eth_stats.oerrors", rte_eth_stats.oerrors$offset(), rte_eth_stats.oerrors$layout());
        field(m, "rte_eth_stats.rx_nombuf", rte_eth_stats.rx_nombuf$offset(), rte_eth_stats.rx_nombuf$layout());

        size(m, "rte_eth_conf", rte_eth_conf.layout());
        field(m, "rte_eth_conf.rxmode", rte_eth_conf.rxmode$offset(), rte_eth_conf.rxmode$layout());
        size(m, "rte_eth_rxmode", rte_eth_rxmode.layout());
        field(m, "rte_eth_rxmode.offloads", rte_eth_rxmode.offloads$offset(), rte_eth_rxmode.offloads$layout());

        size(m, "rte_eth_dev_info", rte_eth_dev_info.layout());
        field(m, "rte_eth_dev_info.driver_name", rte_eth_dev_info.driver_name$offset(), rte_eth_dev_info.driver_name$layout());
        field(m, "rte_eth_dev_info.max_rx_queues", rte_eth_dev_info.max_rx_queues$offset(), rte_eth_dev_info.max_rx_queues$layout());
        field(m, "rte_eth_dev_info.rx_offload_capa", rte_eth_dev_info.rx_offload_capa$offset(), rte_eth_dev_info.rx_offload_capa$layout());
        field(m, "rte_eth_dev_info.rx_desc_lim", rte_eth_dev_info.rx_desc_lim$offset(), rte_eth_dev_info.rx_desc_lim$layout());

        size(m, "rte_eth_link", rte_eth_link.layout());
        field(m, "rte_eth_link.link_speed", rte_eth_link.link_speed$offset(), rte_eth_link.link_speed$layout());
        size(m, "rte_ether_addr", rte_ether_addr.layout());

        field(m, "rte_mempool.ops_index", rte_mempool.ops_index$offset(), rte_mempool.ops_index$layout());
        field(m, "rte_mempool.size", rte_mempool.size$offset(), rte_mempool.size$layout());
        size(m, "rte_mempool_ops", rte_mempool_ops.layout());
        field(m, "rte_mempool_ops.dequeue", rte_mempool_ops.dequeue$offset(), rte_mempool_ops.dequeue$layout());
        field(m, "rte_mempool_ops.enqueue", rte_mempool_ops.enqueue$offset(), rte_mempool_ops.enqueue$layout());
        m.put("rte_mempool_ops_table.ops offset", rte_mempool_ops_table.ops$offset());
        m.put("rte_mempool_ops_table.ops size", rte_mempool_ops_table.ops$layout().byteSize());
        size(m, "rte_cpuset_t", rte_cpuset_t.layout());
        return m;
    }

    private static void size(Map<String, Long> m, String struct, MemoryLayout layout) {
        m.put(struct + " sizeof", layout.byteSize());
    }

    private static void field(Map<String, Long> m, String name, long offset, MemoryLayout layout) {
        m.put(name + " offset", offset);
        m.put(name + " size", layout.byteSize());
    }

    /** Parses the probe's lines into the same keys. */
    static Map<String, Long> parseProbe(List<String> lines) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (String line : lines) {
            String[] p = line.trim().split("\\s+");
            if (p.length == 3 && p[1].equals("sizeof")) {
                m.put(p[0] + " sizeof", Long.parseLong(p[2]));
            } else if (p.length == 3) {
                m.put(p[0] + " offset", Long.parseLong(p[1]));
                m.put(p[0] + " size", Long.parseLong(p[2]));
            } else if (!line.isBlank()) {
                throw new IllegalArgumentException("unexpected probe line: " + line);
            }
        }
        return m;
    }

    /** Every disagreement between gcc and the generated layouts, one line each; empty when they agree. */
    static List<String> mismatches(Map<String, Long> gcc, Map<String, Long> generated) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Long> e : gcc.entrySet()) {
            Long javaValue = generated.get(e.getKey());
            if (javaValue == null) {
                out.add(e.getKey() + ": gcc says " + e.getValue() + ", the generated bindings have no such item");
            } else if (!javaValue.equals(e.getValue())) {
                out.add(e.getKey() + ": gcc says " + e.getValue() + ", the generated layout says " + javaValue);
            }
        }
        for (String key : generated.keySet()) {
            if (!gcc.containsKey(key)) {
                out.add(key + ": checked by the Java side but not printed by abi_probe.c");
            }
        }
        return out;
    }

    static String report(List<String> mismatches) {
        return "The generated DPDK bindings do not match the installed DPDK headers ("
                + mismatches.size() + " item(s) moved):\n  " + String.join("\n  ", mismatches)
                + "\nRegenerate them with jextract/generate.sh against this DPDK (see jextract/GENERATED_BY),"
                + " or install DPDK 22.11.";
    }

    @Test
    void generatedLayoutsMatchTheInstalledDpdkHeaders(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path source = dir.resolve("abi_probe.c");
        try (InputStream in = AbiGuardTest.class.getResourceAsStream("/abi/abi_probe.c")) {
            Files.copy(in, source);
        }
        Path binary = dir.resolve("abi_probe");
        List<String> cflags = List.of(run(List.of("pkg-config", "--cflags", "libdpdk"), dir).trim().split("\\s+"));
        List<String> compile = new ArrayList<>(List.of("gcc", "-O0", "-o", binary.toString(), source.toString()));
        compile.addAll(cflags);
        run(compile, dir);
        Map<String, Long> gcc = parseProbe(run(List.of(binary.toString()), dir).lines().toList());

        assertTrue(gcc.size() > 50, "the probe printed too little: " + gcc);
        List<String> mismatches = mismatches(gcc, generatedLayouts());
        if (!mismatches.isEmpty()) {
            fail(report(mismatches));
        }
    }

    @Test
    void aMovedFieldIsNamedAndTheMessageSaysToRegenerate() {
        Map<String, Long> generated = generatedLayouts();
        Map<String, Long> doctored = new LinkedHashMap<>(generated);
        doctored.put("rte_eth_fp_ops.tx_pkt_burst offset", 72L);
        doctored.put("rte_eth_fp_ops sizeof", 192L);

        List<String> mismatches = mismatches(doctored, generated);

        assertEquals(List.of(
                "rte_eth_fp_ops sizeof: gcc says 192, the generated layout says 128",
                "rte_eth_fp_ops.tx_pkt_burst offset: gcc says 72, the generated layout says 64"), mismatches);
        assertTrue(report(mismatches).contains("Regenerate them with jextract/generate.sh"));
    }

    private static String run(List<String> command, Path dir) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            fail(String.join(" ", command) + " failed:\n" + out);
        }
        return out;
    }
}
