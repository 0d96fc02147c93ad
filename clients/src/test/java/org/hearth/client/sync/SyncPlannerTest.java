package org.hearth.client.sync;

import static org.assertj.core.api.Assertions.assertThat;

import org.hearth.client.sync.BackupPlanner.LocalFile;
import org.hearth.client.sync.BackupPlanner.RemoteFile;
import org.hearth.client.sync.SyncPlanner.Action;
import org.junit.jupiter.api.Test;

/** The sync decision table: every combination of (local, server, base). */
class SyncPlannerTest {

	private static final SyncState.Entry BASE = new SyncState.Entry(10, 100, "aaaa", "e1");

	private static final LocalFile SAME_LOCAL = new LocalFile(10, 100, null);

	private static final LocalFile EDITED_LOCAL = new LocalFile(12, 200, "bbbb");

	private static final RemoteFile SAME_REMOTE = new RemoteFile(false, 10, 100, "e1", "aaaa");

	private static final RemoteFile EDITED_REMOTE = new RemoteFile(false, 14, 300, "e2", "cccc");

	private static Action decide(LocalFile local, RemoteFile remote, SyncState.Entry base) {
		return SyncPlanner.decide(local, remote, base);
	}

	@Test
	void neverSyncedBefore() {
		assertThat(decide(null, null, null)).isEqualTo(Action.NOTHING);
		assertThat(decide(SAME_LOCAL, null, null)).isEqualTo(Action.UPLOAD);
		assertThat(decide(null, SAME_REMOTE, null)).isEqualTo(Action.DOWNLOAD);
		assertThat(decide(SAME_LOCAL, SAME_REMOTE, null)).isEqualTo(Action.HASH_LOCAL);
		assertThat(decide(SAME_LOCAL.withSha1("aaaa"), SAME_REMOTE, null)).isEqualTo(Action.RECORD);
		assertThat(decide(SAME_LOCAL.withSha1("ffff"), SAME_REMOTE, null)).isEqualTo(Action.CONFLICT);
		assertThat(decide(EDITED_LOCAL, SAME_REMOTE, null)).isEqualTo(Action.CONFLICT);
	}

	@Test
	void changedOnOneSideIsCopiedToTheOther() {
		assertThat(decide(SAME_LOCAL, SAME_REMOTE, BASE)).isEqualTo(Action.NOTHING);
		assertThat(decide(EDITED_LOCAL, SAME_REMOTE, BASE)).isEqualTo(Action.UPLOAD);
		assertThat(decide(SAME_LOCAL, EDITED_REMOTE, BASE)).isEqualTo(Action.DOWNLOAD);
	}

	@Test
	void deletedOnOneSideAndUnchangedOnTheOtherIsDeletedThere() {
		assertThat(decide(null, SAME_REMOTE, BASE)).isEqualTo(Action.DELETE_REMOTE);
		assertThat(decide(SAME_LOCAL, null, BASE)).isEqualTo(Action.DELETE_LOCAL);
		assertThat(decide(null, null, BASE)).as("gone on both sides: forget it").isEqualTo(Action.RECORD);
	}

	@Test
	void aChangeWinsOverADeletion() {
		assertThat(decide(null, EDITED_REMOTE, BASE)).isEqualTo(Action.DOWNLOAD);
		assertThat(decide(EDITED_LOCAL, null, BASE)).isEqualTo(Action.UPLOAD);
	}

	@Test
	void changedOnBothSides() {
		assertThat(decide(EDITED_LOCAL, EDITED_REMOTE, BASE)).isEqualTo(Action.CONFLICT);
		RemoteFile sameEdit = new RemoteFile(false, 12, 250, "e3", "bbbb");
		assertThat(decide(EDITED_LOCAL, sameEdit, BASE)).as("both made the same edit").isEqualTo(Action.RECORD);
	}

	@Test
	void touchedLocalFilesAreHashedBeforeCountingAsChanged() {
		LocalFile touched = new LocalFile(10, 500, null);
		assertThat(decide(touched, SAME_REMOTE, BASE)).isEqualTo(Action.HASH_LOCAL);
		assertThat(decide(touched.withSha1("aaaa"), SAME_REMOTE, BASE)).isEqualTo(Action.NOTHING);
		assertThat(decide(touched.withSha1("dddd"), SAME_REMOTE, BASE)).isEqualTo(Action.UPLOAD);
		assertThat(decide(touched, SAME_REMOTE, new SyncState.Entry(10, 100, null, "e1"))).as("no hash to compare")
			.isEqualTo(Action.UPLOAD);
	}

	@Test
	void aNewServerEtagWithTheSameBytesIsNoChange() {
		RemoteFile reEtagged = new RemoteFile(false, 10, 100, "e9", "aaaa");
		assertThat(decide(SAME_LOCAL, reEtagged, BASE)).isEqualTo(Action.NOTHING);
		assertThat(decide(EDITED_LOCAL, reEtagged, BASE)).isEqualTo(Action.UPLOAD);
	}

	@Test
	void conflictedCopiesAreNamedLikeNextcloudDoes() {
		assertThat(SyncPlanner.conflictedCopyName("report.odt", "2024-05-06 070809"))
			.isEqualTo("report (conflicted copy 2024-05-06 070809).odt");
	}
}
