package io.mdr.fanout;

import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;

/**
 * The fan-out's live figures, in its counters file for {@code md-stat}. The publishing thread writes the
 * traffic and back-pressure counters; the reporting thread writes lag and subscribers.
 */
public final class FanoutCounters {
    /** Counter type id of the fan-out's counters. */
    public static final int TYPE_ID = 1101;

    /** Journal records published (a messages record longer than one Aeron frame counts once per part). */
    public final AtomicCounter records;
    /** ITCH messages in them. */
    public final AtomicCounter messages;
    /** Bytes of journal records published. */
    public final AtomicCounter bytes;
    /** Journal excerpts fully published. */
    public final AtomicCounter excerpts;
    /** Excerpts in the journal after the last one published: how far the fan-out lags the receiver. */
    public final AtomicCounter lagExcerpts;
    /** Times a claim met BACK_PRESSURED after one succeeded (episodes, not retries). */
    public final AtomicCounter backPressureEvents;
    /** Nanoseconds spent back-pressured. */
    public final AtomicCounter backPressureNanos;
    /** Times a claim met NOT_CONNECTED after one succeeded (no subscriber: the fan-out waits, the journal keeps). */
    public final AtomicCounter notConnectedEvents;
    /** Claims that met ADMIN_ACTION (a term rotation; retried at once). */
    public final AtomicCounter adminActions;
    /** Subscribers connected: the receivers flow control tracks (min, tagged), the subscribers on this driver (IPC), or 1 while connected. */
    public final AtomicCounter subscribers;
    /** Times the channel catalog was sent (at start and when a subscriber joins). */
    public final AtomicCounter catalogsSent;
    /** The record number of the last record published. */
    public final AtomicCounter lastNumber;
    /** The record number saved for a restart (served to the subscribers). */
    public final AtomicCounter savedNumber;

    public FanoutCounters(CountersManager manager) {
        records = manager.newCounter("records-published", TYPE_ID);
        messages = manager.newCounter("messages-published", TYPE_ID);
        bytes = manager.newCounter("bytes-published", TYPE_ID);
        excerpts = manager.newCounter("excerpts-published", TYPE_ID);
        lagExcerpts = manager.newCounter("lag-excerpts", TYPE_ID);
        backPressureEvents = manager.newCounter("back-pressure-events", TYPE_ID);
        backPressureNanos = manager.newCounter("back-pressure-ns", TYPE_ID);
        notConnectedEvents = manager.newCounter("not-connected-events", TYPE_ID);
        adminActions = manager.newCounter("admin-actions", TYPE_ID);
        subscribers = manager.newCounter("subscribers-connected", TYPE_ID);
        catalogsSent = manager.newCounter("catalogs-sent", TYPE_ID);
        lastNumber = manager.newCounter("last-record-number", TYPE_ID);
        savedNumber = manager.newCounter("saved-record-number", TYPE_ID);
    }
}
