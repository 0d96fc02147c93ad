package org.hearth.client.sync;

import org.hearth.client.sync.BackupPlanner.LocalFile;
import org.hearth.client.sync.BackupPlanner.RemoteFile;

/**
 * The decision table of {@code hearth sync} for one file, as a pure function of the local copy, the server copy and
 * the state both had after the last sync ({@code base}). A side has <b>changed</b> when it differs from the base: for
 * the local side other size or mtime (and, for a same-size file, another SHA-1); for the server another etag (unless
 * size and SHA-1 show the same bytes).
 *
 * <ul>
 * <li>changed on one side only: copy it to the other side, or delete there if it was a deletion;</li>
 * <li>changed on both sides to the same bytes: just record; to different bytes: {@link Action#CONFLICT}, keep
 * both (the caller renames the local file to a conflicted copy and downloads the server's);</li>
 * <li>deleted on one side but changed on the other: the change wins and is copied back, so no edit is lost.</li>
 * </ul>
 */
public final class SyncPlanner {

	public enum Action {
		NOTHING,
		/** The decision needs the local file's SHA-1: compute it and decide again. */
		HASH_LOCAL,
		UPLOAD,
		DOWNLOAD,
		/** Deleted locally, unchanged on the server: delete there (the server keeps it in its trash). */
		DELETE_REMOTE,
		/** Deleted on the server, unchanged locally: delete the local file. */
		DELETE_LOCAL,
		/** Both sides hold the same bytes (or neither holds the file any more): update the state only. */
		RECORD,
		/** Both changed differently: keep both. */
		CONFLICT
	}

	private SyncPlanner() {
	}

	/**
	 * @param local the local file, or null if there is none
	 * @param remote the server file (never a folder), or null if there is none
	 * @param base what the last sync recorded, or null if this path was never synced
	 */
	public static Action decide(LocalFile local, RemoteFile remote, SyncState.Entry base) {
		if (local == null && remote == null) {
			return base == null ? Action.NOTHING : Action.RECORD;
		}
		if (base == null) {
			if (remote == null) {
				return Action.UPLOAD;
			}
			if (local == null) {
				return Action.DOWNLOAD;
			}
			return sameContent(local, remote);
		}
		Action localChange = localChanged(local, base);
		if (localChange == Action.HASH_LOCAL) {
			return localChange;
		}
		boolean localChanged = localChange == Action.UPLOAD;
		boolean remoteChanged = remoteChanged(remote, base);
		if (!localChanged && !remoteChanged) {
			return Action.NOTHING;
		}
		if (localChanged && !remoteChanged) {
			return local == null ? Action.DELETE_REMOTE : Action.UPLOAD;
		}
		if (!localChanged) {
			return remote == null ? Action.DELETE_LOCAL : Action.DOWNLOAD;
		}
		if (local == null) {
			return Action.DOWNLOAD;
		}
		if (remote == null) {
			return Action.UPLOAD;
		}
		return sameContent(local, remote);
	}

	/** UPLOAD if the local side changed since the base, NOTHING if not, HASH_LOCAL if only a hash can tell. */
	private static Action localChanged(LocalFile local, SyncState.Entry base) {
		if (local == null) {
			return Action.UPLOAD;
		}
		if (local.size() != base.size()) {
			return Action.UPLOAD;
		}
		if (local.mtimeSeconds() == base.mtimeSeconds()) {
			return Action.NOTHING;
		}
		if (base.sha1() == null) {
			return Action.UPLOAD;
		}
		if (local.sha1() == null) {
			return Action.HASH_LOCAL;
		}
		return local.sha1().equals(base.sha1()) ? Action.NOTHING : Action.UPLOAD;
	}

	private static boolean remoteChanged(RemoteFile remote, SyncState.Entry base) {
		if (remote == null) {
			return true;
		}
		if (base.etag() != null && base.etag().equals(remote.etag())) {
			return false;
		}
		return !(remote.sha1() != null && remote.sha1().equals(base.sha1()) && remote.size() == base.size());
	}

	/** RECORD when both files hold the same bytes, CONFLICT when they differ, HASH_LOCAL when a hash must tell. */
	private static Action sameContent(LocalFile local, RemoteFile remote) {
		return switch (BackupPlanner.compare(local, remote)) {
			case SAME -> Action.RECORD;
			case DIFFERENT -> Action.CONFLICT;
			case NEEDS_HASH -> Action.HASH_LOCAL;
		};
	}

	/** {@code report.odt} → {@code report (conflicted copy 2024-05-06 070809).odt}, as the Nextcloud client names them. */
	public static String conflictedCopyName(String name, String timestamp) {
		return BackupPlanner.suffixed(name, " (conflicted copy " + timestamp + ")");
	}
}
