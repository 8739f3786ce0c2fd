package io.mdr.dpdk;

import io.mdr.testing.SharedData;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rx timestamps on a real PMD (its own JVM: EAL starts once). DPDK 22.11's net_pcap does not offer the rx
 * timestamp offload (its dev_infos_get sets no rx_offload_capa) and has no {@code read_clock}, but it registers
 * the timestamp field and flag at probe and, in its normal rx path, stamps every packet with the capture's record
 * time in microseconds ({@code tv_sec * US_PER_S + tv_usec}; libpcap opens the nanosecond capture at microsecond
 * precision and divides by 1000). Its infinite_rx path copies packet data into fresh mbufs and stamps nothing.
 *
 * <p>So the receiver's own choice ({@link RxTimestamps#preferNic}) must fall back to the rx_burst time here, while
 * the field and flag our code looks up and reads must carry exactly the capture's timestamps.
 */
class RxTimestampsEalTest {
    private static final int BURST = 32;
    private static final int ENOTSUP = 95;

    @Test
    void netPcapStampsEveryPacketWithItsCaptureTimeButOffersNoClockSoAutoUsesTheBurstTime() throws IOException {
        Path capture = SharedData.capture("Multiple.Packets.pcap");
        List<Long> expectedMicros = recordMicros(capture);
        assertEquals(2, expectedMicros.size());

        Eal eal = Eal.start("md-receiver-test", List.of("--no-huge", "-m", "256", "--no-pci", "--no-shconf",
                "--file-prefix", "md-rxts-" + ProcessHandle.current().pid(), "-l", "0", "--log-level", "lib.*:warning",
                "--vdev=net_pcap0,rx_pcap=" + capture, "--vdev=net_pcap1,rx_pcap=" + capture + ",infinite_rx=1"));
        try (eal; MbufPool pool = MbufPool.create("rxts", 1023, 32, MbufPool.defaultDataRoom(), -1)) {
            PortSettings wantTimestamps = new PortSettings(1024, 512, true, true);
            try (EthPort port = EthPort.start(EthPort.portIdByName("net_pcap0"), wantTimestamps, pool)) {
                assertEquals("net_pcap", port.driver());
                assertFalse(port.rxTimestampOffered(), "net_pcap 22.11 lists no RTE_ETH_RX_OFFLOAD_TIMESTAMP");
                assertFalse(port.rxTimestampEnabled());

                PortClock portClock = new PortClock(port.portId());
                long read = portClock.readTicks();
                assertEquals(-ENOTSUP, read, "net_pcap has no read_clock op");
                assertEquals("rte_eth_read_clock returned -ENOTSUP: Operation not supported",
                        portClock.describeFailure(read));

                RxTimestamps auto = RxTimestamps.preferNic(port);
                assertFalse(auto.nic());
                assertEquals("port offers no timestamp offload: no RTE_ETH_RX_OFFLOAD_TIMESTAMP in its rx_offload_capa; "
                        + "rte_eth_read_clock returned -ENOTSUP: Operation not supported", auto.burstReason());
                assertEquals("rx timestamps: rx_burst time (" + auto.burstReason() + ")", auto.toString());

                // The field and flag net_pcap registered at probe, as our code finds them.
                int field = RxTimestamps.timestampFieldOffset();
                int bit = RxTimestamps.rxTimestampFlagBit();
                assertTrue(field > 0 && field + 8 <= 128, "field inside the 128-byte rte_mbuf: " + field);
                assertTrue(bit >= 0 && bit < 64, "flag bit " + bit);
                // A NIC-mode reader over them, with a synthetic 1 MHz clock in place of the one net_pcap lacks.
                SyntheticClocks clocks = new SyntheticClocks(0, 0.001, expectedMicros.getFirst(), 20, 300);
                NicClock clock = NicClock.calibrate(clocks.tickSource(), clocks::hostNanos, clocks::advance);
                RxTimestamps nic = RxTimestamps.fromNic(field, 1L << bit, clock);

                List<long[]> seen = receive(port.rxQueue(), expectedMicros.size(), (mbuf, burstNanos) -> new long[] {
                        Mbufs.offloadFlags(mbuf), nic.stamped(mbuf) ? 1 : 0, nic.nicTicks(mbuf),
                        nic.rxNanos(mbuf, Long.MAX_VALUE), auto.rxNanos(mbuf, burstNanos), burstNanos});
                assertEquals(expectedMicros.size(), seen.size());
                for (int i = 0; i < seen.size(); i++) {
                    long[] s = seen.get(i);
                    long micros = expectedMicros.get(i);
                    assertTrue((s[0] & (1L << bit)) != 0, "packet " + i + ": ol_flags 0x" + Long.toHexString(s[0]));
                    assertEquals(1, s[1], "packet " + i + " stamped");
                    assertEquals(micros, s[2], "packet " + i + ": the field holds the capture's time in µs");
                    assertEquals(clock.toHostNanos(micros), s[3], "packet " + i + ": mapped through the clock");
                    assertEquals(s[5], s[4], "packet " + i + ": auto uses the burst time");
                }
                // 38.9 s apart in the capture; a 1 MHz clock calibrated over 100 ms is good to 1e-5 (a tick in 10^5).
                double capturedNanos = (expectedMicros.get(1) - expectedMicros.get(0)) * 1000.0;
                assertEquals(capturedNanos, seen.get(1)[3] - seen.get(0)[3], capturedNanos * 2e-5);
            }

            try (EthPort looping = EthPort.start(EthPort.portIdByName("net_pcap1"), wantTimestamps, pool)) {
                int field = RxTimestamps.timestampFieldOffset();
                int bit = RxTimestamps.rxTimestampFlagBit();
                SyntheticClocks clocks = new SyntheticClocks(0, 0.001, 0, 20, 300);
                RxTimestamps nic = RxTimestamps.fromNic(field, 1L << bit,
                        NicClock.calibrate(clocks.tickSource(), clocks::hostNanos, clocks::advance));

                List<long[]> seen = receive(looping.rxQueue(), 100, (mbuf, burstNanos) -> new long[] {
                        Mbufs.offloadFlags(mbuf), nic.rxNanos(mbuf, burstNanos), burstNanos});
                assertTrue(seen.size() >= 100, "infinite_rx loops the capture: " + seen.size());
                for (long[] s : seen) {
                    assertEquals(0, s[0] & (1L << bit), "infinite_rx sets no timestamp flag");
                    assertEquals(s[2], s[1], "so even a NIC-mode reader gives the burst time");
                }
            }
            assertTrue(pool.isFull(), "pool back to full after both ports closed: " + pool);
        }
    }

    private interface PerPacket {
        long[] read(long mbuf, long burstNanos);
    }

    /** Receives at least {@code atLeast} packets (5 s at most), recording {@code perPacket} of each, then frees them. */
    private static List<long[]> receive(RxQueue rx, int atLeast, PerPacket perPacket) {
        List<long[]> seen = new ArrayList<>();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment mbufs = arena.allocate(ValueLayout.ADDRESS, BURST);
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (seen.size() < atLeast && System.nanoTime() < deadline) {
                int n = rx.rxBurst(mbufs, BURST);
                long burstNanos = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    seen.add(perPacket.read(mbufs.getAtIndex(ValueLayout.JAVA_LONG, i), burstNanos));
                }
                MbufPool.freeBulk(mbufs, n);
            }
        }
        return seen;
    }

    /**
     * Each record's time as net_pcap stamps it: microseconds since the epoch. A nanosecond capture
     * (magic a1b23c4d) is read by libpcap at microsecond precision, which divides the fraction by 1000.
     */
    static List<Long> recordMicros(Path pcap) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(pcap)).order(ByteOrder.LITTLE_ENDIAN);
        int magic = buf.getInt(0);
        boolean nanos = switch (magic) {
            case 0xa1b23c4d -> true;
            case 0xa1b2c3d4 -> false;
            default -> throw new IllegalArgumentException("not a little-endian pcap: magic 0x" + Integer.toHexString(magic));
        };
        buf.position(24);
        List<Long> micros = new ArrayList<>();
        while (buf.remaining() >= 16) {
            long seconds = Integer.toUnsignedLong(buf.getInt());
            long fraction = Integer.toUnsignedLong(buf.getInt());
            int captured = buf.getInt();
            buf.getInt();
            buf.position(buf.position() + captured);
            micros.add(seconds * 1_000_000L + (nanos ? fraction / 1000 : fraction));
        }
        return micros;
    }
}
