package io.mdr.journal;

import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What the journal writer tests write and read back: one-message blocks, and the sequences a tailer finds. */
final class TestRecords {
    private TestRecords() {
    }

    /** A MoldUDP64 block holding one ITCH Order Delete whose order reference number is {@code sequence}. */
    static UnsafeBuffer block(long sequence) {
        UnsafeBuffer block = new UnsafeBuffer(new byte[21]);
        block.putShort(0, (short) 19, ByteOrder.BIG_ENDIAN);
        block.putByte(2, (byte) 'D');
        block.putLong(2 + 11, sequence, ByteOrder.BIG_ENDIAN);
        return block;
    }

    /** The sequence numbers of every message in the journal, from its start. */
    static List<Long> sequences(Path journal) {
        try (JournalTailer tailer = JournalTailer.open(journal).fromStart()) {
            return drain(tailer);
        }
    }

    /** The sequence numbers of the messages the tailer reads until it finds nothing more. */
    static List<Long> drain(JournalTailer tailer) {
        List<Long> sequences = new ArrayList<>();
        while (tailer.poll(m -> sequences.add(m.sequence()), 64) > 0) {
            // to the end
        }
        return sequences;
    }
}
