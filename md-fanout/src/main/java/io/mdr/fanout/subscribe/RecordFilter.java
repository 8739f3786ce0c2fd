package io.mdr.fanout.subscribe;

import io.mdr.fanout.RecordIdentity;

/**
 * Exactly once across restarts and rejoins: passes a record only when its number (in the fan-out's epoch) is
 * beyond the last one passed. A record seen again (the fan-out resumed a little before where it stopped; the
 * archive replayed what live had already brought) is dropped and counted. A new epoch (the fan-out started
 * afresh) starts over; the epoch it replaced is ignored from then on, so a draining old stream cannot
 * interleave. A jump in numbers is counted as records missed (left behind, or a fan-out started afresh mid-way).
 */
final class RecordFilter {
    private int epoch;
    private int retiredEpoch;
    private long lastNumber;
    private long duplicates;
    private long missed;

    /** Whether the record carrying {@code reservedValue} (not a catalog record) is new. */
    boolean accept(long reservedValue) {
        int recordEpoch = RecordIdentity.epoch(reservedValue);
        long number = RecordIdentity.number(reservedValue);
        if (recordEpoch != epoch) {
            if (recordEpoch == retiredEpoch && epoch != 0) {
                duplicates++;
                return false;
            }
            retiredEpoch = epoch;
            epoch = recordEpoch;
            lastNumber = 0;
        }
        if (number <= lastNumber) {
            duplicates++;
            return false;
        }
        if (lastNumber != 0 && number != lastNumber + 1) {
            missed += number - lastNumber - 1;
        }
        lastNumber = number;
        return true;
    }

    /** The number of the last record passed (0 before the first). */
    long lastNumber() {
        return lastNumber;
    }

    long duplicates() {
        return duplicates;
    }

    long missed() {
        return missed;
    }
}
