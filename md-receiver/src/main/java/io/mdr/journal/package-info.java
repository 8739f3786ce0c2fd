/**
 * The journal: every accepted message, exactly once and in sequence order, in a Chronicle Queue that
 * strategy processes tail. The receiver appends one excerpt per run of in-order messages from a packet
 * (its MoldUDP64 blocks copied once, straight from the mbuf into the mapped queue file); gaps, channels and
 * ends of session are excerpts of their own. {@link io.mdr.journal.JournalTailer} is the consumer API: it
 * hands each message to a handler with typed ITCH flyweights, from the start, the end, or a sequence.
 * The record layout is in {@link io.mdr.journal.JournalFormat}.
 *
 * <p>Around the writer: {@link io.mdr.journal.JournalResume} finds where the journal left each channel, so that a
 * restart continues it; {@code WriterLock} keeps one writer per journal and clears the locks a killed writer left;
 * {@link io.mdr.journal.JournalSpace} and the {@link io.mdr.journal.JournalPretoucher} turn a full file system into
 * a clean stop rather than a SIGBUS; {@link io.mdr.journal.JournalRetention} deletes old roll cycles that no tailer
 * still needs.
 */
package io.mdr.journal;
