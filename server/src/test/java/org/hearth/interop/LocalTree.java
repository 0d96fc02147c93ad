package org.hearth.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A sync client's local folder as a map of relative, '/'-separated NFC paths to content, without the client's own
 * bookkeeping (journals, logs), so it can be compared with the server's tree.
 */
final class LocalTree {

	/** nextcloudcmd's and owncloudcmd's journals and their SQLite companions, rclone's partial files. */
	private static final Pattern CLIENT_FILES = Pattern
		.compile("(^|/)(\\._?sync_[^/]*\\.db(-wal|-shm)?|\\.sync_journal\\.db.*|\\.owncloudsync\\.log|[^/]*\\.partial)$");

	private LocalTree() {
	}

	static TreeMap<String, byte[]> read(Path root) {
		TreeMap<String, byte[]> files = new TreeMap<>();
		try (Stream<Path> walk = Files.walk(root)) {
			walk.filter(Files::isRegularFile).forEach(file -> {
				String relative = Normalizer.normalize(root.relativize(file).toString(), Normalizer.Form.NFC);
				if (!CLIENT_FILES.matcher(relative).find() && files.put(relative, readAll(file)) != null) {
					throw new AssertionError("two local files have the name " + relative + " once normalised (NFC)");
				}
			});
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return files;
	}

	static void write(Path root, Map<String, byte[]> files) {
		files.forEach((relative, content) -> write(root, relative, content));
	}

	static void write(Path root, String relative, byte[] content) {
		try {
			Path file = root.resolve(relative);
			Files.createDirectories(file.getParent());
			Files.write(file, content);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static byte[] readAll(Path file) {
		try {
			return Files.readAllBytes(file);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
