package org.hearth.admin;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import org.hearth.storage.ExpiryReport;
import org.hearth.storage.Progress;
import org.hearth.storage.ReconcileService;
import org.hearth.storage.RescanReport;
import org.hearth.storage.TrashService;
import org.hearth.storage.VersionService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;

/**
 * Runs the jobs an admin starts from the web app on a small executor of its own and remembers the recent runs in
 * memory (ADR 0011): at most one run of each kind at a time, so starting a kind that is already queued or running
 * hands back that run.
 */
@Service
public class AdminJobs implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(AdminJobs.class);

	/** Finished runs kept for the list; running ones are always kept. */
	private static final int FINISHED_KEPT = 20;

	private static final long DEBUG_LOG_INTERVAL_MILLIS = 1000;

	/** The outcome of one run, turned into the job's result. */
	private record Outcome(Map<String, Long> counts, String summary) {
	}

	private final ReconcileService reconciler;

	private final VersionService versions;

	private final TrashService trash;

	private final Clock clock;

	private final ExecutorService executor = Executors
		.newFixedThreadPool(2, Thread.ofPlatform().name("admin-job-", 1).daemon().factory());

	private final AtomicLong ids = new AtomicLong();

	private final Deque<Run> runs = new ArrayDeque<>();

	public AdminJobs(ReconcileService reconciler, VersionService versions, TrashService trash, Clock clock) {
		this.reconciler = reconciler;
		this.versions = versions;
		this.trash = trash;
		this.clock = clock;
	}

	/** Starts a run of {@code kind}, or returns the one already queued or running; {@code started} says which. */
	public synchronized Started start(AdminJobKind kind) {
		for (Run run : runs) {
			if (run.kind == kind && run.state.active()) {
				return new Started(run.view(), false);
			}
		}
		Run run = new Run(ids.incrementAndGet(), kind, now());
		runs.addFirst(run);
		forgetOldRuns();
		executor.execute(() -> execute(run));
		return new Started(run.view(), true);
	}

	/** The result of {@link #start}: the run, and whether this call started it. */
	public record Started(AdminJob job, boolean started) {
	}

	/** Recent runs, newest first. */
	public synchronized List<AdminJob> recent() {
		return runs.stream().map(Run::view).toList();
	}

	private void execute(Run run) {
		run.started(now());
		log.atInfo().addKeyValue("job", run.id).addKeyValue("kind", run.kind).log("admin job started");
		try {
			Outcome outcome = switch (run.kind) {
				case RESCAN -> rescan(run);
				case VERSION_EXPIRY -> expiry(versions.expire(run));
				case TRASH_EXPIRY -> expiry(trash.expire(run));
			};
			run.finished(now(), outcome, null);
			log.atInfo()
				.addKeyValue("job", run.id)
				.addKeyValue("kind", run.kind)
				.addKeyValue("done", run.done)
				.addKeyValue("seconds", run.endedAt - run.startedAt)
				.log("admin job done: {}", outcome.summary());
		}
		catch (RuntimeException | Error e) {
			// an Error too: a run left "running" would block its kind until a restart
			run.finished(now(), null, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
			log.atError()
				.addKeyValue("job", run.id)
				.addKeyValue("kind", run.kind)
				.setCause(e)
				.log("admin job failed");
			if (e instanceof Error error) {
				throw error;
			}
		}
	}

	private Outcome rescan(Run run) {
		RescanReport report = reconciler.rescanAll(run);
		return new Outcome(
				Map.of("homes", (long) report.homes(), "added", (long) report.added(), "updated",
						(long) report.updated(), "removed", (long) report.removed()),
				report.homes() + " homes: " + report.added() + " added, " + report.updated() + " updated, "
						+ report.removed() + " removed");
	}

	private static Outcome expiry(ExpiryReport report) {
		return new Outcome(Map.of("removed", (long) report.removed(), "bytes", report.bytes()),
				report.removed() + " removed, " + report.bytes() + " bytes " + report.byReason());
	}

	private void forgetOldRuns() {
		long finished = 0;
		for (var it = runs.iterator(); it.hasNext();) {
			Run run = it.next();
			if (!run.state.active() && ++finished > FINISHED_KEPT) {
				it.remove();
			}
		}
	}

	private long now() {
		return clock.instant().getEpochSecond();
	}

	@Override
	public void destroy() {
		executor.shutdownNow();
	}

	/** One run; written by its job thread, read by requests. */
	private static final class Run implements Progress {

		final long id;

		final AdminJobKind kind;

		final long queuedAt;

		volatile AdminJob.State state = AdminJob.State.QUEUED;

		volatile long done;

		volatile Long total;

		volatile Long startedAt;

		volatile Long endedAt;

		volatile Outcome outcome;

		volatile String error;

		private long lastLogged;

		Run(long id, AdminJobKind kind, long queuedAt) {
			this.id = id;
			this.kind = kind;
			this.queuedAt = queuedAt;
		}

		@Override
		public void report(long done, long total) {
			this.done = done;
			this.total = total;
			long millis = System.currentTimeMillis();
			if (log.isDebugEnabled() && (millis - lastLogged >= DEBUG_LOG_INTERVAL_MILLIS || done == total)) {
				lastLogged = millis;
				log.atDebug()
					.addKeyValue("job", id)
					.addKeyValue("kind", kind)
					.addKeyValue("done", done)
					.addKeyValue("total", total)
					.log("admin job progress");
			}
		}

		void started(long at) {
			startedAt = at;
			state = AdminJob.State.RUNNING;
		}

		void finished(long at, Outcome result, String failure) {
			outcome = result;
			error = failure;
			endedAt = at;
			state = result == null ? AdminJob.State.FAILED : AdminJob.State.DONE;
		}

		AdminJob view() {
			Outcome result = outcome;
			return new AdminJob(id, kind, state, done, total, queuedAt, startedAt, endedAt,
					result == null ? null : result.counts(), result == null ? null : result.summary(), error);
		}
	}
}
