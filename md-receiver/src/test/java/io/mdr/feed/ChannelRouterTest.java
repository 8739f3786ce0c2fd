package io.mdr.feed;

import io.mdr.metrics.ReceiverCounters;
import io.mdr.mold.MoldUdp64Packet;
import io.mdr.mold.MoldUdp64PacketBuilder;
import io.mdr.net.DropReason;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * Configured routes: each destination to its channel and line, source filters applied whether the route was the last
 * one or not. Automatic routes: each stream (destination and session) its own channel, whether the last route was
 * the same stream or not.
 */
class ChannelRouterTest {
    private static final int GROUP_A = 0xE9360C6F;
    private static final int GROUP_B = 0xE9360D6F;
    private static final int OTHER_GROUP = 0xE9360E6F;
    private static final int SOURCE = 0x0A010101;
    private static final int OTHER_SOURCE = 0x0A010102;

    private static final FeedListener NOTHING = new FeedListener() {
        @Override
        public void onMessages(Channel channel, int line, long firstSequence, int count, DirectBuffer buffer,
                               int blocksOffset, int blocksLength, boolean regular, long rxNanos) {
        }

        @Override
        public void onGap(Channel channel, long from, long to, long nowNanos) {
        }
    };

    @Test
    void routesEachDestinationToItsChannelAndLineInAnyOrder() {
        ChannelRouter router = ChannelRouter.configured(ArbiterSettings.defaults(), NOTHING, ReceiverCounters.inMemory());
        Channel first = router.addChannel("first", null, new int[] {GROUP_A, GROUP_B}, new int[] {26477, 26477},
                new int[] {0, SOURCE});
        Channel second = router.addChannel("second", null, new int[] {GROUP_A, GROUP_B}, new int[] {26478, 26478},
                new int[] {0, 0});
        ChannelArbiter[] arbiters = router.arbiters();
        int[][] packets = {
                {GROUP_A, 26477, OTHER_SOURCE, 0, Line.A},
                {GROUP_A, 26477, OTHER_SOURCE, 0, Line.A},
                {GROUP_B, 26477, SOURCE, 0, Line.B},
                {GROUP_B, 26477, SOURCE, 0, Line.B},
                {GROUP_A, 26478, SOURCE, 1, Line.A},
                {GROUP_B, 26478, OTHER_SOURCE, 1, Line.B},
                {GROUP_A, 26477, SOURCE, 0, Line.A},
        };
        for (int[] packet : packets) {
            ChannelArbiter arbiter = router.route(packet[0], packet[1], packet[2], null);
            assertSame(arbiters[packet[3]], arbiter, "channel of " + Integer.toHexString(packet[0]) + ":" + packet[1]);
            assertEquals(packet[4], router.line());
        }
        assertSame(first, arbiters[0].channel());
        assertSame(second, arbiters[1].channel());
    }

    @Test
    void aFilteredSourceIsRefusedRightAfterTheSameRouteWasTaken() {
        ChannelRouter router = ChannelRouter.configured(ArbiterSettings.defaults(), NOTHING, ReceiverCounters.inMemory());
        router.addChannel("filtered", null, new int[] {GROUP_A}, new int[] {26477}, new int[] {SOURCE});
        ChannelArbiter arbiter = router.arbiters()[0];
        assertSame(arbiter, router.route(GROUP_A, 26477, SOURCE, null));
        assertNull(router.route(GROUP_A, 26477, OTHER_SOURCE, null), "same destination, another source");
        assertSame(arbiter, router.route(GROUP_A, 26477, SOURCE, null));
        assertNull(router.route(OTHER_GROUP, 26477, SOURCE, null), "nothing listens there");
        assertNull(router.route(GROUP_A, 26478, SOURCE, null), "nor on another port");
        assertSame(arbiter, router.route(GROUP_A, 26477, SOURCE, null));
    }

    @Test
    void aChannelAddedLaterIsRoutedEvenRightAfterAMissForItsDestination() {
        ChannelRouter router = ChannelRouter.configured(ArbiterSettings.defaults(), NOTHING, ReceiverCounters.inMemory());
        router.addChannel("first", null, new int[] {GROUP_A}, new int[] {26477}, new int[] {0});
        assertSame(router.arbiters()[0], router.route(GROUP_A, 26477, SOURCE, null));
        assertNull(router.route(GROUP_B, 26477, SOURCE, null));
        router.addChannel("second", null, new int[] {GROUP_B}, new int[] {26477}, new int[] {OTHER_SOURCE});
        assertNull(router.route(GROUP_B, 26477, SOURCE, null), "the new channel's filter applies");
        assertSame(router.arbiters()[1], router.route(GROUP_B, 26477, OTHER_SOURCE, null));
        assertSame(router.arbiters()[0], router.route(GROUP_A, 26477, SOURCE, null));
    }

    @Test
    void automaticRoutesGiveEachStreamItsChannelWhenSessionsInterleaveOnOneDestination() {
        ChannelRouter router = ChannelRouter.automatic(ArbiterSettings.defaults(), NOTHING, ReceiverCounters.inMemory());
        MoldUdp64Packet first = heartbeat("SESSIONA01");
        MoldUdp64Packet second = heartbeat("SESSIONB01");
        ChannelArbiter a = router.route(GROUP_A, 26477, SOURCE, first);
        assertEquals("SESSIONA01", a.channel().session());
        assertSame(a, router.route(GROUP_A, 26477, SOURCE, first), "the same stream again");
        ChannelArbiter b = router.route(GROUP_A, 26477, SOURCE, second);
        assertNotSame(a, b, "another session on the same destination is another stream");
        assertEquals("SESSIONB01", b.channel().session());
        assertSame(a, router.route(GROUP_A, 26477, SOURCE, first), "right after the other session's packet");
        assertSame(b, router.route(GROUP_A, 26477, SOURCE, second));
        assertSame(b, router.route(GROUP_A, 26477, SOURCE, second));
        ChannelArbiter c = router.route(GROUP_B, 26477, SOURCE, first);
        assertNotSame(a, c, "the same session on another destination is another stream");
        assertSame(a, router.route(GROUP_A, 26477, SOURCE, first));
        assertSame(c, router.route(GROUP_B, 26477, OTHER_SOURCE, first), "no source filter on automatic channels");
        assertEquals(Line.A, router.line());
        assertEquals(3, router.arbiters().length);
    }

    private static MoldUdp64Packet heartbeat(String session) {
        UnsafeBuffer buffer = new UnsafeBuffer(new byte[MoldUdp64PacketBuilder.DEFAULT_MAX_PAYLOAD_LENGTH]);
        int length = new MoldUdp64PacketBuilder(session, 1).wrap(buffer, 0).heartbeat();
        MoldUdp64Packet packet = new MoldUdp64Packet();
        DropReason reason = packet.wrap(buffer, 0, length);
        assertNull(reason, "a valid heartbeat");
        return packet;
    }
}
