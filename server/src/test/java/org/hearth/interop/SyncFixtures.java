package org.hearth.interop;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.TreeMap;

/** The tree the sync-client tests start from: odd names, an empty file, nesting, and one file big enough to chunk. */
final class SyncFixtures {

	/** Above every client's chunking threshold (10 MB) and above 100 MB, so several chunks are needed. */
	static final int BIG_FILE_BYTES = 110 * 1024 * 1024 + 12_345;

	static final String BIG_FILE = "Videos/holiday.bin";

	private SyncFixtures() {
	}

	static TreeMap<String, byte[]> initialTree() {
		Random random = new Random(Fixtures.SEED);
		TreeMap<String, byte[]> files = new TreeMap<>();
		files.put("keep.txt", text("never changes, so no run ever changes every file (nextcloud/desktop#3144)"));
		files.put("empty.txt", new byte[0]);
		files.put("Documents/notes.txt", text("notes from the laptop"));
		files.put("Documents/a b & c+d #1 100% [x].txt", text("punctuation that URL encoders disagree on"));
		files.put("Documents/Caf\u00e9 cr\u00e8me NFC.txt", text("composed accents"));
		files.put("Documents/Re\u0301sume\u0301 NFD.txt", text("decomposed accents, stored composed"));
		files.put("Documents/Deep/er/still/leaf.txt", text("four levels down"));
		files.put("Photos/2026/\ud83d\udcf7 IMG_0001.jpg", bytes(random, 300_000));
		files.put("Photos/2026/old.txt", text("deleted on the server later"));
		files.put("Photos/2026/\u65e5\u672c \u5199\u771f.bin", bytes(random, 70_000));
		files.put(BIG_FILE, bytes(random, BIG_FILE_BYTES));
		return files;
	}

	private static byte[] text(String content) {
		return content.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] bytes(Random random, int size) {
		byte[] content = new byte[size];
		random.nextBytes(content);
		return content;
	}
}
