package org.hearth.storage;

/**
 * A file or folder's metadata. {@code id} is the Nextcloud file id: stable across renames and moves, never reused.
 * {@code etag} changes on every content change of the node or, for folders, of anything below it.
 *
 * @param size bytes; for folders the recursive total
 * @param mtime modification time, epoch seconds
 * @param ctime creation (upload) time, epoch seconds
 * @param checksum checksums as Nextcloud clients expect them, e.g. {@code SHA1:ab12…}; null for folders
 */
public record Node(long id, long ownerId, Long parentId, String name, StoragePath path, boolean directory, long size,
		long mtime, long ctime, String etag, String checksum, String mimeType) {

	public static final String FOLDER_MIME_TYPE = "httpd/unix-directory";

	public Node withId(long newId) {
		return new Node(newId, ownerId, parentId, name, path, directory, size, mtime, ctime, etag, checksum, mimeType);
	}

	/** The SHA-1 in hex from the checksum list, or null. */
	public String sha1() {
		if (checksum == null) {
			return null;
		}
		for (String entry : checksum.split(" ")) {
			if (entry.regionMatches(true, 0, "SHA1:", 0, 5)) {
				return entry.substring(5).toLowerCase(java.util.Locale.ROOT);
			}
		}
		return null;
	}
}
