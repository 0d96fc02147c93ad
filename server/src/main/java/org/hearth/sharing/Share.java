package org.hearth.sharing;

import java.time.LocalDate;

/**
 * A share of a node: to a user, to a group, or a public link.
 *
 * @param ownerId whose home the node is in
 * @param initiatorId who made the share (the owner, or a resharer)
 * @param parentId the share a reshare was made through, or null
 * @param permissions Nextcloud's bits (1 read, 2 update, 4 create, 8 delete, 16 share)
 * @param token a link's token, null for other shares
 * @param passwordHash a link's encoded password hash, or null
 * @param expiresOn the last day a link works, or null
 * @param createdAt epoch seconds
 */
public record Share(long id, ShareType type, long ownerId, long initiatorId, long nodeId, Long sharedWithUser,
		Long sharedWithGroup, Long parentId, int permissions, String token, String passwordHash, LocalDate expiresOn,
		String label, String note, boolean hideDownload, long createdAt) {

	public Share withPermissions(int bits) {
		return new Share(id, type, ownerId, initiatorId, nodeId, sharedWithUser, sharedWithGroup, parentId, bits, token,
				passwordHash, expiresOn, label, note, hideDownload, createdAt);
	}
}
