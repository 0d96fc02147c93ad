package org.hearth.admin.web;

import org.hearth.storage.ReconcileService;
import org.hearth.storage.RescanReport;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Jobs an admin can start by hand. */
@RestController
class AdminJobsController {

	private final ReconcileService reconciler;

	AdminJobsController(ReconcileService reconciler) {
		this.reconciler = reconciler;
	}

	/** Makes the metadata match the files on disk, for files added or removed outside Hearth. */
	@PostMapping("/api/admin/rescan")
	RescanReport rescan() {
		return reconciler.rescanAll();
	}
}
