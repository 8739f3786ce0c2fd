package io.mdr.tools;

import io.mdr.feed.Line;
import io.mdr.itch.ItchJsonWriter;
import io.mdr.journal.JournalListener;
import io.mdr.journal.JournalMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * The journal as JSON lines, one object per message and one per gap: {@code md-dump}'s output, and
 * {@code md-subscribe --dump}'s for the same records received over the network (one format, one class).
 * Write failures surface as {@link UncheckedIOException}.
 */
public final class JsonLines implements JournalListener {
    private final Writer out;
    private final ItchJsonWriter itch = new ItchJsonWriter();
    private final StringBuilder sb = new StringBuilder(512);

    public JsonLines(Writer out) {
        this.out = out;
    }

    @Override
    public void onMessage(JournalMessage m) {
        sb.setLength(0);
        sb.append("{\"channel\":");
        string(m.channelName());
        sb.append(",\"session\":");
        string(m.session());
        sb.append(",\"seq\":").append(m.sequence());
        sb.append(",\"line\":\"").append(Line.name(m.line())).append('"');
        if (m.recovered()) {
            sb.append(",\"recovered\":true");
        }
        sb.append(",\"rxNanos\":").append(m.rxNanos()).append(',');
        itch.appendFields(m.buffer(), m.offset(), m.length(), sb);
        sb.append("}\n");
        write();
    }

    @Override
    public void onGap(int channelId, String channelName, long from, long to, long nanos) {
        sb.setLength(0);
        sb.append("{\"gap\":{\"channel\":");
        string(channelName);
        sb.append(",\"from\":").append(from).append(",\"to\":").append(to).append("}}\n");
        write();
    }

    private void string(String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        sb.append('"');
    }

    private void write() {
        try {
            out.append(sb);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
