package io.mdr.tools;

import io.mdr.feed.Channel;
import io.mdr.journal.JournalWriter;
import io.mdr.testing.ReceiverProcess;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConsumerLatencyMainTest {

    @Test
    void aTailerInAnotherProcessMeasuresJournalToConsumerLatency(@TempDir Path dir) throws Exception {
        Path journal = dir.resolve("j");
        Channel channel = new Channel(0, "test", 1, "S");
        UnsafeBuffer block = new UnsafeBuffer(new byte[21]);
        block.putShort(0, (short) 19, ByteOrder.BIG_ENDIAN);
        block.putByte(2, (byte) 'D');
        try (JournalWriter writer = JournalWriter.open(journal, "FAST_HOURLY")) {
            writer.writeChannel(channel);
            for (int i = 1; i <= 1000; i++) {
                writer.writeMessages(channel, 0, i, 1, block, 0, 21, System.nanoTime());
            }
        }
        Path hlog = dir.resolve("consumer.hlog");
        ReceiverProcess.Result run = ReceiverProcess.run(ConsumerLatencyMain.class.getName(), List.of(
                "--queue", journal.toString(), "--from-start", "--seconds", "2", "--idle", "backoff", "--hlog", hlog.toString()), 60);
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("summary: 1,000 messages; journal->consumer p50"), run.output());
        assertTrue(Files.readString(hlog).contains("journal-to-consumer"), "interval log written");
    }
}
