package org.hearth.interop;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A tree of files generated from a seed, the same on every run with the same seed, and the edits the mount tests
 * apply to it. Paths are relative, '/'-separated and NFC; the map is the expected state of the home afterwards.
 */
final class Fixtures {

	/** Override with -Dhearth.it.seed=N to reproduce a run with other content. */
	static final long SEED = Long.getLong("hearth.it.seed", 20261123L);

	/** An NFC name with characters from several scripts, an emoji and a space. */
	static final String UNICODE_NAME = "\u00dcn\u00efc\u00f6d\u00e9 Caf\u00e9 \u2615 \u65e5\u672c.txt";

	/** Characters that URL encoders treat differently: '+' must stay a plus, '#' and '%' must be escaped. */
	static final String PUNCTUATION_NAME = "a+b & c #1 100%.txt";

	static final String EDITED = "docs/report.txt";

	static final String RENAMED_FILE_FROM = "photos/big.bin";

	static final String RENAMED_FILE_TO = "photos/big-renamed.bin";

	static final String RENAMED_FOLDER_FROM = "docs/notes";

	static final String RENAMED_FOLDER_TO = "docs/notes-renamed";

	static final String DELETED = "delete-me.bin";

	private Fixtures() {
	}

	/** The tree copied in: nested folders, sizes from 0 bytes to 1.5 MB, text and random bytes, odd names. */
	static TreeMap<String, byte[]> tree(long seed) {
		Random random = new Random(seed);
		TreeMap<String, byte[]> files = new TreeMap<>();
		files.put("readme.txt", text(random, 3_000));
		files.put(EDITED, text(random, 5_000));
		files.put("docs/notes/todo.txt", text(random, 1_024));
		files.put("docs/notes/deep/leaf.bin", bytes(random, 2_048));
		files.put(RENAMED_FILE_FROM, bytes(random, 1_500_000));
		files.put("photos/" + UNICODE_NAME, text(random, 4_096));
		files.put("misc/" + PUNCTUATION_NAME, text(random, 1_000));
		files.put("misc/empty.txt", new byte[0]);
		files.put(DELETED, bytes(random, 65_536));
		return files;
	}

	/** The new content of {@link #EDITED}: longer than before, so a stale size would show. */
	static byte[] editedContent(long seed) {
		return text(new Random(seed + 1), 7_321);
	}

	/** The state after the edit, both renames and the delete. */
	static TreeMap<String, byte[]> afterChanges(long seed) {
		TreeMap<String, byte[]> files = tree(seed);
		files.put(EDITED, editedContent(seed));
		rename(files, RENAMED_FILE_FROM, RENAMED_FILE_TO);
		rename(files, RENAMED_FOLDER_FROM, RENAMED_FOLDER_TO);
		files.remove(DELETED);
		return files;
	}

	/** Renames a file or a folder (every path below it) in a model. */
	static void rename(Map<String, byte[]> files, String from, String to) {
		TreeMap<String, byte[]> moved = new TreeMap<>();
		files.entrySet().removeIf(entry -> {
			String path = entry.getKey();
			if (path.equals(from) || path.startsWith(from + "/")) {
				moved.put(to + path.substring(from.length()), entry.getValue());
				return true;
			}
			return false;
		});
		files.putAll(moved);
	}

	/** Every folder that holds a file of the model, parents first. */
	static SortedSet<String> folders(Map<String, byte[]> files) {
		SortedSet<String> folders = new TreeSet<>();
		for (String path : files.keySet()) {
			for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
				folders.add(path.substring(0, slash));
			}
		}
		return folders;
	}

	static String sha1(byte[] content) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(content));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	private static byte[] text(Random random, int size) {
		String words = "hearth keeps every byte safe, mounts as a drive and syncs with the real clients ";
		StringBuilder text = new StringBuilder(size);
		while (text.length() < size) {
			int start = random.nextInt(words.length());
			text.append(words, start, words.length());
			if (random.nextInt(8) == 0) {
				text.append('\n');
			}
		}
		text.setLength(size);
		return text.toString().getBytes(StandardCharsets.US_ASCII);
	}

	private static byte[] bytes(Random random, int size) {
		byte[] content = new byte[size];
		random.nextBytes(content);
		return content;
	}
}
