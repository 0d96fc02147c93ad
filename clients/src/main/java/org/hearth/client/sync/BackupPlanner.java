package org.hearth.client.sync;

/**
 * The decision table of {@code hearth backup}, as a pure function of what is known about one file: the local copy,
 * the server copy and what the last backup recorded. Backup only ever adds to the server; it never deletes, and it
 * never replaces a server file it does not own.
 *
 * <p>A server file is <b>owned</b> when the state records it and the server still holds exactly what the backup put
 * there (same etag, or same size and SHA-1). An owned file whose local copy changed is replaced (with
 * {@code If-Match}). A server file that is not owned and differs from the local one leads to {@link Action#CONFLICT}:
 * the caller uploads the local file beside it under {@link #conflictName(String, String)}.
 */
public final class BackupPlanner {

	/**
	 * @param sha1 lower-case hex, or null when not computed yet
	 */
	public record LocalFile(long size, long mtimeSeconds, String sha1) {

		/** Size and whole-second mtime of a file as read from its attributes; hash unknown. */
		public static LocalFile of(java.nio.file.attribute.BasicFileAttributes attributes) {
			return new LocalFile(attributes.size(), attributes.lastModifiedTime().toInstant().getEpochSecond(), null);
		}

		public LocalFile withSha1(String hash) {
			return new LocalFile(size, mtimeSeconds, hash);
		}
	}

	/**
	 * @param sha1 lower-case hex from {@code oc:checksums}, or null when the server gave none
	 */
	public record RemoteFile(boolean directory, long size, long mtimeSeconds, String etag, String sha1) {
	}

	public enum Action {
		/** Nothing to do: the owned server copy matches the local file. */
		UNCHANGED,
		/** The decision needs the local file's SHA-1: compute it and decide again. */
		HASH_LOCAL,
		/** No server file: upload. */
		UPLOAD_NEW,
		/** The owned server copy is older than the local file: replace it, with {@code If-Match} on its etag. */
		REPLACE,
		/** Server and local content are the same: record the server file as backed up, transfer nothing. */
		ADOPT,
		/** A server file the backup does not own differs from the local one: upload beside it, never over it. */
		CONFLICT,
		/** A folder has the file's name on the server: skip with a warning. */
		FOLDER_IN_THE_WAY
	}

	private BackupPlanner() {
	}

	/**
	 * @param remote the server file at the same path, or null if there is none
	 * @param last what the last backup recorded for this path, or null
	 */
	public static Action decide(LocalFile local, RemoteFile remote, SyncState.Entry last) {
		if (remote == null) {
			return Action.UPLOAD_NEW;
		}
		if (remote.directory()) {
			return Action.FOLDER_IN_THE_WAY;
		}
		if (owned(remote, last)) {
			if (local.size() == last.size() && local.mtimeSeconds() == last.mtimeSeconds()) {
				return Action.UNCHANGED;
			}
			if (local.size() != last.size()) {
				return Action.REPLACE;
			}
			if (local.sha1() == null) {
				return Action.HASH_LOCAL;
			}
			// only touched: same bytes, so just remember the new mtime
			return local.sha1().equals(last.sha1()) ? Action.ADOPT : Action.REPLACE;
		}
		return switch (compare(local, remote)) {
			case SAME -> Action.ADOPT;
			case DIFFERENT -> Action.CONFLICT;
			case NEEDS_HASH -> Action.HASH_LOCAL;
		};
	}

	enum Comparison {
		SAME, DIFFERENT, NEEDS_HASH
	}

	/** Whether a local and a server file hold the same bytes, as far as size, SHA-1 and mtime tell. */
	static Comparison compare(LocalFile local, RemoteFile remote) {
		if (remote.size() != local.size()) {
			return Comparison.DIFFERENT;
		}
		if (remote.sha1() == null) {
			// nothing better to compare: the same size and second of modification is taken as the same file
			return remote.mtimeSeconds() == local.mtimeSeconds() ? Comparison.SAME : Comparison.DIFFERENT;
		}
		if (local.sha1() == null) {
			return Comparison.NEEDS_HASH;
		}
		return remote.sha1().equals(local.sha1()) ? Comparison.SAME : Comparison.DIFFERENT;
	}

	/** Whether the server still holds exactly what the last backup put there. */
	static boolean owned(RemoteFile remote, SyncState.Entry last) {
		if (last == null) {
			return false;
		}
		if (last.etag() != null && last.etag().equals(remote.etag())) {
			return true;
		}
		return last.sha1() != null && last.sha1().equals(remote.sha1()) && last.size() == remote.size();
	}

	/**
	 * {@code photo.jpg} → {@code photo (conflict from laptop).jpg}; names without an extension (or dot files like
	 * {@code .profile}) get the suffix at the end.
	 */
	public static String conflictName(String name, String device) {
		return suffixed(name, " (conflict from " + device + ")");
	}

	/** Inserts {@code suffix} before the extension of {@code name}. */
	static String suffixed(String name, String suffix) {
		int dot = name.lastIndexOf('.');
		if (dot <= 0) {
			return name + suffix;
		}
		return name.substring(0, dot) + suffix + name.substring(dot);
	}
}
