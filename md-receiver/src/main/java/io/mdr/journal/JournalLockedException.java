package io.mdr.journal;

/** Another live process writes the journal (or its writer lock cannot be taken); the message names it. */
public final class JournalLockedException extends RuntimeException {
    public JournalLockedException(String message) {
        super(message);
    }
}
