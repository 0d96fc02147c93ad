package org.hearth.client.remote;

import java.io.IOException;

/**
 * The server answered with an error status, or could not be reached at all ({@link #status()} 0). The message is meant
 * for the user as is: {@code "not found: /x"}, {@code "quota exceeded"}, ...
 */
public class RemoteException extends IOException {

	private static final long serialVersionUID = 1L;

	private final int status;

	public RemoteException(int status, String message) {
		super(message);
		this.status = status;
	}

	public RemoteException(int status, String message, Throwable cause) {
		super(message, cause);
		this.status = status;
	}

	/** HTTP status code, or 0 when no HTTP answer was received (connection refused, reset, timeout, bad body). */
	public int status() {
		return status;
	}

	/**
	 * Maps an HTTP error status to a user-facing message.
	 *
	 * @param method the HTTP method, for the generic fallback
	 * @param path the decoded remote path the request was about
	 * @param serverMessage the server's own explanation (Sabre's {@code s:message}), or null
	 */
	public static RemoteException forStatus(int status, String method, String path, String serverMessage) {
		String detail = serverMessage == null || serverMessage.isBlank() ? "" : " (" + serverMessage.strip() + ")";
		String message = switch (status) {
			case 400 -> "bad request: " + method + " " + path + detail;
			case 401 -> "authentication failed: the server rejected the stored app password; run 'hearth login' again";
			case 403 -> "forbidden: " + path + detail;
			case 404 -> "not found: " + path;
			case 405 -> "not allowed: " + method + " " + path + detail;
			case 409 -> "conflict: parent folder does not exist: " + path + detail;
			case 412 -> "precondition failed: " + path + detail;
			case 413 -> "too large for the server: " + path + detail;
			case 415 -> "unsupported media type: " + path + detail;
			case 423 -> "locked: " + path + detail;
			case 429 -> "too many failed attempts, try later";
			case 503 -> "server unavailable (maintenance mode?)" + detail;
			case 507 -> "quota exceeded: not enough free space for " + path + detail;
			default -> (status >= 500 ? "server error " : "HTTP error ") + status + " for " + method + " " + path + detail;
		};
		return new RemoteException(status, message);
	}
}
