/**
 * Journal replay for backtesting: a recorded journal handed to a strategy's {@link
 * io.mdr.journal.JournalListener} again, at the pace it was received (from the recorded rx timestamps),
 * faster, or as fast as the listener takes it.
 */
package io.mdr.replay.journal;
