package io.mdr.replay.gen;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;

/**
 * Interleaves the frames of lines A and B into one sink in timestamp order (A first on a tie), as one port that
 * has joined both groups receives them.
 *
 * <p>Each line's frames arrive in time order but the lines run apart (B trails A, losses leave holes), so frames
 * wait in a small per-line queue until no earlier frame can still come: the head of one queue goes out once it is
 * no later than the other queue's head or, with the other queue empty, than that line's watermark (the earliest
 * stamp it can still produce). The queues hold a few frames; they grow, rarely, if ever full.
 */
final class FrameMerger {
    private final FrameQueue[] queues;
    private final FrameSink out;
    private final FrameSink[] inputs;
    private long framesWritten;

    FrameMerger(FrameSink out, int maxFrameLength) {
        this.out = out;
        this.queues = new FrameQueue[] {new FrameQueue(maxFrameLength), new FrameQueue(maxFrameLength)};
        this.inputs = new FrameSink[] {queues[0]::add, queues[1]::add};
    }

    /** Where line {@code line} (0 for A, 1 for B) puts its frames. */
    FrameSink input(int line) {
        return inputs[line];
    }

    /** Writes every queued frame that no frame still to come can precede. */
    void release(long watermarkA, long watermarkB) throws IOException {
        FrameQueue a = queues[0];
        FrameQueue b = queues[1];
        while (true) {
            // A queued head competes with the other queue's head, or with the other line's watermark if none.
            long boundForA = b.isEmpty() ? watermarkB : b.headTimestamp();
            long boundForB = a.isEmpty() ? watermarkA : a.headTimestamp();
            if (!a.isEmpty() && a.headTimestamp() <= boundForA) {
                a.writeHead(out);
            } else if (!b.isEmpty() && (a.isEmpty() ? b.headTimestamp() <= boundForB : b.headTimestamp() < boundForB)) {
                b.writeHead(out);
            } else {
                return;
            }
            framesWritten++;
        }
    }

    /** Writes everything still queued: both lines are over. */
    void flush() throws IOException {
        release(Long.MAX_VALUE, Long.MAX_VALUE);
    }

    long framesWritten() {
        return framesWritten;
    }

    /** A ring of frame copies in fixed-size slots. */
    private static final class FrameQueue {
        private static final int INITIAL_SLOTS = 16;
        private final int slotSize;
        private UnsafeBuffer frames;
        private long[] timestamps;
        private int[] lengths;
        private int head;
        private int size;

        FrameQueue(int slotSize) {
            this.slotSize = slotSize;
            this.frames = new UnsafeBuffer(new byte[INITIAL_SLOTS * slotSize]);
            this.timestamps = new long[INITIAL_SLOTS];
            this.lengths = new int[INITIAL_SLOTS];
        }

        boolean isEmpty() {
            return size == 0;
        }

        long headTimestamp() {
            return timestamps[head];
        }

        void add(long timestampNanos, DirectBuffer frame, int offset, int length) {
            if (length > slotSize) {
                throw new IllegalArgumentException("frame of " + length + " bytes exceeds the merge slot of " + slotSize);
            }
            if (size == timestamps.length) {
                grow();
            }
            int slot = (head + size) % timestamps.length;
            frames.putBytes(slot * slotSize, frame, offset, length);
            timestamps[slot] = timestampNanos;
            lengths[slot] = length;
            size++;
        }

        void writeHead(FrameSink out) throws IOException {
            out.onFrame(timestamps[head], frames, head * slotSize, lengths[head]);
            head = (head + 1) % timestamps.length;
            size--;
        }

        private void grow() {
            int capacity = timestamps.length;
            UnsafeBuffer grownFrames = new UnsafeBuffer(new byte[2 * capacity * slotSize]);
            long[] grownTimestamps = new long[2 * capacity];
            int[] grownLengths = new int[2 * capacity];
            for (int i = 0; i < size; i++) {
                int slot = (head + i) % capacity;
                grownFrames.putBytes(i * slotSize, frames, slot * slotSize, lengths[slot]);
                grownTimestamps[i] = timestamps[slot];
                grownLengths[i] = lengths[slot];
            }
            frames = grownFrames;
            timestamps = grownTimestamps;
            lengths = grownLengths;
            head = 0;
        }
    }
}
