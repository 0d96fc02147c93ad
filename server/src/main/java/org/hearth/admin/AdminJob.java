package org.hearth.admin;

import java.util.Map;

import org.hearth.platform.MayBeNull;

/**
 * One run of a background job as it stands: {@code done} of {@code total} items (null while unknown), times in epoch
 * seconds, and once it ended either its result (counts by name) with a one-line summary, or the error.
 */
public record AdminJob(long id, AdminJobKind kind, State state, long done, @MayBeNull Long total, long queuedAt,
		@MayBeNull Long startedAt, @MayBeNull Long endedAt, @MayBeNull Map<String, Long> result,
		@MayBeNull String summary, @MayBeNull String error) {

	public enum State {
		QUEUED, RUNNING, DONE, FAILED;

		boolean active() {
			return this == QUEUED || this == RUNNING;
		}
	}
}
