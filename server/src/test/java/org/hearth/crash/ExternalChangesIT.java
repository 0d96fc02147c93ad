package org.hearth.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Files added, changed and removed directly in {@code DATA_DIR/users/<user>/}, outside Hearth: the startup check
 * (server stopped meanwhile) and the admin rescan (server running) make the server's view match the disk, with
 * SHA-1 checksums for new content, new etags up to the root for what changed, unchanged ids and etags for what
 * did not, and trash entries (content lost, old metadata) for what was removed. The tests share one server, each
 * as its own user.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ExternalChangesIT {

	private static final Pattern REPORT_FIELD = Pattern.compile("\"(homes|added|updated|removed)\"\\s*:\\s*(\\d+)");

	@RegisterExtension
	static final SharedServer SHARED = new SharedServer("external");

	private ServerProcess server;

	@Test
	void startupCheckPicksUpChangesMadeWhileStopped() throws IOException {
		server = SHARED.running();
		Dav user = server.createUser("ext");
		Path home = server.homeDir("ext");
		user.mkcolOk("docs");
		user.putOk("docs/keep.txt", text("kept as it is"));
		user.putOk("docs/grow.txt", text("short"));
		user.putOk("docs/same-size.txt", text("same size, first version"));
		user.putOk("docs/remove.txt", text("to be deleted on disk"));
		user.mkcolOk("old");
		user.putOk("old/x.txt", text("x"));
		user.putOk("old/y.bin", Content.bytes(3, 10_000));
		user.mkcolOk("untouched");
		user.putOk("untouched/u.txt", text("nobody touches this"));
		Map<String, Dav.Resource> before = HomeCheck.assertConsistent(user, home);
		server.stop();

		Files.write(home.resolve("docs/added with space.txt"), text("added on disk"));
		Files.createDirectories(home.resolve("new/deeper"));
		Files.write(home.resolve("new/deeper/n.bin"), Content.bytes(4, 65_536));
		Files.write(home.resolve("new/top.txt"), text("top"));
		Files.write(home.resolve("docs/grow.txt"), text("much longer than before"));
		Path sameSize = home.resolve("docs/same-size.txt");
		FileTime oldMtime = Files.getLastModifiedTime(sameSize);
		Files.write(sameSize, text("same size, other version"));
		// size and mtime are what a rescan compares first; make the mtime differ even within the same second
		Files.setLastModifiedTime(sameSize, FileTime.from(oldMtime.toInstant().minusSeconds(3600)));
		Files.delete(home.resolve("docs/remove.txt"));
		deleteTree(home.resolve("old"));

		server.start();
		Map<String, Dav.Resource> after = HomeCheck.assertConsistent(user, home);
		assertThat(after.keySet()).containsExactlyInAnyOrder("", "docs", "docs/keep.txt", "docs/grow.txt",
				"docs/same-size.txt", "docs/added with space.txt", "new", "new/deeper", "new/deeper/n.bin",
				"new/top.txt", "untouched", "untouched/u.txt");
		assertThat(after.get("").etag()).as("root etag").isNotEqualTo(before.get("").etag());
		assertThat(after.get("docs").etag()).as("etag of the changed folder").isNotEqualTo(before.get("docs").etag());
		assertKept(before, after, "", "docs", "untouched", "untouched/u.txt", "docs/keep.txt", "docs/grow.txt",
				"docs/same-size.txt");
		assertSameEtag(before, after, "untouched", "untouched/u.txt", "docs/keep.txt");
		assertThat(after.get("docs/grow.txt").etag()).isNotEqualTo(before.get("docs/grow.txt").etag());
		assertThat(after.get("docs/same-size.txt").etag()).as("etag of a same-size change")
			.isNotEqualTo(before.get("docs/same-size.txt").etag());
		assertThat(after.get("docs/same-size.txt").sha1())
			.isEqualTo(Content.sha1(text("same size, other version")));
		assertNewIds(before, after, "docs/added with space.txt", "new", "new/deeper", "new/deeper/n.bin",
				"new/top.txt");
		assertThat(new String(user.get("docs/added with space.txt").body(), StandardCharsets.UTF_8))
			.isEqualTo("added on disk");

		// what was removed on disk keeps its metadata in the trash, marked as content lost
		String trash = user.callAs("GET", "/api/trash").body();
		for (String removed : new String[] { "docs/remove.txt", "old" }) {
			assertThat(trash).as("trash entry of /%s", removed)
				.containsPattern("\"originalLocation\":\"/" + removed + "\"[^}]*\"contentLost\":true[^}]*\"fileId\":"
						+ before.get(removed).fileId() + "}");
		}
	}

	@Test
	void adminRescanOnARunningServer() throws IOException {
		server = SHARED.running();
		Dav user = server.createUser("live");
		Path home = server.homeDir("live");
		user.putOk("a.txt", text("a"));
		user.putOk("b.txt", text("b"));
		user.putOk("c.txt", text("c"));
		user.mkcolOk("keep");
		user.putOk("keep/k.txt", text("k"));
		Map<String, Dav.Resource> before = HomeCheck.assertConsistent(user, home);

		Files.write(home.resolve("new.txt"), text("new on disk"));
		Files.createDirectory(home.resolve("newdir"));
		Files.write(home.resolve("b.txt"), text("b, changed on disk"));
		Files.delete(home.resolve("c.txt"));

		assertThat(user.postAs("/api/admin/rescan").statusCode()).as("rescan as a non-admin").isEqualTo(403);
		var response = server.adminPost("/api/admin/rescan", null);
		assertThat(response.statusCode()).as("POST /api/admin/rescan: %s", response.body()).isEqualTo(200);
		assertThat(report(response.body())).as("rescan report %s", response.body())
			.isEqualTo(Map.of("homes", server.accounts(), "added", 2, "updated", 1, "removed", 1));

		Map<String, Dav.Resource> after = HomeCheck.assertConsistent(user, home);
		assertThat(after.keySet()).containsExactlyInAnyOrder("", "a.txt", "b.txt", "keep", "keep/k.txt", "new.txt",
				"newdir");
		assertThat(after.get("").etag()).as("root etag").isNotEqualTo(before.get("").etag());
		assertKept(before, after, "", "a.txt", "b.txt", "keep", "keep/k.txt");
		assertSameEtag(before, after, "a.txt", "keep", "keep/k.txt");
		assertThat(after.get("b.txt").etag()).isNotEqualTo(before.get("b.txt").etag());
		assertNewIds(before, after, "new.txt", "newdir");

		var again = server.adminPost("/api/admin/rescan", null);
		assertThat(again.statusCode()).isEqualTo(200);
		assertThat(report(again.body())).as("a second rescan finds nothing to do: %s", again.body())
			.isEqualTo(Map.of("homes", server.accounts(), "added", 0, "updated", 0, "removed", 0));
		Map<String, Dav.Resource> unchanged = HomeCheck.assertConsistent(user, home);
		assertSameEtag(after, unchanged, after.keySet().toArray(String[]::new));
	}

	private static Map<String, Integer> report(String json) {
		Map<String, Integer> fields = new HashMap<>();
		Matcher m = REPORT_FIELD.matcher(json);
		while (m.find()) {
			fields.put(m.group(1), Integer.parseInt(m.group(2)));
		}
		return fields;
	}

	private static void assertKept(Map<String, Dav.Resource> before, Map<String, Dav.Resource> after,
			String... paths) {
		HomeCheck.assertKept("file id", Dav.Resource::fileId, before, after, List.of(paths));
	}

	private static void assertSameEtag(Map<String, Dav.Resource> before, Map<String, Dav.Resource> after,
			String... paths) {
		HomeCheck.assertKept("etag", Dav.Resource::etag, before, after, List.of(paths));
	}

	private static void assertNewIds(Map<String, Dav.Resource> before, Map<String, Dav.Resource> after,
			String... paths) {
		Set<String> oldIds = before.values().stream().map(Dav.Resource::fileId).collect(Collectors.toSet());
		for (String path : paths) {
			assertThat(after.get(path).fileId()).as("file id of new /%s", path).isNotBlank().isNotIn(oldIds);
		}
	}

	private static byte[] text(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static void deleteTree(Path root) throws IOException {
		try (var paths = Files.walk(root)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}
}
