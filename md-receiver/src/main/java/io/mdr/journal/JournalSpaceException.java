package io.mdr.journal;

/**
 * The journal's file system has too little room: at start-up (below the configured minimum), or while running
 * (a page the writer needed could not be populated). The message names the path, the free space and the key.
 */
public final class JournalSpaceException extends RuntimeException {
    public JournalSpaceException(String message) {
        super(message);
    }
}
