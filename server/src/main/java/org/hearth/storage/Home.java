package org.hearth.storage;

/**
 * A user's storage: a folder under the data folder and its quota.
 *
 * @param quotaBytes the quota, or {@link #UNLIMITED}
 * @param usedBytes bytes of current files (versions and trash are not counted)
 */
public record Home(long ownerId, String name, long quotaBytes, long usedBytes) {

	public static final long UNLIMITED = -1;

	public long freeBytes() {
		return quotaBytes == UNLIMITED ? Long.MAX_VALUE : Math.max(0, quotaBytes - usedBytes);
	}
}
