package org.hearth.storage;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A path inside one home, as the user sees it: NFC-normalised segments without empty, {@code .} or {@code ..}
 * parts. The only way to build one checks every name, so a StoragePath can always exist on disk.
 */
public final class StoragePath {

	/** Longest name in UTF-8 bytes; ext4 and most filesystems allow 255. */
	public static final int MAX_NAME_BYTES = 255;

	/** Longest path in characters, with room below the 4096 of the database column and PATH_MAX. */
	public static final int MAX_PATH_CHARS = 3800;

	public static final StoragePath ROOT = new StoragePath(List.of());

	private final List<String> segments;

	private final String joined;

	private StoragePath(List<String> segments) {
		this.segments = segments;
		this.joined = String.join("/", segments);
	}

	/** Parses a decoded path such as {@code /Photos/2024/a.jpg}; slashes at either end are ignored. */
	public static StoragePath parse(String decoded) {
		List<String> names = new ArrayList<>();
		for (String part : decoded.split("/", -1)) {
			if (!part.isEmpty()) {
				names.add(checkName(part));
			}
		}
		StoragePath path = new StoragePath(Collections.unmodifiableList(names));
		if (path.joined.length() > MAX_PATH_CHARS) {
			throw new StorageException(StorageException.Reason.INVALID_NAME, "path too long");
		}
		return path;
	}

	/** Normalises and checks one name; throws INVALID_NAME for names no filesystem of ours can hold. */
	public static String checkName(String raw) {
		String name = Normalizer.normalize(raw, Normalizer.Form.NFC);
		if (name.isEmpty() || name.equals(".") || name.equals("..")) {
			throw invalid("'" + name + "' is not a valid name");
		}
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			if (c == '/' || c == '\\' || c < 0x20 || c == 0x7f) {
				throw invalid("names may not contain '/', '\\' or control characters");
			}
		}
		if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
			throw invalid("name longer than " + MAX_NAME_BYTES + " bytes");
		}
		return name;
	}

	private static StorageException invalid(String message) {
		return new StorageException(StorageException.Reason.INVALID_NAME, message);
	}

	public boolean isRoot() {
		return segments.isEmpty();
	}

	public String name() {
		return isRoot() ? "" : segments.get(segments.size() - 1);
	}

	public StoragePath parent() {
		if (isRoot()) {
			throw new IllegalStateException("the root has no parent");
		}
		return new StoragePath(segments.subList(0, segments.size() - 1));
	}

	public StoragePath child(String name) {
		List<String> names = new ArrayList<>(segments);
		names.add(checkName(name));
		return new StoragePath(Collections.unmodifiableList(names));
	}

	public List<String> segments() {
		return segments;
	}

	/** This path and every ancestor up to the root, nearest first. */
	public List<StoragePath> selfAndAncestors() {
		List<StoragePath> result = new ArrayList<>(segments.size() + 1);
		for (int n = segments.size(); n >= 0; n--) {
			result.add(new StoragePath(segments.subList(0, n)));
		}
		return result;
	}

	/** True when {@code other} is this path or lies below it. */
	public boolean contains(StoragePath other) {
		return other.segments.size() >= segments.size() && other.segments.subList(0, segments.size()).equals(segments);
	}

	/** For this path at or below {@code from}: the same path below {@code to} instead. */
	public StoragePath rebase(StoragePath from, StoragePath to) {
		if (!from.contains(this)) {
			throw new IllegalArgumentException("/" + this + " is not below /" + from);
		}
		List<String> names = new ArrayList<>(to.segments);
		names.addAll(segments.subList(from.segments.size(), segments.size()));
		return new StoragePath(Collections.unmodifiableList(names));
	}

	/** The path relative to the home, without leading slash; empty for the root. */
	@Override
	public String toString() {
		return joined;
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof StoragePath p && p.joined.equals(joined);
	}

	@Override
	public int hashCode() {
		return joined.hashCode();
	}
}
