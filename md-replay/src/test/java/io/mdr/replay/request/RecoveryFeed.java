package io.mdr.replay.request;

import io.mdr.replay.gen.CapturedFeed;
import io.mdr.replay.gen.FeedImpairments;
import io.mdr.replay.gen.FeedOutputs;
import io.mdr.replay.gen.FeedPcapWriter;
import io.mdr.replay.gen.FeedReport;
import io.mdr.replay.gen.FeedSettings;
import io.mdr.replay.gen.GeneratorSettings;
import io.mdr.replay.gen.SequenceRange;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A generated ITCH session for recovery tests: the capture a receiver gets (impaired, line A alone or both lines
 * merged) and the full, unimpaired line A that the exchange's request server holds, with every message's bytes read
 * back from the full capture by an independent walk.
 *
 * @param lossy    what the receiver's port receives
 * @param full     every data packet of line A, unimpaired
 * @param report   the generator's account, with the ranges lost on both lines
 * @param messages message {@code s} at index {@code s - 1}
 */
public record RecoveryFeed(Path lossy, Path full, FeedReport report, List<byte[]> messages) {
    public static final String SESSION = FeedSettings.DEFAULT_SESSION;

    /** Writes the session into {@code dir}: {@code merged} = both lines in one capture, else line A alone. */
    public static RecoveryFeed write(Path dir, long messageCount, int perPacket, FeedImpairments impairments, boolean merged,
                                     long seed) throws IOException {
        Path lossy = dir.resolve(merged ? "ab-lossy.pcap" : "a-lossy.pcap");
        Path full = dir.resolve("full.pcap");
        FeedOutputs outputs = (merged ? FeedOutputs.merged(lossy) : new FeedOutputs(lossy, null, null)).withFull(full);
        FeedReport report = new FeedPcapWriter(
                GeneratorSettings.defaults().withMessageCount(messageCount).withSeed(seed),
                FeedSettings.builder().messagesPerPacket(perPacket).impairments(impairments).build())
                .write(outputs);
        List<byte[]> messages = new ArrayList<>();
        for (CapturedFeed.Packet packet : CapturedFeed.read(full)) {
            packet.forEachMessage((sequence, buffer, offset, length) -> {
                if (sequence != messages.size() + 1) {
                    throw new IllegalStateException("the full capture skips to " + sequence);
                }
                byte[] bytes = new byte[length];
                buffer.getBytes(offset, bytes);
                messages.add(bytes);
            });
        }
        if (messages.size() != report.messages()) {
            throw new IllegalStateException("the full capture holds " + messages.size() + " of " + report.messages());
        }
        return new RecoveryFeed(lossy, full, report, messages);
    }

    /** Ranges the receiver cannot get from either line. */
    public List<SequenceRange> lostOnBothLines() {
        return report.lostOnBothLines();
    }

    /** Messages in {@link #lostOnBothLines()}. */
    public long lostMessages() {
        return report.messagesLostOnBothLines();
    }
}
