package io.mdr.journal;

import io.mdr.feed.Channel;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * A second process for the cross-process tests: writes {@code count} one-message records to a journal,
 * {@code perMillisecond} of them each millisecond, as a receiver would while strategies tail it. With a fourth
 * argument, {@code hold}, it then opens the next excerpt ahead, says "held" and waits to be killed.
 */
public final class JournalWriterProcess {
    private JournalWriterProcess() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path path = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        int perMillisecond = Integer.parseInt(args[2]);
        Channel channel = new Channel(0, "itch", 1, "XPROC");
        UnsafeBuffer block = new UnsafeBuffer(new byte[2 + 19]);
        block.putShort(0, (short) 19, ByteOrder.BIG_ENDIAN);
        block.putByte(2, (byte) 'D');
        try (JournalWriter writer = JournalWriter.open(path, "FAST_HOURLY")) {
            writer.writeChannel(channel);
            System.out.println("writing");
            System.out.flush();
            for (int i = 1; i <= count; i++) {
                block.putLong(2 + 11, i, ByteOrder.BIG_ENDIAN);
                writer.writeMessages(channel, 0, i, 1, block, 0, block.capacity(), System.nanoTime());
                if (i % 8 == 0 || i == count) {
                    writer.commit();
                }
                if (i % perMillisecond == 0) {
                    Thread.sleep(1);
                }
            }
            if (args.length > 3 && args[3].equals("hold")) {
                writer.openAhead(System.nanoTime());
                System.out.println(writer.heldAhead() ? "held" : "not held");
                System.out.flush();
                Thread.sleep(Long.MAX_VALUE);
            }
        }
        System.out.println("done");
    }
}
