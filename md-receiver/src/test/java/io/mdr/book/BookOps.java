package io.mdr.book;

import io.mdr.itch.AddOrderEncoder;
import io.mdr.itch.AddOrderMpidEncoder;
import io.mdr.itch.ItchMessageType;
import io.mdr.itch.OrderCancelEncoder;
import io.mdr.itch.OrderDeleteEncoder;
import io.mdr.itch.OrderExecutedEncoder;
import io.mdr.itch.OrderExecutedWithPriceEncoder;
import io.mdr.itch.OrderReplaceEncoder;
import io.mdr.itch.StockDirectoryEncoder;
import io.mdr.itch.SystemEventEncoder;
import io.mdr.itch.TradeEncoder;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Book-changing ITCH messages as values, for generated test streams and hand-written scenarios, and their encoding
 * into a buffer with the project's ITCH encoders.
 */
public final class BookOps {
    private BookOps() {
    }

    /** One step of a stream: a message (possibly cut short) or a gap. */
    public sealed interface Op permits Add, Execute, Cancel, Delete, Replace, Directory, Trade, Gap, Truncated {
    }

    public record Add(int locate, long reference, char side, long shares, long price, boolean mpid) implements Op {
    }

    public record Execute(int locate, long reference, long shares, boolean withPrice) implements Op {
    }

    public record Cancel(int locate, long reference, long shares) implements Op {
    }

    public record Delete(int locate, long reference) implements Op {
    }

    public record Replace(int locate, long original, long replacement, long shares, long price) implements Op {
    }

    public record Directory(int locate, String stock) implements Op {
    }

    /** A message that changes no book. */
    public record Trade(int locate, long price) implements Op {
    }

    /** Messages lost for good: the books become stale. */
    public record Gap() implements Op {
    }

    /** A book-changing message whose block is {@code cut} bytes shorter than its type. */
    public record Truncated(Op message, int cut) implements Op {
    }

    /** Encodes the messages of a stream. Not thread-safe. */
    public static final class Encoder {
        private final AddOrderEncoder add = new AddOrderEncoder();
        private final AddOrderMpidEncoder addMpid = new AddOrderMpidEncoder();
        private final OrderExecutedEncoder executed = new OrderExecutedEncoder();
        private final OrderExecutedWithPriceEncoder executedWithPrice = new OrderExecutedWithPriceEncoder();
        private final OrderCancelEncoder cancel = new OrderCancelEncoder();
        private final OrderDeleteEncoder delete = new OrderDeleteEncoder();
        private final OrderReplaceEncoder replace = new OrderReplaceEncoder();
        private final StockDirectoryEncoder directory = new StockDirectoryEncoder();
        private final TradeEncoder trade = new TradeEncoder();
        private final SystemEventEncoder systemEvent = new SystemEventEncoder();
        public final UnsafeBuffer buffer = new UnsafeBuffer(new byte[ItchMessageType.MAX_LENGTH]);

        /** Writes {@code op} at offset 0; returns its length (a Gap writes nothing and returns 0). */
        public int encode(Op op) {
            buffer.setMemory(0, buffer.capacity(), (byte) 0);
            return switch (op) {
                case Add a when a.mpid() -> {
                    addMpid.wrap(buffer, 0).stockLocate(a.locate()).timestamp(1).orderReferenceNumber(a.reference())
                            .buySellIndicator(a.side()).shares(a.shares()).stock("TEST").price(a.price()).attribution("MPID");
                    yield AddOrderMpidEncoder.LENGTH;
                }
                case Add a -> {
                    add.wrap(buffer, 0).stockLocate(a.locate()).timestamp(1).orderReferenceNumber(a.reference())
                            .buySellIndicator(a.side()).shares(a.shares()).stock("TEST").price(a.price());
                    yield AddOrderEncoder.LENGTH;
                }
                case Execute e when e.withPrice() -> {
                    executedWithPrice.wrap(buffer, 0).stockLocate(e.locate()).timestamp(1)
                            .orderReferenceNumber(e.reference()).executedShares(e.shares()).matchNumber(1)
                            .printable('Y').executionPrice(1_000_000);
                    yield OrderExecutedWithPriceEncoder.LENGTH;
                }
                case Execute e -> {
                    executed.wrap(buffer, 0).stockLocate(e.locate()).timestamp(1).orderReferenceNumber(e.reference())
                            .executedShares(e.shares()).matchNumber(1);
                    yield OrderExecutedEncoder.LENGTH;
                }
                case Cancel c -> {
                    cancel.wrap(buffer, 0).stockLocate(c.locate()).timestamp(1).orderReferenceNumber(c.reference())
                            .cancelledShares(c.shares());
                    yield OrderCancelEncoder.LENGTH;
                }
                case Delete d -> {
                    delete.wrap(buffer, 0).stockLocate(d.locate()).timestamp(1).orderReferenceNumber(d.reference());
                    yield OrderDeleteEncoder.LENGTH;
                }
                case Replace u -> {
                    replace.wrap(buffer, 0).stockLocate(u.locate()).timestamp(1)
                            .originalOrderReferenceNumber(u.original()).newOrderReferenceNumber(u.replacement())
                            .shares(u.shares()).price(u.price());
                    yield OrderReplaceEncoder.LENGTH;
                }
                case Directory r -> {
                    directory.wrap(buffer, 0).stockLocate(r.locate()).timestamp(1).stock(r.stock()).marketCategory('Q')
                            .financialStatusIndicator('N').roundLotSize(100).roundLotsOnly('N').issueClassification('C')
                            .issueSubType("Z").authenticity('P').shortSaleThresholdIndicator('N').ipoFlag('N')
                            .luldReferencePriceTier('1').etpFlag('N').etpLeverageFactor(0).inverseIndicator('N');
                    yield io.mdr.itch.StockDirectoryEncoder.LENGTH;
                }
                case Trade t -> {
                    trade.wrap(buffer, 0).stockLocate(t.locate()).timestamp(1).orderReferenceNumber(0)
                            .buySellIndicator('B').shares(100).stock("TEST").price(t.price()).matchNumber(1);
                    yield TradeEncoder.LENGTH;
                }
                case Gap g -> 0;
                case Truncated t -> Math.max(1, encode(t.message()) - t.cut());
            };
        }

        /** A System Event, which changes no book. */
        public int systemEvent(char code) {
            systemEvent.wrap(buffer, 0).stockLocate(0).timestamp(1).eventCode(code);
            return SystemEventEncoder.LENGTH;
        }
    }
}
