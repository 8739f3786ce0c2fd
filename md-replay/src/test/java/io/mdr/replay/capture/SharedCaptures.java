package io.mdr.replay.capture;

import io.mdr.testing.SharedData;

import java.nio.file.Path;

/** The real ITCH 5.0 captures used by md-replay's tests, found through md-receiver's {@link SharedData}. */
public final class SharedCaptures {
    public static final String ORDER_DELETE = "OrderDeleteMessage.pcap";
    public static final String MULTIPLE_PACKETS = "Multiple.Packets.pcap";

    private SharedCaptures() {
    }

    public static Path dir() {
        return SharedData.projectRoot().resolveSibling("shared").resolve("data").resolve("itch50");
    }

    /** The capture, or the test is skipped (not failed) when the shared data is not on this machine. */
    public static Path require(String name) {
        return SharedData.capture(name);
    }

    public static void requireDir() {
        SharedData.itch50();
    }
}
