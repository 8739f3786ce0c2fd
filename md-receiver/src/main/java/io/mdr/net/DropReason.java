package io.mdr.net;

/**
 * Why a frame, packet or message was not accepted. Each reason is its own counter.
 */
public enum DropReason {
    /** Shorter than an Ethernet header (or its VLAN tags). */
    ETHERNET_TRUNCATED("eth-truncated"),
    /** More than two 802.1Q/802.1ad tags. */
    VLAN_TOO_DEEP("vlan-too-deep"),
    /** Not IPv4 (ARP, IPv6, LLDP, ...). */
    NOT_IPV4("not-ipv4"),
    /** IPv4 header shorter than 20 bytes, a version other than 4, or an IHL beyond the frame. */
    IP_BAD_HEADER("ip-bad-header"),
    /** IPv4 total length smaller than its header or larger than the frame. */
    IP_BAD_LENGTH("ip-bad-length"),
    /** An IPv4 fragment: market data never arrives fragmented, and reassembly has no place on the hot path. */
    IP_FRAGMENT("ip-fragment"),
    /** IPv4 but not UDP (TCP, ICMP, IGMP, ...). */
    NOT_UDP("not-udp"),
    /** UDP length below 8 or beyond the IPv4 payload. */
    UDP_BAD_LENGTH("udp-bad-length"),
    /** No channel listens on this destination group:port (or the source is filtered). */
    UNKNOWN_DESTINATION("unknown-destination"),
    /** Automatic channels only: a new stream beyond the limit of channels (garbage would otherwise grow the table). */
    TOO_MANY_CHANNELS("too-many-channels"),
    /** UDP payload shorter than the 20-byte MoldUDP64 header. */
    MOLD_TRUNCATED("mold-truncated"),
    /** A message block with length 0, a block that runs past the packet, or bytes after the last block. */
    MOLD_BAD_BLOCK("mold-bad-block"),
    /** The message count disagrees with the blocks in the packet. */
    MOLD_BAD_COUNT("mold-bad-count"),
    /** A packet whose session is not the channel's configured session. */
    WRONG_SESSION("wrong-session"),
    /** The reorder buffer was full: a packet ahead of a hole could not be kept. */
    REORDER_OVERFLOW("reorder-overflow"),
    /** More segments than one: jumbo frames split across mbufs are not parsed. */
    MULTI_SEGMENT("multi-segment"),
    /** A retransmission answer that is not a valid MoldUDP64 packet with messages (truncated, bad blocks or count). */
    ANSWER_MALFORMED("answer-malformed"),
    /** A retransmission answer for a session no request was made for. */
    ANSWER_WRONG_SESSION("answer-wrong-session"),
    /** A retransmission answer for a range never asked for (or not starting where the request did). */
    ANSWER_NOT_REQUESTED("answer-not-requested");

    private final String label;

    DropReason(String label) {
        this.label = label;
    }

    /** Short name used in stats lines and counter labels. */
    public String label() {
        return label;
    }

    private static final DropReason[] VALUES = values();

    /** All reasons, without the copy that {@code values()} makes. */
    public static DropReason byOrdinal(int ordinal) {
        return VALUES[ordinal];
    }

    /** Number of reasons. */
    public static int count() {
        return VALUES.length;
    }
}
