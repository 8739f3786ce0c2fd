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
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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

    /**
     * Without CAP_IPC_LOCK and under a 64 KB RLIMIT_MEMLOCK (as an unprivileged user would start it), the kernel
     * refuses mlockall: with receiver.lockMemory=on start-up stops naming the key, the limit and the remedies; with
     * auto the receiver says why its memory is not locked and runs the capture to its end.
     */
    @Test
    void lockedMemoryRefusedStopsStartUpWhenRequiredAndIsReportedOtherwise(@TempDir Path dir) throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")),
                "dropping CAP_IPC_LOCK from the bounding set takes root (CI runs as root)");
        List<String> unprivileged = List.of("setpriv", "--bounding-set=-ipc_lock", "prlimit", "--memlock=65536:65536");
        Path capture = SharedData.capture("Multiple.Packets.pcap");
        String common = String.join("\n",
                "eal.args=--no-huge -m 512 --no-pci --no-shconf -l 0 --log-level lib.*:warning --file-prefix md-lock-"
                        + ProcessHandle.current().pid(),
                "receiver.core=" + (Runtime.getRuntime().availableProcessors() - 1),
                "port.device=net_pcap0,rx_pcap=" + capture,
                "journal.path=" + dir.resolve("q"),
                "stats.countersFile=" + dir.resolve("c.dat"),
                "");

        Path on = Files.writeString(dir.resolve("on.properties"), common + "receiver.lockMemory=on\n");
        ReceiverProcess.Result refused = ReceiverProcess.run(unprivileged, ReceiverMain.class.getName(),
                List.of("--config", on.toString(), "--exit-when-idle", "500"), 120);
        assertEquals(1, refused.exitCode(), refused.output());
        assertTrue(refused.output().contains("md-receiver: receiver.lockMemory=on, but memory not locked: mlockall gave"
                + " ENOMEM (Cannot allocate memory); RLIMIT_MEMLOCK is 64 KB"), refused.output());
        assertTrue(refused.output().contains("CAP_IPC_LOCK") && refused.output().contains("receiver.lockMemory=auto"),
                refused.output());
        assertFalse(refused.output().contains("polling on core"), "the polling loop never started\n" + refused.output());

        Path auto = Files.writeString(dir.resolve("auto.properties"), common + "receiver.lockMemory=auto\n");
        ReceiverProcess.Result ran = ReceiverProcess.run(unprivileged, ReceiverMain.class.getName(),
                List.of("--config", auto.toString(), "--exit-when-idle", "500"), 120);
        assertEquals(0, ran.exitCode(), ran.output());
        assertTrue(ran.output().contains("md-receiver: memory not locked: mlockall gave ENOMEM"), ran.output());
        assertTrue(ran.output().contains("polling on core"), ran.output());
        assertTrue(ran.output().contains("KB stack populated"), ran.output());
    }

    @Test
    void setOverridesAnyKeyAndIsCheckedLikeTheFile(@TempDir Path dir) throws Exception {
        Path capture = SharedData.capture("Multiple.Packets.pcap");
        List<String> pcap = List.of("--pcap", capture.toString(), "--queue", dir.resolve("q").toString(),
                "--counters", dir.resolve("c.dat").toString(), "--exit-when-idle", "300");
        ReceiverProcess.Result bad = ReceiverProcess.run(ReceiverMain.class.getName(), concat(pcap,
                List.of("--set", "recovery.holdBytes=1K")), 60);
        assertEquals(2, bad.exitCode(), bad.output());
        assertTrue(bad.output().contains("recovery.holdBytes: \"1K\" is not accepted; expected bytes in 64K..1G"), bad.output());
        ReceiverProcess.Result typo = ReceiverProcess.run(ReceiverMain.class.getName(), concat(pcap,
                List.of("--set", "recovery.holdByte=64M")), 60);
        assertEquals(2, typo.exitCode(), typo.output());
        assertTrue(typo.output().contains("recovery.holdByte: unknown key; did you mean recovery.holdBytes?"), typo.output());
        ReceiverProcess.Result noValue = ReceiverProcess.run(ReceiverMain.class.getName(), concat(pcap,
                List.of("--set", "recovery.holdBytes")), 60);
        assertEquals(2, noValue.exitCode(), noValue.output());
        assertTrue(noValue.output().contains("--set expects KEY=VALUE"), noValue.output());

        ReceiverProcess.Result good = ReceiverProcess.run(ReceiverMain.class.getName(), concat(pcap,
                List.of("--set", "port.burstSize=16", "--set", "journal.minFreeMb=300")), 120);
        assertEquals(0, good.exitCode(), good.output());
        assertTrue(good.output().contains("burst 16,"), good.output());
        assertTrue(good.output().contains("at least 300 MB free"), good.output());
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    @Test
    void helpDescribesEveryOption() throws Exception {
        ReceiverProcess.Result run = ReceiverProcess.run(ReceiverMain.class.getName(), List.of("--help"), 60);
        assertEquals(0, run.exitCode());
        for (String option : List.of("--config", "--pcap", "--queue", "--core", "--rx-only", "--burst", "--stats-interval",
                "--counters", "--hlog", "--exchange-latency", "--exit-when-idle", "--set")) {
            assertTrue(run.output().contains(option), option);
        }
    }
}
