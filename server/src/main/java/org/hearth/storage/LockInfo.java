package org.hearth.storage;

import java.time.Instant;

/**
 * A WebDAV-style write lock held on a path of one home.
 *
 * @param token the lock token ({@code opaquelocktoken:uuid})
 * @param homeOwnerId owner of the home the path is in
 * @param path the locked path
 * @param holderId the user who took the lock, or minus the id of the public link it was taken through; only they
 * may use its token
 * @param exclusive exclusive or shared
 * @param infinite depth infinity (covers the subtree) or depth 0
 * @param ownerXml the client's {@code DAV:owner} content, returned verbatim
 * @param timeoutSeconds the granted timeout
 * @param expiresAt when the lock lapses unless refreshed
 */
public record LockInfo(String token, long homeOwnerId, StoragePath path, long holderId, boolean exclusive,
		boolean infinite, String ownerXml, long timeoutSeconds, Instant expiresAt) {

	public boolean covers(StoragePath other) {
		return path.equals(other) || (infinite && path.contains(other));
	}
}
