package io.mdr.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.IntArrayList;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Where the journal left each channel, read backward from its end at start-up: per channel name, the session of
 * the channel's last record and the sequence number after it (after the last message, the end of the last gap, or
 * the next sequence an end of session announced). The receiver presets each channel's arbiter with it, so that a
 * restart continues the journal rather than writing it again.
 *
 * <p>Channels are matched by name, never by id: ids are handed out per run (in automatic mode, in the order the
 * streams first appear). A record belongs to the name of the last channel record ('C') before it with its id, so
 * the backward scan keeps, per id, the latest state it met until it meets that id's channel record. With configured
 * channels the scan runs backward and stops as soon as every wanted name is placed; with automatic channels any
 * stream may come back, so the whole journal is read, forward, which Chronicle does several times faster
 * (retention keeps that bounded). An excerpt a killed writer left unfinished is
 * not complete, so it is never read: the point is after the last committed excerpt.
 */
public final class JournalResume {
    private final Map<String, Point> points;
    private final long excerptsRead;
    private final long scanNanos;
    private final boolean backward;

    /** Where one channel stands in the journal. */
    public record Point(String channelName, long sessionHigh, int sessionLow, long nextSequence, boolean sessionEnded) {
        /** The session as its 10 characters, trimmed (for messages). */
        public String session() {
            return JournalTailer.sessionText(sessionHigh, sessionLow);
        }

        @Override
        public String toString() {
            return channelName + " session " + session() + " next " + nextSequence + (sessionEnded ? " (session ended)" : "");
        }
    }

    private JournalResume(Map<String, Point> points, long excerptsRead, long scanNanos, boolean backward) {
        this.points = points;
        this.excerptsRead = excerptsRead;
        this.scanNanos = scanNanos;
        this.backward = backward;
    }

    /** Nothing to resume (no journal). */
    public static JournalResume none() {
        return new JournalResume(Map.of(), 0, 0, false);
    }

    /**
     * Reads the journal the writer appends to, from its end backward.
     *
     * @param wanted the channel names to place (the scan stops once all are), or null for every name in the journal
     */
    public static JournalResume read(JournalWriter writer, Set<String> wanted) {
        return read(writer.queue(), wanted);
    }

    static JournalResume read(ChronicleQueue queue, Set<String> wanted) {
        return wanted == null ? readForward(queue) : readBackward(queue, wanted);
    }

    /** Configured channels: from the end backward, until each wanted name is placed (usually within the last run). */
    private static JournalResume readBackward(ChronicleQueue queue, Set<String> wanted) {
        long started = System.nanoTime();
        Map<String, Point> resolved = new LinkedHashMap<>();
        Int2ObjectHashMap<Point> pending = new Int2ObjectHashMap<>();
        UnsafeBuffer excerpt = new UnsafeBuffer(0, 0);
        IntArrayList offsets = new IntArrayList();
        long excerpts = 0;
        try (ExcerptTailer tailer = queue.createTailer().direction(TailerDirection.BACKWARD).toEnd()) {
            while (resolved.size() < wanted.size()) {
                try (DocumentContext dc = tailer.readingDocument()) {
                    if (!dc.isPresent()) {
                        break;
                    }
                    excerpts++;
                    int length = wrap(dc, excerpt);
                    // Records are in time order within an excerpt: find them, then take them latest first.
                    offsets.clear();
                    for (int offset = 0, recordLength; offset < length; offset += recordLength) {
                        recordLength = JournalFormat.recordLength(excerpt, offset, length);
                        if (recordLength < 0) {
                            break;
                        }
                        offsets.addInt(offset);
                    }
                    for (int i = offsets.size() - 1; i >= 0; i--) {
                        take(excerpt, offsets.getInt(i), pending, resolved, wanted);
                    }
                }
            }
        }
        return new JournalResume(Collections.unmodifiableMap(resolved), excerpts, System.nanoTime() - started, true);
    }

    /**
     * Automatic channels: any stream may come back, so the whole journal is read, forward (a Chronicle tailer reads
     * several times faster forward than backward): each record updates the point of the name its id has then.
     */
    private static JournalResume readForward(ChronicleQueue queue) {
        long started = System.nanoTime();
        Map<String, Point> points = new LinkedHashMap<>();
        Int2ObjectHashMap<String> names = new Int2ObjectHashMap<>();
        UnsafeBuffer excerpt = new UnsafeBuffer(0, 0);
        long excerpts = 0;
        try (ExcerptTailer tailer = queue.createTailer().toStart()) {
            while (true) {
                try (DocumentContext dc = tailer.readingDocument()) {
                    if (!dc.isPresent()) {
                        break;
                    }
                    excerpts++;
                    int length = wrap(dc, excerpt);
                    for (int offset = 0, recordLength; offset < length; offset += recordLength) {
                        recordLength = JournalFormat.recordLength(excerpt, offset, length);
                        if (recordLength < 0) {
                            break;
                        }
                        advance(excerpt, offset, names, points);
                    }
                }
            }
        }
        Map<String, Point> latestFirst = new LinkedHashMap<>();
        List<Point> found = new ArrayList<>(points.values());
        Collections.reverse(found);
        found.forEach(p -> latestFirst.put(p.channelName(), p));
        return new JournalResume(Collections.unmodifiableMap(latestFirst), excerpts, System.nanoTime() - started, false);
    }

    private static int wrap(DocumentContext dc, UnsafeBuffer excerpt) {
        Bytes<?> bytes = dc.wire().bytes();
        int length = (int) bytes.readRemaining();
        if (bytes.isDirectMemory()) {
            excerpt.wrap(bytes.addressForRead(bytes.readPosition()), length);
        } else {
            byte[] copy = new byte[length];
            bytes.read(copy);
            excerpt.wrap(copy);
        }
        return length;
    }

    /** Forward: a record moves the point of the channel its id names now. */
    private static void advance(UnsafeBuffer r, int offset, Int2ObjectHashMap<String> names, Map<String, Point> points) {
        byte type = r.getByte(offset + JournalFormat.TYPE_OFFSET);
        int channel = r.getShort(offset + JournalFormat.CHANNEL_OFFSET) & 0xFFFF;
        if (type == JournalFormat.CHANNEL) {
            names.put(channel, name(r, offset));
            return;
        }
        String name = names.get(channel);
        if (name == null) {
            return; // a record before its channel's: not written by this receiver
        }
        Point point = switch (type) {
            case JournalFormat.MESSAGES -> point(r, offset + JournalFormat.MESSAGES_SESSION_OFFSET,
                    r.getLong(offset + JournalFormat.MESSAGES_FIRST_SEQUENCE_OFFSET)
                            + (r.getShort(offset + JournalFormat.MESSAGES_COUNT_OFFSET) & 0xFFFF), false);
            case JournalFormat.GAP -> point(r, offset + JournalFormat.GAP_SESSION_OFFSET,
                    r.getLong(offset + JournalFormat.GAP_TO_OFFSET) + 1, false);
            case JournalFormat.END_OF_SESSION -> point(r, offset + JournalFormat.EOS_SESSION_OFFSET,
                    r.getLong(offset + JournalFormat.EOS_NEXT_SEQUENCE_OFFSET), true);
            default -> null;
        };
        if (point != null) {
            points.remove(name); // keeps the map in order of each channel's latest record
            points.put(name, new Point(name, point.sessionHigh(), point.sessionLow(), point.nextSequence(), point.sessionEnded()));
        }
    }

    private static void take(UnsafeBuffer r, int offset, Int2ObjectHashMap<Point> pending, Map<String, Point> resolved,
                             Set<String> wanted) {
        byte type = r.getByte(offset + JournalFormat.TYPE_OFFSET);
        int channel = r.getShort(offset + JournalFormat.CHANNEL_OFFSET) & 0xFFFF;
        switch (type) {
            case JournalFormat.MESSAGES -> {
                if (!pending.containsKey(channel)) {
                    long first = r.getLong(offset + JournalFormat.MESSAGES_FIRST_SEQUENCE_OFFSET);
                    int count = r.getShort(offset + JournalFormat.MESSAGES_COUNT_OFFSET) & 0xFFFF;
                    pending.put(channel, point(r, offset + JournalFormat.MESSAGES_SESSION_OFFSET, first + count, false));
                }
            }
            case JournalFormat.GAP -> {
                if (!pending.containsKey(channel)) {
                    long to = r.getLong(offset + JournalFormat.GAP_TO_OFFSET);
                    pending.put(channel, point(r, offset + JournalFormat.GAP_SESSION_OFFSET, to + 1, false));
                }
            }
            case JournalFormat.END_OF_SESSION -> {
                if (!pending.containsKey(channel)) {
                    long next = r.getLong(offset + JournalFormat.EOS_NEXT_SEQUENCE_OFFSET);
                    pending.put(channel, point(r, offset + JournalFormat.EOS_SESSION_OFFSET, next, true));
                }
            }
            case JournalFormat.CHANNEL -> {
                // Everything later with this id (already met) was this name's; everything earlier may be another's.
                Point state = pending.remove(channel);
                String name = name(r, offset);
                if (state != null && !resolved.containsKey(name) && (wanted == null || wanted.contains(name))) {
                    resolved.put(name, new Point(name, state.sessionHigh(), state.sessionLow(), state.nextSequence(),
                            state.sessionEnded()));
                }
            }
            default -> {
                // recordLength accepts only the types above
            }
        }
    }

    private static Point point(UnsafeBuffer r, int sessionOffset, long next, boolean ended) {
        long high = r.getLong(sessionOffset, ByteOrder.BIG_ENDIAN);
        int low = r.getShort(sessionOffset + 8, ByteOrder.BIG_ENDIAN) & 0xFFFF;
        return new Point(null, high, low, next, ended);
    }

    private static String name(UnsafeBuffer r, int offset) {
        int length = r.getByte(offset + JournalFormat.CHANNEL_NAME_LENGTH_OFFSET) & 0xFF;
        byte[] name = new byte[length];
        r.getBytes(offset + JournalFormat.CHANNEL_NAME_OFFSET, name);
        return new String(name, StandardCharsets.UTF_8);
    }

    /** The point of the named channel, or null when the journal holds nothing of it. */
    public Point point(String channelName) {
        return points.get(channelName);
    }

    /** Every channel placed, in the order the backward scan found them. */
    public Map<String, Point> points() {
        return points;
    }

    /** Excerpts read to place them. */
    public long excerptsRead() {
        return excerptsRead;
    }

    /** For the start-up line. */
    public String describe() {
        if (points.isEmpty()) {
            return "journal resume: nothing journaled yet (" + excerptsRead + " excerpts read): every channel starts at its first packet";
        }
        StringBuilder sb = new StringBuilder("journal resume: ").append(points.size()).append(points.size() == 1 ? " channel" : " channels")
                .append(" (").append(excerptsRead).append(backward ? " excerpts read backward from the end in " : " excerpts read in ")
                .append(scanNanos / 1_000_000).append(" ms); at or below a channel's last journaled sequence is a duplicate:");
        points.values().forEach(p -> sb.append("\n  ").append(p));
        return sb.toString();
    }
}
