package org.hearth.storage;

/**
 * The admin's rules for sharing, read by the permission evaluator on every link visit and by share creation, so a
 * change reaches every protocol at once.
 *
 * @param linksEnabled public links work at all
 * @param publicUploadEnabled links may let visitors upload, edit or delete; off, every link is read-only and
 * upload-only links reach nothing
 * @param passwordRequired links need a password; a link without one stops working while this is on
 * @param defaultExpiryDays expiry set on new links without one, in days; 0 for none
 * @param maxExpiryDays the longest a link may live, in days after its creation; 0 for no limit
 */
public record SharingPolicy(boolean linksEnabled, boolean publicUploadEnabled, boolean passwordRequired,
		int defaultExpiryDays, int maxExpiryDays) {

	public static final SharingPolicy DEFAULT = new SharingPolicy(true, true, false, 0, 0);

	public SharingPolicy {
		if (defaultExpiryDays < 0 || maxExpiryDays < 0) {
			throw new StorageException(StorageException.Reason.BAD_CONTENT, "expiry days must be 0 or more");
		}
		if (maxExpiryDays > 0 && defaultExpiryDays > maxExpiryDays) {
			throw new StorageException(StorageException.Reason.BAD_CONTENT,
					"the default expiry may not exceed the maximum");
		}
	}
}
