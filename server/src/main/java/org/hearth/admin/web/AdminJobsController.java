package org.hearth.admin.web;

import java.util.List;

import org.hearth.admin.AdminJob;
import org.hearth.admin.AdminJobKind;
import org.hearth.admin.AdminJobs;
import org.hearth.storage.ExpiryReport;
import org.hearth.storage.ReconcileService;
import org.hearth.storage.RescanReport;
import org.hearth.storage.VersionService;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Jobs an admin can start by hand: in the background with progress (the web app), or waiting for the result (the
 * command line's and scripts' way).
 */
@RestController
class AdminJobsController {

	/** Which job to start. */
	record JobStart(AdminJobKind kind) {
	}

	private final ReconcileService reconciler;

	private final VersionService versions;

	private final AdminJobs jobs;

	AdminJobsController(ReconcileService reconciler, VersionService versions, AdminJobs jobs) {
		this.reconciler = reconciler;
		this.versions = versions;
		this.jobs = jobs;
	}

	/**
	 * Starts a job in the background: 202 with the new run, or 200 with the run of that kind that is already queued
	 * or running.
	 */
	@PostMapping("/api/admin/jobs")
	ResponseEntity<AdminJob> start(@RequestBody JobStart start) {
		if (start.kind() == null) {
			return ResponseEntity.badRequest().build();
		}
		AdminJobs.Started started = jobs.start(start.kind());
		return ResponseEntity.status(started.started() ? HttpStatus.ACCEPTED : HttpStatus.OK).body(started.job());
	}

	/** Recent runs, newest first, with their state and progress. */
	@GetMapping("/api/admin/jobs")
	List<AdminJob> list() {
		return jobs.recent();
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
