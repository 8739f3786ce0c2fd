/**
 * The receiver process: brings DPDK up from the configuration, runs the polling {@link
 * io.mdr.receiver.ReceiverAgent} on its pinned core, prints stats every interval, and on SIGINT/SIGTERM (or
 * the end of a capture) stops, flushes the journal, prints the summary and releases every native resource
 * in reverse order. {@link io.mdr.receiver.ReceiverMain} is {@code scripts/md-receiver}.
 */
package io.mdr.receiver;
