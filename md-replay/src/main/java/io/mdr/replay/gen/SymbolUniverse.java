package io.mdr.replay.gen;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The securities of a generated session: tickers, opening prices and how busy each one is. Built once, before
 * the first message; the generator then only reads the arrays.
 *
 * <p>The first symbols are real NASDAQ-listed tickers at roughly their recent prices, busiest first; the rest
 * are generated 3-4 letter names that collide with none of them. Activity follows a Zipf-like law (weight
 * {@code 1 / (rank + 2)}), so the first few symbols carry much of the flow, as on a real feed.
 */
final class SymbolUniverse {
    /** Prices carry 4 implied decimals. */
    static final long PRICE_SCALE = 10_000L;
    /** Size of {@link #pickTable}: a random index into it picks a symbol with the right weight. */
    static final int PICK_TABLE_SIZE = 1 << 16;

    private static final String[] KNOWN_TICKERS = {
        "AAPL", "MSFT", "NVDA", "AMZN", "GOOGL", "META", "TSLA", "AVGO", "GOOG", "COST",
        "NFLX", "AMD", "PEP", "ADBE", "CSCO", "INTC", "QCOM", "TXN", "AMGN", "INTU",
        "ISRG", "CMCSA", "HON", "AMAT", "BKNG", "SBUX", "GILD", "MDLZ", "ADI", "VRTX",
        "REGN", "LRCX", "ADP", "PYPL", "MU", "PANW", "SNPS", "KLAC", "CDNS", "MAR",
        "ASML", "ABNB", "MELI", "ORLY", "CTAS", "CRWD", "FTNT", "MRVL", "CSX", "PDD",
        "WDAY", "NXPI", "ROP", "ADSK", "PCAR", "MNST", "CPRT", "PAYX", "AEP", "ODFL",
        "ROST", "KDP", "FAST", "DDOG", "EA", "KHC", "BKR", "CTSH", "VRSK", "GEHC",
        "EXC", "XEL", "IDXX", "LULU", "TTWO", "ZS", "ON", "CSGP", "DXCM", "BIIB",
        "TEAM", "MDB", "WBD", "ILMN", "GFS", "DLTR", "SIRI", "ARM", "SMCI", "PLTR",
    };
    /** Approximate prices in whole cents, in the order of {@link #KNOWN_TICKERS}. */
    private static final int[] KNOWN_PRICE_CENTS = {
        19_000, 42_000, 12_000, 18_000, 17_000, 50_000, 25_000, 16_000, 17_200, 85_000,
        65_000, 15_000, 17_000, 50_000, 5_000, 3_000, 17_000, 19_000, 30_000, 62_000,
        40_000, 4_000, 20_000, 20_000, 380_000, 8_000, 7_000, 7_000, 22_000, 45_000,
        100_000, 8_000, 27_000, 6_500, 11_000, 35_000, 55_000, 75_000, 28_000, 24_000,
        90_000, 15_000, 190_000, 95_000, 5_500, 35_000, 7_000, 7_000, 3_500, 12_000,
        25_000, 22_000, 55_000, 25_000, 10_000, 5_500, 5_000, 13_000, 9_500, 18_000,
        15_000, 3_500, 7_000, 12_000, 15_000, 3_500, 3_500, 7_500, 27_000, 8_500,
        4_000, 6_500, 50_000, 30_000, 15_000, 20_000, 7_000, 7_500, 8_000, 20_000,
        21_000, 25_000, 1_000, 12_000, 4_000, 7_500, 2_000, 15_000, 4_500, 4_000,
    };

    final String[] tickers;
    /** Opening price of each symbol, 4 implied decimals. */
    final long[] openingPrices;
    /** Symbol index for each of {@link #PICK_TABLE_SIZE} uniform draws, in proportion to activity. */
    final int[] pickTable;

    SymbolUniverse(int count, SplittableRandom random) {
        tickers = new String[count];
        openingPrices = new long[count];
        Set<String> used = new HashSet<>();
        for (int i = 0; i < count; i++) {
            if (i < KNOWN_TICKERS.length) {
                tickers[i] = KNOWN_TICKERS[i];
                openingPrices[i] = KNOWN_PRICE_CENTS[i] * (PRICE_SCALE / 100);
            } else {
                tickers[i] = generatedTicker(random, used);
                // Log-uniform between $5 and $500, on a whole cent.
                double dollars = 5.0 * Math.pow(100.0, random.nextDouble());
                openingPrices[i] = Math.round(dollars * 100.0) * (PRICE_SCALE / 100);
            }
            used.add(tickers[i]);
        }
        pickTable = buildPickTable(count);
    }

    int size() {
        return tickers.length;
    }

    /** A weighted random symbol index. */
    int pick(SplittableRandom random) {
        return pickTable[random.nextInt(PICK_TABLE_SIZE)];
    }

    private static String generatedTicker(SplittableRandom random, Set<String> used) {
        while (true) {
            int length = 3 + random.nextInt(2);
            char[] chars = new char[length];
            for (int i = 0; i < length; i++) {
                chars[i] = (char) ('A' + random.nextInt(26));
            }
            String ticker = new String(chars);
            if (!used.contains(ticker) && !isKnown(ticker)) {
                return ticker;
            }
        }
    }

    private static boolean isKnown(String ticker) {
        for (String known : KNOWN_TICKERS) {
            if (known.equals(ticker)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Fills the table by cumulative weight so that symbol i owns a share of the entries proportional to
     * {@code 1 / (i + 2)}. A symbol whose share is below one entry (only with thousands of symbols) owns none: it
     * is listed in the directory but sees no orders.
     */
    private static int[] buildPickTable(int count) {
        double total = 0;
        for (int i = 0; i < count; i++) {
            total += weight(i);
        }
        int[] table = new int[PICK_TABLE_SIZE];
        double cumulative = 0;
        int symbol = 0;
        for (int entry = 0; entry < PICK_TABLE_SIZE; entry++) {
            double point = (entry + 0.5) / PICK_TABLE_SIZE * total;
            while (symbol < count - 1 && cumulative + weight(symbol) < point) {
                cumulative += weight(symbol);
                symbol++;
            }
            table[entry] = symbol;
        }
        return table;
    }

    private static double weight(int rank) {
        return 1.0 / (rank + 2);
    }
}
