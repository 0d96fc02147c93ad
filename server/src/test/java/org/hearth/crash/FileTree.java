package org.hearth.crash;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A folder of many small generated files in a few subfolders, which the crash tests move and delete as a whole,
 * and what each of its paths must hold: paths are relative to the tree ("" is the tree itself), values the SHA-1 of
 * the content, null for folders.
 */
final class FileTree {

	private final Map<String, String> expected = new TreeMap<>();

	private FileTree() {
	}

	/** Creates the tree at {@code root} in the user's home, uploading the files with four PUTs at a time. */
	static FileTree upload(Dav user, String root, int folders, int files, long seed) throws Exception {
		FileTree tree = new FileTree();
		user.mkcolOk(root);
		tree.expected.put("", null);
		for (int d = 0; d < folders; d++) {
			user.mkcolOk(root + "/d" + d);
			tree.expected.put("d" + d, null);
		}
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<?>> puts = new ArrayList<>();
			for (int i = 0; i < files; i++) {
				String path = "d" + (i % folders) + "/f" + i + ".bin";
				byte[] content = Content.smallFile(seed, i);
				tree.expected.put(path, Content.sha1(content));
				puts.add(pool.submit(() -> user.putOk(root + "/" + path, content)));
			}
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
			for (Future<?> put : puts) {
				put.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}
		return tree;
	}

	/** How many files and folders the tree has, itself included. */
	int size() {
		return expected.size();
	}

	/** The listed resources at and below {@code root}, by path inside the tree, each as {@code value} has it. */
	static Map<String, String> below(Map<String, Dav.Resource> listed, String root,
			Function<Dav.Resource, String> value) {
		Map<String, String> found = new TreeMap<>();
		listed.forEach((path, resource) -> {
			if (path.equals(root) || path.startsWith(root + "/")) {
				found.put(path.substring(Math.min(path.length(), root.length() + 1)), value.apply(resource));
			}
		});
		return found;
	}

	/** The listed resources at and below {@code root} hold exactly the tree: each path, folder and content. */
	void assertListedAt(Map<String, Dav.Resource> listed, String root) {
		assertHolds(below(listed, root, resource -> resource.directory() ? null : resource.sha1()), "/" + root);
	}

	/** The folder {@code dir} on disk holds exactly the tree. */
	void assertOnDiskAt(Path dir) {
		Map<String, String> found = new TreeMap<>();
		try (Stream<Path> all = Files.walk(dir)) {
			all.forEach(path -> found.put(dir.relativize(path).toString(),
					Files.isDirectory(path) ? null : Content.sha1(path)));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		assertHolds(found, dir.toString());
	}

	/** Reports how many paths are missing, unexpected or with other content, with a few examples. */
	private void assertHolds(Map<String, String> found, String where) {
		List<String> missing = expected.keySet().stream().filter(path -> !found.containsKey(path)).toList();
		List<String> extra = found.keySet().stream().filter(path -> !expected.containsKey(path)).toList();
		List<String> wrong = expected.keySet()
			.stream()
			.filter(path -> found.containsKey(path) && !Objects.equals(found.get(path), expected.get(path)))
			.toList();
		if (!missing.isEmpty() || !extra.isEmpty() || !wrong.isEmpty()) {
			throw new AssertionError(String.format(
					"the tree in %s differs from what was uploaded: %d missing %s, %d unexpected %s, %d with other"
							+ " content %s",
					where, missing.size(), first(missing), extra.size(), first(extra), wrong.size(), first(wrong)));
		}
	}

	/**
	 * Every file and folder kept its oc:fileid from {@code before} to {@code now} (paths inside the tree to ids);
	 * reports how many did not, with a few examples.
	 */
	static void assertSameIds(String after, Map<String, String> before, Map<String, String> now) {
		List<String> changed = before.keySet()
			.stream()
			.filter(path -> !Objects.equals(before.get(path), now.get(path)))
			.toList();
		if (!changed.isEmpty()) {
			throw new AssertionError(String.format("%d of %d file ids in the tree changed after %s, e.g. %s",
					changed.size(), before.size(), after,
					first(changed).stream().map(path -> "/" + path + ": " + before.get(path) + " -> " + now.get(path))
						.toList()));
		}
	}

	private static List<String> first(List<String> list) {
		return list.subList(0, Math.min(5, list.size()));
	}
}
