package io.mdr.fanout;

import io.aeron.ChannelUri;
import io.aeron.CommonContext;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * How a multicast or multi-destination publication paces itself when its receivers differ in speed (Aeron's
 * {@code fc=} channel parameter):
 * <ul>
 * <li>{@code min}: at the pace of the slowest receiver; every receiver gets everything, and one slow host holds
 *     back all the others (and, through the journal's lag, nothing else: the receiver never waits);</li>
 * <li>{@code max}: at the pace of the fastest; a receiver that falls more than a term behind loses what it did
 *     not take in time and must catch up from the archive, while the others are unaffected;</li>
 * <li>{@code tagged:TAG}: at the pace of the slowest of the receivers whose channel carries {@code gtag=TAG}
 *     (the hosts that must not fall behind); the others are treated as under {@code max}.</li>
 * </ul>
 * {@code min/N} and {@code tagged:TAG/N} also hold the stream until N receivers (of the group) are there, so
 * that none of the first N misses the start. Unicast and IPC have no choice to make: a unicast publication has
 * one receiver, and IPC subscribers always hold the publisher back (as {@code min}).
 */
public final class FlowControlChoice {
    public static final String KEY = "--flow-control";
    public static final String ACCEPTED = "min, min/N, max, tagged:TAG or tagged:TAG/N (TAG a number: subscribers in the group add"
            + " gtag=TAG to their channel; N: wait for that many receivers)";

    private FlowControlChoice() {
    }

    /** Aeron's {@code fc=} value for {@code choice}; an error names {@link #KEY} and what it accepts. */
    public static String fcValue(String choice) {
        if (choice.equals("min") || choice.equals("max")) {
            return choice;
        }
        if (choice.matches("min/\\d{1,4}")) {
            return "min,g:/" + choice.substring(4);
        }
        if (choice.matches("tagged:-?\\d{1,18}(/\\d{1,4})?")) {
            return "tagged,g:" + choice.substring(7);
        }
        throw new IllegalArgumentException(KEY + " " + choice + ": expected " + ACCEPTED);
    }

    /**
     * The publication's channel: {@code channel} with the flow control applied when one was chosen. Refuses a
     * choice on a channel that cannot take one, and a channel that names its own {@code fc=} as well.
     */
    public static String apply(String channel, String choice) {
        ChannelUri uri = ChannelUri.parse(channel);
        if (choice == null) {
            return channel;
        }
        String fc = fcValue(choice);
        if (uri.isIpc()) {
            throw new IllegalArgumentException(KEY + ": " + channel + " is IPC, whose subscribers always hold the publisher back"
                    + " (as min); flow control applies to UDP multicast and multi-destination channels");
        }
        if (uri.get(CommonContext.FLOW_CONTROL_PARAM_NAME) != null) {
            throw new IllegalArgumentException(KEY + " " + choice + ": the channel sets fc= itself; give one or the other");
        }
        if (!isMulticast(uri) && !isMultiDestination(uri)) {
            throw new IllegalArgumentException(KEY + ": " + channel + " is UDP unicast (one receiver); flow control applies"
                    + " to multicast (endpoint=GROUP:PORT) and multi-destination (control=HOST:PORT|control-mode=dynamic) channels");
        }
        uri.put(CommonContext.FLOW_CONTROL_PARAM_NAME, fc);
        return uri.toString();
    }

    static boolean isMultiDestination(ChannelUri uri) {
        String mode = uri.get(CommonContext.MDC_CONTROL_MODE_PARAM_NAME);
        return CommonContext.MDC_CONTROL_MODE_DYNAMIC.equals(mode) || CommonContext.MDC_CONTROL_MODE_MANUAL.equals(mode);
    }

    static boolean isMulticast(ChannelUri uri) {
        String endpoint = uri.get(CommonContext.ENDPOINT_PARAM_NAME);
        if (endpoint == null) {
            return false;
        }
        int colon = endpoint.lastIndexOf(':');
        String host = colon > 0 ? endpoint.substring(0, colon) : endpoint;
        try {
            return InetAddress.getByName(host.replace("[", "").replace("]", "")).isMulticastAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
