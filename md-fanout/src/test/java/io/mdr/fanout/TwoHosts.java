package io.mdr.fanout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Two hosts on one machine: two network namespaces joined by a veth pair, made by the test and named after its
 * process ({@code foPIDa} with {@code foPIDx} at 10.77.0.1, {@code foPIDb} with {@code foPIDy} at 10.77.0.2),
 * with a route for multicast on the veth in each. Deleting the namespaces deletes the pair; a shutdown hook does
 * it too when the JVM ends another way.
 */
final class TwoHosts implements AutoCloseable {
    static final String FANOUT_HOST = "10.77.0.1";
    static final String STRATEGY_HOST = "10.77.0.2";

    private final String tag = "fo" + ProcessHandle.current().pid();
    final String fanoutNamespace = tag + "a";
    final String strategyNamespace = tag + "b";
    private final Thread hook = new Thread(this::delete, "delete-" + tag);
    private boolean closed;

    private TwoHosts() {
    }

    /** Whether this process may make namespaces (root, with iproute2). */
    static boolean possible() {
        try {
            return "0".equals(output(List.of("id", "-u")).trim()) && run(List.of("ip", "netns", "list")) == 0;
        } catch (IOException e) {
            return false;
        }
    }

    static TwoHosts create() throws IOException {
        TwoHosts hosts = new TwoHosts();
        Runtime.getRuntime().addShutdownHook(hosts.hook);
        try {
            hosts.delete();
            String a = hosts.fanoutNamespace;
            String b = hosts.strategyNamespace;
            String x = hosts.tag + "x";
            String y = hosts.tag + "y";
            must("ip", "netns", "add", a);
            must("ip", "netns", "add", b);
            must("ip", "link", "add", x, "type", "veth", "peer", "name", y);
            must("ip", "link", "set", x, "netns", a);
            must("ip", "link", "set", y, "netns", b);
            must("ip", "-n", a, "addr", "add", FANOUT_HOST + "/24", "dev", x);
            must("ip", "-n", b, "addr", "add", STRATEGY_HOST + "/24", "dev", y);
            for (String[] end : new String[][] {{a, x}, {b, y}}) {
                must("ip", "-n", end[0], "link", "set", "lo", "up");
                must("ip", "-n", end[0], "link", "set", end[1], "up");
                must("ip", "-n", end[0], "route", "add", "224.0.0.0/4", "dev", end[1]);
            }
            return hosts;
        } catch (IOException | RuntimeException e) {
            hosts.close();
            throw e;
        }
    }

    /** {@code ip netns exec NAMESPACE}: the prefix that runs a command on the fan-out's host. */
    List<String> onFanoutHost() {
        return List.of("ip", "netns", "exec", fanoutNamespace);
    }

    /** The prefix that runs a command on the strategies' host. */
    List<String> onStrategyHost() {
        return List.of("ip", "netns", "exec", strategyNamespace);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            delete();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down already
            }
        }
    }

    private void delete() {
        for (String ns : new String[] {fanoutNamespace, strategyNamespace}) {
            try {
                run(List.of("ip", "netns", "del", ns));
            } catch (IOException e) {
                // nothing to delete
            }
        }
    }

    private static void must(String... command) throws IOException {
        int rc = run(List.of(command));
        if (rc != 0) {
            throw new IOException(String.join(" ", command) + " failed (exit " + rc + ")");
        }
    }

    private static int run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            return p.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String output(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] bytes = p.getInputStream().readAllBytes();
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static List<String> concat(List<String> a, String... b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(List.of(b));
        return all;
    }
}
