/**
 * Benchmark helpers of {@code scripts/bench-fanout.sh}: the paced journal writer ({@link PacedJournalWriter}), the
 * latency runs' receiving loop that writes the journal and receives it back ({@link ReceiveWrite}) with its
 * per-second HdrHistogram log ({@link IntervalLog}), and the plain-UDP floor (one datagram per journal record, a
 * busy-polling receiver) that Aeron's figures are set beside.
 */
package io.mdr.fanout.bench;
