package io.mdr.receiver;

import io.mdr.journal.JournalWriter;
import io.mdr.metrics.ReceiverCounters;
import io.mdr.net.DropReason;
import io.mdr.net.UdpFrame;
import io.mdr.port.PacketSink;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The journal's floor ({@code receiver.mode=journal-raw}): each packet's UDP payload appended unparsed to the journal,
 * with its rx timestamp, and nothing else: no MoldUDP64 or ITCH parse, no arbitration, no handler. The polling loop
 * commits once per burst, as the full pipeline does, so that the two differ only by what the pipeline adds. A frame
 * that is not UDP over IPv4 is a counted drop with its reason.
 */
public final class RawJournalSink implements PacketSink {
    private final JournalWriter journal;
    private final ReceiverCounters counters;
    private final UnsafeBuffer frame = new UnsafeBuffer(0, 0);
    private final UdpFrame udp = new UdpFrame();
    /** Taken since the counters were brought up to date: published once a burst, as the pipeline's are. */
    private long unpublishedPackets;
    private long unpublishedBytes;
    private long unpublishedRecords;

    public RawJournalSink(JournalWriter journal, ReceiverCounters counters) {
        if (journal == null) {
            throw new IllegalArgumentException("journal-raw needs a journal (journal.enabled=true)");
        }
        this.journal = journal;
        this.counters = counters;
    }

    @Override
    public void onFrame(long address, int length, long rxNanos) {
        unpublishedPackets++;
        unpublishedBytes += length;
        frame.wrap(address, length);
        DropReason reason = udp.parse(frame, 0, length);
        if (reason != null) {
            counters.drop(reason);
            return;
        }
        append(address + udp.payloadOffset(), udp.payloadLength(), rxNanos);
    }

    @Override
    public void onDatagram(long address, int length, int destinationAddress, int destinationPort, int sourceAddress,
                           long rxNanos) {
        unpublishedPackets++;
        unpublishedBytes += length;
        append(address, length, rxNanos);
    }

    @Override
    public void drop(DropReason reason) {
        unpublishedPackets++;
        counters.drop(reason);
    }

    /** The burst's records, committed together; then the counters brought up to date. */
    public void endOfBurst() {
        journal.commit();
        if (unpublishedPackets != 0) {
            counters.packets.getAndAddRelease(unpublishedPackets);
            counters.bytes.getAndAddRelease(unpublishedBytes);
            counters.journalRecords.getAndAddRelease(unpublishedRecords);
            unpublishedPackets = 0;
            unpublishedBytes = 0;
            unpublishedRecords = 0;
        }
    }

    private void append(long address, int length, long rxNanos) {
        journal.writeRaw(address, length, rxNanos);
        unpublishedRecords++;
    }
}
