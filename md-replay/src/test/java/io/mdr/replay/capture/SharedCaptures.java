package io.mdr.replay.capture;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/** The real ITCH 5.0 captures in {@code ../shared/data/itch50} next to the project root. */
public final class SharedCaptures {
    public static final String ORDER_DELETE = "OrderDeleteMessage.pcap";
    public static final String MULTIPLE_PACKETS = "Multiple.Packets.pcap";

    private SharedCaptures() {
    }

    public static Path dir() {
        String root = System.getProperty("md.project.root", System.getProperty("user.dir"));
        return Path.of(root).resolve("../shared/data/itch50").toAbsolutePath().normalize();
    }

    /** The capture, or the test is skipped (not failed) when the shared data is not on this machine. */
    public static Path require(String name) {
        Path file = dir().resolve(name);
        Assumptions.assumeTrue(Files.isRegularFile(file),
                "shared capture " + file + " is absent (the real ITCH captures are not on this machine)");
        return file;
    }

    public static void requireDir() {
        Assumptions.assumeTrue(Files.isDirectory(dir()),
                "shared capture directory " + dir() + " is absent (the real ITCH captures are not on this machine)");
    }
}
