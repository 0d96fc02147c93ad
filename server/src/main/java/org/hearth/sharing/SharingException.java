package org.hearth.sharing;

/** Why a share could not be made or changed; the OCS API answers 400, 403 or 404. */
public class SharingException extends RuntimeException {

	public enum Reason {
		BAD_REQUEST, FORBIDDEN, NOT_FOUND
	}

	private final Reason reason;

	public SharingException(Reason reason, String message) {
		super(message);
		this.reason = reason;
	}

	public Reason reason() {
		return reason;
	}
}
