package io.mdr.replay.gen;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * How a generated session goes on the wire: MoldUDP64 framing, the two lines' addresses, pacing and impairments.
 * Start from {@link #defaults()} or {@link #builder()}.
 *
 * @param session            MoldUDP64 session, at most 10 printable ASCII characters (padded with spaces)
 * @param firstSequence      sequence number of the first message, at least 1
 * @param mtu                IP MTU: a packet's UDP payload is at most {@code mtu - 28} bytes
 * @param messagesPerPacket  most messages in a packet, 1 to 65534, or 0 for as many as fit the MTU
 * @param packetsPerSecond   average packet rate of each line
 * @param burstPackets       packets sent back to back at 10 Gb/s line rate before a pause that keeps the average
 *                           rate; 1 spaces every packet evenly
 * @param lineBDelayNanos    how far line B's copy of a packet trails line A's
 * @param midnightEpochNanos Unix time of the session's midnight, in nanoseconds: a packet whose pacing slot is
 *                           {@code t} ns after the midnight of ITCH's timestamps is stamped {@code midnight + t};
 *                           the first slot is the generator's start timestamp
 * @param groupA             destination of line A
 * @param groupB             destination of line B
 * @param source             source address and port of both lines
 * @param vlanId             802.1Q VLAN id of the frames, 0 to 4095, or {@link #NO_VLAN}
 * @param impairments        what goes wrong on the lines
 */
public record FeedSettings(
        String session,
        long firstSequence,
        int mtu,
        int messagesPerPacket,
        long packetsPerSecond,
        int burstPackets,
        long lineBDelayNanos,
        long midnightEpochNanos,
        UdpEndpoint groupA,
        UdpEndpoint groupB,
        UdpEndpoint source,
        int vlanId,
        FeedImpairments impairments) {

    public static final String DEFAULT_SESSION = "MDGEN00001";
    public static final long DEFAULT_FIRST_SEQUENCE = 1;
    public static final int DEFAULT_MTU = 1500;
    /** 0: as many messages as fit the MTU. */
    public static final int AS_MANY_AS_FIT = 0;
    public static final long DEFAULT_PACKETS_PER_SECOND = 100_000;
    public static final long DEFAULT_LINE_B_DELAY_NANOS = 2_000;
    /** Midnight of Thursday 2 January 2025 in New York (EST, UTC-5), in nanoseconds since the epoch. */
    public static final long DEFAULT_MIDNIGHT_EPOCH_NANOS =
            LocalDate.of(2025, 1, 2).atStartOfDay(ZoneId.of("America/New_York")).toEpochSecond() * 1_000_000_000L;
    public static final UdpEndpoint DEFAULT_GROUP_A = UdpEndpoint.parse("233.54.12.111:26477");
    public static final UdpEndpoint DEFAULT_GROUP_B = UdpEndpoint.parse("233.54.12.112:26477");
    public static final UdpEndpoint DEFAULT_SOURCE = UdpEndpoint.parse("10.1.1.1:49653");
    /** {@link #vlanId()} of untagged frames. */
    public static final int NO_VLAN = -1;
    public static final int MAX_VLAN_ID = 4095;
    /** IPv4 and UDP headers, which the MTU covers along with the MoldUDP64 packet. */
    public static final int IP_UDP_HEADERS = 28;
    /** Smallest MTU accepted: room for the MoldUDP64 header and one block of the longest ITCH message. */
    public static final int MIN_MTU = IP_UDP_HEADERS + 20 + 2 + io.mdr.itch.ItchMessageType.MAX_LENGTH;
    /** Largest MTU accepted: an IPv4 datagram's 16-bit total length. */
    public static final int MAX_MTU = 0xFFFF;
    /** MoldUDP64 count 0xFFFF means end of session, so a packet carries at most 0xFFFE messages. */
    public static final int MAX_MESSAGES_PER_PACKET = 0xFFFE;

    public FeedSettings {
        byte[] ascii = session.getBytes(StandardCharsets.US_ASCII);
        if (ascii.length > 10 || !session.chars().allMatch(c -> c >= 0x20 && c < 0x7F)) {
            throw new IllegalArgumentException("session must be at most 10 printable ASCII characters: '" + session + "'");
        }
        if (firstSequence < 1) {
            throw new IllegalArgumentException("firstSequence must be at least 1: " + firstSequence);
        }
        if (mtu < MIN_MTU || mtu > MAX_MTU) {
            throw new IllegalArgumentException("mtu must be " + MIN_MTU + ".." + MAX_MTU + ": " + mtu);
        }
        if (messagesPerPacket < 0 || messagesPerPacket > MAX_MESSAGES_PER_PACKET) {
            throw new IllegalArgumentException("messagesPerPacket must be 1.." + MAX_MESSAGES_PER_PACKET
                    + ", or 0 for as many as fit: " + messagesPerPacket);
        }
        if (packetsPerSecond < 1 || packetsPerSecond > 1_000_000_000L) {
            throw new IllegalArgumentException("packetsPerSecond must be 1..1000000000: " + packetsPerSecond);
        }
        if (burstPackets < 1) {
            throw new IllegalArgumentException("burstPackets must be at least 1: " + burstPackets);
        }
        if (lineBDelayNanos < 0) {
            throw new IllegalArgumentException("lineBDelayNanos must not be negative: " + lineBDelayNanos);
        }
        if (midnightEpochNanos < 0) {
            throw new IllegalArgumentException("midnightEpochNanos must not be negative: " + midnightEpochNanos);
        }
        if (groupA == null || groupB == null || source == null) {
            throw new IllegalArgumentException("groupA, groupB and source are required");
        }
        if (vlanId != NO_VLAN && (vlanId < 0 || vlanId > MAX_VLAN_ID)) {
            throw new IllegalArgumentException("vlanId must be 0.." + MAX_VLAN_ID + " or " + NO_VLAN + ": " + vlanId);
        }
        if (impairments == null) {
            throw new IllegalArgumentException("impairments are required (FeedImpairments.NONE for none)");
        }
    }

    /** Session MDGEN00001 from sequence 1, MTU 1500, 100,000 packets/s evenly, B 2 µs behind A, no VLAN. */
    public static FeedSettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .session(session)
                .firstSequence(firstSequence)
                .mtu(mtu)
                .messagesPerPacket(messagesPerPacket)
                .packetsPerSecond(packetsPerSecond)
                .burstPackets(burstPackets)
                .lineBDelayNanos(lineBDelayNanos)
                .midnightEpochNanos(midnightEpochNanos)
                .groupA(groupA)
                .groupB(groupB)
                .source(source)
                .vlanId(vlanId)
                .impairments(impairments);
    }

    /** The largest MoldUDP64 packet (UDP payload) the MTU allows. */
    public int maxPayloadLength() {
        return mtu - IP_UDP_HEADERS;
    }

    public boolean hasVlan() {
        return vlanId != NO_VLAN;
    }

    /** Collects settings; every one starts at its default. */
    public static final class Builder {
        private String session = DEFAULT_SESSION;
        private long firstSequence = DEFAULT_FIRST_SEQUENCE;
        private int mtu = DEFAULT_MTU;
        private int messagesPerPacket = AS_MANY_AS_FIT;
        private long packetsPerSecond = DEFAULT_PACKETS_PER_SECOND;
        private int burstPackets = 1;
        private long lineBDelayNanos = DEFAULT_LINE_B_DELAY_NANOS;
        private long midnightEpochNanos = DEFAULT_MIDNIGHT_EPOCH_NANOS;
        private UdpEndpoint groupA = DEFAULT_GROUP_A;
        private UdpEndpoint groupB = DEFAULT_GROUP_B;
        private UdpEndpoint source = DEFAULT_SOURCE;
        private int vlanId = NO_VLAN;
        private FeedImpairments impairments = FeedImpairments.NONE;

        private Builder() {
        }

        public Builder session(String session) {
            this.session = session;
            return this;
        }

        public Builder firstSequence(long firstSequence) {
            this.firstSequence = firstSequence;
            return this;
        }

        public Builder mtu(int mtu) {
            this.mtu = mtu;
            return this;
        }

        public Builder messagesPerPacket(int messagesPerPacket) {
            this.messagesPerPacket = messagesPerPacket;
            return this;
        }

        public Builder packetsPerSecond(long packetsPerSecond) {
            this.packetsPerSecond = packetsPerSecond;
            return this;
        }

        public Builder burstPackets(int burstPackets) {
            this.burstPackets = burstPackets;
            return this;
        }

        public Builder lineBDelayNanos(long lineBDelayNanos) {
            this.lineBDelayNanos = lineBDelayNanos;
            return this;
        }

        public Builder midnightEpochNanos(long midnightEpochNanos) {
            this.midnightEpochNanos = midnightEpochNanos;
            return this;
        }

        public Builder groupA(UdpEndpoint groupA) {
            this.groupA = groupA;
            return this;
        }

        public Builder groupB(UdpEndpoint groupB) {
            this.groupB = groupB;
            return this;
        }

        public Builder source(UdpEndpoint source) {
            this.source = source;
            return this;
        }

        /** An 802.1Q VLAN id, or {@link #NO_VLAN}. */
        public Builder vlanId(int vlanId) {
            this.vlanId = vlanId;
            return this;
        }

        public Builder impairments(FeedImpairments impairments) {
            this.impairments = impairments;
            return this;
        }

        public FeedSettings build() {
            return new FeedSettings(session, firstSequence, mtu, messagesPerPacket, packetsPerSecond, burstPackets,
                    lineBDelayNanos, midnightEpochNanos, groupA, groupB, source, vlanId, impairments);
        }
    }
}
