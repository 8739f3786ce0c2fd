/**
 * A MoldUDP64 request (retransmission) server for the sessions of captures: {@link
 * io.mdr.replay.request.CaptureMessageStore} indexes every session's messages by sequence number in the mapped
 * files, {@link io.mdr.replay.request.RequestServer} answers requests per the specification, and {@link
 * io.mdr.replay.request.RequestServerMain} is {@code scripts/md-request-server}. It is the exchange's side of
 * recovery on one machine: the receiver heals holes from it in the demo, the benchmarks and the tests.
 */
package io.mdr.replay.request;
