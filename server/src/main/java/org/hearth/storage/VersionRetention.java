package org.hearth.storage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The age rules for the versions of one file, as pure functions of the clock. The newest version stays; an older
 * one stays when it is at least the band's spacing older than the next newer version that stays: 2 s apart in its
 * first 10 s, 10 s up to a minute, a minute up to an hour, an hour up to a day, a day up to 30 days, a week after.
 * Ages count from the capture. Labelled versions always stay; with a maximum age, older unlabelled ones go.
 */
public final class VersionRetention {

	/** Why a version goes. */
	public enum Reason {
		STAGGERED, MAX_AGE, SPACE;

		/** How reports and logs name it: {@code staggered}, {@code max-age}, {@code space}. */
		public String label() {
			return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
		}
	}

	/** Upper age limit of each band (exclusive) and the spacing within it, in seconds. */
	private static final long[][] BANDS = { { 10, 2 }, { 60, 10 }, { 3600, 60 }, { 86_400, 3600 },
			{ 30L * 86_400, 86_400 }, { Long.MAX_VALUE, 7L * 86_400 } };

	private VersionRetention() {
	}

	static long spacingAt(long ageSeconds) {
		for (long[] band : BANDS) {
			if (ageSeconds < band[0]) {
				return band[1];
			}
		}
		throw new IllegalStateException("unreachable: the last band is unbounded");
	}

	/** The versions of one file that the age rules remove at {@code now} (epoch seconds), with the reason. */
	public static Map<FileVersion, Reason> expiredByAge(List<FileVersion> ofFile, long now, Duration maxAge) {
		Map<FileVersion, Reason> expired = new LinkedHashMap<>();
		FileVersion lastKept = null;
		for (FileVersion version : newestFirst(ofFile)) {
			long age = now - version.capturedAt();
			if (version.labelled()) {
				lastKept = version;
			}
			else if (maxAge != null && age > maxAge.toSeconds()) {
				expired.put(version, Reason.MAX_AGE);
			}
			else if (lastKept != null && lastKept.capturedAt() - version.capturedAt() < spacingAt(age)) {
				expired.put(version, Reason.STAGGERED);
			}
			else {
				lastKept = version;
			}
		}
		return expired;
	}

	/**
	 * When the age rules will remove each version if no newer one arrives: the first moment, from {@code now} on,
	 * at which {@link #expiredByAge} picks it. The rules' answer changes only when a version crosses a band limit or
	 * the maximum age, so those moments are the only ones to try. Versions kept for good map to null.
	 */
	public static Map<Long, Long> keptUntil(List<FileVersion> ofFile, long now, Duration maxAge) {
		Map<Long, Long> until = new HashMap<>();
		TreeSet<Long> moments = new TreeSet<>();
		moments.add(now);
		for (FileVersion version : ofFile) {
			until.put(version.id(), null);
			for (long[] band : BANDS) {
				if (band[0] != Long.MAX_VALUE) {
					moments.add(version.capturedAt() + band[0]);
				}
			}
			if (maxAge != null) {
				moments.add(version.capturedAt() + maxAge.toSeconds() + 1);
			}
		}
		List<FileVersion> remaining = new ArrayList<>(ofFile);
		for (long moment : moments.tailSet(now, true)) {
			Map<FileVersion, Reason> expired = expiredByAge(remaining, moment, maxAge);
			for (FileVersion version : expired.keySet()) {
				until.put(version.id(), moment);
			}
			remaining.removeAll(expired.keySet());
		}
		return until;
	}

	static List<FileVersion> newestFirst(List<FileVersion> versions) {
		return versions.stream()
			.sorted(Comparator.comparingLong(FileVersion::capturedAt).thenComparingLong(FileVersion::id).reversed())
			.toList();
	}
}
