package io.mdr.replay.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A veth pair into a network namespace of this test's own, standing in for a second host: the receiving end, named
 * {@link #RECEIVER_INTERFACE} as in the shipped kernel-port configurations (names are per namespace, so two test runs
 * at once do not collide), lives in namespace {@code tpk<pid>r} with 10.231.0.2/24 and a route back to any sender;
 * the sending end stays in the root namespace without an address ({@link #senderInterface()}: frames are sent onto it
 * raw), or moves into a second namespace {@code tpk<pid>s} with 10.231.0.1/24 for a socket sender. Everything is
 * deleted on close, and whatever a crashed earlier run of the same process id left is deleted first.
 */
final class VethNamespaces implements AutoCloseable {
    static final String RECEIVER_INTERFACE = "mdr-veth1";
    static final String RECEIVER_ADDRESS = "10.231.0.2";
    static final String SENDER_ADDRESS = "10.231.0.1";

    private final String tag = "mdk" + ProcessHandle.current().pid() % 10_000_000;
    private final String receiverNamespace = tag + "r";
    private final String senderNamespace = tag + "s";
    private final boolean senderInNamespace;

    private VethNamespaces(boolean senderInNamespace) {
        this.senderInNamespace = senderInNamespace;
    }

    /**
     * @param senderInNamespace move the sending end into a namespace of its own, with an address (a socket sender);
     *                          otherwise leave it in the root namespace, addressless (a raw sender: af_packet)
     */
    static VethNamespaces create(boolean senderInNamespace) throws IOException, InterruptedException {
        VethNamespaces v = new VethNamespaces(senderInNamespace);
        v.delete();
        try {
            String a = v.senderInterface();
            String b = v.tag + "b";
            v.ip("netns", "add", v.receiverNamespace);
            v.ip("link", "add", a, "type", "veth", "peer", "name", b);
            v.ip("link", "set", b, "netns", v.receiverNamespace);
            v.ipIn(v.receiverNamespace, "link", "set", b, "name", RECEIVER_INTERFACE);
            v.ipIn(v.receiverNamespace, "addr", "add", RECEIVER_ADDRESS + "/24", "dev", RECEIVER_INTERFACE);
            v.ipIn(v.receiverNamespace, "link", "set", RECEIVER_INTERFACE, "up");
            v.ipIn(v.receiverNamespace, "link", "set", "lo", "up");
            // Whatever the sender's address, the reply path goes back out of the veth: a strict rp_filter keeps the packets.
            v.ipIn(v.receiverNamespace, "route", "add", "default", "dev", RECEIVER_INTERFACE);
            if (senderInNamespace) {
                v.ip("netns", "add", v.senderNamespace);
                v.ip("link", "set", a, "netns", v.senderNamespace);
                v.ipIn(v.senderNamespace, "addr", "add", SENDER_ADDRESS + "/24", "dev", a);
                v.ipIn(v.senderNamespace, "link", "set", a, "up");
                v.ipIn(v.senderNamespace, "link", "set", "lo", "up");
            } else {
                run(List.of("sysctl", "-q", "-w", "net.ipv6.conf." + a + ".disable_ipv6=1"));
                v.ip("link", "set", a, "up");
            }
            return v;
        } catch (IOException | RuntimeException e) {
            v.delete();
            throw e;
        }
    }

    /** The sending end's name: in the root namespace, or in {@link #senderNamespace()}. */
    String senderInterface() {
        return tag + "a";
    }

    String receiverNamespace() {
        return receiverNamespace;
    }

    String senderNamespace() {
        return senderNamespace;
    }

    /** {@code ip netns exec NS} followed by the command. */
    static List<String> inNamespace(String namespace, List<String> command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        full.addAll(command);
        return full;
    }

    private void ip(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(args));
        run(command);
    }

    private void ipIn(String namespace, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ip", "-n", namespace));
        command.addAll(List.of(args));
        run(command);
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + ": did not finish in 20 s");
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + ": exit " + p.exitValue() + ": " + out.strip());
        }
        return out;
    }

    private static void runQuietly(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            p.waitFor(20, TimeUnit.SECONDS);
        } catch (IOException e) {
            // nothing to delete
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void delete() {
        runQuietly(List.of("ip", "link", "del", senderInterface()));
        runQuietly(List.of("ip", "netns", "del", receiverNamespace));
        runQuietly(List.of("ip", "netns", "del", senderNamespace));
    }

    @Override
    public void close() {
        delete();
    }

    @Override
    public String toString() {
        return (senderInNamespace ? senderNamespace + ":" : "") + senderInterface() + " -> " + receiverNamespace + ":"
                + RECEIVER_INTERFACE;
    }
}
