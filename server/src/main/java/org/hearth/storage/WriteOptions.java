package org.hearth.storage;

import java.util.Set;

/**
 * How a write should behave.
 *
 * @param mtime the client's modification time in epoch seconds, or null for now
 * @param ctime the client's creation time in epoch seconds, or null: now for a new file, unchanged for an existing one
 * @param checksum the client's checksum header ({@code SHA1:hex}), verified against the bytes when SHA-1
 * @param expectedLength bytes announced by the client, or -1; a body of another length is refused
 * @param ifMatch the etag the current content must have, or null
 * @param createOnly refuse when the target exists
 * @param lockTokens lock tokens the client submitted
 */
public record WriteOptions(Long mtime, Long ctime, String checksum, long expectedLength, String ifMatch,
		boolean createOnly, Set<String> lockTokens) {

	public static WriteOptions defaults() {
		return new WriteOptions(null, null, null, -1, null, false, Set.of());
	}

	public WriteOptions withMtime(Long seconds) {
		return new WriteOptions(seconds, ctime, checksum, expectedLength, ifMatch, createOnly, lockTokens);
	}

	public WriteOptions withExpectedLength(long bytes) {
		return new WriteOptions(mtime, ctime, checksum, bytes, ifMatch, createOnly, lockTokens);
	}

	/** The same options, refusing to replace an existing file. */
	public WriteOptions withCreateOnly() {
		return new WriteOptions(mtime, ctime, checksum, expectedLength, ifMatch, true, lockTokens);
	}
}
