package org.hearth.dav;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.hearth.accounts.HearthPrincipal;
import org.hearth.accounts.UserAccount;
import org.hearth.accounts.UserService;
import org.hearth.storage.StorageException;
import org.hearth.storage.StoragePath;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;

/**
 * Turns request URIs and {@code Destination} headers into {@link DavTarget}s. Segments are percent-decoded with
 * path semantics ({@code +} stays a plus), and every name goes through storage's name check, so {@code ..},
 * encoded slashes and control characters never reach the disk.
 */
@Component
public class DavTargets {

	public static final String FILES_PREFIX = "/remote.php/dav/files/";

	public static final String LEGACY_PREFIX = "/remote.php/webdav";

	/** A URL that is not a path in a home the caller may name: answered 400, 403 or 404 by the caller. */
	public static class BadTarget extends RuntimeException {

		private final int status;

		public BadTarget(int status, String message) {
			super(message);
			this.status = status;
		}

		public int status() {
			return status;
		}
	}

	private final UserService users;

	public DavTargets(UserService users) {
		this.users = users;
	}

	/** Resolves a raw (still encoded) request path for the signed-in user. */
	public Optional<DavTarget> resolve(String rawPath, HearthPrincipal currentUser) {
		if (rawPath.equals(LEGACY_PREFIX) || rawPath.startsWith(LEGACY_PREFIX + "/")) {
			return Optional.of(new DavTarget(LEGACY_PREFIX, currentUser.username(), currentUser.userId(),
					decodePath(rawPath.substring(LEGACY_PREFIX.length()))));
		}
		if (rawPath.startsWith(FILES_PREFIX)) {
			String rest = rawPath.substring(FILES_PREFIX.length());
			int slash = rest.indexOf('/');
			String encodedUser = slash < 0 ? rest : rest.substring(0, slash);
			String user = decode(encodedUser);
			if (user.isEmpty()) {
				return Optional.empty();
			}
			String rawRest = slash < 0 ? "" : rest.substring(slash);
			if (user.equals(currentUser.username())) {
				return Optional.of(new DavTarget(FILES_PREFIX + encodedUser, user, currentUser.userId(),
						decodePath(rawRest)));
			}
			return Optional.of(target(FILES_PREFIX + encodedUser, user, rawRest));
		}
		return Optional.empty();
	}

	/** The signed-in user's own home, as reached through {@code /remote.php/dav/files/{user}}. */
	public DavTarget home(HearthPrincipal user) {
		return new DavTarget(FILES_PREFIX + UriUtils.encodePathSegment(user.username(), StandardCharsets.UTF_8),
				user.username(), user.userId(), StoragePath.ROOT);
	}

	/**
	 * Resolves a Destination header: an absolute URL or a server-absolute path. It must name a path in the same
	 * home as the source; dot segments, encoded slashes and backslashes are refused before anything is decoded.
	 */
	public DavTarget destination(String header, DavTarget source) {
		if (header == null || header.isBlank()) {
			throw new BadTarget(400, "Destination header missing");
		}
		String rawPath;
		try {
			URI uri = new URI(header.trim());
			rawPath = uri.getRawPath();
		}
		catch (URISyntaxException e) {
			throw new BadTarget(400, "Destination is not a URL");
		}
		if (rawPath == null || rawPath.isEmpty()) {
			throw new BadTarget(400, "Destination has no path");
		}
		String lower = rawPath.toLowerCase(java.util.Locale.ROOT);
		if (lower.contains("%2f") || lower.contains("%5c") || lower.contains("\\")) {
			throw new BadTarget(400, "Destination contains an encoded slash");
		}
		for (String segment : rawPath.split("/")) {
			String decoded = decode(segment);
			if (decoded.equals(".") || decoded.equals("..")) {
				throw new BadTarget(400, "Destination contains '.' or '..'");
			}
		}
		if (!(rawPath.equals(source.mountPrefix()) || rawPath.startsWith(source.mountPrefix() + "/"))) {
			throw new BadTarget(403, "Destination is outside this home");
		}
		return source.withPath(decodePath(rawPath.substring(source.mountPrefix().length())));
	}

	private DavTarget target(String mountPrefix, String username, String rawRest) {
		StoragePath path = decodePath(rawRest);
		long ownerId = users.find(username)
			.map(UserAccount::id)
			.orElseThrow(() -> new StorageException(StorageException.Reason.NOT_FOUND, "no such user"));
		return new DavTarget(mountPrefix, username, ownerId, path);
	}

	/**
	 * Decodes a raw URL path into a storage path, segment by segment; encoded slashes and invalid names are refused.
	 */
	public static StoragePath decodePath(String rawRest) {
		StringBuilder decoded = new StringBuilder();
		for (String segment : rawRest.split("/")) {
			if (!segment.isEmpty()) {
				decoded.append('/').append(decode(segment));
			}
		}
		return StoragePath.parse(decoded.toString());
	}

	private static String decode(String segment) {
		try {
			String decoded = UriUtils.decode(segment, StandardCharsets.UTF_8);
			if (decoded.indexOf('/') >= 0) {
				throw new BadTarget(400, "encoded slash in path");
			}
			return decoded;
		}
		catch (IllegalArgumentException e) {
			throw new BadTarget(400, "malformed percent-encoding");
		}
	}
}
