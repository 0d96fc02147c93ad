package org.hearth.admin.web;

import org.hearth.storage.ExpiryReport;
import org.hearth.storage.ReconcileService;
import org.hearth.storage.RescanReport;
import org.hearth.storage.VersionService;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Jobs an admin can start by hand. */
@RestController
class AdminJobsController {

	private final ReconcileService reconciler;

	private final VersionService versions;

	AdminJobsController(ReconcileService reconciler, VersionService versions) {
		this.reconciler = reconciler;
		this.versions = versions;
	}

	/** Makes the metadata match the files on disk, for files added or removed outside Hearth. */
	@PostMapping("/api/admin/rescan")
	RescanReport rescan() {
		return reconciler.rescanAll();
	}

	/** Applies version retention now instead of at the next hourly run. */
	@PostMapping("/api/admin/versions/expire")
	ExpiryReport expireVersions() {
		return versions.expire();
	}
}
