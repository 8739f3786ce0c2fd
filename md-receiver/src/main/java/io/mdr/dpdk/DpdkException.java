package io.mdr.dpdk;

/**
 * A DPDK call failed during bring-up or shutdown. The message names the step and DPDK's error string.
 */
public final class DpdkException extends RuntimeException {
    private final String step;
    private final int errno;

    public DpdkException(String step, int errno) {
        super(step + " failed: " + RteErrors.describe(errno));
        this.step = step;
        this.errno = errno;
    }

    public DpdkException(String step, String detail) {
        super(step + " failed: " + detail);
        this.step = step;
        this.errno = 0;
    }

    /** The DPDK function or bring-up step that failed, e.g. {@code rte_eth_dev_configure}. */
    public String step() {
        return step;
    }

    /** The positive errno / rte_errno value, 0 when the failure had none. */
    public int errno() {
        return errno;
    }
}
