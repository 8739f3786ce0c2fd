package io.mdr.replay.gen;

/** Told how far a long generation has got, every {@link FeedPcapWriter#PROGRESS_INTERVAL_MESSAGES} messages. */
@FunctionalInterface
public interface FeedProgressListener {
    /**
     * @param messages messages generated so far
     * @param packets  data packets sent so far (before impairments)
     */
    void onProgress(long messages, long packets);
}
