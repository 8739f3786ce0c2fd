package io.mdr.tools;

import io.mdr.journal.JournalListener;
import io.mdr.journal.JournalMessage;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code md-dump --check} and {@code md-subscribe --check}: per channel, every sequence number exactly once and
 * in order, with whatever is missing covered by gap records. Problems are counted (and the first few
 * described), not thrown.
 */
public final class SequenceCheck implements JournalListener {
    private static final int DESCRIBED = 5;

    private final Map<String, State> channels = new TreeMap<>();

    private static final class State {
        long first = -1;
        long next = -1;
        long messages;
        long gapMessages;
        long gaps;
        long outOfOrder;
        long missing;
        final StringBuilder problems = new StringBuilder();
        int described;

        void problem(String text) {
            if (described++ < DESCRIBED) {
                problems.append("    ").append(text).append('\n');
            }
        }
    }

    @Override
    public void onMessage(JournalMessage message) {
        State s = channels.computeIfAbsent(message.channelName(), k -> new State());
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
    }

    @Override
    public void onGap(int channelId, String channelName, long from, long to, long nanos) {
        State s = channels.computeIfAbsent(channelName, k -> new State());
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
                    "%s: %,d messages, sequences %d..%d, %d gaps (%,d messages), %d repeated or out of order, %,d missing: %s%n",
                    name, s.messages, s.first, s.next - 1, s.gaps, s.gapMessages, s.outOfOrder, s.missing,
                    s.described == 0 ? "OK, every message exactly once and in order" : "NOT OK"));
            sb.append(s.problems);
        });
        if (channels.isEmpty()) {
            sb.append("the journal holds no messages\n");
        }
        return sb.toString();
    }
}
