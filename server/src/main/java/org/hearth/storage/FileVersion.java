package org.hearth.storage;

/**
 * An earlier content of a file. Times are epoch seconds.
 *
 * @param nodeId the file's id; versions follow the file through renames and moves
 * @param versionTime names the version (Nextcloud's version timestamp): the content's mtime, made unique per file
 * @param label a user's name for the version; labelled versions never expire; null when none
 * @param authorId the user who wrote this content, or null when it came from outside Hearth
 * @param capturedAt when the content was replaced; retention counts from here
 * @param keptUntil when retention will remove it unless newer versions or space change that; null for never (by
 * age: labelled, or the newest of its file without a maximum age)
 */
public record FileVersion(long id, long nodeId, long ownerId, long versionTime, long size, long mtime,
		String checksum, String mimeType, String label, Long authorId, long capturedAt, Long keptUntil) {

	public FileVersion withKeptUntil(Long until) {
		return new FileVersion(id, nodeId, ownerId, versionTime, size, mtime, checksum, mimeType, label, authorId,
				capturedAt, until);
	}

	public boolean labelled() {
		return label != null;
	}
}
