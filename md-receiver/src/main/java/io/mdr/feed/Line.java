package io.mdr.feed;

/** The two redundant lines of a feed channel. */
public final class Line {
    public static final int A = 0;
    public static final int B = 1;
    public static final int COUNT = 2;

    private Line() {
    }

    /** "A" or "B". */
    public static String name(int line) {
        return line == A ? "A" : "B";
    }
}
