package io.mdr.book;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link OrderTable} against a {@code HashMap} on random inserts, updates and removals in tables of 2 to 64 buckets,
 * so that references collide all the time: runs of consecutive references (as ITCH assigns them), references 64
 * apart, large and negative ones. After every step every reference of the pool is looked up.
 */
class OrderTablePropertyTest {
    private static final long[] BASES = {1, 1L << 20, 7L << 32, -1L << 40};

    record Step(int kind, long reference, int level, long shares) {
    }

    @Property(tries = 300)
    void tableEqualsAMapAfterEveryStep(@ForAll @IntRange(min = 1, max = 24) int capacity,
                                       @ForAll("steps") List<Step> steps) {
        OrderTable table = new OrderTable(capacity);
        Map<Long, long[]> model = new HashMap<>();
        for (Step step : steps) {
            switch (step.kind()) {
                case 0 -> {
                    int bucket = table.insert(step.reference(), step.level(), step.shares());
                    if (model.containsKey(step.reference())) {
                        assertEquals(OrderTable.DUPLICATE, bucket);
                    } else if (model.size() == capacity) {
                        assertEquals(OrderTable.FULL, bucket);
                    } else {
                        assertTrue(bucket >= 0);
                        assertEquals(step.reference(), table.reference(bucket), "insert returns the new entry's bucket");
                        model.put(step.reference(), new long[] {step.level(), step.shares()});
                    }
                }
                case 1 -> {
                    int bucket = table.find(step.reference());
                    if (bucket >= 0) {
                        table.setShares(bucket, step.shares());
                        model.get(step.reference())[1] = step.shares();
                    }
                }
                default -> {
                    int bucket = table.find(step.reference());
                    assertEquals(model.containsKey(step.reference()), bucket >= 0);
                    if (bucket >= 0) {
                        table.remove(bucket);
                        model.remove(step.reference());
                    }
                }
            }
            assertEquals(model.size(), table.size());
            for (long base : BASES) {
                for (long offset = 0; offset < 40; offset++) {
                    for (long reference : new long[] {base + offset, base + offset * 64}) {
                        int bucket = table.find(reference);
                        long[] expected = model.get(reference);
                        assertEquals(expected != null, bucket >= 0, "find " + reference + " after " + step);
                        if (expected != null) {
                            assertEquals(expected[0], table.level(bucket));
                            assertEquals(expected[1], table.shares(bucket));
                        }
                    }
                }
            }
        }
    }

    /**
     * References as ITCH assigns them, one after another with small skips, most orders leaving young and some living
     * on: the ring of the newest references fills, wraps many times and hands its survivors to the hash part, and
     * every order stays findable with its data until it leaves.
     */
    @Property(tries = 40)
    void consecutiveReferencesOutliveTheRing(@ForAll @IntRange(min = 1, max = 3000) int capacity,
                                             @ForAll @IntRange(min = 0, max = 1 << 20) int seed) {
        OrderTable table = new OrderTable(capacity);
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        Map<Long, Long> model = new HashMap<>();
        java.util.ArrayList<Long> live = new java.util.ArrayList<>();
        long reference = 1 + random.nextLong(1L << 40);
        for (int step = 0; step < 20 * table.ringSlots() + 200; step++) {
            if (live.size() < capacity && (live.isEmpty() || random.nextInt(100) < 55)) {
                reference += random.nextInt(10) == 0 ? 1 + random.nextInt(3) : 1;
                long shares = 1 + random.nextInt(1 << 20);
                int bucket = table.insert(reference, 7, shares);
                assertTrue(bucket >= 0, "insert " + reference);
                model.put(reference, shares);
                live.add(reference);
            } else {
                // Mostly a young order, sometimes any.
                int index = random.nextInt(4) > 0 ? Math.max(0, live.size() - 1 - random.nextInt(8)) : random.nextInt(live.size());
                long leaving = live.get(index);
                live.set(index, live.get(live.size() - 1));
                live.remove(live.size() - 1);
                int bucket = table.find(leaving);
                assertTrue(bucket >= 0, "find " + leaving + " before it leaves");
                assertEquals(model.remove(leaving), table.shares(bucket));
                table.remove(bucket);
                assertEquals(OrderTable.ABSENT, table.find(leaving));
            }
            assertEquals(model.size(), table.size());
        }
        for (Map.Entry<Long, Long> order : model.entrySet()) {
            int bucket = table.find(order.getKey());
            assertTrue(bucket >= 0, "find " + order.getKey());
            assertEquals(order.getValue(), table.shares(bucket));
            assertEquals(7, table.level(bucket));
            assertEquals(OrderTable.DUPLICATE, table.insert(order.getKey(), 1, 1));
        }
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Long> references = Combinators.combine(Arbitraries.of(1L, 1L << 20, 7L << 32, -1L << 40), Arbitraries.longs().between(0, 39),
                Arbitraries.of(1L, 64L)).as((base, offset, stride) -> base + offset * stride);
        Arbitrary<Step> step = Combinators.combine(
                Arbitraries.frequency(Tuple.of(5, 0), Tuple.of(1, 1), Tuple.of(4, 2)), references,
                Arbitraries.integers().between(0, 1 << 20), Arbitraries.longs().between(1, 0xFFFF_FFFFL)).as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(300).withSizeDistribution(RandomDistribution.uniform());
    }
}
