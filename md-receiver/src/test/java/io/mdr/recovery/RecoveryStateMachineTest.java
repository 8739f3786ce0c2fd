package io.mdr.recovery;

import io.mdr.feed.ArbiterSettings;
import io.mdr.feed.Channel;
import io.mdr.feed.ChannelArbiter;
import io.mdr.feed.ChannelRouter;
import io.mdr.feed.FeedRecorder;
import io.mdr.feed.Line;
import io.mdr.metrics.ReceiverCounters;
import io.mdr.mold.MoldUdp64Packet;
import io.mdr.net.DropReason;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The recovery state machine end to end in one thread: the arbiter (polling side), the rings, the recovery agent
 * with its kernel UDP socket, and scripted request servers on 127.0.0.1, each stepped in turn. The agent's clock is
 * the test's: it moves 1 ms at each step where nothing happened (and the step then waits 0.2 ms for a datagram on
 * its way), so a timeout means that many idle steps, whatever the machine's load.
 * Every case of the specification: a timeout then a retry, a partial answer, fail-over, a server that never answers,
 * duplicate answers, another session's answer, a malformed answer, an answer never asked for, the budget
 * overflowing, a late join in both modes, resuming at a sequence, and a channel with no server.
 */
class RecoveryStateMachineTest {
    private static final String SESSION = "SESSION001";
    /** Short waits keep the suite fast; the behaviour is the same at any scale. */
    private static final long TIMEOUT_MS = 40;

    private final ReceiverCounters counters = ReceiverCounters.inMemory();
    private final FeedRecorder recorder = new FeedRecorder();
    private final MoldUdp64Packet packet = new MoldUdp64Packet();
    private final List<ScriptedRequestServer> servers = new ArrayList<>();
    private final long[] clock = {System.nanoTime()};
    private RecoveryRings rings;
    private RecoveryAgent agent;
    private ChannelRouter router;
    private ChannelArbiter arbiter;

    @AfterEach
    void close() throws IOException {
        if (agent != null) {
            agent.onClose();
        }
        for (ScriptedRequestServer server : servers) {
            server.close();
        }
    }

    private ScriptedRequestServer server() throws IOException {
        ScriptedRequestServer server = new ScriptedRequestServer(SESSION);
        servers.add(server);
        return server;
    }

    private void start(int lines, int attempts, long holdBytes, boolean lateJoinRecover, long maxLateJoin) throws IOException {
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (ScriptedRequestServer server : servers) {
            addresses.add(server.address());
        }
        rings = new RecoveryRings(new RecoveryServers(List.of(addresses), List.of()));
        agent = new RecoveryAgent(rings, new RecoverySettings(TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS), attempts, 1.0, 65534, 16),
                new InetSocketAddress("127.0.0.1", 0), counters, () -> clock[0]);
        ArbiterSettings settings = new ArbiterSettings(50_000, 5_000_000, holdBytes, lateJoinRecover, maxLateJoin);
        router = ChannelRouter.configured(settings, recorder, counters, rings);
        int[] groups = lines == 2 ? new int[] {0xE9360C6F, 0xE9360C70} : new int[] {0xE9360C6F};
        router.addChannel("itch", null, groups, lines == 2 ? new int[] {1, 1} : new int[] {1}, new int[lines]);
        arbiter = router.arbiters()[0];
    }

    private void start() throws IOException {
        start(1, 3, 1 << 20, false, 0);
    }

    private void send(int line, long first, int count) {
        send(line, SESSION, first, count);
    }

    private void send(int line, String session, long first, int count) {
        UnsafeBuffer buffer = ScriptedRequestServer.packet(session, first, count);
        assertNull(packet.wrap(buffer, 0, buffer.capacity()));
        arbiter.onPacket(line, packet, System.nanoTime());
    }

    /** One turn of everything: the arbiter's timers, the recovery thread, the servers, the answers back. */
    private void step() throws IOException {
        long now = System.nanoTime();
        router.poll(now);
        int work = agent.doWork();
        for (ScriptedRequestServer server : servers) {
            work += server.step();
        }
        work += agent.doWork();
        work += rings.poll(router, System.nanoTime());
        if (work == 0) {
            clock[0] += TimeUnit.MILLISECONDS.toNanos(1);
            LockSupport.parkNanos(200_000);
        }
    }

    private void runUntil(BooleanSupplier done, String what) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not done in 10 s: " + what + "; " + recorder + ", open holes " + arbiter.openHoles());
            }
            step();
            Thread.onSpinWait();
        }
    }

    /** Steps until the agent's clock has moved {@code millis}, so that anything that would still happen does. */
    private void settle(long millis) throws IOException {
        long until = clock[0] + TimeUnit.MILLISECONDS.toNanos(millis);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (clock[0] < until && System.nanoTime() < deadline) {
            step();
        }
    }

    private static List<Long> range(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }

    private void assertStreamWhole(long from, long to) {
        assertEquals(range(from, to), recorder.sequences);
        for (int i = 0; i < recorder.sequences.size(); i++) {
            assertEquals(ScriptedRequestServer.message(recorder.sequences.get(i)), recorder.firstBytes.get(i), "message bytes");
        }
    }

    // ------------------------------------------------------------------------------------------ healing

    @Test
    void aHoleOnBothLinesIsRequestedExactlyAndHealedInOrderAsRecovered() throws IOException {
        ScriptedRequestServer server = server();
        start(2, 3, 1 << 20, false, 0);
        send(Line.A, 1, 2);
        send(Line.B, 1, 2);
        send(Line.A, 7, 2);   // 3..6 lost on A
        send(Line.B, 7, 2);   // and on B
        send(Line.A, 9, 1);
        runUntil(() -> recorder.sequences.size() == 9, "healed");

        assertStreamWhole(1, 9);
        assertEquals(List.of(Line.A, Line.A, Line.RECOVERY, Line.RECOVERY, Line.RECOVERY, Line.RECOVERY, Line.A, Line.A, Line.A),
                recorder.lines);
        assertEquals(1, server.requests.size());
        assertEquals(List.of(3L, 4L), List.of(server.requests.get(0)[0], server.requests.get(0)[1]), "exactly 3..6");
        assertEquals(List.of(), recorder.gaps);
        assertEquals(4, counters.recoveredMessages.get());
        assertEquals(1, counters.recoveryHolesHealed.get());
        assertEquals(0, counters.recoveryHolesGivenUp.get());
        assertEquals(1, recorder.healed);
        assertEquals(0, counters.holesOpen.get());
    }

    @Test
    void holesAreRecoveredSideBySideAndOnlyWhatNeitherLineBroughtIsAskedFor() throws IOException {
        ScriptedRequestServer server = server();
        start(2, 3, 1 << 20, false, 0);
        send(Line.A, 1, 1);
        send(Line.A, 3, 1);   // A lost 2
        send(Line.A, 6, 1);   // and 4..5
        send(Line.B, 1, 1);
        send(Line.B, 2, 1);   // B brings 2
        send(Line.B, 5, 1);   // and 5, not 3..4
        send(Line.B, 6, 1);
        send(Line.A, 7, 1);
        send(Line.B, 7, 1);
        runUntil(() -> recorder.sequences.size() == 7, "healed");

        assertStreamWhole(1, 7);
        assertEquals(1, server.requests.size(), "only 4 was lost on both lines");
        assertEquals(4, server.requests.get(0)[0]);
        assertEquals(1, server.requests.get(0)[1]);
        assertEquals(Line.RECOVERY, recorder.lines.get(3));
        assertEquals(List.of(), recorder.gaps);
    }

    @Test
    void aTimeoutIsFollowedByARetryThatHeals() throws IOException {
        ScriptedRequestServer server = server().then(ScriptedRequestServer.SILENT);
        start();
        send(Line.A, 1, 1);
        send(Line.A, 4, 1);
        runUntil(() -> recorder.sequences.size() == 4, "healed after the retry");

        assertStreamWhole(1, 4);
        assertEquals(2, server.requests.size());
        assertEquals(server.requests.get(0)[0], server.requests.get(1)[0], "the same range asked again");
        assertEquals(1, counters.recoveryTimeouts.get());
        assertEquals(2, counters.recoveryRequestsSent.get());
        assertEquals(List.of(), recorder.gaps);
    }

    @Test
    void aPartialAnswerIsFollowedAtOnceByARequestForTheRest() throws IOException {
        ScriptedRequestServer server = server().otherwise(ScriptedRequestServer.messages(3));
        start();
        send(Line.A, 1, 1);
        send(Line.A, 12, 1);  // 2..11 lost
        runUntil(() -> recorder.sequences.size() == 12, "healed in parts");

        assertStreamWhole(1, 12);
        assertEquals(List.of(2L, 5L, 8L, 11L), server.requests.stream().map(r -> r[0]).toList());
        assertEquals(List.of(10L, 7L, 4L, 1L), server.requests.stream().map(r -> r[1]).toList());
        assertEquals(0, counters.recoveryTimeouts.get(), "no waiting between the parts");
        assertEquals(10, counters.recoveredMessages.get());
    }

    @Test
    void onceAnswersAreKnownToHoldFewerMessagesABigHoleIsAskedForInPartsAllAtOnce() throws IOException {
        ScriptedRequestServer server = server().otherwise(ScriptedRequestServer.messages(3));
        start();
        send(Line.A, 1, 1);
        send(Line.A, 12, 1);  // 2..11 lost: the server's answers turn out to hold 3 messages
        runUntil(() -> recorder.sequences.size() == 12, "first hole healed");
        server.requests.clear();
        send(Line.A, 30, 1);  // 13..29 lost: asked for in parts of 2 (3, less a margin), all at once
        runUntil(() -> recorder.sequences.size() == 30, "second hole healed");

        assertStreamWhole(1, 30);
        assertEquals(List.of(13L, 15L, 17L, 19L, 21L, 23L, 25L, 27L, 29L), server.requests.stream().map(r -> r[0]).toList());
        assertEquals(0, counters.recoveryTimeouts.get());
        assertEquals(2, counters.recoveryHolesHealed.get());
    }

    @Test
    void aPartOfAHoleNoServerHasIsAGapWithItsExactBoundsAndTheRestIsRecovered() throws IOException {
        ScriptedRequestServer server = server().otherwise(ScriptedRequestServer.withholding(3, 25, 27));
        start(1, 3, 1 << 20, false, 0);
        send(Line.A, 1, 1);
        send(Line.A, 12, 1);  // learns that answers hold 3
        runUntil(() -> recorder.sequences.size() == 12, "first hole healed");
        send(Line.A, 30, 1);  // 13..29 lost, asked for in parts of 2 (13, 15, ...); the server lacks 25..26
        runUntil(() -> recorder.sequences.size() == 28, "second hole partly healed");

        assertEquals(List.of("25-26"), recorder.gaps);
        List<Long> expected = new ArrayList<>(range(1, 24));
        expected.addAll(range(27, 30));
        assertEquals(expected, recorder.sequences);
        assertEquals(1, counters.recoveryHolesGivenUp.get());
        assertEquals(3, server.requests.stream().filter(r -> r[0] == 25).count(), "asked recovery.attempts times");
    }

    @Test
    void aServerThatStopsAnsweringFailsOverToTheNext() throws IOException {
        ScriptedRequestServer first = server().otherwise(ScriptedRequestServer.SILENT);
        ScriptedRequestServer second = server();
        start();
        send(Line.A, 1, 1);
        send(Line.A, 5, 1);
        runUntil(() -> recorder.sequences.size() == 5, "healed by the second server");

        assertStreamWhole(1, 5);
        assertEquals(1, first.requests.size());
        assertEquals(1, second.requests.size());
        assertEquals(1, counters.recoveryFailovers.get());
        assertEquals(List.of(), recorder.gaps);
    }

    // ------------------------------------------------------------------------------------------ giving up

    @Test
    void aServerThatNeverAnswersLeavesAGapWithExactBoundsAndLateAnswersAreIgnored() throws IOException {
        ScriptedRequestServer server = server().otherwise(ScriptedRequestServer.SILENT);
        start(1, 3, 1 << 20, false, 0);
        send(Line.A, 1, 2);
        send(Line.A, 7, 2);   // 3..6 lost
        send(Line.A, 9, 1);
        runUntil(() -> recorder.sequences.size() == 5, "given up");

        assertEquals(List.of("3-6"), recorder.gaps);
        assertEquals(List.of(1L, 2L, 7L, 8L, 9L), recorder.sequences);
        assertEquals(3, server.requests.size(), "recovery.attempts requests, then nothing more");
        assertEquals(1, counters.recoveryHolesGivenUp.get());
        assertEquals(0, counters.recoveryHolesHealed.get());
        assertEquals(1, counters.gaps.get());
        assertEquals(4, counters.gapMessages.get());

        server.answerUnasked(3, 4);
        settle(50);
        assertEquals(1, counters.recoveryLateAnswers.get());
        assertEquals(List.of(1L, 2L, 7L, 8L, 9L), recorder.sequences, "a late answer changes nothing");
        assertEquals(3, server.requests.size());
    }

    @Test
    void whatOnePartialAnswerBroughtIsKeptAndOnlyTheRestIsAGap() throws IOException {
        ScriptedRequestServer server = server().then(ScriptedRequestServer.messages(2)).otherwise(ScriptedRequestServer.SILENT);
        start(1, 2, 1 << 20, false, 0);
        send(Line.A, 1, 1);
        send(Line.A, 8, 1);   // 2..7 lost
        runUntil(() -> recorder.sequences.size() == 4, "partly recovered");

        assertEquals(List.of(1L, 2L, 3L, 8L), recorder.sequences);
        assertEquals(List.of("4-7"), recorder.gaps, "exactly what was not recovered");
        assertEquals(3, server.requests.size());
        assertEquals(2, counters.recoveredMessages.get());
    }

    @Test
    void aHeldBudgetThatOverflowsGivesTheOldestHoleUpAndCancelsItsRequests() throws IOException {
        ScriptedRequestServer server = server().otherwise(ScriptedRequestServer.SILENT);
        // Room for four held one-message packets (64 bytes each with the header).
        start(1, 1000, 4 * 64, false, 0);
        send(Line.A, 1, 1);
        send(Line.A, 3, 1);   // 2 lost
        runUntil(() -> server.requests.size() == 1, "requested");
        send(Line.A, 4, 1);
        send(Line.A, 5, 1);
        send(Line.A, 6, 1);
        send(Line.A, 7, 1);   // the fifth packet behind the hole: no room
        assertEquals(List.of("2-2"), recorder.gaps);
        assertEquals(List.of(1L, 3L, 4L, 5L, 6L, 7L), recorder.sequences);
        assertEquals(1, counters.recoveryHolesGivenUp.get());
        settle(4 * TIMEOUT_MS);
        assertEquals(1, server.requests.size(), "the job was cancelled: no retry");
        assertEquals(0, agent.jobs());

        server.answerUnasked(2, 1);
        settle(50);
        assertEquals(1, counters.recoveryLateAnswers.get());
        assertEquals(List.of(1L, 3L, 4L, 5L, 6L, 7L), recorder.sequences);
    }

    @Test
    void aChannelWithoutAServerGetsAGapOnceTheLinesHadTheirChance() throws IOException {
        start(1, 3, 1 << 20, false, 0);   // no server at all
        assertTrue(!arbiter.recovers());
        send(Line.A, 1, 1);
        send(Line.A, 3, 1);
        runUntil(() -> recorder.sequences.size() == 2, "gap");
        assertEquals(List.of("2-2"), recorder.gaps);
        assertEquals(0, counters.recoveryRequestsSent.get());
    }

    // ------------------------------------------------------------------------------------------ bad answers

    @Test
    void duplicateAnswersAreCountedAndEachMessageJournaledOnce() throws IOException {
        server().otherwise(ScriptedRequestServer.twice());
        start();
        send(Line.A, 1, 1);
        send(Line.A, 4, 1);
        runUntil(() -> recorder.sequences.size() == 4 && counters.recoveryDuplicateAnswers.get() == 1, "healed");
        settle(20);

        assertStreamWhole(1, 4);
        assertEquals(1, counters.recoveryDuplicateAnswers.get());
        assertEquals(1, counters.recoveryAnswers.get());
        assertEquals(2, counters.recoveredMessages.get());
    }

    @Test
    void anotherSessionsAnswerIsADropWithItsReason() throws IOException {
        server().then(ScriptedRequestServer.otherSessionFirst("OTHERSESS1"));
        start();
        send(Line.A, 1, 1);
        send(Line.A, 4, 1);
        runUntil(() -> recorder.sequences.size() == 4, "healed");

        assertStreamWhole(1, 4);
        assertEquals(1, counters.drops(DropReason.ANSWER_WRONG_SESSION));
        assertEquals(List.of(Line.A, Line.RECOVERY, Line.RECOVERY, Line.A), recorder.lines);
    }

    @Test
    void aMalformedAnswerIsADropWithItsReason() throws IOException {
        server().then(ScriptedRequestServer.malformedFirst());
        start();
        send(Line.A, 1, 1);
        send(Line.A, 4, 1);
        runUntil(() -> recorder.sequences.size() == 4, "healed");

        assertStreamWhole(1, 4);
        assertEquals(1, counters.drops(DropReason.ANSWER_MALFORMED));
    }

    @Test
    void anAnswerForARangeNeverAskedForIsADropWithItsReason() throws IOException {
        server().then(ScriptedRequestServer.notRequestedFirst(500));
        start();
        send(Line.A, 1, 1);
        send(Line.A, 4, 1);
        runUntil(() -> recorder.sequences.size() == 4, "healed");

        assertStreamWhole(1, 4);
        assertEquals(1, counters.drops(DropReason.ANSWER_NOT_REQUESTED));
    }

    // ------------------------------------------------------------------------------------------ where a hole starts

    @Test
    void aLateJoinIsAGapFromOneByDefault() throws IOException {
        ScriptedRequestServer server = server();
        start(1, 3, 1 << 20, false, 100);
        send(Line.A, 100, 2);
        settle(20);
        assertEquals(List.of("1-99"), recorder.gaps);
        assertEquals(List.of(100L, 101L), recorder.sequences);
        assertEquals(0, server.requests.size());
    }

    @Test
    void aLateJoinToRecoverAsksForTheMostRecentMessagesAndGapsTheRest() throws IOException {
        ScriptedRequestServer server = server();
        start(1, 3, 1 << 20, true, 50);
        send(Line.A, 100, 2);
        send(Line.A, 102, 1);
        runUntil(() -> recorder.sequences.size() == 53, "late join recovered");

        assertEquals(List.of("1-49"), recorder.gaps);
        assertEquals(range(50, 102), recorder.sequences);
        assertEquals(50, server.requests.get(0)[0]);
        assertEquals(50, server.requests.get(0)[1]);
        assertEquals(50, counters.recoveredMessages.get());
        assertEquals(Line.RECOVERY, recorder.lines.get(0));
        assertEquals(Line.A, recorder.lines.get(50));
    }

    @Test
    void aResumedChannelRecoversFromTheJournalsNextSequenceToTheFirstPacket() throws IOException {
        ScriptedRequestServer server = server();
        start();
        UnsafeBuffer session = ScriptedRequestServer.packet(SESSION, 1, 0);
        arbiter.resume(session.getLong(0, ByteOrder.BIG_ENDIAN), session.getShort(8, ByteOrder.BIG_ENDIAN) & 0xFFFF, 41,
                false);
        send(Line.A, 30, 11); // 30..40: the journal has them
        send(Line.A, 60, 1);
        runUntil(() -> recorder.sequences.size() == 20, "resumed");

        assertEquals(range(41, 60), recorder.sequences);
        assertEquals(List.of(), recorder.gaps, "no late join: the journal has 1..40");
        assertEquals(11, counters.duplicateMessages.get(), "what the journal holds is a counted duplicate");
        assertEquals(41, server.requests.get(0)[0]);
        assertEquals(19, server.requests.get(0)[1]);
        assertEquals(19, counters.recoveredMessages.get());
        assertEquals(java.util.Collections.nCopies(19, Line.RECOVERY), recorder.lines.subList(0, 19), "journaled as recovered");
        assertEquals(Line.A, recorder.lines.get(19));
    }

    @Test
    void aResumedChannelWhoseJournalHoldsItsEndDoesNotReportItAgain() throws IOException {
        ScriptedRequestServer server = server();
        start();
        UnsafeBuffer session = ScriptedRequestServer.packet(SESSION, 1, 0);
        arbiter.resume(session.getLong(0, ByteOrder.BIG_ENDIAN), session.getShort(8, ByteOrder.BIG_ENDIAN) & 0xFFFF, 11,
                true);
        send(Line.A, 1, 10);
        UnsafeBuffer eos = ScriptedRequestServer.packet(SESSION, 11, 0);
        eos.putShort(18, (short) 0xFFFF, ByteOrder.BIG_ENDIAN);
        assertNull(packet.wrap(eos, 0, 20));
        arbiter.onPacket(Line.A, packet, System.nanoTime());
        settle(20);
        arbiter.flush(System.nanoTime());

        assertEquals(List.of(), recorder.sequences);
        assertEquals(0, recorder.endOfSession, "the journal holds it already");
        assertEquals(0, server.requests.size());
        assertEquals(10, counters.duplicateMessages.get());
    }

    @Test
    void aResumePointOfAnotherSessionLeavesTheNewSessionToStartFresh() throws IOException {
        ScriptedRequestServer server = server();
        start();
        UnsafeBuffer other = ScriptedRequestServer.packet("SESSION000", 1, 0);
        arbiter.resume(other.getLong(0, ByteOrder.BIG_ENDIAN), other.getShort(8, ByteOrder.BIG_ENDIAN) & 0xFFFF, 500,
                false);
        send(Line.A, 1, 3);
        settle(20);

        assertEquals(range(1, 3), recorder.sequences);
        assertEquals(List.of(), recorder.gaps);
        assertEquals(0, server.requests.size());
        assertEquals(0, counters.duplicateMessages.get());
    }

    @Test
    void endOfSessionIsJournaledAfterTheHoleBeforeItIsHealed() throws IOException {
        server();
        start();
        send(Line.A, 1, 1);
        UnsafeBuffer eos = ScriptedRequestServer.packet(SESSION, 4, 0);
        eos.putShort(18, (short) 0xFFFF, ByteOrder.BIG_ENDIAN);
        assertNull(packet.wrap(eos, 0, 20));
        arbiter.onPacket(Line.A, packet, System.nanoTime());   // messages 2..3 were lost
        assertEquals(0, recorder.endOfSession, "not before the stream reaches it");
        runUntil(() -> recorder.endOfSession == 1, "end of session");
        assertEquals(range(1, 3), recorder.sequences);
        assertEquals(4, recorder.endOfSessionNext);
    }
}
