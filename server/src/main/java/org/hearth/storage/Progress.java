package org.hearth.storage;

/**
 * Where a long storage job (rescan, expiry) reports how far it is: {@code done} of {@code total} items, in the job's
 * own unit (files and folders on disk, users). Called from the job's thread, so an implementation must be cheap and
 * thread-safe for readers.
 */
@FunctionalInterface
public interface Progress {

	/** For callers that do not watch. */
	Progress NONE = (done, total) -> {
	};

	void report(long done, long total);
}
