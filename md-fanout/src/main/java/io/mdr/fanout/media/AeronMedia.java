package io.mdr.fanout.media;

import io.aeron.Aeron;
import io.aeron.archive.Archive;
import io.aeron.archive.ArchiveThreadingMode;
import io.aeron.archive.ArchivingMediaDriver;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.AgentInvoker;
import org.agrona.concurrent.AgentTerminationException;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The Aeron a process talks to: an external media driver ({@code --aeron-dir}), or a media driver embedded in
 * the process in a directory of its own that is removed on exit; optionally with an Aeron Archive beside it.
 *
 * <p>Without an archive the embedded driver runs in the caller's thread ({@link ThreadingMode#INVOKER}): the
 * process's one polling loop sends and receives too, so a fan-out or a subscriber takes one core, not three.
 * With an archive the driver and the archive share a thread of their own, since recording writes files. The
 * Aeron client always runs its conductor in the caller's loop ({@link #doWork()}).
 */
public final class AeronMedia implements AutoCloseable {
    private final MediaDriver driver;
    private final ArchivingMediaDriver archivingDriver;
    private final Archive archive;
    private final Aeron aeron;
    private final AgentInvoker driverInvoker;
    private final AgentInvoker clientInvoker;
    private final String directory;
    private final ReceiverConsumption.Registry consumption;
    /**
     * Term length of the {@code aeron:ipc} publications of the drivers this product starts. A publisher may run half a
     * term ahead of its slowest subscriber, and the driver's conductor moves that limit only when it runs: with
     * Aeron's default of 64 KB, 32 KB is under a millisecond of the feed at 1M messages/s, so the fan-out waited for a
     * conductor that parks up to a millisecond when idle, or that shares a core with others. 8 MB (24 MB of log per
     * stream) lets it run about 100 ms ahead.
     */
    public static final int IPC_TERM_LENGTH = 8 << 20;
    /** The client's conductor runs once in this many duty cycles. */
    private static final int CONDUCTOR_EVERY = 16;
    private int calls;
    /** The last error the client reported (its fatal one when it has closed itself). */
    private final AtomicReference<Throwable> clientError;

    private AeronMedia(MediaDriver driver, ArchivingMediaDriver archivingDriver, Archive archive, Aeron aeron, String directory,
                       ReceiverConsumption.Registry consumption, AtomicReference<Throwable> clientError) {
        this.driver = driver;
        this.archivingDriver = archivingDriver;
        this.archive = archive;
        this.aeron = aeron;
        this.directory = directory;
        this.consumption = consumption;
        this.clientError = clientError;
        this.driverInvoker = driver != null ? driver.sharedAgentInvoker() : null;
        this.clientInvoker = aeron.conductorAgentInvoker();
    }

    /** What to start. */
    public record Settings(String program, Path externalDirectory, Path archiveDirectory, String archiveControlChannel) {
    }

    /**
     * Connects to the external driver, or starts one in {@code /dev/shm/aeron-PROGRAM-PID}; starts the archive
     * when asked. Clears embedded-driver directories that processes killed earlier left behind.
     */
    public static AeronMedia start(Settings settings) {
        MediaDriver driver = null;
        ArchivingMediaDriver archivingDriver = null;
        Archive archive = null;
        Aeron aeron = null;
        String directory;
        ReceiverConsumption.Registry consumption = null;
        AtomicReference<Throwable> clientError = new AtomicReference<>();
        ErrorHandler errors = e -> {
            if (!(e instanceof AgentTerminationException)) { // that one only follows the error that closed the client
                clientError.set(e);
            }
            Aeron.Configuration.DEFAULT_ERROR_HANDLER.onError(e);
        };
        try {
            EmbeddedDirectories.removeStale();
            if (settings.externalDirectory() != null) {
                directory = settings.externalDirectory().toString();
                if (settings.archiveDirectory() != null) {
                    archive = Archive.launch(archiveContext(settings).aeronDirectoryName(directory)
                            .threadingMode(ArchiveThreadingMode.SHARED));
                }
                aeron = Aeron.connect(clientContext(directory, errors));
            } else {
                directory = EmbeddedDirectories.forThisProcess(settings.program()).toString();
                consumption = new ReceiverConsumption.Registry();
                MediaDriver.Context driverContext = consumption.install(withTouchedLogs(new MediaDriver.Context()))
                        .aeronDirectoryName(directory)
                        .dirDeleteOnStart(true)
                        .dirDeleteOnShutdown(true)
                        .ipcTermBufferLength(IPC_TERM_LENGTH)
                        .spiesSimulateConnection(false);
                if (settings.archiveDirectory() != null) {
                    archivingDriver = ArchivingMediaDriver.launch(driverContext.threadingMode(ThreadingMode.SHARED),
                            archiveContext(settings).threadingMode(ArchiveThreadingMode.SHARED));
                    archive = archivingDriver.archive();
                    aeron = Aeron.connect(clientContext(directory, errors));
                } else {
                    driver = MediaDriver.launch(driverContext.threadingMode(ThreadingMode.INVOKER));
                    aeron = Aeron.connect(clientContext(directory, errors)
                            .driverAgentInvoker(driver.sharedAgentInvoker()));
                }
            }
            return new AeronMedia(driver, archivingDriver, archive, aeron, directory, consumption, clientError);
        } catch (RuntimeException e) {
            CloseHelper.quietCloseAll(aeron, archive, archivingDriver, driver);
            throw e;
        }
    }

    /**
     * A driver context whose log buffers are whole files, every page touched when the driver maps them (Aeron's
     * default is sparse files, touched by the traffic itself): the driver's receiver writes each image's terms, and
     * its sender reads each publication's, through mappings of its own. With sparse files the first access to each
     * 4 KB page faulted in the loop that runs the driver, about 460 a second more than the floor in the receiving
     * process at 100,000 messages/s over UDP. A log costs its full size in memory from the start (three terms) and a
     * one-off pause when it is created.
     */
    public static MediaDriver.Context withTouchedLogs(MediaDriver.Context context) {
        return context.termBufferSparseFile(false);
    }

    /**
     * The client's context: its conductor run by the owner's loop, and every log buffer it maps (a publication's,
     * an image's) touched page by page when mapped. Without that the loop took a page fault on the first write or
     * read of each 4 KB of a term: 12,308 in md-subscribe over 6 s at 100,000 messages/s over UDP, each one a
     * trap to the hypervisor on a VM with shadow page tables. The driver touches its own mapping already (its term
     * files are not sparse); the client maps the same files again. Mapping a 16 MB-term log thus costs a
     * one-off pause when the publication or image appears, not a fault per page in the stream.
     */
    private static Aeron.Context clientContext(String directory, ErrorHandler errors) {
        return new Aeron.Context().aeronDirectoryName(directory)
                .useConductorAgentInvoker(true)
                .preTouchMappedMemory(true)
                .errorHandler(errors);
    }

    /**
     * The archive's context. Its mark file goes to a directory of this process ({@code /dev/shm/aeron-md-PROGRAM-archive-PID},
     * removed like an embedded driver's): in the archive directory, a restart within ten seconds of a SIGKILL would
     * find the killed archive's mark file still "active" and refuse to start. The fan-out locks the archive
     * directory itself, which is the protection the mark file gave.
     */
    private static Archive.Context archiveContext(Settings settings) {
        return new Archive.Context()
                .archiveDir(settings.archiveDirectory().toFile())
                .markFileDir(EmbeddedDirectories.forThisProcess(settings.program() + "-archive").toFile())
                .deleteArchiveOnStart(false)
                .controlChannel(settings.archiveControlChannel())
                .replicationChannel("aeron:udp?endpoint=localhost:0")
                .recordingEventsEnabled(false);
    }

    /** The Aeron client (its conductor runs in {@link #doWork()}). */
    public Aeron aeron() {
        return aeron;
    }

    /** The archive started with this process, or null. */
    public Archive archive() {
        return archive;
    }

    /** The embedded driver's invoker when it runs in the caller's thread, else null. */
    public AgentInvoker driverInvoker() {
        return driverInvoker;
    }

    /** The Aeron directory in use. */
    public String directory() {
        return directory;
    }

    /**
     * What the receivers of the network publication registered as {@code registrationId} have consumed, when the
     * driver is embedded (null for an external driver, which outlives this process and delivers what was published).
     */
    public ReceiverConsumption consumption(long registrationId) {
        return consumption == null ? null : consumption.of(registrationId);
    }

    /** Whether the driver is embedded (and ends with this process). */
    public boolean embedded() {
        return driver != null || archivingDriver != null;
    }

    /**
     * Runs the embedded driver's work (when it runs in this thread: it sends and receives, so every time), and the
     * client's conductor (keep-alives, images joining and leaving) at most every few microseconds: its duty
     * cycle reads clocks and checks timeouts, a cost not worth paying per record.
     *
     * @throws IllegalStateException when the client has closed itself: its conductor was not run within Aeron's
     *         client timeout (10 s: the process was paused or starved that long, and the driver has dropped its
     *         publications and subscriptions) or the driver went away. Nothing it held can be used again, so the
     *         process must stop rather than wait on a dead publication.
     */
    public int doWork() {
        int work = 0;
        if (driverInvoker != null) {
            work += driverInvoker.invoke();
        }
        if (++calls >= CONDUCTOR_EVERY) {
            calls = 0;
            work += clientInvoker.invoke();
            if (clientInvoker.isClosed()) {
                throw clientStopped();
            }
        }
        return work;
    }

    private IllegalStateException clientStopped() {
        Throwable cause = clientError.get();
        return new IllegalStateException("the Aeron client stopped"
                + (cause != null ? ": " + cause.getMessage() : " (its media driver went away)"), cause);
    }

    @Override
    public void close() {
        CloseHelper.quietCloseAll(aeron, archive != null && archivingDriver == null ? archive : null, archivingDriver, driver);
        if (archive != null) {
            EmbeddedDirectories.delete(archive.context().markFileDir().toPath());
        }
    }
}
