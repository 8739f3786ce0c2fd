package io.mdr.feed;

/**
 * Where a message came from: one of the two redundant multicast lines of a feed channel, or the exchange's
 * retransmission (request) server. {@link #COUNT} counts the multicast lines only.
 */
public final class Line {
    public static final int A = 0;
    public static final int B = 1;
    /** Multicast lines a channel can have (A and B). */
    public static final int COUNT = 2;
    /** Not a multicast line: the message was recovered from the MoldUDP64 request server after a hole. */
    public static final int RECOVERY = 2;

    private Line() {
    }

    /** "A", "B", or "R" for {@link #RECOVERY}. */
    public static String name(int line) {
        return switch (line) {
            case A -> "A";
            case B -> "B";
            case RECOVERY -> "R";
            default -> "?" + line;
        };
    }
}
