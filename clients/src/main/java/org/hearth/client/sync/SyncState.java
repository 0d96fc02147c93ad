package org.hearth.client.sync;

import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.hearth.client.remote.DavPaths;
import org.hearth.client.remote.Sha1;

/**
 * What a backup or sync last saw and did, per file: a small text file under the config directory, one per
 * (kind, server, user, remote root, local root), so two backups of different folders never mix their records.
 *
 * <p>Format: {@code #} header lines, then one line per file: {@code size TAB mtime-seconds TAB sha1 TAB etag TAB path},
 * with {@code -} for unknown values and the path (relative to the roots, starting with {@code /}) and etag
 * percent-encoded so tabs and newlines in names cannot break a line. Saved atomically (temp file, then rename).
 */
public final class SyncState {

	private static final String MAGIC = "# hearth state v1";

	/**
	 * @param size bytes
	 * @param mtimeSeconds whole seconds, as {@code X-OC-Mtime} carries them
	 * @param sha1 lower-case hex, or null if unknown
	 * @param etag the server's etag after the transfer, or null if it sent none
	 */
	public record Entry(long size, long mtimeSeconds, String sha1, String etag) {
	}

	private final Path file;

	private final SortedMap<String, Entry> entries = new TreeMap<>();

	private SyncState(Path file) {
		this.file = file;
	}

	/** The state file for one pairing of a local folder with a remote folder. */
	public static Path fileFor(Path configDir, String kind, URI server, String userId, String remoteRoot,
			Path localRoot) {
		String key = String.join("\n", kind, server.toString(), userId, remoteRoot, localRoot.toString());
		byte[] hash = Sha1.digest(key.getBytes(StandardCharsets.UTF_8));
		return configDir.resolve("state").resolve(kind + "-" + HexFormat.of().formatHex(hash, 0, 10) + ".tsv");
	}

	/** The saved state, or an empty one if the file does not exist yet. */
	public static SyncState load(Path file) throws IOException {
		SyncState state = new SyncState(file);
		if (!Files.exists(file)) {
			return state;
		}
		List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
		if (lines.isEmpty() || !lines.get(0).equals(MAGIC)) {
			throw new IOException("not a hearth state file: " + file);
		}
		for (String line : lines) {
			if (line.isEmpty() || line.startsWith("#")) {
				continue;
			}
			String[] f = line.split("\t", -1);
			if (f.length != 5) {
				throw new IOException("damaged hearth state file " + file + ": " + line);
			}
			try {
				state.entries.put(DavPaths.decode(f[4]), new Entry(Long.parseLong(f[0]), Long.parseLong(f[1]),
						f[2].equals("-") ? null : f[2], f[3].equals("-") ? null : DavPaths.decode(f[3])));
			}
			catch (NumberFormatException e) {
				throw new IOException("damaged hearth state file " + file + ": " + line, e);
			}
		}
		return state;
	}

	public Path file() {
		return file;
	}

	/** The entry of a path relative to the roots ({@code /a/b.txt}), or null. */
	public Entry get(String path) {
		return entries.get(path);
	}

	public void put(String path, Entry entry) {
		entries.put(path, entry);
	}

	public void remove(String path) {
		entries.remove(path);
	}

	/** Forgets a path and everything below it. */
	public void removeTree(String path) {
		entries.remove(path);
		entries.subMap(path + "/", path + "0").clear();
	}

	public Map<String, Entry> entries() {
		return Collections.unmodifiableSortedMap(entries);
	}

	public void save(String description) throws IOException {
		Files.createDirectories(file.getParent());
		Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
		try {
			try (BufferedWriter out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
				out.write(MAGIC + "\n");
				out.write("# " + description.replace('\n', ' ') + "\n");
				for (Map.Entry<String, Entry> e : entries.entrySet()) {
					Entry v = e.getValue();
					out.write(v.size() + "\t" + v.mtimeSeconds() + "\t" + (v.sha1() == null ? "-" : v.sha1()) + "\t"
							+ (v.etag() == null ? "-" : DavPaths.encodeSegment(v.etag())) + "\t"
							+ DavPaths.encodePath(e.getKey()) + "\n");
				}
			}
			try {
				Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (AtomicMoveNotSupportedException e) {
				Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		finally {
			Files.deleteIfExists(tmp);
		}
	}
}
