package io.mdr.replay.request;

import io.mdr.mold.MoldUdp64Packet;
import io.mdr.net.UdpFrame;
import io.mdr.replay.capture.CaptureReader;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Every MoldUDP64 session of one or more captures, indexed for retransmission: each session's messages by sequence
 * number, read in place from the mapped files (which stay mapped until {@link #close()}). Frames that are not
 * MoldUDP64 packets with messages (other traffic, heartbeats, end of session, anything malformed) are skipped;
 * a sequence captured more than once (A and B lines, duplicates) is served from its first copy.
 */
public final class CaptureMessageStore implements AutoCloseable {
    private final List<CaptureReader> readers = new ArrayList<>();
    private final List<SessionStore> sessions = new ArrayList<>();
    private long frames;
    private long skipped;

    private CaptureMessageStore() {
    }

    /**
     * Reads the captures.
     *
     * @param progress told the bytes read so far now and then (for a progress line), or null
     * @throws IOException if a capture cannot be opened or is not a valid pcap/pcapng file
     */
    public static CaptureMessageStore load(List<Path> captures, LongConsumer progress) throws IOException {
        CaptureMessageStore store = new CaptureMessageStore();
        try {
            for (Path capture : captures) {
                store.read(capture, progress);
            }
            MemorySegment[] segments = store.readers.stream().map(CaptureReader::segment).toArray(MemorySegment[]::new);
            for (SessionStore session : store.sessions) {
                session.seal(segments);
            }
            return store;
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
    }

    private void read(Path capture, LongConsumer progress) throws IOException {
        CaptureReader reader = CaptureReader.open(capture);
        readers.add(reader);
        int file = readers.size() - 1;
        UnsafeBuffer frame = new UnsafeBuffer(0, 0);
        UdpFrame udp = new UdpFrame();
        MoldUdp64Packet mold = new MoldUdp64Packet();
        long base = reader.segment().address();
        SessionStore last = null;
        while (reader.next()) {
            frames++;
            if (progress != null && (frames & 0xFFFF) == 0) {
                progress.accept(reader.position());
            }
            frame.wrap(reader.packetAddress(), reader.capturedLength());
            if (udp.parse(frame, 0, reader.capturedLength()) != null
                    || mold.wrap(frame, udp.payloadOffset(), udp.payloadLength()) != null || mold.messages() == 0) {
                skipped++;
                continue;
            }
            long high = mold.sessionHigh();
            int low = mold.sessionLow();
            if (last == null || !last.is(high, low)) {
                last = session(high, low, mold.session());
            }
            last.add(mold.sequenceNumber(), mold.messages(), file, reader.packetAddress() - base + mold.firstBlockOffset());
        }
    }

    private SessionStore session(long high, int low, String name) {
        for (SessionStore session : sessions) {
            if (session.is(high, low)) {
                return session;
            }
        }
        SessionStore session = new SessionStore(name, high, low);
        sessions.add(session);
        return session;
    }

    /** The store of a session, or null when the captures have none of it. */
    SessionStore session(long high, int low) {
        for (SessionStore session : sessions) {
            if (session.is(high, low)) {
                return session;
            }
        }
        return null;
    }

    /** Frames read, over every capture. */
    public long frames() {
        return frames;
    }

    /** For people: one line per session (sequences, messages, holes the captures have). */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (SessionStore session : sessions) {
            sb.append(String.format("session %s: sequences %,d..%,d, %,d messages, %d hole(s) in the captures%n",
                    session.session().strip(), session.firstSequence(), session.lastSequence(), session.messages(),
                    session.holes()));
        }
        if (sessions.isEmpty()) {
            sb.append("no MoldUDP64 message in the captures\n");
        }
        return sb.toString();
    }

    /** Sessions found. */
    public int sessions() {
        return sessions.size();
    }

    @Override
    public void close() {
        for (CaptureReader reader : readers) {
            reader.close();
        }
        readers.clear();
    }
}
