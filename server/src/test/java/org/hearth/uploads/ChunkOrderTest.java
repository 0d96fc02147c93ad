package org.hearth.uploads;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Part names of every client sort into upload order (spec §6.2). */
class ChunkOrderTest {

	@Test
	void unpaddedCountersSortByValue() {
		assertThat(sorted("10", "2", "1", "11", "9")).containsExactly("1", "2", "9", "10", "11");
	}

	@Test
	void paddedCountersAndOffsetsSortByValue() {
		assertThat(sorted("0000000000000001", "0000000000000010", "0000000000000000")).containsExactly(
				"0000000000000000", "0000000000000001", "0000000000000010");
		assertThat(sorted("0000000020000000", "0000000000000000", "0000000010000000")).containsExactly(
				"0000000000000000", "0000000010000000", "0000000020000000");
	}

	@Test
	void rcloneOffsetRangesSortByStart() {
		List<String> names = new ArrayList<>();
		for (long start = 0; start < 12 * 1000; start += 1000) {
			names.add(String.format("%015d-%015d", start, start + 999));
		}
		List<String> shuffled = new ArrayList<>(names);
		Collections.shuffle(shuffled, new Random(7));
		assertThat(sorted(shuffled.toArray(String[]::new))).containsExactlyElementsOf(names);
	}

	@Test
	void textAndNumbersMix() {
		assertThat(sorted("part-10", "part-9", "part-1a", "part-1")).containsExactly("part-1", "part-1a", "part-9",
				"part-10");
		assertThat(ChunkOrder.NATURAL.compare("01", "1")).as("total order for equal values").isNotZero();
		assertThat(ChunkOrder.NATURAL.compare("99999999999999999999999", "100000000000000000000000"))
			.as("numbers beyond long").isNegative();
	}

	private static List<String> sorted(String... names) {
		List<String> list = new ArrayList<>(List.of(names));
		list.sort(ChunkOrder.NATURAL);
		return list;
	}
}
