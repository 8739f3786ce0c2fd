/**
 * The strategy's side of the fan-out: {@link io.mdr.fanout.subscribe.FeedSubscriber} receives the journal's
 * records over Aeron and hands them to the same {@code JournalListener} as {@code JournalTailer}, exactly once
 * across fan-out restarts; with an archive it joins late (replaying the recordings, then merging into the live
 * stream) and catches up again when it falls behind. {@code md-subscribe} is built on it.
 */
package io.mdr.fanout.subscribe;
