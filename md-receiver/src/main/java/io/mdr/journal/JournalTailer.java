package io.mdr.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The consumer API for strategies: reads the journal with a Chronicle tailer and hands every message to a
 * {@link JournalListener}, in sequence order per channel. Works from another process while the receiver
 * writes. Reads in place: the message bytes are the queue file's mapped memory.
 *
 * <pre>{@code
 * try (JournalTailer tailer = JournalTailer.open(Path.of("/dev/shm/md-receiver/journal")).fromStart()) {
 *     while (running) {
 *         if (tailer.poll(listener, 256) == 0) idle.idle();
 *     }
 * }
 * }</pre>
 */
public final class JournalTailer implements AutoCloseable {
    private final ChronicleQueue queue;
    private final ExcerptTailer tailer;
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private final JournalMessage message = new JournalMessage();
    private final Int2ObjectHashMap<String> channelNames = new Int2ObjectHashMap<>();
    private int skipChannel = -1;
    private long skipBelow = Long.MIN_VALUE;

    private JournalTailer(ChronicleQueue queue) {
        this.queue = queue;
        this.tailer = queue.createTailer();
    }

    /** Opens the journal at {@code path} for reading; it must exist. */
    public static JournalTailer open(Path path) {
        if (!Files.isDirectory(path)) {
            throw new IllegalArgumentException("no journal at " + path + " (expected a Chronicle Queue directory)");
        }
        ChronicleQueue queue = SingleChronicleQueueBuilder.single(path.toFile()).readOnly(false).build();
        return new JournalTailer(queue);
    }

    /** The name of the first channel in the journal, or null when it has none. */
    public String firstChannelName() {
        loadChannelNames();
        return channelNames.isEmpty() ? null : channelNames.get(channelNames.keySet().stream().min(Integer::compare).orElseThrow());
    }

    /** Starts at the first record. */
    public JournalTailer fromStart() {
        tailer.toStart();
        return this;
    }

    /** Starts after the last record: only what is written from now on. */
    public JournalTailer fromEnd() {
        loadChannelNames();
        tailer.toEnd();
        return this;
    }

    /**
     * Starts at message {@code sequence} of the named channel: excerpts before the one holding it are
     * skipped, as are that channel's earlier messages in it (an excerpt holds a whole burst). If no excerpt
     * holds it yet, the tailer waits at the end.
     */
    public JournalTailer fromSequence(String channelName, long sequence) {
        loadChannelNames();
        tailer.toStart();
        while (true) {
            long index = tailer.index();
            try (DocumentContext dc = tailer.readingDocument()) {
                if (!dc.isPresent()) {
                    break;
                }
                UnsafeBuffer excerpt = wrap(dc);
                if (holds(excerpt, channelName, sequence)) {
                    dc.rollbackOnClose();
                    tailer.moveToIndex(index);
                    return this;
                }
            }
        }
        tailer.toEnd();
        skipChannel = -1;
        return this;
    }

    /** Whether a message record of the excerpt holds {@code sequence} of the named channel (or a later one). */
    private boolean holds(UnsafeBuffer excerpt, String channelName, long sequence) {
        int end = excerpt.capacity();
        for (int offset = 0, length; offset < end; offset += length) {
            length = JournalFormat.recordLength(excerpt, offset, end);
            if (length < 0) {
                return false;
            }
            if (excerpt.getByte(offset + JournalFormat.TYPE_OFFSET) == JournalFormat.MESSAGES) {
                int channel = excerpt.getShort(offset + JournalFormat.CHANNEL_OFFSET) & 0xFFFF;
                long first = excerpt.getLong(offset + JournalFormat.MESSAGES_FIRST_SEQUENCE_OFFSET);
                int count = excerpt.getShort(offset + JournalFormat.MESSAGES_COUNT_OFFSET) & 0xFFFF;
                if (channelName.equals(channelNames.get(channel)) && first + count > sequence) {
                    skipChannel = channel;
                    skipBelow = sequence;
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Reads up to {@code limit} excerpts and hands the contents of their records to {@code listener}.
     *
     * @return excerpts read (0 when there was nothing new)
     */
    public int poll(JournalListener listener, int limit) {
        int records = 0;
        for (; records < limit; records++) {
            try (DocumentContext dc = tailer.readingDocument()) {
                if (!dc.isPresent()) {
                    break;
                }
                dispatch(wrap(dc), listener);
            }
        }
        return records;
    }

    private UnsafeBuffer wrap(DocumentContext dc) {
        Bytes<?> bytes = dc.wire().bytes();
        int length = (int) bytes.readRemaining();
        if (bytes.isDirectMemory()) {
            view.wrap(bytes.addressForRead(bytes.readPosition()), length);
        } else {
            byte[] copy = new byte[length];
            bytes.read(copy);
            view.wrap(copy);
        }
        return view;
    }

    /** Every record of the excerpt, in order; an unreadable record ends the excerpt. */
    private void dispatch(UnsafeBuffer excerpt, JournalListener listener) {
        int end = excerpt.capacity();
        for (int offset = 0, length; offset < end; offset += length) {
            length = JournalFormat.recordLength(excerpt, offset, end);
            if (length < 0) {
                return;
            }
            dispatchRecord(excerpt, offset, offset + length, listener);
        }
    }

    private void dispatchRecord(UnsafeBuffer excerpt, int offset, int end, JournalListener listener) {
        byte type = excerpt.getByte(offset + JournalFormat.TYPE_OFFSET);
        int channel = excerpt.getShort(offset + JournalFormat.CHANNEL_OFFSET) & 0xFFFF;
        switch (type) {
            case JournalFormat.MESSAGES -> dispatchMessages(excerpt, offset, end, channel, listener);
            case JournalFormat.CHANNEL -> channelNames.put(channel, channelName(excerpt, offset));
            case JournalFormat.GAP -> listener.onGap(channel, nameOf(channel),
                    excerpt.getLong(offset + JournalFormat.GAP_FROM_OFFSET),
                    excerpt.getLong(offset + JournalFormat.GAP_TO_OFFSET),
                    excerpt.getLong(offset + JournalFormat.GAP_NANOS_OFFSET));
            case JournalFormat.END_OF_SESSION -> listener.onEndOfSession(channel, nameOf(channel),
                    excerpt.getLong(offset + JournalFormat.EOS_NEXT_SEQUENCE_OFFSET),
                    excerpt.getLong(offset + JournalFormat.EOS_NANOS_OFFSET));
            default -> {
                // recordLength accepts only the types above
            }
        }
    }

    private void dispatchMessages(UnsafeBuffer excerpt, int offset, int end, int channel, JournalListener listener) {
        int line = excerpt.getByte(offset + JournalFormat.MESSAGES_LINE_OFFSET);
        long sessionHigh = excerpt.getLong(offset + JournalFormat.MESSAGES_SESSION_OFFSET, ByteOrder.BIG_ENDIAN);
        int sessionLow = excerpt.getShort(offset + JournalFormat.MESSAGES_SESSION_OFFSET + 8, ByteOrder.BIG_ENDIAN) & 0xFFFF;
        long sequence = excerpt.getLong(offset + JournalFormat.MESSAGES_FIRST_SEQUENCE_OFFSET);
        long rxNanos = excerpt.getLong(offset + JournalFormat.MESSAGES_RX_NANOS_OFFSET);
        long journalNanos = excerpt.getLong(offset + JournalFormat.MESSAGES_JOURNAL_NANOS_OFFSET);
        int count = excerpt.getShort(offset + JournalFormat.MESSAGES_COUNT_OFFSET) & 0xFFFF;
        String name = nameOf(channel);
        int position = offset + JournalFormat.MESSAGES_BLOCKS_OFFSET;
        for (int i = 0; i < count && position + 2 <= end; i++, sequence++) {
            int length = excerpt.getShort(position, ByteOrder.BIG_ENDIAN) & 0xFFFF;
            position += 2;
            if (length > end - position) {
                break;
            }
            if (channel != skipChannel || sequence >= skipBelow) {
                message.set(channel, name, sessionHigh, sessionLow, sequence, line, rxNanos, journalNanos, excerpt, position, length);
                listener.onMessage(message);
            }
            position += length;
        }
    }

    private String nameOf(int channel) {
        String name = channelNames.get(channel);
        if (name == null) {
            loadChannelNames();
            name = channelNames.get(channel);
            if (name == null) {
                // Not in the journal (its channel record went with a deleted cycle file): scan once, not per message.
                name = "channel-" + channel;
                channelNames.put(channel, name);
            }
        }
        return name;
    }

    /** Reads every channel record from the start with a second tailer (set-up only). */
    private void loadChannelNames() {
        UnsafeBuffer record = new UnsafeBuffer(0, 0);
        try (ExcerptTailer scan = queue.createTailer()) {
            scan.toStart();
            while (true) {
                try (DocumentContext dc = scan.readingDocument()) {
                    if (!dc.isPresent()) {
                        break;
                    }
                    Bytes<?> bytes = dc.wire().bytes();
                    byte[] copy = new byte[(int) bytes.readRemaining()];
                    bytes.read(copy);
                    record.wrap(copy);
                    for (int offset = 0, length; offset < copy.length; offset += length) {
                        length = JournalFormat.recordLength(record, offset, copy.length);
                        if (length < 0) {
                            break;
                        }
                        if (record.getByte(offset + JournalFormat.TYPE_OFFSET) == JournalFormat.CHANNEL) {
                            channelNames.put(record.getShort(offset + JournalFormat.CHANNEL_OFFSET) & 0xFFFF,
                                    channelName(record, offset));
                        }
                    }
                }
            }
        }
    }

    private static String channelName(UnsafeBuffer record, int offset) {
        int length = record.getByte(offset + JournalFormat.CHANNEL_NAME_LENGTH_OFFSET) & 0xFF;
        byte[] name = new byte[length];
        record.getBytes(offset + JournalFormat.CHANNEL_NAME_OFFSET, name);
        return new String(name, StandardCharsets.UTF_8);
    }

    static String sessionText(long high, int low) {
        byte[] bytes = new byte[10];
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (high >>> (56 - 8 * i));
        }
        bytes[8] = (byte) (low >>> 8);
        bytes[9] = (byte) low;
        return new String(bytes, StandardCharsets.US_ASCII).trim();
    }

    @Override
    public void close() {
        tailer.close();
        queue.close();
    }
}
