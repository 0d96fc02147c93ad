package org.hearth.accounts;

/** A refused account change, with a message fit for the user. */
public class AccountException extends RuntimeException {

	public enum Reason {
		NOT_FOUND, EXISTS, INVALID
	}

	private final Reason reason;

	public AccountException(Reason reason, String message) {
		super(message);
		this.reason = reason;
	}

	public Reason reason() {
		return reason;
	}
}
