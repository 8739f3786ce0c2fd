/**
 * Capture files in and out: the start of the replay flow and the end of a synthetic feed's.
 *
 * <p>{@link io.mdr.replay.capture.CaptureReader} maps a pcap or pcapng file into one read-only
 * {@link java.lang.foreign.MemorySegment} and walks it with a cursor: each packet is an offset into that
 * mapping plus its lengths and a nanosecond timestamp, so a replay loop can pace by capture time and copy
 * frames straight from the page cache into mbufs without a heap copy or a per-packet allocation. Offsets are
 * {@code long}, so captures larger than 2 GiB work. A damaged file fails with a
 * {@link io.mdr.replay.capture.CaptureFormatException} naming the file, the byte offset of the bad record and
 * what was wrong, rather than ending the replay early without a word.
 *
 * <p>{@link io.mdr.replay.capture.PcapWriter} writes nanosecond pcap files (Ethernet), e.g. the frames of the
 * synthetic ITCH generator, for {@code net_pcap}, {@code tcpreplay} or {@code tshark}.
 */
package io.mdr.replay.capture;
