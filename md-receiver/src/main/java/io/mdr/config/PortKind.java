package io.mdr.config;

import java.util.List;

/**
 * Where packets come from ({@link ConfigKeys#PORT_KIND}): a DPDK port that bypasses the kernel, or one of three kernel
 * receive paths for hosts that cannot give the receiver a NIC. Every kind feeds the same pipeline.
 */
public enum PortKind implements ConfigName
{
    /** A DPDK port ({@link ConfigKeys#PORT_DEVICE}): a NIC, or a virtual device such as net_memif or net_af_xdp. */
    DPDK("dpdk"),

    /** One blocking {@code DatagramChannel} per line, {@code receive} into a direct buffer. */
    SOCKET("socket"),

    /** Non-blocking channels on one NIO {@code Selector} (epoll), busy-polled or blocking by the idle strategy. */
    EPOLL("epoll"),

    /** io_uring through its system calls: multishot {@code recvmsg} into provided buffers, or batched {@code recvmsg}. */
    IO_URING("io_uring");

    private final String configName;

    PortKind(final String configName)
    {
        this.configName = configName;
    }

    /** @return the value written in a configuration file, e.g. {@code io_uring}. */
    @Override
    public String configName()
    {
        return configName;
    }

    /** @return whether packets come through the kernel's network stack (every kind but {@link #DPDK}). */
    public boolean kernel()
    {
        return this != DPDK;
    }

    /** @return every value accepted in a configuration file, in declaration order. */
    public static List<String> configNames()
    {
        return ConfigName.namesOf(values());
    }

    /**
     * @param configName a value as written in a configuration file.
     * @return the kind so named.
     * @throws IllegalArgumentException if none is.
     */
    public static PortKind fromConfigName(final String configName)
    {
        return ConfigName.named(values(), configName, "port kind");
    }
}
