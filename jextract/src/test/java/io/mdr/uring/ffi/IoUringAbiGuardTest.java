package io.mdr.uring.ffi;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.MemoryLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The io_uring ABI guard: the generated layouts and constants agree with what gcc makes of this host's kernel and C
 * library headers, for every field and constant the io_uring port uses. The kernel's io_uring ABI only grows, so a
 * mismatch means the bindings were generated from other headers than these: regenerate them (jextract/generate.sh).
 */
class IoUringAbiGuardTest {

    static Map<String, Long> generated() {
        Map<String, Long> m = new LinkedHashMap<>();
        size(m, "io_uring_params", io_uring_params.layout());
        field(m, "io_uring_params.sq_entries", io_uring_params.sq_entries$offset(), io_uring_params.sq_entries$layout());
        field(m, "io_uring_params.cq_entries", io_uring_params.cq_entries$offset(), io_uring_params.cq_entries$layout());
        field(m, "io_uring_params.flags", io_uring_params.flags$offset(), io_uring_params.flags$layout());
        field(m, "io_uring_params.features", io_uring_params.features$offset(), io_uring_params.features$layout());
        field(m, "io_uring_params.sq_off", io_uring_params.sq_off$offset(), io_uring_params.sq_off$layout());
        field(m, "io_uring_params.cq_off", io_uring_params.cq_off$offset(), io_uring_params.cq_off$layout());
        size(m, "io_sqring_offsets", io_sqring_offsets.layout());
        field(m, "io_sqring_offsets.head", io_sqring_offsets.head$offset(), io_sqring_offsets.head$layout());
        field(m, "io_sqring_offsets.tail", io_sqring_offsets.tail$offset(), io_sqring_offsets.tail$layout());
        field(m, "io_sqring_offsets.ring_mask", io_sqring_offsets.ring_mask$offset(), io_sqring_offsets.ring_mask$layout());
        field(m, "io_sqring_offsets.flags", io_sqring_offsets.flags$offset(), io_sqring_offsets.flags$layout());
        field(m, "io_sqring_offsets.array", io_sqring_offsets.array$offset(), io_sqring_offsets.array$layout());
        size(m, "io_cqring_offsets", io_cqring_offsets.layout());
        field(m, "io_cqring_offsets.head", io_cqring_offsets.head$offset(), io_cqring_offsets.head$layout());
        field(m, "io_cqring_offsets.tail", io_cqring_offsets.tail$offset(), io_cqring_offsets.tail$layout());
        field(m, "io_cqring_offsets.ring_mask", io_cqring_offsets.ring_mask$offset(), io_cqring_offsets.ring_mask$layout());
        field(m, "io_cqring_offsets.overflow", io_cqring_offsets.overflow$offset(), io_cqring_offsets.overflow$layout());
        field(m, "io_cqring_offsets.cqes", io_cqring_offsets.cqes$offset(), io_cqring_offsets.cqes$layout());
        size(m, "io_uring_sqe", io_uring_sqe.layout());
        field(m, "io_uring_sqe.opcode", io_uring_sqe.opcode$offset(), io_uring_sqe.opcode$layout());
        field(m, "io_uring_sqe.flags", io_uring_sqe.flags$offset(), io_uring_sqe.flags$layout());
        field(m, "io_uring_sqe.ioprio", io_uring_sqe.ioprio$offset(), io_uring_sqe.ioprio$layout());
        field(m, "io_uring_sqe.fd", io_uring_sqe.fd$offset(), io_uring_sqe.fd$layout());
        field(m, "io_uring_sqe.addr", io_uring_sqe.addr$offset(), io_uring_sqe.addr$layout());
        field(m, "io_uring_sqe.len", io_uring_sqe.len$offset(), io_uring_sqe.len$layout());
        field(m, "io_uring_sqe.msg_flags", io_uring_sqe.msg_flags$offset(), io_uring_sqe.msg_flags$layout());
        field(m, "io_uring_sqe.user_data", io_uring_sqe.user_data$offset(), io_uring_sqe.user_data$layout());
        field(m, "io_uring_sqe.buf_group", io_uring_sqe.buf_group$offset(), io_uring_sqe.buf_group$layout());
        size(m, "io_uring_cqe", io_uring_cqe.layout());
        field(m, "io_uring_cqe.user_data", io_uring_cqe.user_data$offset(), io_uring_cqe.user_data$layout());
        field(m, "io_uring_cqe.res", io_uring_cqe.res$offset(), io_uring_cqe.res$layout());
        field(m, "io_uring_cqe.flags", io_uring_cqe.flags$offset(), io_uring_cqe.flags$layout());
        size(m, "io_uring_buf", io_uring_buf.layout());
        field(m, "io_uring_buf.addr", io_uring_buf.addr$offset(), io_uring_buf.addr$layout());
        field(m, "io_uring_buf.len", io_uring_buf.len$offset(), io_uring_buf.len$layout());
        field(m, "io_uring_buf.bid", io_uring_buf.bid$offset(), io_uring_buf.bid$layout());
        field(m, "io_uring_buf_ring.tail", io_uring_buf_ring.tail$offset(), io_uring_buf_ring.tail$layout());
        size(m, "io_uring_buf_reg", io_uring_buf_reg.layout());
        field(m, "io_uring_buf_reg.ring_addr", io_uring_buf_reg.ring_addr$offset(), io_uring_buf_reg.ring_addr$layout());
        field(m, "io_uring_buf_reg.ring_entries", io_uring_buf_reg.ring_entries$offset(), io_uring_buf_reg.ring_entries$layout());
        field(m, "io_uring_buf_reg.bgid", io_uring_buf_reg.bgid$offset(), io_uring_buf_reg.bgid$layout());
        size(m, "io_uring_recvmsg_out", io_uring_recvmsg_out.layout());
        field(m, "io_uring_recvmsg_out.namelen", io_uring_recvmsg_out.namelen$offset(), io_uring_recvmsg_out.namelen$layout());
        field(m, "io_uring_recvmsg_out.payloadlen", io_uring_recvmsg_out.payloadlen$offset(), io_uring_recvmsg_out.payloadlen$layout());
        field(m, "io_uring_recvmsg_out.flags", io_uring_recvmsg_out.flags$offset(), io_uring_recvmsg_out.flags$layout());
        size(m, "msghdr", msghdr.layout());
        field(m, "msghdr.msg_name", msghdr.msg_name$offset(), msghdr.msg_name$layout());
        field(m, "msghdr.msg_namelen", msghdr.msg_namelen$offset(), msghdr.msg_namelen$layout());
        field(m, "msghdr.msg_iov", msghdr.msg_iov$offset(), msghdr.msg_iov$layout());
        field(m, "msghdr.msg_iovlen", msghdr.msg_iovlen$offset(), msghdr.msg_iovlen$layout());
        field(m, "msghdr.msg_flags", msghdr.msg_flags$offset(), msghdr.msg_flags$layout());
        size(m, "iovec", iovec.layout());
        field(m, "iovec.iov_base", iovec.iov_base$offset(), iovec.iov_base$layout());
        field(m, "iovec.iov_len", iovec.iov_len$offset(), iovec.iov_len$layout());
        size(m, "sockaddr_in", sockaddr_in.layout());
        field(m, "sockaddr_in.sin_family", sockaddr_in.sin_family$offset(), sockaddr_in.sin_family$layout());
        field(m, "sockaddr_in.sin_port", sockaddr_in.sin_port$offset(), sockaddr_in.sin_port$layout());
        field(m, "sockaddr_in.sin_addr", sockaddr_in.sin_addr$offset(), sockaddr_in.sin_addr$layout());
        size(m, "ip_mreqn", ip_mreqn.layout());
        field(m, "ip_mreqn.imr_multiaddr", ip_mreqn.imr_multiaddr$offset(), ip_mreqn.imr_multiaddr$layout());
        field(m, "ip_mreqn.imr_ifindex", ip_mreqn.imr_ifindex$offset(), ip_mreqn.imr_ifindex$layout());

        constant(m, "SYS_io_uring_setup", IoUring.SYS_io_uring_setup());
        constant(m, "SYS_io_uring_enter", IoUring.SYS_io_uring_enter());
        constant(m, "SYS_io_uring_register", IoUring.SYS_io_uring_register());
        constant(m, "IORING_OFF_SQ_RING", IoUring.IORING_OFF_SQ_RING());
        constant(m, "IORING_OFF_CQ_RING", IoUring.IORING_OFF_CQ_RING());
        constant(m, "IORING_OFF_SQES", IoUring.IORING_OFF_SQES());
        constant(m, "IORING_SETUP_CQSIZE", IoUring.IORING_SETUP_CQSIZE());
        constant(m, "IORING_SETUP_SINGLE_ISSUER", IoUring.IORING_SETUP_SINGLE_ISSUER());
        constant(m, "IORING_SETUP_DEFER_TASKRUN", IoUring.IORING_SETUP_DEFER_TASKRUN());
        constant(m, "IORING_SETUP_COOP_TASKRUN", IoUring.IORING_SETUP_COOP_TASKRUN());
        constant(m, "IORING_ENTER_GETEVENTS", IoUring.IORING_ENTER_GETEVENTS());
        constant(m, "IORING_OP_RECVMSG", IoUring.IORING_OP_RECVMSG());
        constant(m, "IOSQE_BUFFER_SELECT", IoUring.IOSQE_BUFFER_SELECT());
        constant(m, "IOSQE_IO_LINK", IoUring.IOSQE_IO_LINK());
        constant(m, "IORING_RECV_MULTISHOT", IoUring.IORING_RECV_MULTISHOT());
        constant(m, "IORING_CQE_F_BUFFER", IoUring.IORING_CQE_F_BUFFER());
        constant(m, "IORING_CQE_F_MORE", IoUring.IORING_CQE_F_MORE());
        constant(m, "IORING_CQE_BUFFER_SHIFT", IoUring.IORING_CQE_BUFFER_SHIFT());
        constant(m, "IORING_REGISTER_PBUF_RING", IoUring.IORING_REGISTER_PBUF_RING());
        constant(m, "IORING_SQ_CQ_OVERFLOW", IoUring.IORING_SQ_CQ_OVERFLOW());
        constant(m, "MSG_TRUNC", IoUring.MSG_TRUNC());
        constant(m, "IP_ADD_MEMBERSHIP", IoUring.IP_ADD_MEMBERSHIP());
        constant(m, "SO_RCVBUF", IoUring.SO_RCVBUF());
        constant(m, "ENOBUFS", IoUring.ENOBUFS());
        constant(m, "ECANCELED", IoUring.ECANCELED());
        return m;
    }

    private static void size(Map<String, Long> m, String struct, MemoryLayout layout) {
        m.put(struct + " sizeof", layout.byteSize());
    }

    private static void field(Map<String, Long> m, String name, long offset, MemoryLayout layout) {
        m.put(name + " offset", offset);
        m.put(name + " size", layout.byteSize());
    }

    private static void constant(Map<String, Long> m, String name, long value) {
        m.put(name + " value", value);
    }

    static Map<String, Long> parseProbe(List<String> lines) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (String line : lines) {
            String[] p = line.trim().split("\\s+");
            if (p.length == 3 && (p[1].equals("sizeof") || p[1].equals("value"))) {
                m.put(p[0] + " " + p[1], Long.parseLong(p[2]));
            } else if (p.length == 3) {
                m.put(p[0] + " offset", Long.parseLong(p[1]));
                m.put(p[0] + " size", Long.parseLong(p[2]));
            } else if (!line.isBlank()) {
                throw new IllegalArgumentException("unexpected probe line: " + line);
            }
        }
        return m;
    }

    @Test
    void generatedLayoutsAndConstantsMatchThisHostsHeaders(@TempDir Path dir) throws Exception {
        Path source = dir.resolve("io_uring_abi_probe.c");
        try (InputStream in = IoUringAbiGuardTest.class.getResourceAsStream("/abi/io_uring_abi_probe.c")) {
            Files.copy(in, source);
        }
        Path binary = dir.resolve("io_uring_abi_probe");
        run(List.of("gcc", "-O0", "-o", binary.toString(), source.toString()), dir);
        Map<String, Long> gcc = parseProbe(run(List.of(binary.toString()), dir).lines().toList());
        Map<String, Long> java = generated();
        assertTrue(gcc.size() > 100, "the probe printed too little: " + gcc);
        List<String> mismatches = new ArrayList<>();
        gcc.forEach((key, value) -> {
            Long generated = java.get(key);
            if (!value.equals(generated)) {
                mismatches.add(key + ": gcc says " + value + ", the generated bindings say " + generated);
            }
        });
        java.keySet().stream().filter(k -> !gcc.containsKey(k)).forEach(k -> mismatches.add(k + ": not printed by the probe"));
        if (!mismatches.isEmpty()) {
            fail("The generated io_uring bindings do not match this host's headers:\n  " + String.join("\n  ", mismatches)
                    + "\nRegenerate them with jextract/generate.sh (see jextract/GENERATED_BY).");
        }
    }

    private static String run(List<String> command, Path dir) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            fail(String.join(" ", command) + " failed:\n" + out);
        }
        return out;
    }
}
