package org.hearth.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Percent-encoding of plain relative paths as the tests' clients put them in URLs. */
public final class UrlPaths {

	private UrlPaths() {
	}

	/** Percent-encodes each segment of a relative path (UTF-8, upper-case hex, only unreserved characters kept). */
	public static String encode(String path) {
		StringBuilder out = new StringBuilder();
		for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
			int c = b & 0xff;
			if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
					|| c == '_' || c == '~' || c == '/') {
				out.append((char) c);
			}
			else {
				out.append('%').append(HexFormat.of().withUpperCase().toHexDigits((byte) c));
			}
		}
		return out.toString();
	}

	/** Decodes percent-escapes as UTF-8; '+' stays a plus (path semantics). */
	public static String decode(String encoded) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int i = 0;
		while (i < encoded.length()) {
			int c = encoded.codePointAt(i);
			if (c == '%' && i + 2 < encoded.length()) {
				out.write(Integer.parseInt(encoded.substring(i + 1, i + 3), 16));
				i += 3;
			}
			else {
				out.writeBytes(new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8));
				i += Character.charCount(c);
			}
		}
		return out.toString(StandardCharsets.UTF_8);
	}
}
