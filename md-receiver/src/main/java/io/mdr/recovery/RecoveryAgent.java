package io.mdr.recovery;

import io.mdr.metrics.ReceiverCounters;
import io.mdr.mold.MoldUdp64Packet;
import io.mdr.mold.MoldUdp64Request;
import io.mdr.net.DropReason;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayDeque;

/**
 * The recovery thread's work: asks MoldUDP64 request servers for the holes the arbiters report, through one kernel
 * UDP socket, and passes the answers back. It runs on a housekeeping CPU, never on the polling core; the polling
 * thread only touches the {@link RecoveryRings}.
 *
 * <p>Each hole is cut into jobs of as many messages as one answer is expected to hold, all asked for at once: a
 * server may answer fewer messages than asked (nassau's answers one datagram of at most 1400 bytes), and the agent
 * learns how many from the partial answers it gets, so that a hole of several answers costs one round trip, not one
 * per answer. A job has one request outstanding at a time, for the messages from its next missing sequence (at
 * most {@link RecoverySettings#messagesPerRequest()}). An answer that continues the job is passed back at once and
 * the rest of the job asked for straight away. A request unanswered after its timeout goes to the channel's next server, with a
 * timeout {@link RecoverySettings#backoff()} times longer; after {@link RecoverySettings#attempts()} unanswered
 * requests in a row the job is given up and the arbiter told which range it did not get. At most
 * {@link RecoverySettings#requestsInFlight()} jobs ask at once; the others wait in order.
 *
 * <p>Every datagram that comes back is checked before it is passed on: a MoldUDP64 packet with messages (else a
 * drop {@code answer-malformed}), of a session asked for ({@code answer-wrong-session}), starting at a job's next
 * missing sequence ({@code answer-not-requested}). An answer for what an earlier answer brought is counted as a
 * duplicate, one for a job given up or cancelled as late; neither is passed on. Answers for a session shared by two
 * channels (two automatic channels of one stream) go to both.
 */
public final class RecoveryAgent implements Agent {
    /** Jobs closed recently, remembered to tell a late or duplicate answer from one never asked for. */
    private static final int RECENT = 4096;
    private static final int RECEIVE_BUFFER_BYTES = 4 * 1024 * 1024;
    private static final int MAX_DATAGRAM = 65536;
    private static final int MAX_SHARING_CHANNELS = 8;

    private final RecoveryRings rings;
    private final RecoverySettings settings;
    private final ReceiverCounters counters;
    private final NanoClock clock;
    private final DatagramChannel socket;
    private final ByteBuffer tx = ByteBuffer.allocateDirect(MoldUdp64Request.LENGTH);
    private final UnsafeBuffer txView = new UnsafeBuffer(tx);
    private final ByteBuffer rx = ByteBuffer.allocateDirect(MAX_DATAGRAM);
    private final UnsafeBuffer rxView = new UnsafeBuffer(rx);
    private final MoldUdp64Packet answer = new MoldUdp64Packet();
    private final Job[] active;
    private int activeCount;
    private final ArrayDeque<Job> waiting = new ArrayDeque<>();
    private final ArrayDeque<Job> free = new ArrayDeque<>();
    private final Job[] recent = new Job[RECENT];
    private int recentNext;
    private final org.agrona.concurrent.MessageHandler requestHandler = this::onRequest;
    private long nowNanos;
    private volatile long lastSendNanos = Long.MIN_VALUE / 2;
    /** Messages the server's partial answers held, on average (0 until one was partial). */
    private double messagesPerAnswer;

    /**
     * Opens the socket, bound to {@code localAddress}, before the thread starts, so that a bad address fails start-up.
     *
     * @throws UncheckedIOException naming the address when the socket cannot be opened or bound
     */
    public RecoveryAgent(RecoveryRings rings, RecoverySettings settings, InetSocketAddress localAddress,
                         ReceiverCounters counters) {
        this(rings, settings, localAddress, counters, SystemNanoClock.INSTANCE);
    }

    RecoveryAgent(RecoveryRings rings, RecoverySettings settings, InetSocketAddress localAddress,
                  ReceiverCounters counters, NanoClock clock) {
        this.rings = rings;
        this.settings = settings;
        this.counters = counters;
        this.clock = clock;
        this.active = new Job[settings.requestsInFlight()];
        for (int i = 0; i < RECENT; i++) {
            recent[i] = new Job();
        }
        try {
            socket = DatagramChannel.open(StandardProtocolFamily.INET);
            try {
                socket.setOption(StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER_BYTES);
                socket.bind(localAddress);
                socket.configureBlocking(false);
            } catch (IOException | RuntimeException e) {
                socket.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(io.mdr.config.ConfigKeys.RECOVERY_LOCAL_ADDRESS + " " + localAddress + ": cannot open the recovery socket there: " + e.getMessage(), e);
        }
    }

    /** Where requests go out from (and answers come back to). */
    public InetSocketAddress localAddress() {
        try {
            return (InetSocketAddress) socket.getLocalAddress();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String roleName() {
        return "md-receiver-recovery";
    }

    @Override
    public int doWork() {
        nowNanos = clock.nanoTime();
        int work = rings.readRequests(requestHandler, 256);
        work += receive();
        work += checkTimeouts();
        work += startWaiting();
        return work;
    }

    /** Jobs asking now or waiting their turn. */
    public int jobs() {
        return activeCount + waiting.size();
    }

    /** The idle strategy this agent wants: yields while an answer is due, parks otherwise. */
    public org.agrona.concurrent.IdleStrategy idleStrategy() {
        return new RecoveryIdleStrategy(this);
    }

    /** Whether a request is outstanding that went out less than {@code withinNanos} ago. */
    boolean answerDue(long nowNanos, long withinNanos) {
        return activeCount > 0 && nowNanos - lastSendNanos < withinNanos;
    }

    @Override
    public void onClose() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing: nothing more to do with it
        }
    }

    // ------------------------------------------------------------------------------------------ requests in

    private void onRequest(int type, MutableDirectBuffer buffer, int index, int length) {
        int channelId = buffer.getInt(index + RecoveryRings.CHANNEL_OFFSET);
        int sessionLow = buffer.getInt(index + RecoveryRings.SESSION_LOW_OFFSET);
        long sessionHigh = buffer.getLong(index + RecoveryRings.SESSION_HIGH_OFFSET);
        long from = buffer.getLong(index + RecoveryRings.FROM_OFFSET);
        long to = buffer.getLong(index + RecoveryRings.TO_OFFSET);
        if (type == RecoveryRings.REQUEST) {
            InetSocketAddress[] servers = rings.servers().of(channelId);
            if (servers.length == 0 || from >= to) {
                Job job = job(channelId, sessionHigh, sessionLow, from, to, servers);
                job.giveUpPending = true;
                if (!giveUp(job)) {
                    waiting.addFirst(job);
                } else {
                    free.add(job);
                }
                return;
            }
            long chunk = chunkMessages();
            for (long start = from; start < to; start += chunk) {
                waiting.addLast(job(channelId, sessionHigh, sessionLow, start, Math.min(to, start + chunk), servers));
            }
        } else if (type == RecoveryRings.CANCEL) {
            cancel(channelId, sessionHigh, sessionLow, from, to);
        }
    }

    private Job job(int channelId, long sessionHigh, int sessionLow, long from, long to, InetSocketAddress[] servers) {
        Job job = free.isEmpty() ? new Job() : free.poll();
        job.start(channelId, sessionHigh, sessionLow, from, to, servers, settings.timeoutNanos());
        return job;
    }

    /** Messages a job asks for: what one answer holds, a little less to allow for longer messages. */
    long chunkMessages() {
        if (messagesPerAnswer <= 0) {
            return settings.messagesPerRequest();
        }
        return Math.max(1, Math.min(settings.messagesPerRequest(), (long) (messagesPerAnswer * 0.9)));
    }

    /** Stops asking for {@code [from, to)}: jobs inside it close, jobs that start in it move past it. */
    private void cancel(int channelId, long sessionHigh, int sessionLow, long from, long to) {
        for (int i = 0; i < activeCount; ) {
            Job job = active[i];
            if (job.is(channelId, sessionHigh, sessionLow) && trim(job, from, to)) {
                closeActive(i, false);
            } else {
                i++;
            }
        }
        for (int n = waiting.size(); n > 0; n--) {
            Job job = waiting.poll();
            if (job.is(channelId, sessionHigh, sessionLow) && !job.giveUpPending && trim(job, from, to)) {
                remember(job, false);
                free.add(job);
            } else {
                waiting.add(job);
            }
        }
    }

    /** @return true when nothing of the job is left to ask for */
    private static boolean trim(Job job, long from, long to) {
        if (from <= job.next && to > job.next) {
            job.next = Math.min(to, job.to);
        } else if (from > job.next && from < job.to && to >= job.to) {
            job.to = from;
        }
        return job.next >= job.to;
    }

    private int startWaiting() {
        int started = 0;
        while (activeCount < active.length && !waiting.isEmpty()) {
            Job job = waiting.peek();
            if (job.giveUpPending) {
                if (!giveUp(job)) {
                    break;
                }
                waiting.poll();
                free.add(job);
                continue;
            }
            waiting.poll();
            active[activeCount++] = job;
            send(job);
            started++;
        }
        return started;
    }

    // ------------------------------------------------------------------------------------------ requests out

    private void send(Job job) {
        int count = (int) Math.min(job.to - job.next, settings.messagesPerRequest());
        job.asked = count;
        MoldUdp64Request.encode(txView, 0, job.sessionHigh, job.sessionLow, job.next, count);
        tx.clear();
        try {
            socket.send(tx, job.servers[job.server]);
        } catch (IOException e) {
            // Unreachable now (no route, no buffer): the timeout asks again, of the next server.
        }
        counters.recoveryRequestsSent.incrementRelease();
        job.deadline = nowNanos + job.timeoutNanos;
        lastSendNanos = nowNanos;
    }

    private int checkTimeouts() {
        int work = 0;
        for (int i = 0; i < activeCount; ) {
            Job job = active[i];
            if (job.giveUpPending) {
                if (giveUp(job)) {
                    closeActive(i, false);
                    work++;
                    continue;
                }
            } else if (nowNanos - job.deadline >= 0) {
                counters.recoveryTimeouts.incrementRelease();
                work++;
                if (++job.unanswered >= settings.attempts()) {
                    job.giveUpPending = true;
                    if (giveUp(job)) {
                        closeActive(i, false);
                        continue;
                    }
                } else {
                    if (job.servers.length > 1) {
                        job.server = (job.server + 1) % job.servers.length;
                        counters.recoveryFailovers.incrementRelease();
                    }
                    job.timeoutNanos = (long) Math.min(job.timeoutNanos * settings.backoff(), Long.MAX_VALUE / 4.0);
                    send(job);
                }
            }
            i++;
        }
        return work;
    }

    private boolean giveUp(Job job) {
        return rings.offerGiveUp(job.channelId, job.sessionHigh, job.sessionLow, job.next, job.to);
    }

    private void closeActive(int i, boolean healed) {
        Job job = active[i];
        active[i] = active[--activeCount];
        active[activeCount] = null;
        remember(job, healed);
        free.add(job);
    }

    private void remember(Job job, boolean healed) {
        recent[recentNext].copy(job, healed);
        recentNext = (recentNext + 1) % RECENT;
    }

    // ------------------------------------------------------------------------------------------ answers in

    private int receive() {
        int received = 0;
        // Only while the ring can take an answer for every channel that may share its session: nothing is lost,
        // what the ring cannot take waits in the socket's buffer.
        while (received < 64 && rings.answersFree() >= MAX_SHARING_CHANNELS * (MAX_DATAGRAM + 64)) {
            rx.clear();
            SocketAddress from;
            try {
                from = socket.receive(rx);
            } catch (IOException e) {
                return received;
            }
            if (from == null) {
                break;
            }
            received++;
            onDatagram(rx.position());
        }
        return received;
    }

    private void onDatagram(int length) {
        if (answer.wrap(rxView, 0, length) != null || answer.messages() == 0) {
            counters.drop(DropReason.ANSWER_MALFORMED);
            return;
        }
        long high = answer.sessionHigh();
        int low = answer.sessionLow();
        long first = answer.sequenceNumber();
        long end = first + answer.messages();
        boolean session = false;
        boolean passed = false;
        boolean duplicate = false;
        for (int i = 0; i < activeCount; ) {
            Job job = active[i];
            if (job.sessionHigh != high || job.sessionLow != low) {
                i++;
                continue;
            }
            session = true;
            if (first <= job.next && end > job.next && !job.giveUpPending) {
                if (!rings.offerAnswer(job.channelId, nowNanos, rxView, 0, length)) {
                    i++;
                    continue;
                }
                if (first == job.next && answer.messages() < job.asked) {
                    // A partial answer: what the server's answers hold.
                    int n = answer.messages();
                    messagesPerAnswer = messagesPerAnswer <= 0 ? n : (messagesPerAnswer * 7 + n) / 8;
                }
                passed = true;
                job.next = Math.min(end, job.to);
                job.unanswered = 0;
                job.timeoutNanos = settings.timeoutNanos();
                if (job.next >= job.to) {
                    closeActive(i, true);
                    continue;
                }
                send(job);
            } else if (first >= job.from && end <= job.next) {
                duplicate = true;
            }
            i++;
        }
        if (passed) {
            counters.recoveryAnswers.incrementRelease();
            return;
        }
        if (duplicate) {
            counters.recoveryDuplicateAnswers.incrementRelease();
            return;
        }
        for (Job job : recent) {
            if (job.channelId >= 0 && job.sessionHigh == high && job.sessionLow == low) {
                session = true;
                if (first < job.to && end > job.from) {
                    if (job.healed) {
                        counters.recoveryDuplicateAnswers.incrementRelease();
                    } else {
                        counters.recoveryLateAnswers.incrementRelease();
                    }
                    return;
                }
            }
        }
        for (Job job : waiting) {
            if (job.sessionHigh == high && job.sessionLow == low) {
                session = true;
            }
        }
        counters.drop(session ? DropReason.ANSWER_NOT_REQUESTED : DropReason.ANSWER_WRONG_SESSION);
    }

    /** One hole being recovered: what is still missing, and where and when it was last asked for. */
    private static final class Job {
        int channelId = -1;
        long sessionHigh;
        int sessionLow;
        long from;
        long to;
        long next;
        InetSocketAddress[] servers;
        int server;
        int unanswered;
        int asked;
        long timeoutNanos;
        long deadline;
        boolean giveUpPending;
        boolean healed;

        void start(int channelId, long sessionHigh, int sessionLow, long from, long to, InetSocketAddress[] servers,
                   long timeoutNanos) {
            this.channelId = channelId;
            this.sessionHigh = sessionHigh;
            this.sessionLow = sessionLow;
            this.from = from;
            this.to = to;
            this.next = from;
            this.servers = servers;
            this.server = 0;
            this.unanswered = 0;
            this.timeoutNanos = timeoutNanos;
            this.giveUpPending = false;
            this.healed = false;
        }

        boolean is(int channelId, long sessionHigh, int sessionLow) {
            return this.channelId == channelId && this.sessionHigh == sessionHigh && this.sessionLow == sessionLow;
        }

        void copy(Job job, boolean healed) {
            channelId = job.channelId;
            sessionHigh = job.sessionHigh;
            sessionLow = job.sessionLow;
            from = job.from;
            to = job.to;
            this.healed = healed;
        }
    }
}
