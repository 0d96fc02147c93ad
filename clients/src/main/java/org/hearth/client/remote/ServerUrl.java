package org.hearth.client.remote;

import java.net.URI;
import java.util.Locale;

/** The server URL a user types, checked and made canonical before anything is sent to it. */
public final class ServerUrl {

	private ServerUrl() {
	}

	/**
	 * Checks and canonicalizes a server URL typed by the user: http(s) only, no query or fragment, no trailing slash.
	 * {@code https://cloud.example/} becomes {@code https://cloud.example}; a path prefix
	 * ({@code https://example/hearth}) is kept.
	 *
	 * @throws IllegalArgumentException with a user-facing message
	 */
	public static URI normalize(String url) {
		String u = url == null ? "" : url.strip();
		if (!u.contains("://")) {
			throw new IllegalArgumentException("server URL must start with http:// or https:// (got '" + u + "')");
		}
		URI uri;
		try {
			uri = new URI(u);
		}
		catch (Exception e) {
			throw new IllegalArgumentException("not a valid server URL: " + u);
		}
		String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
		if (!scheme.equals("http") && !scheme.equals("https")) {
			throw new IllegalArgumentException("server URL must start with http:// or https:// (got '" + u + "')");
		}
		if (uri.getRawAuthority() == null || uri.getHost() == null) {
			throw new IllegalArgumentException("server URL has no host: " + u);
		}
		if (uri.getRawUserInfo() != null) {
			throw new IllegalArgumentException("put the login in --user, not in the server URL");
		}
		if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
			throw new IllegalArgumentException("server URL may not have a query or fragment: " + u);
		}
		String path = uri.getRawPath() == null ? "" : uri.getRawPath();
		while (path.endsWith("/")) {
			path = path.substring(0, path.length() - 1);
		}
		return URI.create(scheme + "://" + uri.getRawAuthority() + path);
	}
}
