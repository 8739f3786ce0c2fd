package io.mdr.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static io.mdr.config.ConfigKeys.*;

/**
 * What each key accepts, written once: the parser checks raw text with these rules and the records' constructors
 * check their components with the same rules, so a value refused in a file is refused in code too.
 */
final class Rules
{
    static final String BOOLEAN = "true or false";
    static final String PATH = "a non-empty file-system path";
    static final String DEVICE = "a DPDK vdev spec net_<driver><n>[,key=value...] (e.g. net_pcap0,rx_pcap=/path/file.pcap)" +
        " or a PCI address DDDD:BB:DD.F[,key=value...] (e.g. 0000:3b:00.0)";
    static final String GROUP = "IPv4:port, a dotted-quad multicast or unicast address (1.0.0.0 to 239.255.255.255)" +
        " and a port in 1..65535";
    static final String SOURCE = "a dotted-quad unicast IPv4 address (1.0.0.0 to 223.255.255.255), or nothing for any source";
    static final String SESSION = "exactly " + SESSION_LENGTH + " printable ASCII characters, right-padded with spaces" +
        " as MoldUDP64 sends them, or nothing for any session";
    static final String CHANNEL_NAME = "a name of 1 to 32 characters from A-Z a-z 0-9 _ -";

    static final IntRange RX_RING_SIZE = IntRange.powerOfTwo(PORT_RX_RING_SIZE, RING_SIZE_MIN, RING_SIZE_MAX);
    static final IntRange TX_RING_SIZE = IntRange.powerOfTwo(PORT_TX_RING_SIZE, RING_SIZE_MIN, RING_SIZE_MAX);
    static final IntRange MBUF_POOL_SIZE = IntRange.of(PORT_MBUF_POOL_SIZE, 1, ConfigKeys.MBUF_POOL_SIZE_MAX);
    static final IntRange MBUF_CACHE_SIZE = IntRange.of(PORT_MBUF_CACHE_SIZE, 0, ConfigKeys.MBUF_CACHE_SIZE_MAX);
    static final IntRange BURST_SIZE = IntRange.of(PORT_BURST_SIZE, 1, ConfigKeys.BURST_SIZE_MAX);
    static final IntRange STATS_INTERVAL = IntRange.of(STATS_INTERVAL_MS, STATS_INTERVAL_MS_MIN, STATS_INTERVAL_MS_MAX);
    static final IntRange ANY_CORE = IntRange.of(RECEIVER_CORE, 0, Integer.MAX_VALUE);
    static final IntRange JOURNAL_MIN_FREE =
        IntRange.of(JOURNAL_MIN_FREE_MB, ConfigKeys.JOURNAL_MIN_FREE_MB_MIN, ConfigKeys.JOURNAL_MIN_FREE_MB_MAX);
    static final IntRange JOURNAL_RETAIN = IntRange.of(JOURNAL_RETAIN_CYCLES, 0, ConfigKeys.JOURNAL_RETAIN_CYCLES_MAX);
    static final IntRange JOURNAL_FULL_BURSTS = IntRange.of(ConfigKeys.JOURNAL_FULL_BURSTS_PER_COMMIT, 1,
        ConfigKeys.JOURNAL_FULL_BURSTS_PER_COMMIT_MAX);
    static final IntRange RECOVERY_TIMEOUT = IntRange.of(RECOVERY_TIMEOUT_MS, 1, 60_000);
    static final IntRange RECOVERY_ATTEMPTS_RANGE = IntRange.of(RECOVERY_ATTEMPTS, 1, 1000);
    static final IntRange MESSAGES_PER_REQUEST = IntRange.of(RECOVERY_MESSAGES_PER_REQUEST, 1, 65534);
    static final IntRange REQUESTS_IN_FLIGHT = IntRange.of(RECOVERY_REQUESTS_IN_FLIGHT, 1, 4096);
    static final IntRange MAX_LATE_JOIN = IntRange.of(RECOVERY_MAX_LATE_JOIN_MESSAGES, 0, 1L << 40);

    static final String SERVERS = "IP:PORT[,IP:PORT...], up to " + REQUEST_SERVERS_MAX + " unicast dotted-quad addresses" +
        " (1.0.0.0 to 223.255.255.255) with a port in 1..65535, each once; empty = none";
    static final String LOCAL_ADDRESS = "IPv4 or IPv4:port, a dotted-quad address of this host or 0.0.0.0 (any)," +
        " and a port in 0..65535 (0 = any free port)";
    static final String HOLD_BYTES = "bytes in 64K..1G: an integer with an optional K, M or G suffix (powers of 1024)";
    static final String BACKOFF = "a decimal number in 1.0.." + RECOVERY_BACKOFF_MAX + " (1 = no back-off)";

    private static final Pattern SIZE = Pattern.compile("([0-9]{1,13})([KMG]?)");
    private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,6})?");
    static final IntRange BOOK_ORDERS = IntRange.of(BOOK_MAX_ORDERS, 1, BOOK_MAX_ORDERS_MAX);
    static final IntRange BOOK_LEVELS = IntRange.of(BOOK_MAX_LEVELS, 1, BOOK_MAX_LEVELS_MAX);
    static final IntRange RECEIVE_BUFFER_BYTES =
        IntRange.of(PORT_RECEIVE_BUFFER_BYTES, RECEIVE_BUFFER_BYTES_MIN, RECEIVE_BUFFER_BYTES_MAX);
    static final IntRange MAX_DATAGRAM_BYTES = IntRange.of(PORT_MAX_DATAGRAM_BYTES, MAX_DATAGRAM_BYTES_MIN, MAX_DATAGRAM_BYTES_MAX);
    static final IntRange URING_ENTRIES = IntRange.powerOfTwo(PORT_URING_ENTRIES, URING_ENTRIES_MIN, URING_ENTRIES_MAX);
    static final IntRange URING_COMPLETION_ENTRIES =
        IntRange.powerOfTwo(PORT_URING_COMPLETION_ENTRIES, URING_ENTRIES_MIN, URING_COMPLETION_ENTRIES_MAX);
    static final IntRange URING_BUFFERS = IntRange.powerOfTwo(PORT_URING_BUFFERS, 1, URING_BUFFERS_MAX);
    static final String INTERFACE = "a network interface name of 1 to 15 characters without blanks or '/' (e.g. eth0)";
    static final String ZONE = "an IANA time-zone id such as America/New_York, Europe/London or UTC";

    private static final Pattern CHANNEL_NAME_REGEX = Pattern.compile(CHANNEL_NAME_PATTERN);
    private static final Pattern VDEV_NAME = Pattern.compile("net_[A-Za-z0-9_]+");
    private static final Pattern PCI_ADDRESS = Pattern.compile("[0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[01][0-9a-fA-F]\\.[0-7]");
    private static final Pattern PCI_ADDRESS_WITHOUT_DOMAIN = Pattern.compile("[0-9a-fA-F]{2}:[01][0-9a-fA-F]\\.[0-7]");
    private static final Pattern DEVARG_KEY = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]{1,18}");
    private static final Pattern PORT_NUMBER = Pattern.compile("[0-9]{1,5}");

    private Rules()
    {
    }

    /**
     * An integer key's accepted range.
     *
     * @param powerOfTwo whether only powers of two in the range are accepted.
     * @param note       said after the range in messages (why the range is what it is), or empty.
     */
    record IntRange(String key, long min, long max, boolean powerOfTwo, String note)
    {
        static IntRange of(final String key, final long min, final long max)
        {
            return new IntRange(key, min, max, false, "");
        }

        static IntRange powerOfTwo(final String key, final long min, final long max)
        {
            return new IntRange(key, min, max, true, "");
        }

        String expected()
        {
            final String range = max == Integer.MAX_VALUE ? "an integer >= " + min :
                (powerOfTwo ? "a power of two in " : "an integer in ") + min + ".." + max;
            return note.isEmpty() ? range : range + " (" + note + ")";
        }

        boolean accepts(final long value)
        {
            return value >= min && value <= max && (!powerOfTwo || Long.bitCount(value) == 1);
        }

        /** Records a problem unless {@code value} is accepted; returns whether it is. */
        boolean check(final long value, final Problems problems)
        {
            if (accepts(value))
            {
                return true;
            }
            problems.reject(key, Long.toString(value), expected());
            return false;
        }

        /** Parses decimal text; returns null (with the problem recorded) unless it is an accepted integer. */
        Long parse(final String raw, final Problems problems)
        {
            if (INTEGER.matcher(raw).matches())
            {
                final long value = Long.parseLong(raw);
                if (accepts(value))
                {
                    return value;
                }
            }
            problems.reject(key, raw, expected());
            return null;
        }
    }

    /** The cores of a host with {@code cpuCount} CPUs. */
    static IntRange core(final int cpuCount)
    {
        return new IntRange(RECEIVER_CORE, 0, cpuCount - 1, false,
            "this host has " + cpuCount + (cpuCount == 1 ? " CPU" : " CPUs"));
    }

    static Boolean parseBoolean(final String key, final String raw, final Problems problems)
    {
        return switch (raw)
        {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default ->
            {
                problems.reject(key, raw, BOOLEAN);
                yield null;
            }
        };
    }

    /** Returns {@code raw} if it is one of {@code accepted}, else null with the problem recorded. */
    static String parseChoice(final String key, final String raw, final List<String> accepted, final Problems problems)
    {
        if (accepted.contains(raw))
        {
            return raw;
        }
        problems.reject(key, raw, "one of " + String.join(", ", accepted));
        return null;
    }

    static Path parsePath(final String key, final String raw, final Problems problems)
    {
        if (!raw.isEmpty())
        {
            try
            {
                return Path.of(raw);
            }
            catch (final InvalidPathException ex)
            {
                problems.reject(key, raw, PATH + " (" + ex.getReason() + ")");
                return null;
            }
        }
        problems.reject(key, raw, PATH);
        return null;
    }

    static boolean checkPath(final String key, final Path path, final Problems problems)
    {
        if (path == null || path.toString().isEmpty())
        {
            problems.reject(key, String.valueOf(path == null ? "" : path), PATH);
            return false;
        }
        return true;
    }

    // ---------------------------------------------------------------------------------------------- kernel ports

    /** Linux's IFNAMSIZ is 16 bytes with the terminating NUL; dev_valid_name refuses '/', ':' and blanks. */
    static boolean checkInterfaceName(final String key, final String name, final Problems problems)
    {
        String reason = null;
        if (name.isEmpty() || name.length() > 15)
        {
            reason = "it has " + name.length() + " characters";
        }
        else if (name.equals(".") || name.equals(".."))
        {
            reason = "\"" + name + "\" is not an interface name";
        }
        else
        {
            for (int i = 0; i < name.length() && reason == null; i++)
            {
                final char c = name.charAt(i);
                if (c == '/' || c == ':' || Character.isWhitespace(c) || c < 0x21 || c > 0x7E)
                {
                    reason = String.format("character %d is %s", i + 1, Character.isWhitespace(c) ? "a blank" : "'" + c + "'");
                }
            }
        }
        if (reason == null)
        {
            return true;
        }
        problems.reject(key, name, INTERFACE + " (" + reason + ")");
        return false;
    }

    /** Parses a time-zone id; returns null (with the problem recorded) unless java.time knows it. */
    static java.time.ZoneId parseZone(final String key, final String raw, final Problems problems)
    {
        try
        {
            return java.time.ZoneId.of(raw);
        }
        catch (final java.time.DateTimeException ex)
        {
            problems.reject(key, raw, ZONE + " (" + ex.getMessage() + ")");
            return null;
        }
    }

    // ---------------------------------------------------------------------------------------------- port device

    static boolean isVirtualDevice(final String device)
    {
        return device.startsWith("net_");
    }

    /** The part of a device spec before its first comma: the vdev name or the PCI address. */
    static String deviceName(final String device)
    {
        final int comma = device.indexOf(',');
        return comma < 0 ? device : device.substring(0, comma);
    }

    static boolean checkDevice(final String key, final String device, final Problems problems)
    {
        final String reason = deviceProblem(device);
        if (reason == null)
        {
            return true;
        }
        problems.reject(key, device, DEVICE + (reason.isEmpty() ? "" : " (" + reason + ")"));
        return false;
    }

    /** Null if the device spec is accepted, else why not ("" when nothing more useful than DEVICE can be said). */
    private static String deviceProblem(final String device)
    {
        for (int i = 0; i < device.length(); i++)
        {
            if (Character.isWhitespace(device.charAt(i)))
            {
                return "it contains a blank";
            }
        }
        final String name = deviceName(device);
        if (isVirtualDevice(device))
        {
            if (!VDEV_NAME.matcher(name).matches())
            {
                return "\"" + name + "\" is not a vdev name such as net_pcap0";
            }
        }
        else if (!PCI_ADDRESS.matcher(name).matches())
        {
            if (PCI_ADDRESS_WITHOUT_DOMAIN.matcher(name).matches())
            {
                return "a PCI address needs its domain: 0000:" + name;
            }
            return "";
        }
        if (name.length() == device.length())
        {
            return null;
        }
        for (final String devarg : splitDevargs(device.substring(name.length() + 1)))
        {
            final int equals = devarg.indexOf('=');
            if (equals < 0)
            {
                return "devarg \"" + devarg + "\" is not key=value";
            }
            if (!DEVARG_KEY.matcher(devarg.substring(0, equals)).matches())
            {
                return "devarg \"" + devarg + "\" has no key before '='";
            }
            if (equals == devarg.length() - 1)
            {
                return "devarg \"" + devarg + "\" has no value after '='";
            }
        }
        return null;
    }

    /** Splits DPDK devargs at commas outside brackets ({@code key=[0,1]} is one devarg). */
    private static List<String> splitDevargs(final String devargs)
    {
        final List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < devargs.length(); i++)
        {
            final char c = devargs.charAt(i);
            if (c == '[')
            {
                depth++;
            }
            else if (c == ']')
            {
                depth--;
            }
            else if (c == ',' && depth == 0)
            {
                parts.add(devargs.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(devargs.substring(start));
        return parts;
    }

    // ---------------------------------------------------------------------------------------------- channels

    static boolean isChannelName(final String name)
    {
        return CHANNEL_NAME_REGEX.matcher(name).matches();
    }

    /** A line's destination: address in network order and UDP port. */
    record Endpoint(int address, int port)
    {
    }

    /** Parses {@code IPv4:port}; returns null (with the problem recorded) unless both halves are accepted. */
    static Endpoint parseGroup(final String key, final String raw, final Problems problems)
    {
        final String reason;
        final int colon = raw.indexOf(':');
        if (colon < 0 || colon != raw.lastIndexOf(':'))
        {
            reason = colon < 0 ? "no :port" : "more than one ':'";
        }
        else
        {
            final String portText = raw.substring(colon + 1);
            final int port = PORT_NUMBER.matcher(portText).matches() ? Integer.parseInt(portText) : -1;
            String problem = null;
            int address = 0;
            try
            {
                address = Ipv4.parse(raw.substring(0, colon));
                problem = groupAddressProblem(address);
            }
            catch (final IllegalArgumentException ex)
            {
                problem = ex.getMessage();
            }
            if (problem == null && (port < 1 || port > 65535))
            {
                problem = "port \"" + portText + "\" is not in 1..65535";
            }
            if (problem == null)
            {
                return new Endpoint(address, port);
            }
            reason = problem;
        }
        problems.reject(key, raw, GROUP + " (" + reason + ")");
        return null;
    }

    static String groupAddressProblem(final int address)
    {
        final int first = address >>> 24;
        if (first == 0)
        {
            return "0.x.x.x is not a destination";
        }
        if (first >= 240)
        {
            return "240.0.0.0 and above are reserved or broadcast";
        }
        return null;
    }

    /** Parses a source filter; returns null (with the problem recorded) unless it is a unicast address. */
    static Integer parseSource(final String key, final String raw, final Problems problems)
    {
        String reason;
        try
        {
            final int address = Ipv4.parse(raw);
            reason = sourceAddressProblem(address);
            if (reason == null)
            {
                return address;
            }
        }
        catch (final IllegalArgumentException ex)
        {
            reason = ex.getMessage();
        }
        problems.reject(key, raw, SOURCE + " (" + reason + ")");
        return null;
    }

    static String sourceAddressProblem(final int address)
    {
        final int first = address >>> 24;
        if (first == 0)
        {
            return "0.x.x.x is not a sender";
        }
        if (Ipv4.isMulticast(address))
        {
            return "a multicast address is never a source";
        }
        if (first >= 240)
        {
            return "240.0.0.0 and above are reserved or broadcast";
        }
        return null;
    }

    // ---------------------------------------------------------------------------------------------- recovery

    /** Parses a server list; returns null (with the problem recorded) unless every entry is accepted. */
    static List<ServerAddress> parseServers(final String key, final String raw, final Problems problems)
    {
        final List<ServerAddress> servers = new ArrayList<>();
        if (raw.isEmpty())
        {
            return servers;
        }
        for (final String part : raw.split(",", -1))
        {
            final String text = part.strip();
            final String reason = serverProblem(text, servers);
            if (reason != null)
            {
                problems.reject(key, raw, SERVERS + " (" + reason + ")");
                return null;
            }
            servers.add(ServerAddress.of(text));
        }
        if (servers.size() > REQUEST_SERVERS_MAX)
        {
            problems.reject(key, raw, SERVERS + " (" + servers.size() + " servers)");
            return null;
        }
        return List.copyOf(servers);
    }

    private static String serverProblem(final String text, final List<ServerAddress> earlier)
    {
        if (text.isEmpty())
        {
            return "an empty entry";
        }
        final int colon = text.indexOf(':');
        if (colon < 0 || colon != text.lastIndexOf(':'))
        {
            return "\"" + text + "\" " + (colon < 0 ? "has no :port" : "has more than one ':'");
        }
        final String portText = text.substring(colon + 1);
        final int port = PORT_NUMBER.matcher(portText).matches() ? Integer.parseInt(portText) : -1;
        if (port < 1 || port > 65535)
        {
            return "port \"" + portText + "\" is not in 1..65535";
        }
        final int address;
        try
        {
            address = Ipv4.parse(text.substring(0, colon));
        }
        catch (final IllegalArgumentException ex)
        {
            return "\"" + text.substring(0, colon) + "\": " + ex.getMessage();
        }
        final String problem = sourceAddressProblem(address);
        if (problem != null)
        {
            return text + ": " + problem.replace("sender", "server").replace("source", "server");
        }
        if (earlier.contains(new ServerAddress(address, port)))
        {
            return text + " is listed twice";
        }
        return null;
    }

    /** Parses {@code IPv4[:port]} for the local end of the recovery socket; null (problem recorded) if refused. */
    static ServerAddress parseLocalAddress(final String key, final String raw, final Problems problems)
    {
        final int colon = raw.indexOf(':');
        final String addressText = colon < 0 ? raw : raw.substring(0, colon);
        final String portText = colon < 0 ? "0" : raw.substring(colon + 1);
        String reason = null;
        int address = 0;
        try
        {
            address = Ipv4.parse(addressText);
            if (address != 0)
            {
                reason = sourceAddressProblem(address);
            }
        }
        catch (final IllegalArgumentException ex)
        {
            reason = ex.getMessage();
        }
        if (reason == null && (colon != raw.lastIndexOf(':') || !PORT_NUMBER.matcher(portText).matches() ||
            Integer.parseInt(portText) > 65535))
        {
            reason = "port \"" + portText + "\" is not in 0..65535";
        }
        if (reason != null)
        {
            problems.reject(key, raw, LOCAL_ADDRESS + " (" + reason + ")");
            return null;
        }
        return new ServerAddress(address, Integer.parseInt(portText));
    }

    /** Parses a byte count with an optional K/M/G suffix; null (problem recorded) unless within the hold range. */
    static Long parseHoldBytes(final String key, final String raw, final Problems problems)
    {
        final java.util.regex.Matcher matcher = SIZE.matcher(raw);
        if (matcher.matches())
        {
            final int shift = switch (matcher.group(2))
            {
                case "K" -> 10;
                case "M" -> 20;
                case "G" -> 30;
                default -> 0;
            };
            final long value = Long.parseLong(matcher.group(1)) << shift;
            if (value >= RECOVERY_HOLD_BYTES_MIN && value <= RECOVERY_HOLD_BYTES_MAX && value >> shift == Long.parseLong(matcher.group(1)))
            {
                return value;
            }
        }
        problems.reject(key, raw, HOLD_BYTES);
        return null;
    }

    static boolean checkHoldBytes(final long value, final Problems problems)
    {
        if (value >= RECOVERY_HOLD_BYTES_MIN && value <= RECOVERY_HOLD_BYTES_MAX)
        {
            return true;
        }
        problems.reject(RECOVERY_HOLD_BYTES, Long.toString(value), HOLD_BYTES);
        return false;
    }

    /** Parses the back-off factor; null (problem recorded) unless a decimal in 1..16. */
    static Double parseBackoff(final String key, final String raw, final Problems problems)
    {
        if (DECIMAL.matcher(raw).matches())
        {
            final double value = Double.parseDouble(raw);
            if (checkBackoff(value))
            {
                return value;
            }
        }
        problems.reject(key, raw, BACKOFF);
        return null;
    }

    static boolean checkBackoff(final double value)
    {
        return value >= 1.0 && value <= RECOVERY_BACKOFF_MAX;
    }

    static boolean checkSession(final String key, final String session, final Problems problems)
    {
        String reason = null;
        if (session.length() != SESSION_LENGTH)
        {
            reason = "it has " + session.length() + (session.length() == 1 ? " character" : " characters");
            if (session.length() < SESSION_LENGTH)
            {
                reason += "; padded it would read " + Problems.quote(padRight(session));
            }
        }
        else
        {
            for (int i = 0; i < session.length() && reason == null; i++)
            {
                final char c = session.charAt(i);
                if (c < 0x20 || c > 0x7E)
                {
                    reason = String.format("character %d is U+%04X", i + 1, (int)c);
                }
            }
        }
        if (reason == null)
        {
            return true;
        }
        problems.reject(key, session, SESSION + " (" + reason + ")");
        return false;
    }

    private static String padRight(final String session)
    {
        return session + " ".repeat(SESSION_LENGTH - session.length());
    }
}
