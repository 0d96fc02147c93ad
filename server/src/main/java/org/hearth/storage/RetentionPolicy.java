package org.hearth.storage;

import java.time.Duration;

/**
 * How long versions and trash items are kept, as the admin set it; what is not set comes from
 * {@link TrashProperties} and {@link VersionsProperties}. Ages are in seconds.
 *
 * @param trashMinAgeSeconds a trash item is kept at least this long, whatever space it takes
 * @param trashMaxAgeSeconds a trash item is removed after this long (0: at the next expiry run); at least
 * {@code trashMinAgeSeconds}
 * @param versionsMaxAgeSeconds unlabelled versions older than this are removed; 0 for no limit
 * @param versionsSpaceShare the part of a user's free space all their versions may take, from 0 to 1
 */
public record RetentionPolicy(long trashMinAgeSeconds, long trashMaxAgeSeconds, long versionsMaxAgeSeconds,
		double versionsSpaceShare) {

	public RetentionPolicy {
		if (trashMinAgeSeconds < 0 || trashMaxAgeSeconds < 0 || versionsMaxAgeSeconds < 0) {
			throw new StorageException(StorageException.Reason.BAD_CONTENT, "ages must be 0 or more");
		}
		if (trashMinAgeSeconds > trashMaxAgeSeconds) {
			throw new StorageException(StorageException.Reason.BAD_CONTENT,
					"the trash's minimum age may not exceed its maximum age");
		}
		if (!(versionsSpaceShare >= 0 && versionsSpaceShare <= 1)) {
			throw new StorageException(StorageException.Reason.BAD_CONTENT,
					"the versions' share of free space must be between 0 and 1");
		}
	}

	public Duration trashMinAge() {
		return Duration.ofSeconds(trashMinAgeSeconds);
	}

	public Duration trashMaxAge() {
		return Duration.ofSeconds(trashMaxAgeSeconds);
	}

	/** The versions' maximum age, or null for none. */
	public Duration versionsMaxAge() {
		return versionsMaxAgeSeconds == 0 ? null : Duration.ofSeconds(versionsMaxAgeSeconds);
	}
}
