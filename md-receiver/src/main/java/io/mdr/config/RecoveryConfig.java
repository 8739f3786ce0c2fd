package io.mdr.config;

import java.util.List;
import java.util.Objects;

import static io.mdr.config.ConfigKeys.*;

/**
 * How holes that neither line fills are recovered from MoldUDP64 request (retransmission) servers, and how much a
 * channel may hold behind a hole meanwhile. A channel recovers when it has servers: its own
 * ({@code channel.<name>.requestServer}) or {@link #requestServers()}.
 *
 * @param requestServers      {@link ConfigKeys#RECOVERY_REQUEST_SERVER}: servers of channels that name none; may be empty.
 * @param timeoutMs           wait for an answer before a request counts as unanswered.
 * @param attempts            unanswered requests in a row before a hole is given up.
 * @param backoff             factor the timeout grows by after each unanswered request.
 * @param messagesPerRequest  most messages one request asks for.
 * @param requestsInFlight    requests outstanding at once over all channels.
 * @param holdBytes           bytes of packets one channel may hold behind a hole.
 * @param localAddress        where the recovery socket binds (0.0.0.0:0 = any interface, any port).
 * @param lateJoin            what a session's first packet above sequence 1 leads to.
 * @param maxLateJoinMessages with {@link LateJoin#RECOVER}, most messages asked for before the first packet.
 */
public record RecoveryConfig(
    List<ServerAddress> requestServers,
    long timeoutMs,
    int attempts,
    double backoff,
    int messagesPerRequest,
    int requestsInFlight,
    long holdBytes,
    ServerAddress localAddress,
    LateJoin lateJoin,
    long maxLateJoinMessages)
{
    /**
     * @throws ConfigException naming every value out of range.
     */
    public RecoveryConfig
    {
        requestServers = List.copyOf(requestServers);
        Objects.requireNonNull(localAddress, "localAddress");
        Objects.requireNonNull(lateJoin, "lateJoin");
        final Problems problems = new Problems();
        Rules.RECOVERY_TIMEOUT.check(timeoutMs, problems);
        Rules.RECOVERY_ATTEMPTS_RANGE.check(attempts, problems);
        if (!Rules.checkBackoff(backoff))
        {
            problems.reject(RECOVERY_BACKOFF, Double.toString(backoff), Rules.BACKOFF);
        }
        Rules.MESSAGES_PER_REQUEST.check(messagesPerRequest, problems);
        Rules.REQUESTS_IN_FLIGHT.check(requestsInFlight, problems);
        Rules.checkHoldBytes(holdBytes, problems);
        Rules.MAX_LATE_JOIN.check(maxLateJoinMessages, problems);
        if (requestServers.size() > REQUEST_SERVERS_MAX)
        {
            problems.reject(RECOVERY_REQUEST_SERVER, requestServers.toString(), Rules.SERVERS);
        }
        problems.throwIfAny("RecoveryConfig");
    }

    /** @return the defaults of every key, no server. */
    public static RecoveryConfig defaults()
    {
        return new RecoveryConfig(List.of(), RECOVERY_TIMEOUT_MS_DEFAULT, RECOVERY_ATTEMPTS_DEFAULT, RECOVERY_BACKOFF_DEFAULT,
            RECOVERY_MESSAGES_PER_REQUEST_DEFAULT, RECOVERY_REQUESTS_IN_FLIGHT_DEFAULT, 8L << 20,
            ServerAddress.of(RECOVERY_LOCAL_ADDRESS_DEFAULT), LateJoin.fromConfigName(RECOVERY_LATE_JOIN_DEFAULT),
            RECOVERY_MAX_LATE_JOIN_MESSAGES_DEFAULT);
    }

    /**
     * The longest a hole can stay requested before it is given up: every attempt's timeout, each {@link #backoff()}
     * times the one before.
     *
     * @return milliseconds.
     */
    public long giveUpMs()
    {
        double total = 0;
        double timeout = timeoutMs;
        for (int i = 0; i < attempts; i++)
        {
            total += timeout;
            timeout *= backoff;
        }
        return (long)Math.ceil(Math.min(total, Long.MAX_VALUE / 2.0));
    }

    /** @return {@link #holdBytes()} as written in a file: with a K, M or G suffix when it is a whole multiple. */
    public String holdBytesText()
    {
        for (final String suffix : new String[] {"G", "M", "K"})
        {
            final int shift = suffix.equals("G") ? 30 : suffix.equals("M") ? 20 : 10;
            if (holdBytes % (1L << shift) == 0)
            {
                return (holdBytes >> shift) + suffix;
            }
        }
        return Long.toString(holdBytes);
    }

    /** @return the back-off as written in a file (no exponent, no trailing zeros beyond one decimal). */
    public String backoffText()
    {
        return java.math.BigDecimal.valueOf(backoff).stripTrailingZeros().toPlainString();
    }
}
