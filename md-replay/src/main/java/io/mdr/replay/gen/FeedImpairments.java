package io.mdr.replay.gen;

/**
 * What goes wrong on the two lines of a generated A/B feed, decided per MoldUDP64 packet and deterministic from
 * the generator's seed. Every probability is in {@code [0, 1]}.
 *
 * <p>For each packet, on each line: it is lost if a loss burst is under way on that line, if a new burst starts
 * ({@code burstLoss}: this packet and the {@code burstLength - 1} that follow on that line are lost), if the line's
 * own loss hits ({@code lossA} / {@code lossB}), or if the loss common to both lines hits ({@code lossBoth}, one
 * draw per packet for the two lines). A packet that survives may be held back and sent right after the next packet
 * that line sends ({@code reorder}; one packet at a time is held), or else be sent twice in a row
 * ({@code duplicate}). Independent losses and bursts can also hit the same packet on both lines; the
 * {@link FeedReport} lists every sequence range that ends up missing from both.
 *
 * @param lossA       probability that a packet is lost on line A only
 * @param lossB       probability that a packet is lost on line B only
 * @param lossBoth    probability that a packet is lost on both lines
 * @param duplicate   probability that a packet is sent twice on a line
 * @param reorder     probability that a packet is swapped with the next packet sent on its line
 * @param burstLoss   probability, per packet and line, that a loss burst starts there
 * @param burstLength packets lost in a row by a burst, at least 1
 */
public record FeedImpairments(
        double lossA,
        double lossB,
        double lossBoth,
        double duplicate,
        double reorder,
        double burstLoss,
        int burstLength) {

    /** A perfect network: every packet once, in order, on both lines. */
    public static final FeedImpairments NONE = new FeedImpairments(0, 0, 0, 0, 0, 0, 1);

    public FeedImpairments {
        checkProbability("lossA", lossA);
        checkProbability("lossB", lossB);
        checkProbability("lossBoth", lossBoth);
        checkProbability("duplicate", duplicate);
        checkProbability("reorder", reorder);
        checkProbability("burstLoss", burstLoss);
        if (burstLength < 1) {
            throw new IllegalArgumentException("burstLength must be at least 1: " + burstLength);
        }
    }

    /** Whether nothing is impaired. */
    public boolean isNone() {
        return lossA == 0 && lossB == 0 && lossBoth == 0 && duplicate == 0 && reorder == 0 && burstLoss == 0;
    }

    public FeedImpairments withLossA(double lossA) {
        return new FeedImpairments(lossA, lossB, lossBoth, duplicate, reorder, burstLoss, burstLength);
    }

    public FeedImpairments withLossB(double lossB) {
        return new FeedImpairments(lossA, lossB, lossBoth, duplicate, reorder, burstLoss, burstLength);
    }

    public FeedImpairments withLossBoth(double lossBoth) {
        return new FeedImpairments(lossA, lossB, lossBoth, duplicate, reorder, burstLoss, burstLength);
    }

    public FeedImpairments withDuplicate(double duplicate) {
        return new FeedImpairments(lossA, lossB, lossBoth, duplicate, reorder, burstLoss, burstLength);
    }

    public FeedImpairments withReorder(double reorder) {
        return new FeedImpairments(lossA, lossB, lossBoth, duplicate, reorder, burstLoss, burstLength);
    }

    public FeedImpairments withBurstLoss(double burstLoss, int burstLength) {
        return new FeedImpairments(lossA, lossB, lossBoth, duplicate, reorder, burstLoss, burstLength);
    }

    /** Loss on one line alone: line 0 is A, 1 is B. */
    double loss(int line) {
        return line == 0 ? lossA : lossB;
    }

    private static void checkProbability(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be a probability between 0 and 1: " + value);
        }
    }
}
