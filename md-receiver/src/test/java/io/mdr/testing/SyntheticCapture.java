package io.mdr.testing;

import io.mdr.mold.MoldUdp64PacketBuilder;
import io.mdr.net.UdpFrameBuilder;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A nanosecond pcap of one MoldUDP64 stream of ITCH Order Delete messages ({@code D}, whose order reference number
 * is the message's sequence number, so that a reader can check each message's bytes against its sequence), for
 * tests that need a stream of a chosen size. Written with the product's own frame and packet builders; the pcap
 * framing is written here.
 */
public final class SyntheticCapture {
    public static final String GROUP = "233.54.12.111";
    public static final int PORT = 26477;
    /** The channel name automatic mode gives the stream of session {@code session}. */
    public static String channelName(String session) {
        return GROUP + ":" + PORT + "/" + session.trim();
    }

    private SyntheticCapture() {
    }

    /**
     * Writes {@code messages} messages, sequences {@code first..first+messages-1}, {@code perPacket} to a packet,
     * then an end-of-session packet.
     */
    public static Path write(Path file, String session, long first, long messages, int perPacket) throws IOException {
        return write(file, session, first, messages, perPacket, true);
    }

    /**
     * The same; {@code endOfSession} false leaves the end-of-session packet out (a capture of the session's first
     * part, which a later capture continues).
     */
    public static Path write(Path file, String session, long first, long messages, int perPacket, boolean endOfSession)
            throws IOException {
        MoldUdp64PacketBuilder mold = new MoldUdp64PacketBuilder(session, first);
        UdpFrameBuilder udp = new UdpFrameBuilder().srcIp("10.1.1.1").srcPort(49653).dstIp(GROUP).dstPort(PORT);
        UnsafeBuffer frame = new UnsafeBuffer(ByteBuffer.allocateDirect(2048));
        UnsafeBuffer message = new UnsafeBuffer(new byte[19]);
        ByteBuffer record = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        long nanos = 1_700_000_000_000_000_000L;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
            header.putInt(0xa1b23c4d).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
            out.write(header.array());
            long sequence = first;
            long end = first + messages;
            while (sequence < end) {
                mold.clear();
                for (int i = 0; i < perPacket && sequence < end; i++, sequence++) {
                    message.putByte(0, (byte) 'D');
                    message.putShort(1, (short) 1, ByteOrder.BIG_ENDIAN);
                    message.putShort(3, (short) 0, ByteOrder.BIG_ENDIAN);
                    message.putShort(5, (short) 0, ByteOrder.BIG_ENDIAN);
                    message.putInt(7, (int) (sequence & 0x7FFF_FFFF), ByteOrder.BIG_ENDIAN);
                    message.putLong(11, sequence, ByteOrder.BIG_ENDIAN);
                    mold.tryAdd(message, 0, 19);
                }
                nanos = writeFrame(out, udp, mold, frame, record, nanos);
            }
            if (endOfSession) {
                mold.clear();
                mold.endOfSession(end);
                writeFrame(out, udp, mold, frame, record, nanos);
            }
        }
        return file;
    }

    private static long writeFrame(OutputStream out, UdpFrameBuilder udp, MoldUdp64PacketBuilder mold, UnsafeBuffer frame,
                                   ByteBuffer record, long nanos) throws IOException {
        int length = udp.build(frame, mold.buffer(), mold.offset(), mold.length());
        record.clear();
        record.putInt((int) (nanos / 1_000_000_000L)).putInt((int) (nanos % 1_000_000_000L)).putInt(length).putInt(length);
        out.write(record.array());
        byte[] bytes = new byte[length];
        frame.getBytes(0, bytes);
        out.write(bytes);
        return nanos + 1_000;
    }
}
