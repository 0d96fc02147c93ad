package org.hearth.storage;

/**
 * A deleted file or folder in its owner's trash. Its nodes keep their ids while in the trash.
 *
 * @param rootNodeId the id the file or folder had, and gets back when restored
 * @param originalPath where it was when deleted
 * @param size bytes (for a folder, of everything in it)
 * @param deletedAt epoch seconds
 * @param deletedBy the user who deleted it; null when the reconciler noticed it was removed on disk
 * @param contentLost the content was removed outside Hearth: only the metadata is left, it cannot be restored
 * @param keptUntil epoch seconds after which the expiry removes it at the latest ({@code hearth.trash.max-age})
 */
public record TrashItem(long id, long ownerId, long rootNodeId, String name, StoragePath originalPath,
		boolean directory, long size, long deletedAt, Long deletedBy, boolean contentLost, long keptUntil) {
}
