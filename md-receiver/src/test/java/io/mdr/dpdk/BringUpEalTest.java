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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * EAL bring-up from Java, end to end, with no C: a {@code net_pcap} port over a real capture, every packet
 * received through {@code rte_eth_fp_ops} and freed in bulk, then stop, close and cleanup with the pool full.
 * Runs in its own JVM (EAL starts once per process).
 */
class BringUpEalTest {
    private static final int BURST = 32;

    @Test
    void receivesEveryPacketOfARealCaptureAndReturnsEveryMbuf() throws IOException {
        Path capture = SharedData.capture("Multiple.Packets.pcap");
        List<byte[]> expected = framesOf(capture);

        Eal eal = Eal.start("md-receiver-test", List.of("--no-huge", "-m", "256", "--no-pci", "--no-shconf",
                "--file-prefix", "md-bringup-" + ProcessHandle.current().pid(), "-l", "0", "--log-level", "lib.*:warning",
                "--vdev=net_pcap0,rx_pcap=" + capture));
        try (eal) {
            assertEquals(1, eal.portCount());
            List<byte[]> received = new ArrayList<>();
            try (MbufPool pool = MbufPool.create("bringup", 1023, 32, MbufPool.defaultDataRoom(), -1)) {
                EthPort port = EthPort.start(EthPort.portIdByName("net_pcap0"), PortSettings.defaults(), pool);
                try (port) {
                    assertEquals("net_pcap", port.driver());
                    RxQueue rx = port.rxQueue();
                    try (Arena arena = Arena.ofConfined()) {
                        MemorySegment mbufs = arena.allocate(ValueLayout.ADDRESS, BURST);
                        long deadline = System.nanoTime() + 5_000_000_000L;
                        while (received.size() < expected.size() && System.nanoTime() < deadline) {
                            int n = rx.rxBurst(mbufs, BURST);
                            for (int i = 0; i < n; i++) {
                                long mbuf = mbufs.getAtIndex(ValueLayout.JAVA_LONG, i);
                                assertEquals(1, Mbufs.segmentCount(mbuf));
                                received.add(Mbufs.NATIVE.asSlice(Mbufs.dataAddress(mbuf), Mbufs.dataLength(mbuf))
                                        .toArray(ValueLayout.JAVA_BYTE));
                            }
                            MbufPool.freeBulk(mbufs, n);
                        }
                    }
                    PortStats stats = new PortStats();
                    port.readStats(stats);
                    assertEquals(expected.size(), stats.ipackets());
                    assertEquals(0, stats.imissed());
                    assertEquals(0, stats.rxNoMbuf());
                }
                assertEquals(expected.size(), received.size());
                for (int i = 0; i < expected.size(); i++) {
                    assertArrayEquals(expected.get(i), received.get(i), "packet " + i);
                }
                assertTrue(pool.isFull(), "pool back to full after close: " + pool);
                assertEquals(0, pool.inUse());
            }
        }
    }

    /** The capture's frames, read with a plain pcap walk (independent of DPDK). */
    static List<byte[]> framesOf(Path pcap) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(pcap)).order(ByteOrder.LITTLE_ENDIAN);
        buf.position(24);
        List<byte[]> frames = new ArrayList<>();
        while (buf.remaining() >= 16) {
            buf.getInt();
            buf.getInt();
            int captured = buf.getInt();
            buf.getInt();
            byte[] frame = new byte[captured];
            buf.get(frame);
            frames.add(frame);
        }
        return frames;
    }
}
