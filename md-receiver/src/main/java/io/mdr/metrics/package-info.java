/**
 * Live figures: Agrona counters in a memory-mapped file (read by {@code scripts/md-stat} from another
 * process without touching the hot path), the once-per-interval stats line, and HdrHistogram latency
 * recording with interval logs.
 */
package io.mdr.metrics;
