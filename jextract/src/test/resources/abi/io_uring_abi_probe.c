/*
 * Prints the size of every struct, the offset and size of every field, and the value of every constant that
 * md-receiver's io_uring port uses through the generated bindings (io.mdr.uring.ffi). IoUringAbiGuardTest compiles
 * this with gcc against the installed kernel and C library headers and compares each line with the generated code.
 * Output: "<struct>.<field> <offset> <size>", "<struct> sizeof <size>" or "<CONSTANT> value <value>".
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stddef.h>
#include <linux/io_uring.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <netinet/in.h>
#include <errno.h>

#define SIZE(t) printf("%s sizeof %zu\n", #t, sizeof(struct t))
#define FIELD(t, f) printf("%s.%s %zu %zu\n", #t, #f, offsetof(struct t, f), sizeof(((struct t *)0)->f))
#define CONSTANT(c) printf("%s value %lld\n", #c, (long long)(c))

int main(void)
{
    SIZE(io_uring_params);
    FIELD(io_uring_params, sq_entries);
    FIELD(io_uring_params, cq_entries);
    FIELD(io_uring_params, flags);
    FIELD(io_uring_params, features);
    FIELD(io_uring_params, sq_off);
    FIELD(io_uring_params, cq_off);
    SIZE(io_sqring_offsets);
    FIELD(io_sqring_offsets, head);
    FIELD(io_sqring_offsets, tail);
    FIELD(io_sqring_offsets, ring_mask);
    FIELD(io_sqring_offsets, flags);
    FIELD(io_sqring_offsets, array);
    SIZE(io_cqring_offsets);
    FIELD(io_cqring_offsets, head);
    FIELD(io_cqring_offsets, tail);
    FIELD(io_cqring_offsets, ring_mask);
    FIELD(io_cqring_offsets, overflow);
    FIELD(io_cqring_offsets, cqes);
    SIZE(io_uring_sqe);
    FIELD(io_uring_sqe, opcode);
    FIELD(io_uring_sqe, flags);
    FIELD(io_uring_sqe, ioprio);
    FIELD(io_uring_sqe, fd);
    FIELD(io_uring_sqe, addr);
    FIELD(io_uring_sqe, len);
    FIELD(io_uring_sqe, msg_flags);
    FIELD(io_uring_sqe, user_data);
    FIELD(io_uring_sqe, buf_group);
    SIZE(io_uring_cqe);
    FIELD(io_uring_cqe, user_data);
    FIELD(io_uring_cqe, res);
    FIELD(io_uring_cqe, flags);
    SIZE(io_uring_buf);
    FIELD(io_uring_buf, addr);
    FIELD(io_uring_buf, len);
    FIELD(io_uring_buf, bid);
    FIELD(io_uring_buf_ring, tail);
    SIZE(io_uring_buf_reg);
    FIELD(io_uring_buf_reg, ring_addr);
    FIELD(io_uring_buf_reg, ring_entries);
    FIELD(io_uring_buf_reg, bgid);
    SIZE(io_uring_recvmsg_out);
    FIELD(io_uring_recvmsg_out, namelen);
    FIELD(io_uring_recvmsg_out, payloadlen);
    FIELD(io_uring_recvmsg_out, flags);
    SIZE(msghdr);
    FIELD(msghdr, msg_name);
    FIELD(msghdr, msg_namelen);
    FIELD(msghdr, msg_iov);
    FIELD(msghdr, msg_iovlen);
    FIELD(msghdr, msg_flags);
    SIZE(iovec);
    FIELD(iovec, iov_base);
    FIELD(iovec, iov_len);
    SIZE(sockaddr_in);
    FIELD(sockaddr_in, sin_family);
    FIELD(sockaddr_in, sin_port);
    FIELD(sockaddr_in, sin_addr);
    SIZE(ip_mreqn);
    FIELD(ip_mreqn, imr_multiaddr);
    FIELD(ip_mreqn, imr_ifindex);

    CONSTANT(SYS_io_uring_setup);
    CONSTANT(SYS_io_uring_enter);
    CONSTANT(SYS_io_uring_register);
    CONSTANT(IORING_OFF_SQ_RING);
    CONSTANT(IORING_OFF_CQ_RING);
    CONSTANT(IORING_OFF_SQES);
    CONSTANT(IORING_SETUP_CQSIZE);
    CONSTANT(IORING_SETUP_SINGLE_ISSUER);
    CONSTANT(IORING_SETUP_DEFER_TASKRUN);
    CONSTANT(IORING_SETUP_COOP_TASKRUN);
    CONSTANT(IORING_ENTER_GETEVENTS);
    CONSTANT(IORING_OP_RECVMSG);
    CONSTANT(IOSQE_BUFFER_SELECT);
    CONSTANT(IOSQE_IO_LINK);
    CONSTANT(IORING_RECV_MULTISHOT);
    CONSTANT(IORING_CQE_F_BUFFER);
    CONSTANT(IORING_CQE_F_MORE);
    CONSTANT(IORING_CQE_BUFFER_SHIFT);
    CONSTANT(IORING_REGISTER_PBUF_RING);
    CONSTANT(IORING_SQ_CQ_OVERFLOW);
    CONSTANT(MSG_TRUNC);
    CONSTANT(IP_ADD_MEMBERSHIP);
    CONSTANT(SO_RCVBUF);
    CONSTANT(ENOBUFS);
    CONSTANT(ECANCELED);
    return 0;
}
