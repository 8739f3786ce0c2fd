package io.mdr.recovery;

import io.mdr.feed.Channel;
import io.mdr.feed.ChannelRouter;
import io.mdr.feed.RecoveryAnswers;
import io.mdr.feed.RecoveryRequests;
import io.mdr.mold.MoldUdp64Packet;
import org.agrona.BitUtil;
import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

/**
 * The two lock-free rings between the polling thread and the recovery thread (Agrona {@link OneToOneRingBuffer}s,
 * one writer and one reader each): requests and cancellations go out, answers from the retransmission server and
 * ranges given up come back. The polling thread's side ({@link #request}, {@link #cancel}, {@link #poll}) writes
 * and reads the rings' memory in place: no lock, no system call, no allocation, and it never waits (a full ring
 * makes a request fail, to be made again at the next poll).
 *
 * <pre>
 * out  REQUEST, CANCEL : channelId i32 | sessionLow i32 | sessionHigh i64 | from i64 | to i64 (exclusive)
 * back ANSWER          : channelId i32 | pad i32 | rxNanos i64 | MoldUDP64 packet as the server sent it
 *      GIVE_UP         : channelId i32 | sessionLow i32 | sessionHigh i64 | from i64 | to i64 (exclusive)
 * </pre>
 */
public final class RecoveryRings implements RecoveryRequests, RecoveryAnswers {
    static final int REQUEST = 1;
    static final int CANCEL = 2;
    static final int ANSWER = 1;
    static final int GIVE_UP = 2;

    static final int CHANNEL_OFFSET = 0;
    static final int SESSION_LOW_OFFSET = 4;
    static final int SESSION_HIGH_OFFSET = 8;
    static final int FROM_OFFSET = 16;
    static final int TO_OFFSET = 24;
    static final int RANGE_LENGTH = 32;
    static final int RX_NANOS_OFFSET = 8;
    static final int PACKET_OFFSET = 16;

    /** Requests ring: 64 KiB, about 1,500 requests. */
    private static final int REQUESTS_CAPACITY = 64 * 1024;
    /** Answers ring: 4 MiB, room for many full-size datagrams while the polling thread is busy. */
    private static final int ANSWERS_CAPACITY = 4 * 1024 * 1024;

    private final RecoveryServers servers;
    private final RingBuffer requests;
    private final RingBuffer answers;
    private final MoldUdp64Packet answer = new MoldUdp64Packet();
    private final MessageHandler answerHandler = this::onAnswer;
    private ChannelRouter router;
    private long nowNanos;

    public RecoveryRings(RecoveryServers servers) {
        this.servers = servers;
        this.requests = ring(REQUESTS_CAPACITY);
        this.answers = ring(ANSWERS_CAPACITY);
    }

    private static RingBuffer ring(int capacity) {
        return new OneToOneRingBuffer(new UnsafeBuffer(
                BufferUtil.allocateDirectAligned(capacity + RingBufferDescriptor.TRAILER_LENGTH, BitUtil.CACHE_LINE_LENGTH)));
    }

    public RecoveryServers servers() {
        return servers;
    }

    // ------------------------------------------------------------------------------------------ polling thread

    @Override
    public boolean recovers(int channelId) {
        return servers.any(channelId);
    }

    @Override
    public boolean request(Channel channel, long from, long to) {
        return writeRange(requests, REQUEST, channel.id(), channel.sessionHigh(), channel.sessionLow(), from, to);
    }

    @Override
    public void cancel(Channel channel, long from, long to) {
        writeRange(requests, CANCEL, channel.id(), channel.sessionHigh(), channel.sessionLow(), from, to);
    }

    @Override
    public int poll(ChannelRouter router, long nowNanos) {
        this.router = router;
        this.nowNanos = nowNanos;
        return answers.read(answerHandler, 64);
    }

    private void onAnswer(int type, MutableDirectBuffer buffer, int index, int length) {
        int channelId = buffer.getInt(index + CHANNEL_OFFSET);
        if (type == ANSWER) {
            if (answer.wrap(buffer, index + PACKET_OFFSET, length - PACKET_OFFSET) == null) {
                router.onRecovered(channelId, answer, buffer.getLong(index + RX_NANOS_OFFSET), nowNanos);
            }
        } else if (type == GIVE_UP) {
            router.onRecoveryFailed(channelId, buffer.getLong(index + SESSION_HIGH_OFFSET),
                    buffer.getInt(index + SESSION_LOW_OFFSET), buffer.getLong(index + FROM_OFFSET),
                    buffer.getLong(index + TO_OFFSET), nowNanos);
        }
    }

    // ------------------------------------------------------------------------------------------ recovery thread

    /** Reads up to {@code limit} requests and cancellations. */
    int readRequests(MessageHandler handler, int limit) {
        return requests.read(handler, limit);
    }

    /** Passes an accepted answer back; false when the ring has no room now. */
    boolean offerAnswer(int channelId, long rxNanos, DirectBuffer packet, int offset, int length) {
        int index = answers.tryClaim(ANSWER, PACKET_OFFSET + length);
        if (index < 0) {
            return false;
        }
        MutableDirectBuffer buffer = answers.buffer();
        buffer.putInt(index + CHANNEL_OFFSET, channelId);
        buffer.putInt(index + SESSION_LOW_OFFSET, 0);
        buffer.putLong(index + RX_NANOS_OFFSET, rxNanos);
        buffer.putBytes(index + PACKET_OFFSET, packet, offset, length);
        answers.commit(index);
        return true;
    }

    /** Passes a range given up back; false when the ring has no room now. */
    boolean offerGiveUp(int channelId, long sessionHigh, int sessionLow, long from, long to) {
        return writeRange(answers, GIVE_UP, channelId, sessionHigh, sessionLow, from, to);
    }

    /** Bytes free in the answers ring (the recovery thread, its only writer, sees it only grow). */
    int answersFree() {
        return answers.capacity() - answers.size();
    }

    /** The largest answer the ring takes. */
    int maxAnswerLength() {
        return answers.maxMsgLength() - PACKET_OFFSET;
    }

    private static boolean writeRange(RingBuffer ring, int type, int channelId, long sessionHigh, int sessionLow,
                                      long from, long to) {
        int index = ring.tryClaim(type, RANGE_LENGTH);
        if (index < 0) {
            return false;
        }
        MutableDirectBuffer buffer = ring.buffer();
        buffer.putInt(index + CHANNEL_OFFSET, channelId);
        buffer.putInt(index + SESSION_LOW_OFFSET, sessionLow);
        buffer.putLong(index + SESSION_HIGH_OFFSET, sessionHigh);
        buffer.putLong(index + FROM_OFFSET, from);
        buffer.putLong(index + TO_OFFSET, to);
        ring.commit(index);
        return true;
    }
}
