package io.mdr.memory;

/** Start-up asked for locked memory ({@code receiver.lockMemory=on}) and the kernel refused it. */
public final class MemoryLockException extends RuntimeException {
    public MemoryLockException(String message) {
        super(message);
    }
}
