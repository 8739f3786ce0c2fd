package io.mdr.journal;

import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Decodes journal records (see {@link JournalFormat}) from any buffer and hands their contents to a
 * {@link JournalListener}: the Chronicle tailer's excerpts, or the same records as they arrive over the network.
 * It keeps the channel names that channel records announce. One instance per reader; not thread-safe.
 * Nothing is allocated per message.
 */
public final class JournalDecoder {
    private final JournalMessage message = new JournalMessage();
    private final Int2ObjectHashMap<String> channelNames = new Int2ObjectHashMap<>();
    private Runnable unknownChannel = () -> { };
    private int skipChannel = -1;
    private long skipBelow = Long.MIN_VALUE;

    /**
     * Called when a record names a channel that no channel record has announced yet, before it falls back to
     * {@code channel-N}: the tailer reads the journal's channel records then.
     */
    void onUnknownChannel(Runnable action) {
        this.unknownChannel = action;
    }

    /** Messages of {@code channel} below {@code sequence} are not handed over (a reader that starts mid-record). */
    void skipBelow(int channel, long sequence) {
        skipChannel = channel;
        skipBelow = sequence;
    }

    /**
     * Every record of {@code [offset, offset + length)}, in order; an unreadable record ends the run.
     *
     * @return records decoded
     */
    public int decode(DirectBuffer buffer, int offset, int length, JournalListener listener) {
        int end = offset + length;
        int records = 0;
        for (int position = offset, recordLength; position < end; position += recordLength, records++) {
            recordLength = decodeRecord(buffer, position, end, listener);
            if (recordLength < 0) {
                break;
            }
        }
        return records;
    }

    /**
     * The one record at {@code offset}, which must end by {@code limit}: a messages record's messages, a gap or an
     * end of session go to {@code listener}; a channel record updates the channel's name.
     *
     * @return the record's length, or -1 when it is of an unknown type or does not fit
     */
    public int decodeRecord(DirectBuffer buffer, int offset, int limit, JournalListener listener) {
        int length = JournalFormat.recordLength(buffer, offset, limit);
        if (length < 0) {
            return -1;
        }
        byte type = buffer.getByte(offset + JournalFormat.TYPE_OFFSET);
        int channel = buffer.getShort(offset + JournalFormat.CHANNEL_OFFSET) & 0xFFFF;
        switch (type) {
            case JournalFormat.MESSAGES -> messages(buffer, offset, offset + length, channel, listener);
            case JournalFormat.CHANNEL -> channelNames.put(channel, channelName(buffer, offset));
            case JournalFormat.GAP -> listener.onGap(channel, nameOf(channel),
                    buffer.getLong(offset + JournalFormat.GAP_FROM_OFFSET),
                    buffer.getLong(offset + JournalFormat.GAP_TO_OFFSET),
                    buffer.getLong(offset + JournalFormat.GAP_NANOS_OFFSET));
            case JournalFormat.END_OF_SESSION -> listener.onEndOfSession(channel, nameOf(channel),
                    buffer.getLong(offset + JournalFormat.EOS_NEXT_SEQUENCE_OFFSET),
                    buffer.getLong(offset + JournalFormat.EOS_NANOS_OFFSET));
            default -> {
                // recordLength accepts only the types above
            }
        }
        return length;
    }

    /**
     * Applies a channel record (and ignores any other): a reader that drops a record it has already handed over
     * still follows the channel names it announces.
     */
    public void applyChannelRecord(DirectBuffer buffer, int offset, int limit) {
        if (JournalFormat.recordLength(buffer, offset, limit) > 0
                && buffer.getByte(offset + JournalFormat.TYPE_OFFSET) == JournalFormat.CHANNEL) {
            channelNames.put(buffer.getShort(offset + JournalFormat.CHANNEL_OFFSET) & 0xFFFF, channelName(buffer, offset));
        }
    }

    /** Names a channel, as a channel record would. */
    public void channelName(int channelId, String name) {
        channelNames.put(channelId, name);
    }

    /** The channel's name as announced so far, or null. */
    public String knownChannelName(int channelId) {
        return channelNames.get(channelId);
    }

    /** The name of the lowest-numbered channel announced so far, or null. */
    public String firstChannelName() {
        int lowest = Integer.MAX_VALUE;
        for (int id : channelNames.keySet()) {
            lowest = Math.min(lowest, id);
        }
        return channelNames.isEmpty() ? null : channelNames.get(lowest);
    }

    /** The id of the channel announced with {@code name}, or -1. */
    int channelId(String name) {
        for (Int2ObjectHashMap<String>.EntryIterator it = channelNames.entrySet().iterator(); it.hasNext(); ) {
            it.next();
            if (name.equals(it.getValue())) {
                return it.getIntKey();
            }
        }
        return -1;
    }

    private void messages(DirectBuffer buffer, int offset, int end, int channel, JournalListener listener) {
        int line = buffer.getByte(offset + JournalFormat.MESSAGES_LINE_OFFSET);
        long sessionHigh = buffer.getLong(offset + JournalFormat.MESSAGES_SESSION_OFFSET, ByteOrder.BIG_ENDIAN);
        int sessionLow = buffer.getShort(offset + JournalFormat.MESSAGES_SESSION_OFFSET + 8, ByteOrder.BIG_ENDIAN) & 0xFFFF;
        long sequence = buffer.getLong(offset + JournalFormat.MESSAGES_FIRST_SEQUENCE_OFFSET);
        long rxNanos = buffer.getLong(offset + JournalFormat.MESSAGES_RX_NANOS_OFFSET);
        long journalNanos = buffer.getLong(offset + JournalFormat.MESSAGES_JOURNAL_NANOS_OFFSET);
        int count = buffer.getShort(offset + JournalFormat.MESSAGES_COUNT_OFFSET) & 0xFFFF;
        String name = nameOf(channel);
        int position = offset + JournalFormat.MESSAGES_BLOCKS_OFFSET;
        for (int i = 0; i < count && position + 2 <= end; i++, sequence++) {
            int length = buffer.getShort(position, ByteOrder.BIG_ENDIAN) & 0xFFFF;
            position += 2;
            if (length > end - position) {
                break;
            }
            if (channel != skipChannel || sequence >= skipBelow) {
                message.set(channel, name, sessionHigh, sessionLow, sequence, line, rxNanos, journalNanos, buffer, position, length);
                listener.onMessage(message);
            }
            position += length;
        }
    }

    private String nameOf(int channel) {
        String name = channelNames.get(channel);
        if (name == null) {
            unknownChannel.run();
            name = channelNames.get(channel);
            if (name == null) {
                // Not in the journal (its channel record went with a deleted cycle file): scan once, not per message.
                name = "channel-" + channel;
                channelNames.put(channel, name);
            }
        }
        return name;
    }

    /** The name a channel record at {@code offset} announces (allocates: channel records are rare). */
    public static String channelName(DirectBuffer record, int offset) {
        int length = record.getByte(offset + JournalFormat.CHANNEL_NAME_LENGTH_OFFSET) & 0xFF;
        byte[] name = new byte[length];
        record.getBytes(offset + JournalFormat.CHANNEL_NAME_OFFSET, name);
        return new String(name, StandardCharsets.UTF_8);
    }
}
