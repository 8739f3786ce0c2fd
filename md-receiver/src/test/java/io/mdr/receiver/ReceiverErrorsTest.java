package io.mdr.receiver;

import io.mdr.testing.ReceiverProcess;
import io.mdr.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Start-up failures end the process with a clear message: a DPDK step names itself and DPDK's error
 * string (exit 1); a bad configuration names the key and what it accepts (exit 2).
 */
class ReceiverErrorsTest {

    @Test
    void aFailingDpdkStepExitsWithTheStepsNameAndDpdksErrorString(@TempDir Path dir) throws Exception {
        Path notAPcap = Files.writeString(dir.resolve("bad.pcap"), "not a capture");
        ReceiverProcess.Result run = ReceiverProcess.run(ReceiverMain.class.getName(), List.of(
                "--pcap", notAPcap.toString(), "--queue", dir.resolve("q").toString(),
                "--counters", dir.resolve("c.dat").toString()), 60);
        assertEquals(1, run.exitCode(), run.output());
        assertTrue(run.output().contains("md-receiver: rte_eth_dev_get_port_by_name(net_pcap0) failed: No such device (errno 19)"),
                run.output());
    }

    @Test
    void aBadConfigurationNamesTheKeyAndTheAcceptedValues(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("bad.properties"),
                "port.device=net_pcap0,rx_pcap=/nowhere.pcap\nport.burstSize=0\nidle.strategy=spin\n");
        ReceiverProcess.Result run = ReceiverProcess.run(ReceiverMain.class.getName(), List.of("--config", config.toString()), 60);
        assertEquals(2, run.exitCode(), run.output());
        assertTrue(run.output().contains("port.burstSize: \"0\" is not accepted; expected an integer in 1..512"), run.output());
        assertTrue(run.output().contains("idle.strategy"), run.output());
        assertTrue(run.output().contains("busy-spin"), run.output());
    }

    @Test
    void requiringNicTimestampsOfAPortWithoutThemFailsStartUpNamingTheKeyThePortAndWhy(@TempDir Path dir) throws Exception {
        Path capture = SharedData.capture("Multiple.Packets.pcap");
        Path config = Files.writeString(dir.resolve("nic.properties"), String.join("\n",
                "eal.args=--no-huge -m 512 --no-pci --no-shconf -l 0 --log-level lib.*:warning --file-prefix md-rxts-nic-"
                        + ProcessHandle.current().pid(),
                "receiver.core=" + (Runtime.getRuntime().availableProcessors() - 1),
                "port.device=net_pcap0,rx_pcap=" + capture,
                "port.rxTimestamp=nic",
                "journal.path=" + dir.resolve("q"),
                "stats.countersFile=" + dir.resolve("c.dat"),
                ""));
        ReceiverProcess.Result run = ReceiverProcess.run(ReceiverMain.class.getName(), List.of("--config", config.toString()), 120);

        assertEquals(1, run.exitCode(), run.output());
        assertTrue(run.output().contains("md-receiver: port.rxTimestamp=nic failed: port 0 (net_pcap0, driver net_pcap"),
                run.output());
        assertTrue(run.output().contains("cannot give NIC rx timestamps: port offers no timestamp offload: no"
                + " RTE_ETH_RX_OFFLOAD_TIMESTAMP in its rx_offload_capa; rte_eth_read_clock returned -ENOTSUP: Operation"
                + " not supported; with port.rxTimestamp=auto the receiver would use the rx_burst time instead"), run.output());
        assertFalse(run.output().contains("polling on core"), "the polling loop never started\n" + run.output());
    }

    @Test
    void helpDescribesEveryOption() throws Exception {
        ReceiverProcess.Result run = ReceiverProcess.run(ReceiverMain.class.getName(), List.of("--help"), 60);
        assertEquals(0, run.exitCode());
        for (String option : List.of("--config", "--pcap", "--queue", "--core", "--rx-only", "--burst", "--stats-interval",
                "--counters", "--hlog", "--exchange-latency", "--exit-when-idle")) {
            assertTrue(run.output().contains(option), option);
        }
    }
}
