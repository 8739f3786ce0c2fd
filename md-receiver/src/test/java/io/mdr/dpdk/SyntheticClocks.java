package io.mdr.dpdk;

/**
 * A host clock and a NIC clock that tests drive by hand. Host time only moves when read (each read costs
 * {@code hostReadNanos}, and the value is taken halfway through), when a NIC read is made (costing
 * {@code tickReadNanos}, sampled halfway through) or when the test advances it. The NIC clock is
 * {@code ticks(h) = baseTicks + (h - baseHost) * ticksPerNano}, rounded down; its rate can change (drift) and it can
 * step. Reads can be made to fail or to be slow.
 */
final class SyntheticClocks {
    private long host;
    private final long hostReadNanos;
    private long tickReadNanos;
    private double ticksPerNano;
    private long baseHost;
    private double baseTicks;
    private long failWith;
    private long tickReads;

    SyntheticClocks(long startHost, double ticksPerNano, long ticksAtStart, long hostReadNanos, long tickReadNanos) {
        this.host = startHost;
        this.ticksPerNano = ticksPerNano;
        this.baseHost = startHost;
        this.baseTicks = ticksAtStart;
        this.hostReadNanos = hostReadNanos;
        this.tickReadNanos = tickReadNanos;
    }

    /** The host clock, as {@code System::nanoTime}. */
    long hostNanos() {
        host += hostReadNanos / 2;
        long value = host;
        host += hostReadNanos - hostReadNanos / 2;
        return value;
    }

    /** The NIC clock, as {@code rte_eth_read_clock}. */
    long readTicks() {
        tickReads++;
        host += tickReadNanos / 2;
        long value = failWith != 0 ? failWith : ticksAt(host);
        host += tickReadNanos - tickReadNanos / 2;
        return value;
    }

    NicClock.TickSource tickSource() {
        return this::readTicks;
    }

    /** What the NIC would stamp a packet arriving at host time {@code h} with. */
    long ticksAt(long h) {
        return (long) Math.floor(baseTicks + (h - baseHost) * ticksPerNano);
    }

    /** Host time without reading it (no cost). */
    long now() {
        return host;
    }

    void advance(long nanos) {
        host += nanos;
    }

    /** From now on the NIC clock runs at {@code newTicksPerNano} (continuous: no jump). */
    void changeRate(double newTicksPerNano) {
        baseTicks = baseTicks + (host - baseHost) * ticksPerNano;
        baseHost = host;
        ticksPerNano = newTicksPerNano;
    }

    /** The NIC clock jumps by {@code ticks} now. */
    void step(long ticks) {
        changeRate(ticksPerNano);
        baseTicks += ticks;
    }

    /** Every NIC read returns {@code negativeErrno} until {@code failWith(0)}. */
    void failWith(long negativeErrno) {
        this.failWith = negativeErrno;
    }

    void tickReadNanos(long nanos) {
        this.tickReadNanos = nanos;
    }

    long tickReads() {
        return tickReads;
    }
}
