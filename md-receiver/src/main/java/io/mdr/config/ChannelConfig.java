package io.mdr.config;

import java.util.List;
import java.util.Objects;

/**
 * One feed channel: a MoldUDP64 stream received on one line (A) or two redundant lines (A and B) that the
 * arbitrator merges by sequence number.
 *
 * @param name    the channel's name in the configuration ({@code channel.<name>.*}).
 * @param session the MoldUDP64 session the channel accepts, or null for any session.
 * @param lineA   the A line, always present.
 * @param lineB   the B line, or null for a single-line channel.
 * @param requestServers the channel's own MoldUDP64 request servers, in the order they are tried; empty = those of
 *                {@link ConfigKeys#RECOVERY_REQUEST_SERVER}.
 */
public record ChannelConfig(String name, SessionId session, LineConfig lineA, LineConfig lineB, List<ServerAddress> requestServers)
{
    /**
     * @throws ConfigException if the name is not accepted or both lines have the same group and port.
     */
    public ChannelConfig
    {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(lineA, "lineA");
        requestServers = List.copyOf(requestServers);
        final Problems problems = new Problems();
        if (!Rules.isChannelName(name))
        {
            problems.reject("channel name", name, Rules.CHANNEL_NAME);
        }
        else if (lineB != null && lineB.group() == lineA.group() && lineB.port() == lineA.port())
        {
            // Components are not assigned yet in a compact constructor: build keys from the parameter, not key().
            problems.reject(ConfigKeys.channelKey(name, ConfigKeys.CHANNEL_B_GROUP), lineB.groupText(),
                "a group:port other than " + ConfigKeys.channelKey(name, ConfigKeys.CHANNEL_A_GROUP) +
                "'s (the B line must be a different stream)");
        }
        problems.throwIfAny("ChannelConfig");
    }

    /** A channel without servers of its own. */
    public ChannelConfig(final String name, final SessionId session, final LineConfig lineA, final LineConfig lineB)
    {
        this(name, session, lineA, lineB, List.of());
    }

    /**
     * @param defaults the servers of {@link ConfigKeys#RECOVERY_REQUEST_SERVER}.
     * @return the servers this channel recovers from: its own, else {@code defaults}; empty = no recovery.
     */
    public List<ServerAddress> requestServersOr(final List<ServerAddress> defaults)
    {
        return requestServers.isEmpty() ? defaults : requestServers;
    }

    /** @return whether packets of any MoldUDP64 session are accepted. */
    public boolean anySession()
    {
        return session == null;
    }

    /** @return whether the channel has a B line. */
    public boolean hasLineB()
    {
        return lineB != null;
    }

    /** @return 1 or 2. */
    public int lineCount()
    {
        return lineB == null ? 1 : 2;
    }

    /**
     * @param index 0 for A, 1 for B.
     * @return the line.
     * @throws IndexOutOfBoundsException unless {@code index < lineCount()}.
     */
    public LineConfig line(final int index)
    {
        if (index == 0)
        {
            return lineA;
        }
        if (index == 1 && lineB != null)
        {
            return lineB;
        }
        throw new IndexOutOfBoundsException("channel " + name + " has no line " + index);
    }

    /**
     * @param suffix one of {@link ConfigKeys#CHANNEL_SUFFIXES}.
     * @return the full configuration key of this channel's setting, e.g. {@code channel.itch.a.group}.
     */
    public String key(final String suffix)
    {
        return ConfigKeys.channelKey(name, suffix);
    }
}
