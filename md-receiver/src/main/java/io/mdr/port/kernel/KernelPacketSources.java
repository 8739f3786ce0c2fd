package io.mdr.port.kernel;

import io.mdr.config.IdleStrategyKind;
import io.mdr.config.ReceiverConfig;
import io.mdr.port.PacketSink;
import io.mdr.port.PacketSource;

/**
 * Opens the socket or epoll port a configuration asks for.
 */
public final class KernelPacketSources {
    private KernelPacketSources() {
    }

    public static PacketSource open(ReceiverConfig config, PacketSink sink, boolean rxOnly) {
        return switch (config.portKind()) {
            case SOCKET -> SocketPacketSource.open(config.kernelPort(), KernelLine.all(config), sink, rxOnly);
            case EPOLL -> EpollPacketSource.open(config.kernelPort(), KernelLine.all(config), sink, rxOnly,
                    waits(config.idleStrategy()));
            default -> throw new IllegalArgumentException(config.portKind().configName() + " is not a socket or epoll port");
        };
    }

    /** The idle strategies that wait (rather than spin) make a kernel port wait in the kernel instead. */
    public static boolean waits(IdleStrategyKind idle) {
        return idle == IdleStrategyKind.BACKOFF || idle == IdleStrategyKind.SLEEPING;
    }

}
