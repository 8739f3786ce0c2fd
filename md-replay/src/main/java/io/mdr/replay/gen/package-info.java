/**
 * Synthetic NASDAQ TotalView-ITCH 5.0 feeds, for testing and benchmarking the receiver without a market.
 *
 * <p>{@link io.mdr.replay.gen.ItchSessionGenerator} writes a session one message at a time, deterministic from a
 * seed and consistent enough to rebuild order books from: opening System Events, Stock Directory and Trading
 * Action messages, an order flow over live orders (adds, executions, cancels, deletes, replaces, trades), closing
 * System Events. {@link io.mdr.replay.gen.FeedPcapWriter} packs that session into MoldUDP64 packets, frames them
 * for an A/B multicast pair, applies {@link io.mdr.replay.gen.FeedImpairments} per line (loss, common loss, loss
 * bursts, duplicates, reordering) and writes nanosecond pcaps: one per line and/or one merged as a single port
 * sees both. Its {@link io.mdr.replay.gen.FeedReport} says exactly which sequence ranges no line carries, the gaps
 * a receiver must report, so that a test can compare the receiver's view with the truth. The pcaps feed DPDK's
 * {@code net_pcap} virtual port, {@code tcpreplay} or the replay tool. {@link io.mdr.replay.gen.GeneratorMain} is
 * the command line.
 *
 * <p>Generation allocates nothing per message; the per-packet framing and pcap writing reuse
 * {@code io.mdr.replay.packet} and {@code io.mdr.replay.capture}.
 */
package io.mdr.replay.gen;
