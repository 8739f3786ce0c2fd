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
 * @param minFreeMb    least free space (MB) on the journal's file system, below which the receiver stops.
 * @param retainCycles roll-cycle files kept (0 = all).
 * @param fullBurstsPerCommit full bursts in a row whose records share one excerpt (1 = a commit every burst).
 */
public record JournalConfig(Path path, String rollCycle, boolean enabled, long minFreeMb, int retainCycles,
                            int fullBurstsPerCommit)
{
    /**
     * @throws ConfigException if the path is empty, the roll cycle is not one of the accepted names, or a number is
     *                         out of its range.
     */
    public JournalConfig
    {
        Objects.requireNonNull(rollCycle, "rollCycle");
        final Problems problems = new Problems();
        Rules.checkPath(JOURNAL_PATH, path, problems);
        Rules.parseChoice(JOURNAL_ROLL_CYCLE, rollCycle, JOURNAL_ROLL_CYCLES, problems);
        Rules.JOURNAL_MIN_FREE.check(minFreeMb, problems);
        Rules.JOURNAL_RETAIN.check(retainCycles, problems);
        Rules.JOURNAL_FULL_BURSTS.check(fullBurstsPerCommit, problems);
        problems.throwIfAny("JournalConfig");
    }

    /** A journal with the default commit policy under a backlog. */
    public JournalConfig(final Path path, final String rollCycle, final boolean enabled, final long minFreeMb,
                         final int retainCycles)
    {
        this(path, rollCycle, enabled, minFreeMb, retainCycles, JOURNAL_FULL_BURSTS_PER_COMMIT_DEFAULT);
    }

    /** A journal with the default free-space minimum and retention. */
    public JournalConfig(final Path path, final String rollCycle, final boolean enabled)
    {
        this(path, rollCycle, enabled, JOURNAL_MIN_FREE_MB_DEFAULT, JOURNAL_RETAIN_CYCLES_DEFAULT);
    }
}
