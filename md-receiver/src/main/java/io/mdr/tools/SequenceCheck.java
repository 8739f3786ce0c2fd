package io.mdr.tools;

import io.mdr.journal.JournalListener;
import io.mdr.journal.JournalMessage;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code md-dump --check} and {@code md-subscribe --check}: per channel, every sequence number exactly once and in order, with whatever is
 * missing covered by gap records; messages recovered from the retransmission server are counted apart. Problems
 * are counted (and the first few described), not thrown.
 *
 * <p>A channel's new MoldUDP64 session numbers its messages from its own start, so each session of a channel is
 * checked on its own (and reported as {@code channel (session S)} when a channel has had more than one); a gap
 * record belongs to the session of the channel's latest message.
 */
public final class SequenceCheck implements JournalListener {
    private static final int DESCRIBED = 5;

    private final Map<String, State> channels = new TreeMap<>();
    /** Per channel name: the session of its latest message, and that session's state. */
    private final Map<String, Current> current = new java.util.HashMap<>();
    private final Map<String, Integer> sessionsSeen = new java.util.HashMap<>();

    private static final class Current {
        long sessionHigh;
        int sessionLow;
        State state;
    }

    private static final class State {
        long first = -1;
        long next = -1;
        long messages;
        long recovered;
        long gapMessages;
        long gaps;
        long outOfOrder;
        long missing;
        String session = "";
        final StringBuilder problems = new StringBuilder();
        int described;

        void problem(String text) {
            if (described++ < DESCRIBED) {
                problems.append("    ").append(text).append('\n');
            }
        }
    }

    /** The state of the message's channel and session (a string is built only when the session changes). */
    private State state(JournalMessage message) {
        Current c = current.get(message.channelName());
        if (c == null || c.sessionHigh != message.sessionHigh() || c.sessionLow != message.sessionLow()) {
            String name = message.channelName();
            int sessions = sessionsSeen.merge(name, 1, Integer::sum);
            if (sessions == 2) {
                // The channel's first session gets its session in its name too, now that there is a second.
                State first = channels.remove(name);
                channels.put(name + " (session " + current.get(name).state.session + ")", first);
            }
            String key = sessions == 1 ? name : name + " (session " + message.session() + ")";
            if (c == null) {
                c = new Current();
                current.put(name, c);
            }
            c.sessionHigh = message.sessionHigh();
            c.sessionLow = message.sessionLow();
            c.state = channels.computeIfAbsent(key, k -> new State());
            c.state.session = message.session();
        }
        return c.state;
    }

    @Override
    public void onMessage(JournalMessage message) {
        State s = state(message);
        long seq = message.sequence();
        if (s.first < 0) {
            s.first = seq;
        } else if (seq < s.next) {
            s.outOfOrder++;
            s.problem("sequence " + seq + " after " + (s.next - 1) + " (repeated or out of order)");
        } else if (seq > s.next) {
            s.missing += seq - s.next;
            s.problem("sequences " + s.next + ".." + (seq - 1) + " missing with no gap record");
        }
        s.next = Math.max(s.next, seq + 1);
        s.messages++;
        if (message.recovered()) {
            s.recovered++;
        }
    }

    @Override
    public void onGap(int channelId, String channelName, long from, long to, long nanos) {
        Current c = current.get(channelName);
        State s = c != null ? c.state : channels.computeIfAbsent(channelName, k -> new State());
        s.gaps++;
        s.gapMessages += to - from + 1;
        if (s.next >= 0 && from != s.next) {
            s.problem("gap " + from + ".." + to + " does not start at the next sequence " + s.next);
        }
        s.next = Math.max(s.next, to + 1);
    }

    /** Whether every channel passed. */
    public boolean ok() {
        return channels.values().stream().allMatch(s -> s.outOfOrder == 0 && s.missing == 0 && s.described == 0);
    }

    /** One line per channel (and its first problems). */
    public String report() {
        StringBuilder sb = new StringBuilder();
        channels.forEach((name, s) -> {
            sb.append(String.format(Locale.ROOT,
                    "%s: %,d messages (%,d recovered), sequences %d..%d, %d gaps (%,d messages), %d repeated or out of order, %,d missing: %s%n",
                    name, s.messages, s.recovered, s.first, s.next - 1, s.gaps, s.gapMessages, s.outOfOrder, s.missing,
                    s.described == 0 ? "OK, every message exactly once and in order" : "NOT OK"));
            sb.append(s.problems);
        });
        if (channels.isEmpty()) {
            sb.append("the journal holds no messages\n");
        }
        return sb.toString();
    }
}
