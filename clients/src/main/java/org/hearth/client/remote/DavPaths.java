package org.hearth.client.remote;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Remote paths as the user types them ("/Photos/2024", "a b/c+d#1.txt") and their percent-encoded form on the wire.
 *
 * <p>A normalized path always starts with {@code /}, never ends with one (except the root, {@code "/"}), has no empty,
 * {@code .} or {@code ..} segments, and is not encoded. Encoding works per segment on the UTF-8 bytes and keeps only
 * RFC 3986 "unreserved" characters literal, so {@code + # % ? ; [ ]} and spaces always survive the trip to the server
 * (a server that decodes {@code +} as a space, form-style, still gets {@code %2B}).
 */
public final class DavPaths {

	private static final char[] HEX = "0123456789ABCDEF".toCharArray();

	private DavPaths() {
	}

	/** Splits {@code path} into its segments, rejecting {@code .} and {@code ..}. Null or blank means the root. */
	public static List<String> segments(String path) {
		List<String> segments = new ArrayList<>();
		if (path == null) {
			return segments;
		}
		for (String segment : path.split("/")) {
			if (segment.isEmpty()) {
				continue;
			}
			if (segment.equals(".") || segment.equals("..")) {
				throw new IllegalArgumentException("remote paths may not contain '.' or '..': " + path);
			}
			if (segment.indexOf('\0') >= 0) {
				throw new IllegalArgumentException("remote paths may not contain NUL characters");
			}
			segments.add(segment);
		}
		return segments;
	}

	/** The canonical form of a user-supplied remote path: {@code "a//b/"} becomes {@code "/a/b"}, {@code ""} becomes {@code "/"}. */
	public static String normalize(String path) {
		List<String> segments = segments(path);
		return segments.isEmpty() ? "/" : "/" + String.join("/", segments);
	}

	/** True when the user wrote the path as a folder ({@code "docs/"}), which asks to put something <em>into</em> it. */
	public static boolean endsWithSlash(String path) {
		return path != null && path.endsWith("/");
	}

	public static boolean isRoot(String normalizedPath) {
		return "/".equals(normalizedPath);
	}

	/** Last segment of a normalized path; empty for the root. */
	public static String name(String normalizedPath) {
		int slash = normalizedPath.lastIndexOf('/');
		return normalizedPath.substring(slash + 1);
	}

	/** Parent of a normalized path; the root's parent is the root. */
	public static String parent(String normalizedPath) {
		int slash = normalizedPath.lastIndexOf('/');
		return slash <= 0 ? "/" : normalizedPath.substring(0, slash);
	}

	/** Appends a single, not yet encoded name (it may not contain {@code /}) to a normalized folder path. */
	public static String child(String normalizedFolder, String name) {
		if (name.isEmpty() || name.contains("/")) {
			throw new IllegalArgumentException("not a single path segment: " + name);
		}
		segments(name); // rejects . and ..
		return isRoot(normalizedFolder) ? "/" + name : normalizedFolder + "/" + name;
	}

	/** Percent-encodes every segment of a path; slashes stay. {@code "/a b/c+d"} becomes {@code "/a%20b/c%2Bd"}. */
	public static String encodePath(String path) {
		List<String> segments = segments(path);
		if (segments.isEmpty()) {
			return "/";
		}
		StringBuilder out = new StringBuilder();
		for (String segment : segments) {
			out.append('/').append(encodeSegment(segment));
		}
		return out.toString();
	}

	/** Percent-encodes one path segment (UTF-8); only {@code A-Z a-z 0-9 - . _ ~} stay literal. */
	public static String encodeSegment(String segment) {
		byte[] bytes = segment.getBytes(StandardCharsets.UTF_8);
		StringBuilder out = new StringBuilder(bytes.length + 16);
		for (byte b : bytes) {
			int c = b & 0xFF;
			if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
					|| c == '-' || c == '.' || c == '_' || c == '~') {
				out.append((char) c);
			}
			else {
				out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
			}
		}
		return out.toString();
	}

	/**
	 * Decodes {@code %XX} escapes (as UTF-8). Unlike {@link java.net.URLDecoder} a {@code +} stays a plus, which is
	 * what it means in a URL path. A malformed escape is kept literally rather than failing, since servers' hrefs are
	 * not always strict.
	 */
	public static String decode(String raw) {
		if (raw.indexOf('%') < 0) {
			return raw;
		}
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
		int i = 0;
		while (i < raw.length()) {
			char c = raw.charAt(i);
			if (c == '%' && i + 2 < raw.length() && hex(raw.charAt(i + 1)) >= 0 && hex(raw.charAt(i + 2)) >= 0) {
				bytes.write(hex(raw.charAt(i + 1)) << 4 | hex(raw.charAt(i + 2)));
				i += 3;
			}
			else {
				int cp = raw.codePointAt(i);
				byte[] encoded = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
				bytes.write(encoded, 0, encoded.length);
				i += Character.charCount(cp);
			}
		}
		return bytes.toString(StandardCharsets.UTF_8);
	}

	private static int hex(char c) {
		if (c >= '0' && c <= '9') {
			return c - '0';
		}
		if (c >= 'a' && c <= 'f') {
			return c - 'a' + 10;
		}
		if (c >= 'A' && c <= 'F') {
			return c - 'A' + 10;
		}
		return -1;
	}

	/**
	 * The decoded path part of an href from a multistatus answer, which may be an absolute URL
	 * ({@code http://host/remote.php/...}) or an absolute path ({@code /remote.php/...}). Hrefs never carry a query
	 * or fragment, so a literal {@code ?} or {@code #} from a lax server is kept as part of the name.
	 */
	public static String hrefPath(String href) {
		String h = href.trim();
		int scheme = h.indexOf("://");
		if (scheme > 0 && h.substring(0, scheme).chars().allMatch(ch -> Character.isLetterOrDigit(ch) || ch == '+' || ch == '-' || ch == '.')) {
			int pathStart = h.indexOf('/', scheme + 3);
			h = pathStart < 0 ? "/" : h.substring(pathStart);
		}
		return decode(h);
	}

	/** Maps an href to a normalized path below the files root, or null if it is elsewhere or malformed. */
	static String relativePath(String decodedRoot, String href) {
		String p = hrefPath(href);
		String root = decodedRoot.endsWith("/") ? decodedRoot.substring(0, decodedRoot.length() - 1) : decodedRoot;
		if (p.equals(root) || p.equals(root + "/")) {
			return "/";
		}
		if (!p.startsWith(root + "/")) {
			return null;
		}
		try {
			return normalize(p.substring(root.length()));
		}
		catch (IllegalArgumentException e) {
			return null;
		}
	}
}
