package io.mdr.fanout.subscribe;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FeedSubscriberTest {

    @Test
    void theLocalAddressForTheArchiveIsTakenFromTheChannel() {
        assertEquals("10.0.0.2", FeedSubscriber.localAddress("aeron:udp?endpoint=10.0.0.2:40456"));
        assertEquals("10.0.0.2", FeedSubscriber.localAddress("aeron:udp?endpoint=10.0.0.2:40456|control=10.0.0.1:40457"));
        assertEquals("10.0.0.2", FeedSubscriber.localAddress("aeron:udp?endpoint=239.255.1.1:40456|interface=10.0.0.2"));
        assertEquals("10.0.0.2", FeedSubscriber.localAddress("aeron:udp?endpoint=239.255.1.1:40456|interface=10.0.0.2/24"));
        assertEquals("localhost", FeedSubscriber.localAddress("aeron:ipc"));
    }
}
