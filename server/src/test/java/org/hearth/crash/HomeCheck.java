package org.hearth.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one consistency rule the crash tests check after every restart: what the server lists (its database) is
 * exactly what is on disk below {@code DATA_DIR/users/<user>}: the same names and kinds in every folder, files with
 * the disk's size and an {@code oc:checksums} SHA1 equal to the disk content's, folders whose {@code oc:size} is the
 * sum of the file sizes below them.
 */
final class HomeCheck {

	private HomeCheck() {
	}

	/** Asserts the rule for the whole home; returns every listed resource by path ("" is the home). */
	static Map<String, Dav.Resource> assertConsistent(Dav dav, Path home) {
		assertThat(home).as("home folder on disk").isDirectory();
		Map<String, Dav.Resource> all = new LinkedHashMap<>();
		check(dav, "", home, all);
		return all;
	}

	private static long check(Dav dav, String path, Path dir, Map<String, Dav.Resource> all) {
		List<Dav.Resource> listing = dav.list(path);
		assertThat(listing).as("PROPFIND of /%s (a folder on disk)", path).isNotNull();
		Dav.Resource self = listing.get(0);
		assertThat(self.path()).as("first PROPFIND entry of /%s", path).isEqualTo(path);
		assertThat(self.directory()).as("/%s is a folder in the DB as on disk", path).isTrue();
		all.put(path, self);
		Map<String, Dav.Resource> listed = listing.subList(1, listing.size())
			.stream()
			.collect(Collectors.toMap(r -> name(r.path()), Function.identity(), (a, b) -> {
				throw new AssertionError("listed twice: " + a + " / " + b);
			}, TreeMap::new));
		Map<String, Path> onDisk = new TreeMap<>();
		try (var entries = Files.list(dir)) {
			entries.forEach(entry -> onDisk.put(entry.getFileName().toString(), entry));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		assertThat(listed.keySet()).as("members of /%s listed by the server vs on disk", path)
			.containsExactlyElementsOf(onDisk.keySet());
		long total = 0;
		for (Map.Entry<String, Path> entry : onDisk.entrySet()) {
			Path file = entry.getValue();
			Dav.Resource resource = listed.get(entry.getKey());
			String childPath = path.isEmpty() ? entry.getKey() : path + "/" + entry.getKey();
			assertThat(resource.path()).isEqualTo(childPath);
			if (Files.isDirectory(file)) {
				assertThat(resource.directory()).as("/%s is a folder in the DB as on disk", childPath).isTrue();
				total += check(dav, childPath, file, all);
				continue;
			}
			assertThat(resource.directory()).as("/%s is a file in the DB as on disk", childPath).isFalse();
			long size = size(file);
			assertThat(resource.contentLength()).as("getcontentlength of /%s vs disk", childPath).isEqualTo(size);
			assertThat(resource.size()).as("oc:size of /%s vs disk", childPath).isEqualTo(size);
			assertThat(resource.sha1()).as("oc:checksums SHA1 of /%s (%s) vs disk content", childPath,
					resource.checksum())
				.isEqualTo(Content.sha1(file));
			all.put(childPath, resource);
			total += size;
		}
		assertThat(self.size()).as("oc:size of folder /%s vs the sum of the files below it on disk", path)
			.isEqualTo(total);
		return total;
	}

	/**
	 * Each of {@code paths} is listed in {@code after} with the same {@code property} ("file id", "etag", "size")
	 * as in {@code before}.
	 */
	static void assertKept(String property, Function<Dav.Resource, Object> value, Map<String, Dav.Resource> before,
			Map<String, Dav.Resource> after, Collection<String> paths) {
		for (String path : paths) {
			assertThat(after.get(path)).as("/%s is still listed", path).isNotNull();
			assertThat(value.apply(after.get(path))).as("%s of /%s", property, path)
				.isEqualTo(value.apply(before.get(path)));
		}
	}

	private static String name(String path) {
		return path.substring(path.lastIndexOf('/') + 1);
	}

	private static long size(Path file) {
		try {
			return Files.size(file);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
