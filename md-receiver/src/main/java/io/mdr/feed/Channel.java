package io.mdr.feed;

import java.nio.charset.StandardCharsets;

/**
 * A feed channel: a name, a small id used in the journal, the lines it has, and its MoldUDP64 session
 * (configured, or learned from the first packet).
 */
public final class Channel {
    private final int id;
    private final String name;
    private final int lineCount;
    private final boolean sessionFixed;
    private long sessionHigh;
    private int sessionLow;
    private boolean sessionKnown;

    /**
     * @param session the 10-character session this channel accepts, or null to take the session it sees
     */
    public Channel(int id, String name, int lineCount, String session) {
        if (lineCount < 1 || lineCount > Line.COUNT) {
            throw new IllegalArgumentException("lineCount must be 1 or 2: " + lineCount);
        }
        this.id = id;
        this.name = name;
        this.lineCount = lineCount;
        this.sessionFixed = session != null;
        if (session != null) {
            byte[] bytes = padSession(session);
            setSession(bigEndianLong(bytes), ((bytes[8] & 0xFF) << 8) | (bytes[9] & 0xFF));
        }
    }

    public int id() {
        return id;
    }

    public String name() {
        return name;
    }

    /** 1 for a single line (A), 2 for A and B. */
    public int lineCount() {
        return lineCount;
    }

    /** True when the session was configured; packets of other sessions are then dropped. */
    public boolean sessionFixed() {
        return sessionFixed;
    }

    public boolean sessionKnown() {
        return sessionKnown;
    }

    public long sessionHigh() {
        return sessionHigh;
    }

    public int sessionLow() {
        return sessionLow;
    }

    boolean isSession(long high, int low) {
        return sessionKnown && sessionHigh == high && sessionLow == low;
    }

    void setSession(long high, int low) {
        sessionHigh = high;
        sessionLow = low;
        sessionKnown = true;
    }

    /** The session as its 10 ASCII characters (tools only). */
    public String session() {
        if (!sessionKnown) {
            return "";
        }
        byte[] bytes = new byte[10];
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (sessionHigh >>> (56 - 8 * i));
        }
        bytes[8] = (byte) (sessionLow >>> 8);
        bytes[9] = (byte) sessionLow;
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    /** The 10 session bytes of {@code session}: its ASCII, right-padded with spaces (or cut) as on the wire. */
    public static byte[] padSession(String session) {
        byte[] bytes = new byte[10];
        java.util.Arrays.fill(bytes, (byte) ' ');
        byte[] text = session.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, bytes, 0, Math.min(10, text.length));
        return bytes;
    }

    private static long bigEndianLong(byte[] b) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[i] & 0xFF);
        }
        return v;
    }

    @Override
    public String toString() {
        return name + "#" + id;
    }
}
