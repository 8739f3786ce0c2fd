package io.mdr.config;

import java.util.List;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NoOpIdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

/**
 * How the polling thread waits after an empty burst ({@link ConfigKeys#IDLE_STRATEGY}), as an Agrona
 * {@link IdleStrategy}.
 */
public enum IdleStrategyKind implements ConfigName
{
    /** {@link BusySpinIdleStrategy}: spin with a CPU pause hint; the lowest latency, for an isolated core. */
    BUSY_SPIN("busy-spin"),

    /** {@link NoOpIdleStrategy}: return at once; spin without even the pause hint. */
    NO_OP("no-op"),

    /** {@link YieldingIdleStrategy}: {@code Thread.yield()}, for a core shared with other busy threads. */
    YIELDING("yielding"),

    /** {@link BackoffIdleStrategy} with Agrona's defaults: spin, then yield, then park for up to 1 ms. */
    BACKOFF("backoff"),

    /** {@link SleepingMillisIdleStrategy} of 1 ms: nearly idle CPU, for a laptop or a shared test box. */
    SLEEPING("sleeping");

    private final String configName;

    IdleStrategyKind(final String configName)
    {
        this.configName = configName;
    }

    /** @return the value written in a configuration file, e.g. {@code busy-spin}. */
    @Override
    public String configName()
    {
        return configName;
    }

    /**
     * @return a new idle strategy of this kind; a new one each call, since some (backoff) keep per-thread state.
     */
    public IdleStrategy newIdleStrategy()
    {
        return switch (this)
        {
            case BUSY_SPIN -> new BusySpinIdleStrategy();
            case NO_OP -> new NoOpIdleStrategy();
            case YIELDING -> new YieldingIdleStrategy();
            case BACKOFF -> new BackoffIdleStrategy();
            case SLEEPING -> new SleepingMillisIdleStrategy(1);
        };
    }

    /** @return every value accepted in a configuration file, in declaration order. */
    public static List<String> configNames()
    {
        return ConfigName.namesOf(values());
    }

    /**
     * @param configName a value as written in a configuration file.
     * @return the kind so named.
     * @throws IllegalArgumentException if none is.
     */
    public static IdleStrategyKind fromConfigName(final String configName)
    {
        return ConfigName.named(values(), configName, "idle strategy");
    }
}
