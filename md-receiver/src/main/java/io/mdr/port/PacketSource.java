package io.mdr.port;

import io.mdr.metrics.ReceiverCounters;

/**
 * A started port as the polling thread sees it. {@link #onStart}, {@link #poll} and {@link #onClose} run on the
 * polling thread only; {@link #updateCounters}, {@link #wakeUp} and {@link #close} on the thread that runs the
 * receiver. {@link #poll} is the hot path: it allocates nothing, takes no lock of ours and makes no system call but
 * the receive itself.
 */
public interface PacketSource extends AutoCloseable {
    /** On the polling thread, before the first poll: pins it to {@code cpu} (a DPDK port also registers it with EAL). */
    void onStart(int cpu);

    /**
     * Receives what has arrived, at most one burst, and hands each packet to the sink (in rx-only mode it only
     * receives and releases them). Reads {@code System.nanoTime()} once, when the receive returned: {@link #pollNanos()}.
     *
     * @return packets received
     */
    int poll();

    /**
     * The most packets one {@link #poll()} hands on: a poll that brings this many found the ring full enough that more
     * are likely waiting behind them. {@link Integer#MAX_VALUE} when the port cannot tell.
     */
    default int burstCapacity() {
        return Integer.MAX_VALUE;
    }

    /** {@code System.nanoTime()} read by the last {@link #poll()} when its receive returned. */
    long pollNanos();

    /** On the polling thread, after its last poll. */
    void onClose();

    /** The port's own figures into the counters: packets it took in, packets it dropped (imissed), buffer shortfalls. */
    void updateCounters(ReceiverCounters counters);

    /** The kernel's id of the polling thread once {@link #onStart} ran (0 before), for /proc/self/task/TID. */
    int osThreadId();

    /**
     * Whether {@link #poll()} itself waits in the kernel for packets (a blocking receive, an epoll wait): the polling
     * thread then needs no idle strategy of its own.
     */
    default boolean waitsInKernel() {
        return false;
    }

    /** Makes a poll that waits in the kernel return, so that the polling thread can stop. */
    default void wakeUp() {
    }

    /** One line for the start-up output: what the port is and how it receives. */
    String describe();

    /** What the port has to say at the end of the run beyond the counters (empty when nothing), one line. */
    default String summary() {
        return "";
    }

    /** Where the rx timestamps come from, for the start-up output. */
    String rxTimestamps();

    /** Releases the port (sockets, rings, or the DPDK port). Only after the polling thread has stopped. */
    @Override
    void close();
}
