/**
 * JMH microbenchmarks of the receive path, outside the product: the in-place parse and the whole per-packet
 * path of {@link io.mdr.receiver.PacketProcessor} ({@code ParserBenchmark}), and journal appends
 * ({@code JournalAppendBenchmark}). Run them with {@code scripts/jmh.sh}; their names do not end in
 * {@code Test}, so the test suite does not run them.
 */
package io.mdr.bench;
