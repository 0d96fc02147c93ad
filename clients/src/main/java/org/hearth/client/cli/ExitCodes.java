package org.hearth.client.cli;

/** The process exit codes of {@code hearth}. */
public final class ExitCodes {

	/** Everything worked. */
	public static final int OK = 0;

	/** Bad usage or a local problem the user can fix (missing file, not logged in, file exists locally). */
	public static final int USER_ERROR = 1;

	/** The server refused the request (any HTTP error status) or could not be reached. */
	public static final int SERVER_ERROR = 2;

	/** backup/sync finished, but some files were skipped or kept as conflict copies: look at the warnings. */
	public static final int INCOMPLETE = 3;

	private ExitCodes() {
	}
}
