package io.mdr.fanout.media;

import io.aeron.AeronCounters;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.status.CountersReader;

/**
 * Finds a stream's counters among the media driver's (Aeron's CnC counters, which every client maps): the
 * sender's position of a publication, the number of receivers its flow control tracks, its subscribers on the
 * same driver, a receiver's highest position. Each key starts with the registration id, the session id and the
 * stream id ({@code io.aeron.driver.status.StreamCounter}). Set-up and reporting only: it scans every counter.
 */
public final class StreamCounters {
    private static final int REGISTRATION_ID_OFFSET = 0;
    private static final int SESSION_ID_OFFSET = 8;
    private static final int STREAM_ID_OFFSET = 12;

    private StreamCounters() {
    }

    /** The counter of {@code typeId} registered under {@code registrationId}, or {@link CountersReader#NULL_COUNTER_ID}. */
    public static int find(CountersReader counters, int typeId, long registrationId) {
        int[] found = {CountersReader.NULL_COUNTER_ID};
        counters.forEach((counterId, type, key, label) -> {
            if (type == typeId && key.getLong(REGISTRATION_ID_OFFSET) == registrationId) {
                found[0] = counterId;
            }
        });
        return found[0];
    }

    /** The sender position counter of a network publication ({@code snd-pos}). */
    public static int senderPosition(CountersReader counters, long publicationRegistrationId) {
        return find(counters, AeronCounters.DRIVER_SENDER_POSITION_TYPE_ID, publicationRegistrationId);
    }

    /** The receivers counter of a publication whose flow control tracks them ({@code fc-receivers}: min, tagged). */
    public static int flowControlReceivers(CountersReader counters, long publicationRegistrationId) {
        return find(counters, AeronCounters.FLOW_CONTROL_RECEIVERS_COUNTER_TYPE_ID, publicationRegistrationId);
    }

    /**
     * Subscribers of the session on this driver ({@code sub-pos} counters: IPC subscribers and spies), leaving
     * out the subscription registered under {@code excludedRegistrationId} (the archive's own).
     */
    public static int subscribers(CountersReader counters, int sessionId, int streamId, long excludedRegistrationId) {
        int[] count = {0};
        counters.forEach((counterId, type, key, label) -> {
            if (type == AeronCounters.DRIVER_SUBSCRIBER_POSITION_TYPE_ID && matches(key, sessionId, streamId)
                    && key.getLong(REGISTRATION_ID_OFFSET) != excludedRegistrationId) {
                count[0]++;
            }
        });
        return count[0];
    }

    private static boolean matches(DirectBuffer key, int sessionId, int streamId) {
        return key.getInt(SESSION_ID_OFFSET) == sessionId && key.getInt(STREAM_ID_OFFSET) == streamId;
    }
}
