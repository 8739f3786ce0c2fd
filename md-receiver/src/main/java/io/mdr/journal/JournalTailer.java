package io.mdr.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import net.openhft.chronicle.queue.RollCycle;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
    /** Kept at the journal's end by {@link #excerptsBehind}; created on its first call. */
    private ExcerptTailer end;
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private final JournalDecoder decoder = new JournalDecoder();

    private JournalTailer(ChronicleQueue queue) {
        this.queue = queue;
        this.tailer = queue.createTailer();
        decoder.onUnknownChannel(this::loadChannelNames);
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
        return decoder.firstChannelName();
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
     * Starts at the excerpt after the one at {@code index} (an {@link ExcerptHandler}'s index): where a reader
     * that had read that excerpt left off.
     *
     * @throws IllegalArgumentException when the journal holds no excerpt at {@code index}
     */
    public JournalTailer afterIndex(long index) {
        loadChannelNames();
        if (!tailer.moveToIndex(index)) {
            throw new IllegalArgumentException("the journal holds no excerpt at index 0x" + Long.toHexString(index));
        }
        try (DocumentContext dc = tailer.readingDocument()) {
            if (!dc.isPresent() || dc.index() != index) {
                throw new IllegalArgumentException("the journal holds no excerpt at index 0x" + Long.toHexString(index));
            }
        }
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
        return this;
    }

    /** Whether a message record of the excerpt holds {@code sequence} of the named channel (or a later one). */
    private boolean holds(UnsafeBuffer excerpt, String channelName, long sequence) {
        int channelId = decoder.channelId(channelName);
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
                if (channel == channelId && first + count > sequence) {
                    decoder.skipBelow(channel, sequence);
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
                UnsafeBuffer excerpt = wrap(dc);
                decoder.decode(excerpt, 0, excerpt.capacity(), listener);
            }
        }
        return records;
    }

    /**
     * Receives whole excerpts, undecoded, with their index: for a reader that forwards the records as they are
     * (the fan-out) and must know where it stands to resume.
     */
    @FunctionalInterface
    public interface ExcerptHandler {
        /**
         * One excerpt: its records back to back in {@code [offset, offset + length)} of {@code buffer}, which is
         * valid only during the call.
         *
         * @return true when the excerpt was consumed; false to be handed it again at the next poll
         */
        boolean onExcerpt(long index, DirectBuffer buffer, int offset, int length);
    }

    /**
     * Reads up to {@code limit} excerpts and hands each one whole to {@code handler}; stops at the first one the
     * handler does not consume, which the next call hands over again.
     *
     * @return excerpts consumed
     */
    public int pollExcerpts(ExcerptHandler handler, int limit) {
        int excerpts = 0;
        while (excerpts < limit) {
            long index;
            boolean consumed;
            try (DocumentContext dc = tailer.readingDocument()) {
                if (!dc.isPresent()) {
                    break;
                }
                index = dc.index();
                UnsafeBuffer excerpt = wrap(dc);
                consumed = handler.onExcerpt(index, excerpt, 0, excerpt.capacity());
                if (!consumed) {
                    dc.rollbackOnClose();
                }
            }
            if (!consumed) {
                tailer.moveToIndex(index);
                break;
            }
            excerpts++;
        }
        return excerpts;
    }

    /**
     * The channel records of the journal before the tailer's position, the latest per channel, each as a
     * standalone record: what a reader joining here needs to name the channels (set-up only: reads from the start).
     */
    public List<byte[]> channelRecordsBefore() {
        long stop = tailer.index();
        Int2ObjectHashMap<byte[]> latest = new Int2ObjectHashMap<>();
        UnsafeBuffer excerpt = new UnsafeBuffer(0, 0);
        try (ExcerptTailer scan = queue.createTailer()) {
            scan.toStart();
            while (true) {
                try (DocumentContext dc = scan.readingDocument()) {
                    if (!dc.isPresent() || dc.index() >= stop) {
                        break;
                    }
                    wrap(dc, excerpt);
                    int end = excerpt.capacity();
                    for (int offset = 0, length; offset < end; offset += length) {
                        length = JournalFormat.recordLength(excerpt, offset, end);
                        if (length < 0) {
                            break;
                        }
                        if (excerpt.getByte(offset + JournalFormat.TYPE_OFFSET) == JournalFormat.CHANNEL) {
                            byte[] copy = new byte[length];
                            excerpt.getBytes(offset, copy);
                            latest.put(excerpt.getShort(offset + JournalFormat.CHANNEL_OFFSET) & 0xFFFF, copy);
                        }
                    }
                }
            }
        }
        List<byte[]> records = new ArrayList<>();
        latest.keySet().stream().sorted().forEach(id -> records.add(latest.get(id)));
        return records;
    }

    /**
     * Excerpts written after {@code nextIndex}: how far a reader at that index lags the writer. For a thread that
     * reports, not for the reading loop. Within one roll cycle it is a second tailer of this one's moved to the end
     * (tens of microseconds); Chronicle's {@code lastIndex()} creates a tailer per call, and that cost 0.2-1 ms a
     * call on this VM, 0.5-4.7 ms with the count (measured once a second in md-fanout's stats thread, whose CPU is
     * the fan-out loop's on a small host). Across a roll the excerpts are counted through the index, as before.
     */
    public long excerptsBehind(long nextIndex) {
        if (end == null) {
            end = queue.createTailer();
        }
        long next = end.toEnd().index(); // the index the next excerpt will take
        RollCycle cycle = queue.rollCycle();
        if (next > 0 && cycle.toCycle(next) == cycle.toCycle(nextIndex)) {
            return Math.max(0, next - nextIndex);
        }
        long last = queue.lastIndex();
        if (last < 0 || nextIndex > last) {
            return 0;
        }
        if (cycle.toCycle(last) == cycle.toCycle(nextIndex)) {
            return last - nextIndex + 1;
        }
        return queue instanceof SingleChronicleQueue single ? single.countExcerpts(nextIndex, last) + 1 : 1;
    }

    /** The index of the journal's last excerpt, or -1 when it has none. */
    public long lastIndex() {
        return queue.lastIndex();
    }

    /** The index of the next excerpt this tailer reads. */
    public long nextIndex() {
        return tailer.index();
    }

    private UnsafeBuffer wrap(DocumentContext dc) {
        return wrap(dc, view);
    }

    /**
     * Points {@code target} at the excerpt in place (the mapped queue file): the set-up scans read the whole journal,
     * so copying each excerpt would cost its full size in garbage and make a restart's start-up grow with the journal.
     */
    private static UnsafeBuffer wrap(DocumentContext dc, UnsafeBuffer target) {
        Bytes<?> bytes = dc.wire().bytes();
        int length = (int) bytes.readRemaining();
        if (bytes.isDirectMemory()) {
            target.wrap(bytes.addressForRead(bytes.readPosition()), length);
        } else {
            byte[] copy = new byte[length];
            bytes.read(copy);
            target.wrap(copy);
        }
        return target;
    }

    /** Reads every channel record from the start with a second tailer (set-up only). */
    private void loadChannelNames() {
        UnsafeBuffer excerpt = new UnsafeBuffer(0, 0);
        try (ExcerptTailer scan = queue.createTailer()) {
            scan.toStart();
            while (true) {
                try (DocumentContext dc = scan.readingDocument()) {
                    if (!dc.isPresent()) {
                        break;
                    }
                    wrap(dc, excerpt);
                    int end = excerpt.capacity();
                    for (int offset = 0, length; offset < end; offset += length) {
                        length = JournalFormat.recordLength(excerpt, offset, end);
                        if (length < 0) {
                            break;
                        }
                        decoder.applyChannelRecord(excerpt, offset, offset + length);
                    }
                }
            }
        }
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
        if (end != null) {
            end.close();
        }
        tailer.close();
        queue.close();
    }
}
