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
