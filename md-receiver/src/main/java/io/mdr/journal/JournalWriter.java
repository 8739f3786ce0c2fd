package io.mdr.journal;

import io.mdr.feed.Channel;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.bytes.MappedBytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Appends journal records (see {@link JournalFormat}) to a Chronicle Queue. One writer per queue, used by
 * one thread (the polling thread): Chronicle's appenders are single-threaded.
 */
public final class JournalWriter implements AutoCloseable {
    private final ChronicleQueue queue;
    private final ExcerptAppender appender;
    private final Path path;
    /** What the {@link JournalPretoucher} follows: the writer's mapped bytes and position after each excerpt. */
    private volatile MappedBytes publishedBytes;
    private volatile long publishedPosition;

    private JournalWriter(Path path, ChronicleQueue queue) {
        this.path = path;
        this.queue = queue;
        this.appender = queue.createAppender();
    }

    /** Opens (or creates) the queue at {@code path} with the given {@link RollCycles} name. */
    public static JournalWriter open(Path path, String rollCycle) {
        ChronicleQueue queue = SingleChronicleQueueBuilder.single(path.toFile())
                .rollCycle(rollCycle(rollCycle))
                .build();
        JournalWriter writer = new JournalWriter(path, queue);
        writer.touchCycle();
        return writer;
    }

    /**
     * Writes a metadata excerpt (tailers skip those) so that the current cycle's file exists before the
     * first packet: creating it takes tens of milliseconds, which would otherwise land on the first message.
     */
    private void touchCycle() {
        try (DocumentContext dc = appender.writingDocument(true)) {
            dc.wire().bytes().writeByte((byte) 0);
        }
    }

    /** A roll cycle by name, over every family Chronicle has (RollCycles, LegacyRollCycles, LargeRollCycles). */
    static RollCycle rollCycle(String name) {
        for (RollCycle cycle : RollCycles.all()) {
            if (cycle instanceof Enum<?> e && e.name().equals(name)) {
                return cycle;
            }
        }
        throw new IllegalArgumentException("journal.rollCycle: unknown roll cycle " + name);
    }

    public Path path() {
        return path;
    }

    /** Names a channel for readers; written when a channel (or its session) first appears. */
    public void writeChannel(Channel channel) {
        byte[] name = channel.name().getBytes(StandardCharsets.UTF_8);
        int nameLength = Math.min(255, name.length);
        try (DocumentContext dc = appender.writingDocument()) {
            Bytes<?> bytes = dc.wire().bytes();
            bytes.writeByte(JournalFormat.CHANNEL);
            bytes.writeShort((short) channel.id());
            bytes.writeByte((byte) channel.lineCount());
            writeSession(bytes, channel);
            bytes.writeByte((byte) nameLength);
            bytes.write(name, 0, nameLength);
        }
    }

    /**
     * Journals a run of in-order messages: their MoldUDP64 blocks are copied once, from wherever they lie
     * (the mbuf, or the reorder buffer), into the mapped queue file.
     */
    public void writeMessages(Channel channel, int line, long firstSequence, int count,
                              DirectBuffer buffer, int blocksOffset, int blocksLength, long rxNanos) {
        try (DocumentContext dc = appender.writingDocument()) {
            Bytes<?> bytes = dc.wire().bytes();
            bytes.writeByte(JournalFormat.MESSAGES);
            bytes.writeShort((short) channel.id());
            bytes.writeByte((byte) line);
            writeSession(bytes, channel);
            bytes.writeLong(firstSequence);
            bytes.writeLong(rxNanos);
            long journalNanosAt = bytes.writePosition();
            bytes.writeLong(0L);
            bytes.writeShort((short) count);
            byte[] array = buffer.byteArray();
            if (array != null) {
                bytes.write(array, (int) (buffer.wrapAdjustment() + blocksOffset), blocksLength);
            } else {
                bytes.ensureCapacity(bytes.writePosition() + blocksLength);
                bytes.nativeWrite(buffer.addressOffset() + blocksOffset, bytes.writePosition(), blocksLength);
                bytes.writeSkip(blocksLength);
            }
            bytes.writeLong(journalNanosAt, System.nanoTime());
            publish(bytes);
        }
    }

    /** Journals messages {@code from..to} (inclusive) as lost on every line. */
    public void writeGap(Channel channel, long from, long to, long nanos) {
        try (DocumentContext dc = appender.writingDocument()) {
            Bytes<?> bytes = dc.wire().bytes();
            bytes.writeByte(JournalFormat.GAP);
            bytes.writeShort((short) channel.id());
            writeSession(bytes, channel);
            bytes.writeLong(from);
            bytes.writeLong(to);
            bytes.writeLong(nanos);
        }
    }

    /** Journals the end of the channel's session. */
    public void writeEndOfSession(Channel channel, long nextSequence, long nanos) {
        try (DocumentContext dc = appender.writingDocument()) {
            Bytes<?> bytes = dc.wire().bytes();
            bytes.writeByte(JournalFormat.END_OF_SESSION);
            bytes.writeShort((short) channel.id());
            writeSession(bytes, channel);
            bytes.writeLong(nextSequence);
            bytes.writeLong(nanos);
        }
    }

    /**
     * Hands the writer to the calling thread: the receiver opens the journal on the main thread and
     * appends from the polling thread.
     */
    public void bindToCurrentThread() {
        appender.singleThreadedCheckReset();
    }


    private void publish(Bytes<?> bytes) {
        if (bytes != publishedBytes && bytes instanceof MappedBytes mapped) {
            publishedBytes = mapped;
        }
        publishedPosition = bytes.writePosition();
    }

    /** The mapped bytes the writer last wrote to (null before the first excerpt). */
    MappedBytes publishedBytes() {
        return publishedBytes;
    }

    /** The file offset after the writer's last excerpt. */
    long publishedPosition() {
        return publishedPosition;
    }

    private static void writeSession(Bytes<?> bytes, Channel channel) {
        long high = channel.sessionHigh();
        int low = channel.sessionLow();
        for (int shift = 56; shift >= 0; shift -= 8) {
            bytes.writeByte((byte) (high >>> shift));
        }
        bytes.writeByte((byte) (low >>> 8));
        bytes.writeByte((byte) low);
    }

    @Override
    public void close() {
        appender.close();
        queue.close();
    }
}
