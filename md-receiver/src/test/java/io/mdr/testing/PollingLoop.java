package io.mdr.testing;

import io.mdr.port.PacketSource;
import io.mdr.receiver.PacketProcessor;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Polls a port on a thread of its own, as the receiver's polling thread does: {@code onStart}, {@code poll} until
 * closed, {@code onClose}. Closing wakes a poll that waits in the kernel and closes the port. Given the
 * {@link PacketProcessor} the port feeds, it also ends each burst (and each empty poll) as the receiver's loop does:
 * the journal commits and the counters are brought up to date there.
 */
public final class PollingLoop implements AutoCloseable {
    private final PacketSource source;
    private final Thread thread;
    private final CountDownLatch started = new CountDownLatch(1);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean running = true;
    public volatile long polls;

    public PollingLoop(PacketSource source) {
        this(source, null);
    }

    public PollingLoop(PacketSource source, PacketProcessor processor) {
        this.source = source;
        int cpu = Runtime.getRuntime().availableProcessors() - 1;
        thread = Thread.ofPlatform().name("test-polling-thread").start(() -> {
            try {
                source.onStart(cpu);
                started.countDown();
                long n = 0;
                while (running) {
                    int received = source.poll();
                    if (processor != null) {
                        if (received > 0) {
                            processor.endOfBurst(source.pollNanos());
                        } else {
                            processor.idle(source.pollNanos());
                        }
                    }
                    polls = ++n;
                }
            } catch (Throwable t) {
                failure.set(t);
            } finally {
                started.countDown();
                try {
                    source.onClose();
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }
        });
    }

    /** Waits until the port has started on the polling thread; rethrows what failed there. */
    public PollingLoop awaitStarted() throws InterruptedException {
        if (!started.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the polling thread did not start within 10 s");
        }
        rethrow();
        return this;
    }

    public Thread thread() {
        return thread;
    }

    public void rethrow() {
        Throwable t = failure.get();
        if (t != null) {
            throw new AssertionError("the polling thread failed: " + t, t);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        source.wakeUp();
        thread.join(10_000);
        source.close();
        rethrow();
    }
}
