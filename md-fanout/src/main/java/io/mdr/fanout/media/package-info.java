/**
 * Aeron around the fan-out and its subscribers: the media driver (external, or embedded in the process and
 * driven by its polling loop), the archive beside it, and the driver's counters for a stream (sender position,
 * receivers, subscribers) that the fan-out reports and saves its position by.
 */
package io.mdr.fanout.media;
