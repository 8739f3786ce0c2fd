/**
 * Benchmark helpers of {@code scripts/bench-fanout.sh}: a paced journal writer, and the plain-UDP floor (one
 * datagram per journal record, a busy-polling receiver) that Aeron's figures are set beside.
 */
package io.mdr.fanout.bench;
