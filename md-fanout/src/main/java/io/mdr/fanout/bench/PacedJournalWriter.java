package io.mdr.fanout.bench;

import io.mdr.feed.Channel;
import io.mdr.itch.AddOrderEncoder;
import io.mdr.journal.JournalListener;
import io.mdr.journal.JournalMessage;
import io.mdr.journal.JournalPretoucher;
import io.mdr.journal.JournalTailer;
import io.mdr.journal.JournalWriter;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The benchmark's journal, written as md-receiver writes it: records of K Add Order messages, the records due at
 * once in one excerpt (as a receive burst is), each record stamped with the time it was written. Paced at an offered
 * rate (records written when due, late ones caught up at once) or, with rate 0, at top speed in bursts of 32.
 * The caller owns the loop: {@link #writeDue} is cheap when nothing is due, so a busy loop may call it every turn.
 * A {@link JournalPretoucher} prepares the journal's pages ahead of it, as in md-receiver.
 */
final class PacedJournalWriter implements AutoCloseable {
    private static final Channel CHANNEL = new Channel(0, "bench", 2, "BENCH0001");
    private static final int BLOCK_LENGTH = 2 + AddOrderEncoder.LENGTH;
    private static final int TOP_SPEED_BURST = 32;

    private final JournalWriter writer;
    private final JournalPretoucher pretoucher;
    private final UnsafeBuffer blocks;
    private final long messages;
    private final int perRecord;
    private final long rate;
    private final long records;
    private final double nanosPerRecord;
    private long start;
    private long finished;
    private long written;
    private long sequence;
    private long excerpts;
    private long maxBehindNanos;

    private PacedJournalWriter(Path queue, long messages, int perRecord, long rate) {
        this.messages = messages;
        this.perRecord = perRecord;
        this.rate = rate;
        this.records = (messages + perRecord - 1) / perRecord;
        this.nanosPerRecord = rate == 0 ? 0 : perRecord * 1e9 / rate;
        this.sequence = 1 + lastSequence(queue);
        this.blocks = new UnsafeBuffer(ByteBuffer.allocateDirect(perRecord * BLOCK_LENGTH));
        AddOrderEncoder add = new AddOrderEncoder();
        for (int i = 0; i < perRecord; i++) {
            blocks.putShort(i * BLOCK_LENGTH, (short) AddOrderEncoder.LENGTH, ByteOrder.BIG_ENDIAN);
            add.wrap(blocks, i * BLOCK_LENGTH + 2).stockLocate(1).orderReferenceNumber(i).buySellIndicator('B')
                    .shares(100).stock("BENCH").price(1_000_000);
        }
        this.writer = JournalWriter.open(queue, "FAST_HOURLY");
        // As md-receiver: the journal's pages made ready ahead of the writer by a thread of their own. Without it the
        // writer populated them itself when it found none ready, megabytes in one call: the receive-write loop stalled
        // 8 ms at a time (writer most behind schedule 8.0 ms; 6,000-7,800 page faults after the warm-up).
        this.pretoucher = new JournalPretoucher(writer).start();
        writer.writeChannel(CHANNEL);
        writer.commit();
    }

    /**
     * Opens (or appends to) the journal at {@code queue} and writes the channel record.
     *
     * @param rate messages per second, 0 for top speed
     */
    static PacedJournalWriter open(Path queue, long messages, int perRecord, long rate) {
        return new PacedJournalWriter(queue, messages, perRecord, rate);
    }

    /** The schedule starts now. */
    void start(long nowNanos) {
        start = nowNanos;
    }

    boolean done() {
        return written >= records;
    }

    /**
     * Writes the records due by {@code nowNanos} in one excerpt and commits it.
     *
     * @return records written (0 when none was due)
     */
    int writeDue(long nowNanos) {
        if (written >= records) {
            return 0;
        }
        long due = rate == 0 ? Math.min(records, written + TOP_SPEED_BURST)
                : Math.min(records, 1 + (long) ((nowNanos - start) / nanosPerRecord));
        if (due <= written) {
            return 0;
        }
        if (rate != 0) {
            maxBehindNanos = Math.max(maxBehindNanos, nowNanos - (start + (long) (written * nanosPerRecord)));
        }
        int count = (int) (due - written);
        for (; written < due; written++) {
            int inRecord = (int) Math.min(perRecord, messages - written * perRecord);
            writer.writeMessages(CHANNEL, 0, sequence, inRecord, blocks, 0, inRecord * BLOCK_LENGTH, System.nanoTime());
            sequence += inRecord;
        }
        writer.commit();
        excerpts++;
        if (written >= records) {
            finished = nowNanos;
        }
        return count;
    }

    /** How long until the next record is due (0 or less: due now). */
    long nanosUntilDue(long nowNanos) {
        return (long) (start + written * nanosPerRecord - nowNanos);
    }

    /** Writes the end-of-session record after the last message. */
    void endSession(long nowNanos) {
        writer.writeEndOfSession(CHANNEL, sequence, nowNanos);
        writer.commit();
    }

    /** {@code write: N messages in R records of K, E excerpts, in S s: M messages/s (offered O); most behind schedule B us}. */
    String summary() {
        double seconds = ((finished != 0 ? finished : System.nanoTime()) - start) / 1e9;
        long sent = Math.min(messages, written * perRecord);
        return String.format(Locale.ROOT, "write: %,d messages in %,d records of %d, %,d excerpts, in %.3f s: %,.0f messages/s"
                        + " (offered %s); most behind schedule %.1f us", sent, written, perRecord, excerpts, seconds,
                sent / Math.max(seconds, 1e-9), rate == 0 ? "top speed" : String.format(Locale.ROOT, "%,d", rate),
                maxBehindNanos / 1e3);
    }

    @Override
    public void close() {
        pretoucher.close();
        writer.close();
    }

    /** The last message sequence in the journal at {@code queue} (0 when there is none): a writer appends after it. */
    private static long lastSequence(Path queue) {
        if (!Files.isDirectory(queue)) {
            return 0;
        }
        long[] last = {0};
        try (JournalTailer tailer = JournalTailer.open(queue).fromStart()) {
            JournalListener listener = new JournalListener() {
                @Override
                public void onMessage(JournalMessage message) {
                    last[0] = message.sequence();
                }
            };
            while (tailer.poll(listener, 1024) > 0) {
                // to the end
            }
        }
        return last[0];
    }
}
