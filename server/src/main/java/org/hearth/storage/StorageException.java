package org.hearth.storage;

/**
 * Why a storage operation was refused. Adapters map {@link Reason} to their protocol's status; storage never
 * speaks HTTP.
 */
public class StorageException extends RuntimeException {

	public enum Reason {
		NOT_FOUND, FORBIDDEN, CONFLICT, ALREADY_EXISTS, PRECONDITION_FAILED, LOCKED, INSUFFICIENT_STORAGE,
		INVALID_NAME, BAD_CONTENT, TARGET_INSIDE_SOURCE
	}

	private final Reason reason;

	public StorageException(Reason reason, String message) {
		super(message);
		this.reason = reason;
	}

	public StorageException(Reason reason, String message, Throwable cause) {
		super(message, cause);
		this.reason = reason;
	}

	public Reason reason() {
		return reason;
	}

	public static StorageException notFound(StoragePath path) {
		return new StorageException(Reason.NOT_FOUND, "not found: /" + path);
	}
}
