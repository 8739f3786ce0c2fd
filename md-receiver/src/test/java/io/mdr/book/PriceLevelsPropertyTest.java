package io.mdr.book;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link PriceLevels} against sorted maps on random level openings and removals, in pools of 1 to 12 levels (an
 * index of 2 to 32 buckets, so that the index's keys collide and wrap all the time), on four sides, with ITCH prices
 * and prices beyond 32 bits. After every step: a price that has a level finds that very level, a new price gets a
 * level of its own (or none when the pool is full), the index holds exactly the levels of ITCH prices (a walk
 * along the side would hide a level the index lost), and every side lists its prices best first.
 */
class PriceLevelsPropertyTest {
    private static final int SIDES = 4;

    record Step(boolean open, int side, long price, int pick) {
    }

    @Property(tries = 300)
    void levelsEqualSortedMapsAfterEveryStep(@ForAll @IntRange(min = 1, max = 12) int capacity,
                                             @ForAll("steps") List<Step> steps) {
        PriceLevels levels = new PriceLevels(capacity);
        List<TreeMap<Long, Integer>> model = new ArrayList<>();
        for (int side = 0; side < SIDES; side++) {
            model.add(new TreeMap<>());
        }
        for (Step step : steps) {
            TreeMap<Long, Integer> side = model.get(step.side());
            int used = model.stream().mapToInt(Map::size).sum();
            if (step.open() || used == 0) {
                int level = levels.findOrInsert(step.side(), step.price());
                Integer existing = side.get(step.price());
                if (existing != null) {
                    assertEquals(existing.intValue(), level, "the level of side " + step.side() + " price " + step.price());
                } else if (used == capacity) {
                    assertEquals(PriceLevels.NONE, level);
                } else {
                    assertNotEquals(PriceLevels.NONE, level);
                    for (TreeMap<Long, Integer> other : model) {
                        assertTrue(!other.containsValue(level), "a new level of its own");
                    }
                    side.put(step.price(), level);
                }
            } else {
                List<int[]> live = new ArrayList<>();
                for (int s = 0; s < SIDES; s++) {
                    for (int level : model.get(s).values()) {
                        live.add(new int[] {s, level});
                    }
                }
                int[] leaving = live.get(step.pick() % live.size());
                long price = levels.price(leaving[1]);
                levels.remove(leaving[1]);
                assertEquals(leaving[1], model.get(leaving[0]).remove(price));
            }
            int indexable = 0;
            for (int s = 0; s < SIDES; s++) {
                for (Map.Entry<Long, Integer> level : model.get(s).entrySet()) {
                    if (level.getKey() >>> 32 == 0) {
                        indexable++;
                        assertEquals(level.getValue().intValue(), levels.indexed(s, level.getKey()),
                                "the index finds side " + s + " price " + level.getKey() + " without a walk");
                    }
                }
            }
            assertEquals(indexable, levels.indexSize(), "one index entry per level of an ITCH price");
            for (int s = 0; s < SIDES; s++) {
                TreeMap<Long, Integer> expected = model.get(s);
                List<Long> prices = new ArrayList<>();
                for (int level = levels.best(s); level != PriceLevels.NONE; level = levels.next(level)) {
                    prices.add(levels.price(level));
                }
                List<Long> sorted = new ArrayList<>((s & 1) == BookSide.BID ? expected.descendingKeySet() : expected.keySet());
                assertEquals(sorted, prices, "side " + s + " best first");
                assertEquals(expected.size(), levels.depth(s));
            }
        }
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Long> prices = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.longs().between(1, 24).map(tick -> 1_000_000 + 100 * tick)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(0L, 0xFFFF_FFFFL, 1L << 32, (1L << 32) + 100, Long.MAX_VALUE)));
        return Combinators.combine(Arbitraries.integers().between(0, 9).map(draw -> draw < 6),
                        Arbitraries.integers().between(0, SIDES - 1), prices, Arbitraries.integers().between(0, 1 << 20))
                .as(Step::new).list().ofMinSize(1).ofMaxSize(200);
    }
}
