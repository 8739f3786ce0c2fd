/**
 * The io_uring port ({@code port.kind=io_uring}): the kernel's asynchronous interface driven from Java through FFM,
 * without liburing (whose helpers are static inline). {@link io.mdr.port.uring.Syscalls} binds the system calls and
 * the few libc functions used; {@link io.mdr.port.uring.Ring} maps the submission and completion rings into memory
 * segments; {@link io.mdr.port.uring.ProvidedBuffers} is the provided-buffer ring that multishot {@code recvmsg}
 * fills; {@link io.mdr.port.uring.RecvmsgBuffers} the buffers of the batched single-shot {@code recvmsg} fallback;
 * {@link io.mdr.port.uring.UringSocket} the lines' sockets; {@link io.mdr.port.uring.IoUringPacketSource} the
 * polling loop's side of it all. Structure layouts and constants come from the jextract bindings
 * ({@code io.mdr.uring.ffi}).
 */
package io.mdr.port.uring;
