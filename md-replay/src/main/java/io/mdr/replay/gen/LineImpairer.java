package io.mdr.replay.gen;

import java.util.SplittableRandom;

/**
 * The draws of {@link FeedImpairments} for one line, from that line's own random stream, so that what happens on
 * line B does not depend on how many draws line A made. A probability of 0 never draws.
 */
final class LineImpairer {
    private final SplittableRandom random;
    private final double loss;
    private final double burstLoss;
    private final int burstLength;
    private final double reorder;
    private final double duplicate;
    private int burstRemaining;

    LineImpairer(FeedImpairments impairments, int line, SplittableRandom random) {
        this.random = random;
        this.loss = impairments.loss(line);
        this.burstLoss = impairments.burstLoss();
        this.burstLength = impairments.burstLength();
        this.reorder = impairments.reorder();
        this.duplicate = impairments.duplicate();
    }

    /** Whether the next packet is lost on this line; {@code lostOnBoth} is the draw common to both lines. */
    boolean lose(boolean lostOnBoth) {
        boolean lost = lostOnBoth;
        if (burstRemaining > 0) {
            burstRemaining--;
            lost = true;
        } else if (hits(burstLoss)) {
            burstRemaining = burstLength - 1;
            lost = true;
        }
        return lost || hits(loss);
    }

    /** Whether a packet that survived is held back to go after the next one. */
    boolean reorder() {
        return hits(reorder);
    }

    /** Whether a packet that was sent is sent again. */
    boolean duplicate() {
        return hits(duplicate);
    }

    private boolean hits(double probability) {
        return probability > 0 && random.nextDouble() < probability;
    }
}
