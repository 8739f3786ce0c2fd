package io.mdr.fanout;

/**
 * What each published record carries in the Aeron frame's reserved value (the journal record itself is sent
 * unchanged): the fan-out's epoch and the record's number in it. Numbers rise by one per published record and
 * continue across a restart from the saved position, so a subscriber that sees a record again (the fan-out
 * resumed a little before where it stopped) recognises and drops it. A new epoch (the fan-out started afresh,
 * without a saved position) starts the numbering over. Number 0 marks the channel catalog, which is sent again
 * to joiners and applies whenever it arrives.
 *
 * <pre>
 * reserved value (u64): epoch u16 | number u48
 * </pre>
 */
public final class RecordIdentity {
    /** Records a fan-out may publish in one epoch (2^48, years at 10M records/s). */
    public static final long MAX_NUMBER = (1L << 48) - 1;
    /** The number the channel catalog is sent with. */
    public static final long CATALOG = 0;
    private static final int NUMBER_BITS = 48;

    private RecordIdentity() {
    }

    public static long pack(int epoch, long number) {
        return ((long) (epoch & 0xFFFF) << NUMBER_BITS) | (number & MAX_NUMBER);
    }

    public static int epoch(long reservedValue) {
        return (int) (reservedValue >>> NUMBER_BITS);
    }

    public static long number(long reservedValue) {
        return reservedValue & MAX_NUMBER;
    }
}
