/**
 * Order books built from the feed: {@link io.mdr.book.OrderBooks} keeps, for one ITCH 5.0 feed, a market-by-order
 * book per stock locate aggregated into price levels, in preallocated primitive tables (no allocation once built),
 * with top-of-book and price-level listeners and allocation-free queries. It runs in two places: on the receiver's
 * polling thread as its message handler ({@code receiver.handler = book}, {@code io.mdr.receiver.BookHandler}), and
 * in a strategy's own process from the journal ({@link io.mdr.book.JournalBookBuilder} under a
 * {@link io.mdr.journal.JournalTailer}), which is also how {@code scripts/md-book} reads it.
 */
package io.mdr.book;
