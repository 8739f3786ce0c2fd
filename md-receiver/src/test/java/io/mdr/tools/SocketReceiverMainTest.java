package io.mdr.tools;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SocketReceiverMainTest {

    @Test
    void countsMessagesFromTheMoldUdp64Header() {
        assertEquals(40, SocketReceiverMain.messages(mold(40, 200), 200));
        assertEquals(1, SocketReceiverMain.messages(mold(1, 40), 40));
        assertEquals(0, SocketReceiverMain.messages(mold(0, 20), 20), "heartbeat");
        assertEquals(0, SocketReceiverMain.messages(mold(0xFFFF, 20), 20), "end of session");
        assertEquals(0, SocketReceiverMain.messages(mold(5, 20), 19), "shorter than the header");
    }

    @Test
    void readsTheSocketsDropsFromProcNetUdp() {
        List<String> procNetUdp = List.of(
                "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops",
                "  113: 0A0A0A02:6769 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 41234 2 00000000a1b2c3d4 17",
                "  200: 00000000:0044 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 1111 2 00000000a1b2c3d5 99");
        assertEquals(17, SocketReceiverMain.kernelDrops(procNetUdp, 26473));
        assertEquals(99, SocketReceiverMain.kernelDrops(procNetUdp, 68));
        assertEquals(-1, SocketReceiverMain.kernelDrops(procNetUdp, 1234));
    }

    @Test
    void receivesEveryDatagramOverLoopbackAndPrintsTheRates() throws Exception {
        for (boolean blocking : new boolean[] {false, true}) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
            List<String> args = new java.util.ArrayList<>(List.of("--group", "127.0.0.1", "--port", "0",
                    "--seconds", "20", "--idle-exit", "300", "--wait", "20"));
            if (blocking) {
                args.add("--blocking");
            }
            SocketReceiverMain.Options options = SocketReceiverMain.parse(args.toArray(String[]::new));
            int sent = 2000;
            try (SocketReceiverMain.Receiver receiver = SocketReceiverMain.Receiver.open(options, out)) {
                int port = receiver.localPort();
                Thread sender = Thread.ofPlatform().start(() -> send(port, sent));
                assertTrue(receiver.receive());
                sender.join();
            }
            String text = bytes.toString(StandardCharsets.UTF_8);
            Matcher m = Pattern.compile("socket-receiver: summary packets (\\d+) messages (\\d+) bytes (\\d+) seconds \\S+ "
                    + "pps \\d+ msgs/s \\d+ kernel-drops (-?\\d+)").matcher(text);
            assertTrue(m.find(), text);
            assertEquals(sent, Long.parseLong(m.group(1)), text);
            assertEquals(3L * sent, Long.parseLong(m.group(2)), text);
            assertEquals(60L * sent, Long.parseLong(m.group(3)), text);
            assertEquals(0, Long.parseLong(m.group(4)), text);
        }
    }

    @Test
    void helpAndBadOptions() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertEquals(0, SocketReceiverMain.run(new String[] {"--help"}, new PrintStream(bytes, true, StandardCharsets.UTF_8)));
        assertEquals(SocketReceiverMain.USAGE, bytes.toString(StandardCharsets.UTF_8));
        assertNull(SocketReceiverMain.parse(new String[] {"-h"}));
        assertThrows(IllegalArgumentException.class, () -> SocketReceiverMain.parse(new String[] {"--port", "1"}));
        assertThrows(IllegalArgumentException.class,
                () -> SocketReceiverMain.parse(new String[] {"--group", "example.com", "--port", "1"}));
        assertThrows(IllegalArgumentException.class,
                () -> SocketReceiverMain.parse(new String[] {"--group", "10.0.0.1", "--port", "70000"}));
        assertThrows(IllegalArgumentException.class,
                () -> SocketReceiverMain.parse(new String[] {"--group", "10.0.0.1", "--port", "1", "--seconds", "0"}));
        assertEquals(2, SocketReceiverMain.run(new String[] {"--bogus"}, new PrintStream(new ByteArrayOutputStream())));
    }

    /** A 60-byte payload: a MoldUDP64 header with a count of 3, then filler; paced so loopback drops nothing. */
    private static void send(int port, int count) {
        try (DatagramChannel ch = DatagramChannel.open()) {
            ch.connect(new InetSocketAddress("127.0.0.1", port));
            ByteBuffer payload = mold(3, 60);
            for (int i = 0; i < count; i++) {
                payload.clear();
                ch.write(payload);
                if (i % 100 == 99) {
                    Thread.sleep(1);
                }
            }
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }

    private static ByteBuffer mold(int count, int length) {
        ByteBuffer b = ByteBuffer.allocate(length);
        b.put("SESSION001".getBytes(StandardCharsets.US_ASCII));
        b.putLong(1);
        if (length >= 20) {
            b.putShort((short) count);
        }
        return b.clear();
    }
}
