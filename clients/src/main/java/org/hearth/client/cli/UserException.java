package org.hearth.client.cli;

/** Something the user can fix locally (bad arguments, missing local file, not logged in): exit code 1. */
final class UserException extends Exception {

	private static final long serialVersionUID = 1L;

	UserException(String message) {
		super(message);
	}
}
