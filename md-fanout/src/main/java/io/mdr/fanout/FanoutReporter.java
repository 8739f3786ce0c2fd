package io.mdr.fanout;

import io.aeron.ChannelUri;
import io.aeron.ExclusivePublication;
import io.mdr.fanout.media.StreamCounters;
import io.mdr.journal.JournalTailer;
import org.agrona.concurrent.status.CountersReader;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The fan-out's reporting thread, off the publishing loop: every 100 ms it updates the subscribers connected (and
 * asks for the channel catalog to be sent when that number rises), every second the lag (excerpts in the journal
 * not yet published, read from the journal's index); every stats interval it prints one line.
 *
 * <p>The lag is read once a second, not more: Chronicle finds the journal's last index with a new tailer that
 * acquires (maps) the cycle's file and releases it again, and each unmapping in this process interrupts the
 * publishing loop's core (a TLB shootdown) besides the read's own few hundred microseconds on a shared core.
 */
final class FanoutReporter {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final long UPDATE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long LAG_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final FanoutSettings settings;
    private final ExclusivePublication publication;
    private final JournalPublisher publisher;
    private final FanoutCounters counters;
    private final CountersReader driverCounters;
    private final long archiveSubscriptionId;
    private final PrintStream out;
    private final boolean ipc;
    private final int receiversCounterId;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean updateRequested;

    FanoutReporter(FanoutSettings settings, ExclusivePublication publication, JournalPublisher publisher, FanoutCounters counters,
                   CountersReader driverCounters, long archiveSubscriptionId, PrintStream out) {
        this.settings = settings;
        this.publication = publication;
        this.publisher = publisher;
        this.counters = counters;
        this.driverCounters = driverCounters;
        this.archiveSubscriptionId = archiveSubscriptionId;
        this.out = out;
        this.ipc = ChannelUri.parse(settings.publicationChannel()).isIpc();
        this.receiversCounterId = ipc ? CountersReader.NULL_COUNTER_ID
                : StreamCounters.flowControlReceivers(driverCounters, publication.registrationId());
        this.thread = new Thread(this::loop, "md-fanout-stats");
        this.thread.setDaemon(true);
    }

    void start() {
        update(null, false, 0);
        thread.start();
    }

    /** Refreshes the figures now (from any thread). */
    void requestUpdate() {
        updateRequested = true;
    }

    void stop() {
        running = false;
        if (thread.isAlive() && Thread.currentThread() != thread) {
            thread.interrupt();
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void loop() {
        long intervalNanos = TimeUnit.MILLISECONDS.toNanos(settings.statsIntervalMs());
        long nextLine = System.nanoTime() + intervalNanos;
        long lastRecords = 0;
        long lastMessages = 0;
        long lastBytes = 0;
        long lastLine = System.nanoTime();
        long nextLag = System.nanoTime();
        try (JournalTailer lagReader = JournalTailer.open(settings.queue())) {
            int previousSubscribers = (int) counters.subscribers.get();
            while (running) {
                try {
                    Thread.sleep(updateRequested ? 0 : UPDATE_NANOS / 1_000_000);
                } catch (InterruptedException e) {
                    break;
                }
                updateRequested = false;
                long now = System.nanoTime();
                boolean lagDue = now - nextLag >= 0;
                if (lagDue) {
                    nextLag = now + LAG_NANOS;
                }
                previousSubscribers = update(lagReader, lagDue, previousSubscribers);
                if (intervalNanos > 0 && now - nextLine >= 0) {
                    nextLine += intervalNanos;
                    double seconds = (now - lastLine) / 1e9;
                    long records = counters.records.get();
                    long messages = counters.messages.get();
                    long bytes = counters.bytes.get();
                    out.printf(Locale.ROOT, "%s fanout %s rec/s %s msg/s %s B/s | lag %d excerpts | subscribers %d%s"
                                    + " | back-pressure %d (%.1f ms) no-subscriber %d admin %d | record #%d saved #%d%n",
                            LocalTime.now().format(TIME), si((records - lastRecords) / seconds), si((messages - lastMessages) / seconds),
                            si((bytes - lastBytes) / seconds), counters.lagExcerpts.get(), counters.subscribers.get(),
                            publisher.notConnected() ? " (waiting)" : "", counters.backPressureEvents.get(),
                            counters.backPressureNanos.get() / 1e6, counters.notConnectedEvents.get(), counters.adminActions.get(),
                            counters.lastNumber.get(), counters.savedNumber.get());
                    out.flush();
                    lastRecords = records;
                    lastMessages = messages;
                    lastBytes = bytes;
                    lastLine = now;
                }
            }
        } catch (RuntimeException e) {
            System.err.println("md-fanout: stats thread stopped: " + e);
        }
    }

    /**
     * Updates the subscribers (and the lag, when {@code lag}); asks for the catalog when subscribers joined. Returns the
     * subscriber count.
     */
    private int update(JournalTailer lagReader, boolean lag, int previousSubscribers) {
        if (lagReader != null && lag) {
            counters.lagExcerpts.setRelease(lagReader.excerptsBehind(publisher.nextIndex()));
        }
        int subscribers;
        if (ipc) {
            subscribers = StreamCounters.subscribers(driverCounters, publication.sessionId(), publication.streamId(), archiveSubscriptionId);
        } else if (receiversCounterId != CountersReader.NULL_COUNTER_ID) {
            subscribers = (int) driverCounters.getCounterValue(receiversCounterId);
        } else {
            subscribers = publication.isConnected() ? 1 : 0;
        }
        counters.subscribers.setRelease(subscribers);
        if (subscribers > previousSubscribers && lagReader != null) {
            publisher.requestCatalog();
        }
        return subscribers;
    }

    static String si(double v) {
        if (v >= 1e9) {
            return String.format(Locale.ROOT, "%.2fG", v / 1e9);
        }
        if (v >= 1e6) {
            return String.format(Locale.ROOT, "%.2fM", v / 1e6);
        }
        if (v >= 1e3) {
            return String.format(Locale.ROOT, "%.1fk", v / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f", v);
    }
}
