package org.hearth.dav;

import java.time.Duration;

import jakarta.servlet.http.HttpServletRequest;

/** Small parsers for DAV and Nextcloud request headers. */
final class DavHeaders {

	private DavHeaders() {
	}

	/** Strips quotes and a weak prefix from an etag. */
	static String unquoteEtag(String etag) {
		String value = etag.trim();
		if (value.startsWith("W/")) {
			value = value.substring(2);
		}
		if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
			value = value.substring(1, value.length() - 1);
		}
		return value;
	}

	/** {@code X-OC-Mtime} as whole seconds; iOS sends fractions. Null when absent or not a positive number. */
	static Long ocMtime(HttpServletRequest request) {
		String raw = request.getHeader("X-OC-Mtime");
		if (raw == null || raw.isBlank()) {
			return null;
		}
		try {
			long seconds = (long) Double.parseDouble(raw.trim());
			return seconds > 0 ? seconds : null;
		}
		catch (NumberFormatException e) {
			return null;
		}
	}

	/** Depth: 0, 1, or -1 for infinity; {@code absent} when there is no header. */
	static int depth(HttpServletRequest request, int absent) {
		String raw = request.getHeader("Depth");
		if (raw == null) {
			return absent;
		}
		return switch (raw.trim().toLowerCase(java.util.Locale.ROOT)) {
			case "0" -> 0;
			case "1" -> 1;
			case "infinity" -> -1;
			default -> throw new BadRequest("Depth must be 0, 1 or infinity");
		};
	}

	/** Absent Overwrite means T (RFC 4918 §10.6); only F turns it off. */
	static boolean overwrite(HttpServletRequest request) {
		String raw = request.getHeader("Overwrite");
		return raw == null || !raw.trim().equalsIgnoreCase("F");
	}

	/** The first acceptable value of a Timeout header ({@code Second-N} or {@code Infinite}); null for none. */
	static Duration timeout(HttpServletRequest request) {
		String raw = request.getHeader("Timeout");
		if (raw == null) {
			return null;
		}
		for (String part : raw.split(",")) {
			String value = part.trim();
			if (value.regionMatches(true, 0, "Second-", 0, 7)) {
				try {
					return Duration.ofSeconds(Long.parseLong(value.substring(7)));
				}
				catch (NumberFormatException e) {
					// try the next one
				}
			}
			else if (value.equalsIgnoreCase("Infinite")) {
				return null;
			}
		}
		return null;
	}

	/** A {@code Lock-Token} header, with or without angle brackets (Windows omits them on UNLOCK). */
	static String lockToken(HttpServletRequest request) {
		String raw = request.getHeader("Lock-Token");
		if (raw == null || raw.isBlank()) {
			return null;
		}
		String value = raw.trim();
		if (value.startsWith("<") && value.endsWith(">")) {
			value = value.substring(1, value.length() - 1);
		}
		return value;
	}

	/** A malformed request, answered 400 with the message. */
	static class BadRequest extends RuntimeException {

		BadRequest(String message) {
			super(message);
		}
	}
}
