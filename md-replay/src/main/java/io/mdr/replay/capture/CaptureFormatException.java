package io.mdr.replay.capture;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A capture file is not a pcap or pcapng file, or is truncated or corrupt. The message names the file, what
 * was wrong and the byte offset of the file header, record or block where it was found.
 */
public final class CaptureFormatException extends IOException {
    private final transient Path file;
    private final long offset;
    private final String problem;

    public CaptureFormatException(Path file, long offset, String problem) {
        super(file + ": " + problem + " at offset " + offset);
        this.file = file;
        this.offset = offset;
        this.problem = problem;
    }

    /** The capture file. */
    public Path file() {
        return file;
    }

    /** Byte offset of the file header, record, block or option that is wrong. */
    public long offset() {
        return offset;
    }

    /** What was wrong, without file name and offset. */
    public String problem() {
        return problem;
    }
}
