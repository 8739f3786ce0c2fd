package io.mdr.net;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link UdpFrame#parse}'s path for the usual frame (untagged IPv4 without options, carrying UDP: four 8-byte loads)
 * against its field-by-field path, {@link UdpFrame#parseAny}, on frames damaged at random: the same verdict, the same
 * drop reason, and the same addresses, ports and payload bounds, whichever path took the frame.
 */
class UdpFramePropertyTest {
    private static final int CAPACITY = 256;

    @Property(tries = 2000)
    void theUsualFramesPathAgreesWithTheFieldByFieldOne(@ForAll("frames") Frame frame,
                                                        @ForAll("damage") List<int[]> damage,
                                                        @ForAll @IntRange(min = -4, max = 8) int lengthChange) {
        for (boolean offHeap : new boolean[] {false, true}) {
            UnsafeBuffer buffer = offHeap
                    ? new UnsafeBuffer(BufferUtil.allocateDirectAligned(CAPACITY, 64), 0, CAPACITY)
                    : new UnsafeBuffer(new byte[CAPACITY]);
            int length = frame.write(buffer);
            // Damage lands in the headers, most of it on the fields the usual path reads.
            for (int[] change : damage) {
                buffer.putByte(frame.offset + change[0] % (UdpFrame.USUAL_HEADERS + 4), (byte) change[1]);
            }
            int claimed = Math.max(0, Math.min(CAPACITY - frame.offset, length + lengthChange));

            UdpFrame usual = new UdpFrame();
            UdpFrame reference = new UdpFrame();
            DropReason verdict = usual.parse(buffer, frame.offset, claimed);
            DropReason expected = reference.parseAny(buffer, buffer.byteArray(), buffer.addressOffset(), frame.offset,
                    claimed);
            assertEquals(expected, verdict, "the drop reason");
            if (expected == null) {
                assertEquals(reference.vlanTags(), usual.vlanTags(), "VLAN tags");
                assertEquals(reference.sourceAddress(), usual.sourceAddress(), "source address");
                assertEquals(reference.destinationAddress(), usual.destinationAddress(), "destination address");
                assertEquals(reference.sourcePort(), usual.sourcePort(), "source port");
                assertEquals(reference.destinationPort(), usual.destinationPort(), "destination port");
                assertEquals(reference.payloadOffset(), usual.payloadOffset(), "payload offset");
                assertEquals(reference.payloadLength(), usual.payloadLength(), "payload length");
            }
        }
    }

    @Provide
    Arbitrary<Frame> frames() {
        return Combinators.combine(
                Arbitraries.integers().between(0, 16),
                Arbitraries.integers().between(0, 64),
                Arbitraries.integers().between(0, 1),
                Arbitraries.integers().between(1, 65535),
                Arbitraries.integers()).as(Frame::new);
    }

    @Provide
    Arbitrary<List<int[]>> damage() {
        Arbitrary<int[]> one = Combinators.combine(
                Arbitraries.integers().between(0, 1000), Arbitraries.integers().between(0, 255))
                .as((at, value) -> new int[] {at, value});
        return one.list().ofMaxSize(8);
    }

    /** A valid frame: where it starts in the buffer, its payload, its VLAN tags, its destination port and address. */
    record Frame(int offset, int payloadLength, int vlanTags, int port, int group) {
        int write(UnsafeBuffer buffer) {
            UnsafeBuffer frame = new UnsafeBuffer(buffer, offset, CAPACITY - offset);
            UdpFrameBuilder builder = new UdpFrameBuilder().dstIp(group).dstPort(port);
            if (vlanTags == 1) {
                builder.vlan(100);
            }
            byte[] payload = new byte[payloadLength];
            for (int i = 0; i < payload.length; i++) {
                payload[i] = (byte) (i * 31 + 7);
            }
            return builder.build(frame, new UnsafeBuffer(payload), 0, payload.length);
        }
    }
}
