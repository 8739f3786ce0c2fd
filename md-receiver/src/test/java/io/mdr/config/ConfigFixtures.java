package io.mdr.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Helpers shared by the configuration tests.
 */
final class ConfigFixtures
{
    /** CPU count used where a test must not depend on the machine it runs on. */
    static final int CPUS = 4;

    private ConfigFixtures()
    {
    }

    /** Properties from alternating keys and values. */
    static Properties props(final String... keysAndValues)
    {
        if (keysAndValues.length % 2 != 0)
        {
            throw new IllegalArgumentException("keys and values must alternate");
        }
        final Properties properties = new Properties();
        for (int i = 0; i < keysAndValues.length; i += 2)
        {
            properties.setProperty(keysAndValues[i], keysAndValues[i + 1]);
        }
        return properties;
    }

    /** The smallest valid configuration: only the required key. */
    static Properties minimal()
    {
        return props(ConfigKeys.PORT_DEVICE, "net_null0");
    }

    static ReceiverConfig parse(final Properties properties)
    {
        return ReceiverConfig.parse(properties, "test.properties", CPUS);
    }

    static ConfigException rejected(final Properties properties)
    {
        return assertThrows(ConfigException.class, () -> parse(properties));
    }

    /**
     * The repository root: Surefire passes it as {@code md.project.root}; otherwise walk up from the working
     * directory to the pom.xml that lists modules.
     */
    static Path projectRoot()
    {
        final String configured = System.getProperty("md.project.root");
        if (configured != null && !configured.isBlank() && Files.isDirectory(Path.of(configured, "config")))
        {
            return Path.of(configured);
        }
        for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent())
        {
            final Path pom = dir.resolve("pom.xml");
            try
            {
                if (Files.isRegularFile(pom) && Files.readString(pom).contains("<modules>"))
                {
                    return dir;
                }
            }
            catch (final IOException ex)
            {
                throw new IllegalStateException("cannot read " + pom, ex);
            }
        }
        throw new IllegalStateException("no pom.xml with <modules> above " + System.getProperty("user.dir"));
    }

    static Path configFile(final String name)
    {
        return projectRoot().resolve("config").resolve(name);
    }
}
