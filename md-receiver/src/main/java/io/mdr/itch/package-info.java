/**
 * NASDAQ TotalView-ITCH 5.0 messages as flyweights, in the style of Agrona and SBE.
 * <p>
 * The receiver parses each MoldUDP64 packet in place in DPDK mbuf memory: for every message block (2-byte length,
 * then the message) it reads the type byte, checks the block length against {@link io.mdr.itch.ItchMessageType#length},
 * and hands the message to the decoder that {@link io.mdr.itch.ItchDecoders} holds for that type, wrapped over
 * the same memory. The journal consumer wraps the same decoders over journal excerpts. Decoders and encoders
 * allocate nothing and read or write fields at fixed big-endian offsets; their {@code String} accessors and
 * {@link io.mdr.itch.ItchJsonWriter} are for tools, not the hot path. The encoders serve the synthetic feed
 * generator and the tests.
 */
package io.mdr.itch;
