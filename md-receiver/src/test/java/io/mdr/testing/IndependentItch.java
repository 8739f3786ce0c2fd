package io.mdr.testing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * A second, table-driven reading of the ITCH 5.0 spec, written apart from the product's flyweights, so
 * tests can check the product's output field by field against something that does not share its code.
 */
public final class IndependentItch {
    private static final Map<Character, String[]> FIELDS = new HashMap<>();

    static {
        // name:kind:size, after the 11-byte header. kinds: u unsigned big-endian, a alpha (trimmed).
        def('S', "eventCode:a:1");
        def('R', "stock:a:8", "marketCategory:a:1", "financialStatusIndicator:a:1", "roundLotSize:u:4",
                "roundLotsOnly:a:1", "issueClassification:a:1", "issueSubType:a:2", "authenticity:a:1",
                "shortSaleThresholdIndicator:a:1", "ipoFlag:a:1", "luldReferencePriceTier:a:1", "etpFlag:a:1",
                "etpLeverageFactor:u:4", "inverseIndicator:a:1");
        def('H', "stock:a:8", "tradingState:a:1", "reserved:a:1", "reason:a:4");
        def('Y', "stock:a:8", "regShoAction:a:1");
        def('L', "mpid:a:4", "stock:a:8", "primaryMarketMaker:a:1", "marketMakerMode:a:1", "marketParticipantState:a:1");
        def('V', "level1:u:8", "level2:u:8", "level3:u:8");
        def('W', "breachedLevel:a:1");
        def('K', "stock:a:8", "ipoQuotationReleaseTime:u:4", "ipoQuotationReleaseQualifier:a:1", "ipoPrice:u:4");
        def('J', "stock:a:8", "auctionCollarReferencePrice:u:4", "upperAuctionCollarPrice:u:4",
                "lowerAuctionCollarPrice:u:4", "auctionCollarExtension:u:4");
        def('h', "stock:a:8", "marketCode:a:1", "operationalHaltAction:a:1");
        def('A', "orderReferenceNumber:u:8", "buySellIndicator:a:1", "shares:u:4", "stock:a:8", "price:u:4");
        def('F', "orderReferenceNumber:u:8", "buySellIndicator:a:1", "shares:u:4", "stock:a:8", "price:u:4", "attribution:a:4");
        def('E', "orderReferenceNumber:u:8", "executedShares:u:4", "matchNumber:u:8");
        def('C', "orderReferenceNumber:u:8", "executedShares:u:4", "matchNumber:u:8", "printable:a:1", "executionPrice:u:4");
        def('X', "orderReferenceNumber:u:8", "cancelledShares:u:4");
        def('D', "orderReferenceNumber:u:8");
        def('U', "originalOrderReferenceNumber:u:8", "newOrderReferenceNumber:u:8", "shares:u:4", "price:u:4");
        def('P', "orderReferenceNumber:u:8", "buySellIndicator:a:1", "shares:u:4", "stock:a:8", "price:u:4", "matchNumber:u:8");
        def('Q', "shares:u:8", "stock:a:8", "crossPrice:u:4", "matchNumber:u:8", "crossType:a:1");
        def('B', "matchNumber:u:8");
        def('I', "pairedShares:u:8", "imbalanceShares:u:8", "imbalanceDirection:a:1", "stock:a:8", "farPrice:u:4",
                "nearPrice:u:4", "currentReferencePrice:u:4", "crossType:a:1", "priceVariationIndicator:a:1");
        def('N', "stock:a:8", "interestFlag:a:1");
        def('O', "stock:a:8", "openEligibilityStatus:a:1", "minimumAllowablePrice:u:4", "maximumAllowablePrice:u:4",
                "nearExecutionPrice:u:4", "nearExecutionTime:u:8", "lowerPriceRangeCollar:u:4", "upperPriceRangeCollar:u:4");
    }

    private IndependentItch() {
    }

    private static void def(char type, String... fields) {
        FIELDS.put(type, fields);
    }

    /** The message's JSON members as md-dump writes them (header, then every field in wire order). */
    public static String jsonFields(ByteBuffer message) {
        ByteBuffer m = message.slice().order(ByteOrder.BIG_ENDIAN);
        char type = (char) m.get(0);
        StringBuilder sb = new StringBuilder();
        sb.append("\"type\":\"").append(type).append('"');
        sb.append(",\"stockLocate\":").append(m.getShort(1) & 0xFFFF);
        sb.append(",\"trackingNumber\":").append(m.getShort(3) & 0xFFFF);
        long timestamp = ((m.getShort(5) & 0xFFFFL) << 32) | (m.getInt(7) & 0xFFFF_FFFFL);
        sb.append(",\"timestamp\":").append(timestamp);
        int position = 11;
        for (String field : FIELDS.get(type)) {
            String[] p = field.split(":");
            int size = Integer.parseInt(p[2]);
            sb.append(",\"").append(p[0]).append("\":");
            if (p[1].equals("u")) {
                long v = switch (size) {
                    case 2 -> m.getShort(position) & 0xFFFFL;
                    case 4 -> m.getInt(position) & 0xFFFF_FFFFL;
                    default -> m.getLong(position);
                };
                sb.append(Long.toUnsignedString(v)); // every ITCH integer is unsigned
            } else {
                byte[] text = new byte[size];
                m.get(position, text);
                String s = new String(text, StandardCharsets.US_ASCII);
                sb.append('"').append(size == 1 ? s : s.stripTrailing()).append('"');
            }
            position += size;
        }
        return sb.toString();
    }
}
