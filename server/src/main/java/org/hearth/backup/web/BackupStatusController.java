package org.hearth.backup.web;

import java.util.List;

import org.hearth.accounts.CurrentUser;
import org.hearth.backup.BackupStatusService;
import org.hearth.storage.Actor;
import org.hearth.storage.StorageException;
import org.hearth.storage.StoragePath;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Backup status for the signed-in user: what each device sent where, and a check of a phone's file list. */
@RestController
class BackupStatusController {

	/** A phone's list of files below {@code folder} (paths relative to it). */
	record CheckRequest(String folder, List<BackupStatusService.Expected> files) {
	}

	private final BackupStatusService backups;

	BackupStatusController(BackupStatusService backups) {
		this.backups = backups;
	}

	@GetMapping("/api/backup-status")
	List<BackupStatusService.FolderStatus> status() {
		return backups.status(CurrentUser.require().userId());
	}

	@PostMapping("/api/backup-status/check")
	BackupStatusService.Comparison check(@RequestBody CheckRequest request) {
		Actor actor = CurrentUser.actor();
		if (request.files() == null || request.files().size() > 100_000) {
			throw new StorageException(StorageException.Reason.BAD_CONTENT, "send 0 to 100,000 files to check");
		}
		return backups.compare(actor, actor.userId(),
				StoragePath.parse(request.folder() == null ? "/" : request.folder()), request.files());
	}
}
