package io.mdr.config;

import java.nio.file.Path;
import java.util.Objects;

import static io.mdr.config.ConfigKeys.*;

/**
 * Where and how received messages are journalled (a Chronicle Queue).
 *
 * @param path      the queue's directory, created at start-up if missing.
 * @param rollCycle a {@code net.openhft.chronicle.queue.RollCycles} name, one of {@link ConfigKeys#JOURNAL_ROLL_CYCLES}.
 * @param enabled   whether anything is journalled.
 */
public record JournalConfig(Path path, String rollCycle, boolean enabled)
{
    /**
     * @throws ConfigException if the path is empty or the roll cycle is not one of the accepted names.
     */
    public JournalConfig
    {
        Objects.requireNonNull(rollCycle, "rollCycle");
        final Problems problems = new Problems();
        Rules.checkPath(JOURNAL_PATH, path, problems);
        Rules.parseChoice(JOURNAL_ROLL_CYCLE, rollCycle, JOURNAL_ROLL_CYCLES, problems);
        problems.throwIfAny("JournalConfig");
    }
}
