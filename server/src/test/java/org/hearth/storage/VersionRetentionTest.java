package org.hearth.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The age rules at their band limits, and the kept-until dates they imply. */
class VersionRetentionTest {

	private static final long T = 1_800_000_000L;

	@ParameterizedTest(name = "age {0} s: {1} s apart is too close, {2} s apart is kept")
	@CsvSource({ "0, 1, 2", "9, 1, 2", "10, 9, 10", "59, 9, 10", "60, 59, 60", "3599, 59, 60", "3600, 3599, 3600",
			"86399, 3599, 3600", "86400, 86399, 86400", "2591999, 86399, 86400", "2592000, 604799, 604800",
			"99999999, 604799, 604800" })
	void anOlderVersionNeedsTheSpacingOfItsBand(long age, long tooClose, long farEnough) {
		assertThat(expired(age, tooClose)).containsEntry(1L, VersionRetention.Reason.STAGGERED);
		assertThat(expired(age, farEnough)).isEmpty();
	}

	/** Two versions {@code gap} seconds apart, the older {@code age} seconds old: what the rules remove. */
	private static Map<Long, VersionRetention.Reason> expired(long age, long gap) {
		List<FileVersion> versions = List.of(version(1, T - gap, null), version(2, T, null));
		Map<Long, VersionRetention.Reason> byId = new java.util.HashMap<>();
		VersionRetention.expiredByAge(versions, T - gap + age, null).forEach((v, r) -> byId.put(v.id(), r));
		return byId;
	}

	@Test
	void theNewestStaysAndSpacingCountsFromTheLastKept() {
		// captured 0, 1, 2, 3 and 4 s ago: 4 stays, 3 and 1 are too close to the next kept one
		List<FileVersion> versions = List.of(version(1, T - 4, null), version(2, T - 3, null), version(3, T - 2, null),
				version(4, T - 1, null), version(5, T, null));
		assertThat(VersionRetention.expiredByAge(versions, T, null).keySet()).extracting(FileVersion::id)
			.containsExactlyInAnyOrder(4L, 2L);
	}

	@Test
	void labelledVersionsStayAndMaxAgeRemovesTheRest() {
		List<FileVersion> versions = List.of(version(1, T - 100, "kept"), version(2, T - 99, null),
				version(3, T - 50, null));
		var expired = VersionRetention.expiredByAge(versions, T, Duration.ofSeconds(60));
		assertThat(expired.keySet()).extracting(FileVersion::id).containsExactly(2L);
		assertThat(expired).containsValue(VersionRetention.Reason.MAX_AGE);
		assertThat(VersionRetention.expiredByAge(versions, T + 11, Duration.ofSeconds(60)).keySet())
			.as("past the maximum age even the newest goes").extracting(FileVersion::id)
			.containsExactlyInAnyOrder(2L, 3L);
	}

	@Test
	void keptUntilIsWhenTheNextBandsSpacingExceedsTheGap() {
		// 5 s apart: fine while the older is under 10 s old, too close from 10 s on
		List<FileVersion> versions = List.of(version(1, T - 5, null), version(2, T, null));
		Map<Long, Long> until = VersionRetention.keptUntil(versions, T, null);
		assertThat(until).containsEntry(1L, T - 5 + 10).containsEntry(2L, null);
		// a day apart: kept until 30 days old, then a week's spacing applies
		versions = List.of(version(1, T - 86_400, null), version(2, T, null));
		assertThat(VersionRetention.keptUntil(versions, T, null)).containsEntry(1L, T - 86_400 + 30L * 86_400);
		// with a maximum age, every unlabelled version has a date; labelled ones none
		versions = List.of(version(1, T - 86_400, "keep"), version(2, T, null));
		assertThat(VersionRetention.keptUntil(versions, T, Duration.ofDays(7))).containsEntry(1L, null)
			.containsEntry(2L, T + 7 * 86_400 + 1);
	}

	@Test
	void keptUntilAccountsForVersionsThatGoFirst() {
		// 0, 4 and 8 s ago: at 10 s the oldest is too close to the middle one... until the middle one goes
		List<FileVersion> versions = List.of(version(1, T - 8, null), version(2, T - 4, null), version(3, T, null));
		Map<Long, Long> until = VersionRetention.keptUntil(versions, T, null);
		assertThat(until.get(2L)).isEqualTo(T - 4 + 10);
		assertThat(until.get(1L)).isEqualTo(T - 8 + 10);
	}

	private static FileVersion version(long id, long capturedAt, String label) {
		return new FileVersion(id, 7, 1, capturedAt, 10, capturedAt, null, "text/plain", label, null, capturedAt,
				null);
	}
}
