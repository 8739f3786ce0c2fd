package io.mdr.fanout;

import io.aeron.AeronCounters;
import io.aeron.ChannelUri;
import io.aeron.ExclusivePublication;
import io.aeron.archive.client.AeronArchive;
import io.aeron.archive.codecs.SourceLocation;
import io.aeron.archive.status.RecordingPos;
import io.mdr.fanout.media.AeronMedia;
import io.mdr.fanout.media.ReceiverConsumption;
import io.mdr.fanout.media.StreamCounters;
import io.mdr.journal.JournalTailer;
import io.mdr.metrics.CountersFile;
import org.agrona.CloseHelper;
import org.agrona.concurrent.status.CountersReader;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One running fan-out: the journal tailer, the Aeron publication (and the archive's recording of it), the
 * position file, the counters and the reporting thread, wired together; {@link #run} is the publishing loop.
 */
final class Fanout implements AutoCloseable {
    /** How long a drain waits for receivers that make no progress. */
    private static final long DRAIN_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** After the last record was sent: time for receivers to ask for what they missed before the driver goes. */
    private static final long REPAIR_GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** After the last record was taken: time for the end of stream to reach the receivers before the driver goes. */
    private static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final FanoutSettings settings;
    private final PrintStream out;
    private FileChannel lockChannel;
    private FileLock lock;
    private PublishedPosition position;
    private CountersFile countersFile;
    private FanoutCounters counters;
    private JournalTailer tailer;
    private AeronMedia media;
    private ExclusivePublication publication;
    private AeronArchive archiveClient;
    private long recordingSubscriptionId = -1;
    private int replaySessionsCounterId = CountersReader.NULL_COUNTER_ID;
    private JournalPublisher publisher;
    private FanoutReporter reporter;
    private boolean waitForSubscriber;
    private final long startNanos = System.nanoTime();
    /** Records published before the loop's cost is measured (JIT compilation, first touches). */
    private static final long WARMUP_RECORDS = 100_000;
    private final LoopCost cost = new LoopCost();
    private String costLine = "loop cost: not measured";

    private Fanout(FanoutSettings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    static Fanout start(FanoutSettings settings, PrintStream out) {
        Fanout fanout = new Fanout(settings, out);
        try {
            fanout.open();
            return fanout;
        } catch (RuntimeException e) {
            fanout.close();
            throw e;
        }
    }

    private void open() {
        tailer = JournalTailer.open(settings.queue()); // first: a missing journal creates nothing beside it
        lock(settings.positionFile().resolveSibling(settings.positionFile().getFileName() + ".lock"));
        position = PublishedPosition.open(settings.positionFile());
        String startsAt;
        long firstNumber;
        List<byte[]> catalog;
        if (position.hasPosition()) {
            long index = position.index();
            try {
                tailer.afterIndex(index);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the position saved in " + settings.positionFile() + " (journal index 0x"
                        + Long.toHexString(index) + ") is not in " + settings.queue() + ": was the journal replaced? Delete the"
                        + " position file to start afresh (subscribers that stayed up will then see records again)");
            }
            firstNumber = position.number() + 1;
            catalog = tailer.channelRecordsBefore();
            startsAt = "resuming after journal index 0x" + Long.toHexString(index) + " (record #" + position.number() + ", saved in "
                    + settings.positionFile() + ")";
        } else if (settings.fromStart()) {
            tailer.fromStart();
            firstNumber = 1;
            catalog = List.of();
            waitForSubscriber = true;
            startsAt = "from the journal's start, once a subscriber has connected";
        } else {
            tailer.fromEnd();
            firstNumber = 1;
            catalog = tailer.channelRecordsBefore();
            long last = tailer.lastIndex();
            if (last >= 0) {
                position.save(last, 0); // a restart resumes where this run began, not at the end of that time
            }
            startsAt = "from the journal's end (live)";
        }

        countersFile = CountersFile.create(settings.countersFile(), 32, "md-fanout");
        counters = new FanoutCounters(countersFile.manager());
        media = AeronMedia.start(new AeronMedia.Settings("md-fanout", settings.aeronDir(), settings.archiveDir(),
                settings.archiveControl()));
        publication = media.aeron().addExclusivePublication(settings.publicationChannel(), settings.streamId());
        CountersReader driverCounters = media.aeron().countersReader();
        ChannelUri uri = ChannelUri.parse(settings.publicationChannel());
        int senderPosition = uri.isIpc() ? CountersReader.NULL_COUNTER_ID
                : StreamCounters.senderPosition(driverCounters, publication.registrationId());
        if (!uri.isIpc() && senderPosition == CountersReader.NULL_COUNTER_ID) {
            throw new IllegalStateException("no sender position counter for the publication (registration id "
                    + publication.registrationId() + ")");
        }
        ReceiverConsumption consumption = uri.isIpc() ? null : media.consumption(publication.registrationId());
        if (!uri.isIpc() && media.embedded() && consumption == null) {
            throw new IllegalStateException("the embedded driver does not track the publication's receivers");
        }
        if (settings.archiveDir() != null) {
            startRecording();
        }
        publisher = new JournalPublisher(publication, tailer, counters, position, firstNumber, catalog, driverCounters,
                senderPosition, consumption, System::nanoTime);
        reporter = new FanoutReporter(settings, publication, publisher, counters, driverCounters, recordingSubscriptionId, out);
        out.printf(Locale.ROOT, "md-fanout: publishing %s on %s stream %d (session %d, %s; max payload %d bytes), %s%n",
                settings.queue(), settings.publicationChannel(), settings.streamId(), publication.sessionId(),
                media.embedded() ? "embedded media driver " + media.directory()
                        + (media.driverInvoker() != null ? " run by this loop" : " with its own thread")
                        : "media driver " + media.directory(),
                publication.maxPayloadLength(), startsAt);
        if (settings.archiveDir() != null) {
            out.printf("md-fanout: recording in the archive %s (control %s)%n", settings.archiveDir(), settings.archiveControl());
        }
        out.printf("md-fanout: counters in %s (md-stat --counters %s)%n", settings.countersFile(), settings.countersFile());
        out.flush();
    }

    /** Records the publication (its session only) through a spy on this driver, and waits until the recording runs. */
    private void startRecording() {
        lock(settings.archiveDir().resolve("md-fanout.lock"));
        archiveClient = AeronArchive.connect(new AeronArchive.Context()
                .aeron(media.aeron())
                .ownsAeronClient(false)
                .controlRequestChannel(media.archive().context().localControlChannel())
                .controlRequestStreamId(media.archive().context().localControlStreamId())
                .controlResponseChannel("aeron:ipc")
                .agentInvoker(media.driverInvoker()));
        String recorded = ChannelUri.addSessionId(settings.publicationChannel(), publication.sessionId());
        recordingSubscriptionId = archiveClient.startRecording(recorded, settings.streamId(), SourceLocation.LOCAL, true);
        CountersReader counters = media.aeron().countersReader();
        counters.forEach((counterId, typeId, key, label) -> {
            if (typeId == AeronCounters.ARCHIVE_REPLAY_SESSION_COUNT_TYPE_ID) {
                replaySessionsCounterId = counterId;
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (RecordingPos.findCounterIdBySession(counters, publication.sessionId(), archiveClient.archiveId())
                == CountersReader.NULL_COUNTER_ID) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("the archive did not start recording " + recorded + " within 10 s");
            }
            media.doWork();
            Thread.onSpinWait();
        }
    }

    /** Replays the archive serves now (late joiners catching up): the fan-out does not leave them for idleness. */
    private long replaySessions() {
        return replaySessionsCounterId == CountersReader.NULL_COUNTER_ID ? 0
                : media.aeron().countersReader().getCounterValue(replaySessionsCounterId);
    }

    /** The publishing loop, until {@code stop} or --exit-when-idle; then everything published is sent. */
    void run(BooleanSupplier stop) {
        reporter.start();
        org.agrona.concurrent.IdleStrategy idle = settings.idle();
        if (waitForSubscriber) {
            out.println("md-fanout: waiting for the first subscriber");
            out.flush();
            while (!stop.getAsBoolean() && counters.subscribers.get() < 1) {
                idle.idle(media.doWork());
            }
            reporter.requestUpdate();
        }
        long idleLimit = settings.exitWhenIdleNanos();
        String reason = "stop requested";
        while (!stop.getAsBoolean()) {
            // publish first: what the journal gave this turn is sent by the driver's duty cycle in the same turn
            int work = publisher.doWork();
            work += media.doWork();
            if (!cost.isMarked() && counters.records.get() >= WARMUP_RECORDS) {
                cost.mark(counters.records.get());
            }
            if (idleLimit > 0 && !publisher.excerptPending() && System.nanoTime() - publisher.lastExcerptNanos() > idleLimit
                    && replaySessions() == 0) {
                reason = "nothing new in the journal for " + idleLimit / 1_000_000_000.0 + " s";
                break;
            }
            idle.idle(work);
        }
        costLine = cost.report(counters.records.get(), "records"); // the loop's, before the drain and the summary
        drain(reason);
    }

    /**
     * Before an embedded driver ends with this process: waits until everything published has been sent, then until
     * every receiver is within a quarter window of the end (a slow one, left behind under max flow control, is
     * repaired meanwhile), each as long as they make progress and remain; then until they report it all consumed or
     * have had a second to ask for what they missed. Saves the position after the last record.
     */
    private void drain(String reason) {
        boolean sent = await(publisher::allSent);
        if (sent && await(publisher::allNearlyConsumed)) {
            long graceEnd = System.nanoTime() + REPAIR_GRACE_NANOS;
            while (!publisher.allConsumed() && System.nanoTime() - graceEnd < 0 && publication.isConnected()) {
                if (media.doWork() == 0) {
                    Thread.yield();
                }
            }
            publisher.saveAllSent();
        }
        publication.close(); // the end of stream goes out to the receivers while the driver runs a little longer
        long lingerEnd = System.nanoTime() + LINGER_NANOS;
        while (System.nanoTime() - lingerEnd < 0) {
            if (media.doWork() == 0) {
                Thread.yield();
            }
        }
        reporter.stop();
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        out.printf(Locale.ROOT, "md-fanout: stopping (%s) after %.1f s: %,d records (%,d messages, %,d bytes) in %,d excerpts;"
                        + " back-pressured %d times (%.1f ms), no subscriber %d times, admin actions %d;"
                        + " last record #%d, saved #%d in %s%n",
                reason, seconds, counters.records.get(), counters.messages.get(), counters.bytes.get(), counters.excerpts.get(),
                counters.backPressureEvents.get(), counters.backPressureNanos.get() / 1e6, counters.notConnectedEvents.get(),
                counters.adminActions.get(), publisher.lastNumber(), position.number(), settings.positionFile());
        out.println("md-fanout: " + costLine);
        out.flush();
    }

    /** Runs the driver until {@code done}, the receivers are gone, or they made no progress for the drain timeout. */
    private boolean await(java.util.function.BooleanSupplier done) {
        long deadline = System.nanoTime() + DRAIN_TIMEOUT_NANOS;
        long served = publisher.servedPosition();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0 || !publication.isConnected()) {
                return false;
            }
            if (publisher.servedPosition() != served) {
                served = publisher.servedPosition();
                deadline = System.nanoTime() + DRAIN_TIMEOUT_NANOS;
            }
            if (media.doWork() == 0) {
                Thread.yield();
            }
        }
        return true;
    }

    private void lock(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock acquired;
            try {
                acquired = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                acquired = null;
            }
            if (acquired == null) {
                channel.close();
                throw new IllegalArgumentException(file + " is locked: another md-fanout uses "
                        + file.getParent() + " (one fan-out per position file and per archive)");
            }
            if (lock == null) {
                lockChannel = channel;
                lock = acquired;
            } else {
                extraLocks.add(channel);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot lock " + file + ": " + e.getMessage(), e);
        }
    }

    private final java.util.List<FileChannel> extraLocks = new java.util.ArrayList<>();

    @Override
    public void close() {
        if (reporter != null) {
            reporter.stop();
        }
        if (archiveClient != null && recordingSubscriptionId != -1) {
            try {
                archiveClient.stopRecording(recordingSubscriptionId);
            } catch (RuntimeException e) {
                // the archive stops with the process anyway
            }
        }
        CloseHelper.quietCloseAll(archiveClient, publication, media, tailer, countersFile, position);
        CloseHelper.quietCloseAll(extraLocks);
        CloseHelper.quietClose(lockChannel);
    }
}
