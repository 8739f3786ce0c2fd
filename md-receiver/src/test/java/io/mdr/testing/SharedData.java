package io.mdr.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Locates the project root and the real captures in {@code ../shared/data/itch50} beside it.
 */
public final class SharedData {
    private SharedData() {
    }

    /** The project root: Surefire sets {@code md.project.root}; otherwise walk up to the parent pom. */
    public static Path projectRoot() {
        String property = System.getProperty("md.project.root");
        if (property != null && Files.isRegularFile(Path.of(property, "pom.xml"))) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isDirectory(dir.resolve("md-receiver")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("project root not found from " + Path.of("").toAbsolutePath());
    }

    /** {@code ../shared/data/itch50}, or the test is skipped saying why (a user's plain clone has no shared/). */
    public static Path itch50() {
        Path dir = projectRoot().resolveSibling("shared").resolve("data").resolve("itch50");
        Assumptions.assumeTrue(Files.isDirectory(dir),
                "the real ITCH 5.0 captures are not here: " + dir + " is absent (only a plain clone lacks shared/)");
        return dir;
    }

    /** One capture in {@code ../shared/data/itch50}. */
    public static Path capture(String fileName) {
        return itch50().resolve(fileName);
    }

    /** Every {@code .pcap} in {@code ../shared/data/itch50}, sorted. */
    public static List<Path> allCaptures() {
        try (Stream<Path> files = Files.list(itch50())) {
            return files.filter(p -> p.toString().endsWith(".pcap")).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
