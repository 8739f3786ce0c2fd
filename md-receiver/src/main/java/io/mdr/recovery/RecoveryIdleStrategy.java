package io.mdr.recovery;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

/**
 * How the recovery thread waits for work. While an answer is due (a request went out in the last
 * {@link #AWAIT_NANOS}), it only yields the CPU: an answer on a LAN or loopback comes back in tens of microseconds,
 * and a park lasts at least the kernel's timer slack (50 µs) before the answer is even looked at. Otherwise it backs
 * off to parks of up to 100 µs, how long a new request may wait before it goes out, on a housekeeping CPU it shares.
 */
final class RecoveryIdleStrategy implements IdleStrategy {
    /** Longer without an answer, the server is slow or gone: parking costs nothing worth the CPU. */
    static final long AWAIT_NANOS = 2_000_000;

    private final RecoveryAgent agent;
    private final BackoffIdleStrategy backoff = new BackoffIdleStrategy(100, 10, 1_000, 100_000);

    RecoveryIdleStrategy(RecoveryAgent agent) {
        this.agent = agent;
    }

    @Override
    public void idle(int workCount) {
        if (workCount > 0) {
            backoff.reset();
        } else {
            idle();
        }
    }

    @Override
    public void idle() {
        if (agent.answerDue(System.nanoTime(), AWAIT_NANOS)) {
            Thread.yield();
        } else {
            backoff.idle();
        }
    }

    @Override
    public void reset() {
        backoff.reset();
    }

    @Override
    public String alias() {
        return "recovery";
    }
}
