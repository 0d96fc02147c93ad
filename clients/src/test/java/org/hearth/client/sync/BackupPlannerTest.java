package org.hearth.client.sync;

import static org.assertj.core.api.Assertions.assertThat;

import org.hearth.client.sync.BackupPlanner.Action;
import org.hearth.client.sync.BackupPlanner.LocalFile;
import org.hearth.client.sync.BackupPlanner.RemoteFile;
import org.junit.jupiter.api.Test;

/** The backup decision table, row by row. */
class BackupPlannerTest {

	private static final String SHA_A = "aaaa";

	private static final String SHA_B = "bbbb";

	private static final LocalFile LOCAL = new LocalFile(10, 100, null);

	/** What the last backup uploaded: LOCAL's size and mtime, content A, etag e1. */
	private static final SyncState.Entry UPLOADED = new SyncState.Entry(10, 100, SHA_A, "e1");

	private static RemoteFile remote(long size, long mtime, String etag, String sha1) {
		return new RemoteFile(false, size, mtime, etag, sha1);
	}

	@Test
	void newFilesAreUploadedAndFoldersInTheWayAreSkipped() {
		assertThat(BackupPlanner.decide(LOCAL, null, null)).isEqualTo(Action.UPLOAD_NEW);
		assertThat(BackupPlanner.decide(LOCAL, null, UPLOADED)).as("deleted on the server: send it again")
			.isEqualTo(Action.UPLOAD_NEW);
		assertThat(BackupPlanner.decide(LOCAL, new RemoteFile(true, -1, 0, "d", null), UPLOADED))
			.isEqualTo(Action.FOLDER_IN_THE_WAY);
	}

	@Test
	void ownedAndUntouchedCostsNothing() {
		assertThat(BackupPlanner.decide(LOCAL, remote(10, 100, "e1", SHA_A), UPLOADED)).isEqualTo(Action.UNCHANGED);
		assertThat(BackupPlanner.decide(LOCAL, remote(10, 100, "e1", null), UPLOADED)).isEqualTo(Action.UNCHANGED);
		assertThat(BackupPlanner.decide(LOCAL, remote(10, 100, "other-etag", SHA_A), UPLOADED))
			.as("a server that changes etags without changing content still counts as owned").isEqualTo(Action.UNCHANGED);
	}

	@Test
	void ownedAndChangedLocallyIsReplaced() {
		RemoteFile server = remote(10, 100, "e1", SHA_A);
		assertThat(BackupPlanner.decide(new LocalFile(11, 100, null), server, UPLOADED)).isEqualTo(Action.REPLACE);
		LocalFile touched = new LocalFile(10, 200, null);
		assertThat(BackupPlanner.decide(touched, server, UPLOADED)).as("same size, new mtime: hash first")
			.isEqualTo(Action.HASH_LOCAL);
		assertThat(BackupPlanner.decide(touched.withSha1(SHA_A), server, UPLOADED)).as("only touched")
			.isEqualTo(Action.ADOPT);
		assertThat(BackupPlanner.decide(touched.withSha1(SHA_B), server, UPLOADED)).isEqualTo(Action.REPLACE);
	}

	@Test
	void serverFilesNotOwnedAreNeverReplaced() {
		RemoteFile foreign = remote(10, 100, "x", SHA_B);
		assertThat(BackupPlanner.decide(LOCAL, foreign, null)).isEqualTo(Action.HASH_LOCAL);
		assertThat(BackupPlanner.decide(LOCAL.withSha1(SHA_A), foreign, null)).isEqualTo(Action.CONFLICT);
		assertThat(BackupPlanner.decide(LOCAL.withSha1(SHA_B), foreign, null)).as("same bytes: take it")
			.isEqualTo(Action.ADOPT);
		assertThat(BackupPlanner.decide(LOCAL, remote(99, 100, "x", SHA_B), null)).as("other size: no hash needed")
			.isEqualTo(Action.CONFLICT);
	}

	@Test
	void aFileChangedOnTheServerSinceTheBackupIsNoLongerOwned() {
		RemoteFile editedThere = remote(10, 300, "e2", SHA_B);
		assertThat(BackupPlanner.decide(new LocalFile(10, 100, SHA_A), editedThere, UPLOADED)).isEqualTo(Action.CONFLICT);
		assertThat(BackupPlanner.decide(new LocalFile(10, 400, SHA_B), editedThere, UPLOADED))
			.as("both got the same new content").isEqualTo(Action.ADOPT);
	}

	@Test
	void withoutServerChecksumsSizeAndMtimeDecide() {
		assertThat(BackupPlanner.decide(LOCAL, remote(10, 100, "x", null), null)).isEqualTo(Action.ADOPT);
		assertThat(BackupPlanner.decide(LOCAL, remote(10, 101, "x", null), null)).isEqualTo(Action.CONFLICT);
	}

	@Test
	void conflictNamesKeepTheExtension() {
		assertThat(BackupPlanner.conflictName("photo.jpg", "laptop")).isEqualTo("photo (conflict from laptop).jpg");
		assertThat(BackupPlanner.conflictName("a.tar.gz", "pc")).isEqualTo("a.tar (conflict from pc).gz");
		assertThat(BackupPlanner.conflictName("README", "pc")).isEqualTo("README (conflict from pc)");
		assertThat(BackupPlanner.conflictName(".profile", "pc")).isEqualTo(".profile (conflict from pc)");
	}
}
