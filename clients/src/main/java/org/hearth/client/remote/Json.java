package org.hearth.client.remote;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, strict JSON reader for OCS answers ({@code {"ocs":{"meta":{...},"data":{...}}}}), so the client needs no
 * JSON library. Objects become {@link Map}s, arrays {@link List}s, numbers {@link Double} or {@link Long}, plus
 * {@link String}, {@link Boolean} and {@code null}.
 */
public final class Json {

	private static final int MAX_DEPTH = 64;

	private final String text;

	private int pos;

	private Json(String text) {
		this.text = text;
	}

	public static Object parse(String text) {
		Json json = new Json(text);
		json.skipWhitespace();
		Object value = json.value(0);
		json.skipWhitespace();
		if (json.pos != text.length()) {
			throw json.error("trailing characters");
		}
		return value;
	}

	/**
	 * Follows a chain of object keys ({@code path(doc, "ocs", "data", "id")}); null when any step is missing or not an
	 * object.
	 */
	public static Object path(Object root, String... keys) {
		Object current = root;
		for (String key : keys) {
			if (!(current instanceof Map<?, ?> map)) {
				return null;
			}
			current = map.get(key);
		}
		return current;
	}

	/** Like {@link #path} but renders scalars as text ({@code 200} rather than {@code 200.0}). */
	public static String string(Object root, String... keys) {
		Object value = path(root, keys);
		if (value == null || value instanceof Map || value instanceof List) {
			return null;
		}
		return value.toString();
	}

	private Object value(int depth) {
		if (depth > MAX_DEPTH) {
			throw error("nested too deeply");
		}
		if (pos >= text.length()) {
			throw error("unexpected end");
		}
		char c = text.charAt(pos);
		switch (c) {
			case '{':
				return object(depth);
			case '[':
				return array(depth);
			case '"':
				return string();
			case 't':
				literal("true");
				return Boolean.TRUE;
			case 'f':
				literal("false");
				return Boolean.FALSE;
			case 'n':
				literal("null");
				return null;
			default:
				if (c == '-' || (c >= '0' && c <= '9')) {
					return number();
				}
				throw error("unexpected character '" + c + "'");
		}
	}

	private Map<String, Object> object(int depth) {
		Map<String, Object> map = new LinkedHashMap<>();
		pos++; // {
		skipWhitespace();
		if (peek() == '}') {
			pos++;
			return map;
		}
		while (true) {
			skipWhitespace();
			if (peek() != '"') {
				throw error("expected a key");
			}
			String key = string();
			skipWhitespace();
			expect(':');
			skipWhitespace();
			map.put(key, value(depth + 1));
			skipWhitespace();
			char c = next();
			if (c == '}') {
				return map;
			}
			if (c != ',') {
				throw error("expected ',' or '}'");
			}
		}
	}

	private List<Object> array(int depth) {
		List<Object> list = new ArrayList<>();
		pos++; // [
		skipWhitespace();
		if (peek() == ']') {
			pos++;
			return list;
		}
		while (true) {
			skipWhitespace();
			list.add(value(depth + 1));
			skipWhitespace();
			char c = next();
			if (c == ']') {
				return list;
			}
			if (c != ',') {
				throw error("expected ',' or ']'");
			}
		}
	}

	private String string() {
		pos++; // opening quote
		StringBuilder out = new StringBuilder();
		while (true) {
			char c = next();
			if (c == '"') {
				return out.toString();
			}
			if (c == '\\') {
				char e = next();
				switch (e) {
					case '"', '\\', '/' -> out.append(e);
					case 'b' -> out.append('\b');
					case 'f' -> out.append('\f');
					case 'n' -> out.append('\n');
					case 'r' -> out.append('\r');
					case 't' -> out.append('\t');
					case 'u' -> {
						if (pos + 4 > text.length()) {
							throw error("bad unicode escape");
						}
						try {
							out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
						}
						catch (NumberFormatException ex) {
							throw error("bad unicode escape");
						}
						pos += 4;
					}
					default -> throw error("bad escape");
				}
			}
			else if (c < 0x20) {
				throw error("control character in string");
			}
			else {
				out.append(c);
			}
		}
	}

	private Object number() {
		int start = pos;
		if (peek() == '-') {
			pos++;
		}
		boolean fraction = false;
		while (pos < text.length()) {
			char c = text.charAt(pos);
			if (c >= '0' && c <= '9') {
				pos++;
			}
			else if (c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
				fraction = true;
				pos++;
			}
			else {
				break;
			}
		}
		String literal = text.substring(start, pos);
		try {
			return fraction ? (Object) Double.parseDouble(literal) : (Object) Long.parseLong(literal);
		}
		catch (NumberFormatException e) {
			try {
				return Double.parseDouble(literal);
			}
			catch (NumberFormatException e2) {
				throw error("bad number " + literal);
			}
		}
	}

	private void literal(String word) {
		if (!text.startsWith(word, pos)) {
			throw error("expected " + word);
		}
		pos += word.length();
	}

	private void expect(char c) {
		if (next() != c) {
			throw error("expected '" + c + "'");
		}
	}

	private char peek() {
		return pos < text.length() ? text.charAt(pos) : '\0';
	}

	private char next() {
		if (pos >= text.length()) {
			throw error("unexpected end");
		}
		return text.charAt(pos++);
	}

	private void skipWhitespace() {
		while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
			pos++;
		}
	}

	private IllegalArgumentException error(String message) {
		return new IllegalArgumentException("invalid JSON at offset " + pos + ": " + message);
	}
}
