package org.hearth.dav;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.hearth.storage.WriteOptions;

/** Small parsers for DAV and Nextcloud request headers, for our methods and other features' DAV collections. */
public final class DavHeaders {

	private DavHeaders() {
	}

	/** Strips quotes and a weak prefix from an etag. */
	public static String unquoteEtag(String etag) {
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
	public static Long ocMtime(HttpServletRequest request) {
		return epochSeconds(request, "X-OC-Mtime");
	}

	/** A time header in epoch seconds, fractions cut off; null when absent or not a positive number. */
	private static Long epochSeconds(HttpServletRequest request, String header) {
		String raw = request.getHeader(header);
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

	/** A length header as a number, -1 when absent; 400 when it is not a number. */
	public static long length(HttpServletRequest request, String header) {
		String raw = request.getHeader(header);
		if (raw == null || raw.isBlank()) {
			return -1;
		}
		try {
			long length = Long.parseLong(raw.trim());
			if (length < 0) {
				throw new BadRequest(header + " is negative");
			}
			return length;
		}
		catch (NumberFormatException e) {
			throw new BadRequest(header + " is not a number");
		}
	}

	/** Depth: 0, 1, or -1 for infinity; {@code absent} when there is no header. */
	public static int depth(HttpServletRequest request, int absent) {
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
	public static boolean overwrite(HttpServletRequest request) {
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

	/**
	 * The options of a content write from Nextcloud's headers: {@code X-OC-Mtime}, {@code X-OC-CTime},
	 * {@code OC-Checksum}, {@code If-Match} and {@code If-None-Match: *}. PUT and the assembly of a chunked upload
	 * read them alike.
	 */
	public static WriteOptions writeOptions(HttpServletRequest request, long expectedLength, Set<String> lockTokens) {
		String ifMatch = request.getHeader("If-Match");
		String ifNoneMatch = request.getHeader("If-None-Match");
		boolean createOnly = ifNoneMatch != null && ifNoneMatch.trim().equals("*");
		String etag = ifMatch == null ? null : (ifMatch.trim().equals("*") ? "*" : unquoteEtag(ifMatch));
		return new WriteOptions(ocMtime(request), epochSeconds(request, "X-OC-CTime"),
				request.getHeader("OC-Checksum"), expectedLength, etag, createOnly, lockTokens);
	}

	/** Lock tokens the client submitted, from the If header and (as Office sends it) the Lock-Token header. */
	public static Set<String> submittedTokens(HttpServletRequest request) {
		return tokens(IfHeader.parse(request.getHeader("If")), request);
	}

	static Set<String> tokens(IfHeader ifHeader, HttpServletRequest request) {
		Set<String> tokens = new HashSet<>(ifHeader.tokens());
		String lockToken = lockToken(request);
		if (lockToken != null) {
			tokens.add(lockToken);
		}
		return tokens;
	}

	/** A malformed request, answered 400 with the message. */
	/** An HTTP date (IMF-fixdate, RFC 9110 §5.6.7), as in {@code Last-Modified} and {@code d:getlastmodified}. */
	public static String httpDate(long epochSeconds) {
		return HTTP_DATE.format(Instant.ofEpochSecond(epochSeconds));
	}

	private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter
		.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
		.withZone(ZoneOffset.UTC);

	public static class BadRequest extends RuntimeException {

		public BadRequest(String message) {
			super(message);
		}
	}
}
