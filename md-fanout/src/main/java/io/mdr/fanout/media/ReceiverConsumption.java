package io.mdr.fanout.media;

import io.aeron.driver.Configuration;
import io.aeron.driver.FlowControl;
import io.aeron.driver.FlowControlSupplier;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.media.UdpChannel;
import io.aeron.protocol.ErrorFlyweight;
import io.aeron.protocol.SetupFlyweight;
import io.aeron.protocol.StatusMessageFlyweight;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.status.CountersManager;

import java.net.InetSocketAddress;

import static io.aeron.logbuffer.LogBufferDescriptor.computePosition;

/**
 * What each receiver of a network publication has consumed, as its status messages say: the position a
 * publisher may treat as delivered, beyond "sent" (a datagram the receiving kernel dropped was sent, and is lost
 * for good when the sender dies before the NAK arrives). An embedded driver is given {@link #supplier}s that wrap
 * Aeron's own flow control (unicast, min, max, tagged: unchanged) and note each status message on the way.
 *
 * <p>Written by the driver's sender (or the thread that invokes the driver), read by the publisher: the minimum
 * is published through a volatile field; the rest is read under the tracker's lock (rare: when stopping).
 */
public final class ReceiverConsumption {
    /** No receiver has reported (or all have left). */
    public static final long NO_RECEIVERS = Long.MAX_VALUE;

    private final long receiverTimeoutNs;
    private long[] ids = new long[4];
    private long[] positions = new long[4];
    private long[] times = new long[4];
    private int[] windows = new int[4];
    private int count;
    private volatile long minConsumed = NO_RECEIVERS;

    ReceiverConsumption(long receiverTimeoutNs) {
        this.receiverTimeoutNs = receiverTimeoutNs;
    }

    /** The lowest position that every receiver heard from in the receiver timeout has consumed. */
    public long minConsumed() {
        return minConsumed;
    }

    /**
     * Whether every receiver has consumed up to {@code position}, or is within the quarter window below it that
     * a receiver lets pass before it reports again (Aeron sends a status message when consumption has moved by a
     * quarter of the window, or for a new window).
     */
    public synchronized boolean allNear(long position) {
        for (int i = 0; i < count; i++) {
            if (positions[i] + windows[i] / 4 < position) {
                return false;
            }
        }
        return true;
    }

    synchronized void onStatus(long receiverId, long position, int window, long timeNs, boolean endOfStream) {
        int i = indexOf(receiverId);
        if (endOfStream) {
            if (i >= 0) {
                remove(i);
            }
        } else if (i >= 0) {
            positions[i] = Math.max(positions[i], position);
            windows[i] = window;
            times[i] = timeNs;
        } else {
            if (count == ids.length) {
                ids = java.util.Arrays.copyOf(ids, count * 2);
                positions = java.util.Arrays.copyOf(positions, count * 2);
                times = java.util.Arrays.copyOf(times, count * 2);
                windows = java.util.Arrays.copyOf(windows, count * 2);
            }
            ids[count] = receiverId;
            positions[count] = position;
            windows[count] = window;
            times[count] = timeNs;
            count++;
        }
        publishMinimum();
    }

    synchronized void onIdle(long timeNs) {
        for (int i = count - 1; i >= 0; i--) {
            if (timeNs - times[i] > receiverTimeoutNs) {
                remove(i);
            }
        }
        publishMinimum();
    }

    private int indexOf(long receiverId) {
        for (int i = 0; i < count; i++) {
            if (ids[i] == receiverId) {
                return i;
            }
        }
        return -1;
    }

    private void remove(int i) {
        count--;
        ids[i] = ids[count];
        positions[i] = positions[count];
        windows[i] = windows[count];
        times[i] = times[count];
    }

    private void publishMinimum() {
        long min = NO_RECEIVERS;
        for (int i = 0; i < count; i++) {
            min = Math.min(min, positions[i]);
        }
        if (min != minConsumed) {
            minConsumed = min;
        }
    }

    /** The trackers of one embedded driver's publications, by registration id. */
    public static final class Registry {
        private final Long2ObjectHashMap<ReceiverConsumption> byRegistration = new Long2ObjectHashMap<>();
        private final long receiverTimeoutNs;

        public Registry() {
            this(Configuration.flowControlReceiverTimeoutNs());
        }

        Registry(long receiverTimeoutNs) {
            this.receiverTimeoutNs = receiverTimeoutNs;
        }

        /** The tracker of the publication registered as {@code registrationId}, or null. */
        public synchronized ReceiverConsumption of(long registrationId) {
            return byRegistration.get(registrationId);
        }

        synchronized ReceiverConsumption create(long registrationId) {
            ReceiverConsumption tracker = new ReceiverConsumption(receiverTimeoutNs);
            byRegistration.put(registrationId, tracker);
            return tracker;
        }

        synchronized void remove(long registrationId) {
            byRegistration.remove(registrationId);
        }

        /** Installs the tracking wrappers around the context's unicast and multicast flow control. */
        public MediaDriver.Context install(MediaDriver.Context context) {
            return context.unicastFlowControlSupplier(supplier(Configuration.unicastFlowControlSupplier()))
                    .multicastFlowControlSupplier(supplier(Configuration.multicastFlowControlSupplier()));
        }

        private FlowControlSupplier supplier(FlowControlSupplier delegate) {
            return (udpChannel, streamId, registrationId) ->
                    new Tracking(delegate.newInstance(udpChannel, streamId, registrationId), this, registrationId);
        }
    }

    /** Aeron's flow control, unchanged, with every status message noted. */
    private static final class Tracking implements FlowControl {
        private final FlowControl delegate;
        private final Registry registry;
        private final long registrationId;
        private final ReceiverConsumption tracker;

        Tracking(FlowControl delegate, Registry registry, long registrationId) {
            this.delegate = delegate;
            this.registry = registry;
            this.registrationId = registrationId;
            this.tracker = registry.create(registrationId);
        }

        @Override
        public long onStatusMessage(StatusMessageFlyweight flyweight, InetSocketAddress receiverAddress, long senderLimit,
                                    int initialTermId, int positionBitsToShift, long timeNs) {
            long position = computePosition(flyweight.consumptionTermId(), flyweight.consumptionTermOffset(),
                    positionBitsToShift, initialTermId);
            boolean endOfStream = (flyweight.flags() & StatusMessageFlyweight.END_OF_STREAM_FLAG) != 0;
            tracker.onStatus(flyweight.receiverId(), position, flyweight.receiverWindowLength(), timeNs, endOfStream);
            return delegate.onStatusMessage(flyweight, receiverAddress, senderLimit, initialTermId, positionBitsToShift, timeNs);
        }

        @Override
        public void onTriggerSendSetup(StatusMessageFlyweight flyweight, InetSocketAddress receiverAddress, long timeNs) {
            delegate.onTriggerSendSetup(flyweight, receiverAddress, timeNs);
        }

        @Override
        public long onSetup(SetupFlyweight flyweight, long senderLimit, long senderPosition, int positionBitsToShift, long timeNs) {
            return delegate.onSetup(flyweight, senderLimit, senderPosition, positionBitsToShift, timeNs);
        }

        @Override
        public void onError(ErrorFlyweight errorFlyweight, InetSocketAddress receiverAddress, long timeNs) {
            delegate.onError(errorFlyweight, receiverAddress, timeNs);
        }

        @Override
        public void initialize(MediaDriver.Context context, CountersManager countersManager, UdpChannel udpChannel,
                               int streamId, int sessionId, long registrationId, int initialTermId, int termBufferLength) {
            delegate.initialize(context, countersManager, udpChannel, streamId, sessionId, registrationId, initialTermId,
                    termBufferLength);
        }

        @Override
        public long onIdle(long timeNs, long senderLimit, long senderPosition, boolean isEos) {
            tracker.onIdle(timeNs);
            return delegate.onIdle(timeNs, senderLimit, senderPosition, isEos);
        }

        @Override
        public boolean hasRequiredReceivers() {
            return delegate.hasRequiredReceivers();
        }

        @Override
        public int maxRetransmissionLength(int termOffset, int resendLength, int termBufferLength, int mtuLength) {
            return delegate.maxRetransmissionLength(termOffset, resendLength, termBufferLength, mtuLength);
        }

        @Override
        public void close() {
            registry.remove(registrationId);
            delegate.close();
        }
    }
}
