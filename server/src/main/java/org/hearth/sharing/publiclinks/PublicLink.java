package org.hearth.sharing.publiclinks;

/**
 * A public link as its visitors' adapters need it (a row of {@code shares} with share type 3). Its expiry is
 * left to storage's link rule.
 *
 * @param shareId the share's id, which the visitor's actor carries
 * @param ownerId the owner, in whose area a visitor's chunked uploads are staged (storage calls take the visitor's
 * own namespace, {@link LinkAccess#HOME})
 * @param token the secret in the link's URLs
 * @param passwordHash the encoded password, or null when the link has none
 * @param permissions Nextcloud's bits: 1 read, 2 update, 4 create, 8 delete
 * @param hideDownload the owner asked the pages not to offer downloads
 */
public record PublicLink(long shareId, long ownerId, String token, String passwordHash, int permissions, String label,
		boolean hideDownload) {

	public static final int READ = 1;

	public static final int CREATE = 4;

	public boolean passwordProtected() {
		return passwordHash != null;
	}

	/** A file drop: visitors may upload but neither list nor read. */
	public boolean uploadOnly() {
		return (permissions & READ) == 0 && (permissions & CREATE) != 0;
	}
}
