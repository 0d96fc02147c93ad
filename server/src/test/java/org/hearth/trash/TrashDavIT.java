package org.hearth.trash;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.hearth.testing.DavClient;
import org.hearth.testing.HearthIT;
import org.junit.jupiter.api.Test;

/**
 * Nextcloud's trashbin DAV collection (spec §10.1) and the capture in the storage core: DAV DELETE and MOVE/COPY
 * over a folder put the old tree in the trash with its ids; restore brings back the same ids, content and dead
 * properties, beside a taken name, into recreated parents; purge and empty free the disk; other users see nothing.
 */
class TrashDavIT extends HearthIT {

	private static final String PROPPATCH_COLOR = "<?xml version=\"1.0\"?><d:propertyupdate xmlns:d=\"DAV:\""
			+ " xmlns:x=\"urn:example\"><d:set><d:prop><x:color>blue</x:color></d:prop></d:set></d:propertyupdate>";

	@Test
	void deletedFolderKeepsIdsAndComesBackWithContentAndProperties() {
		DavClient user = newUser("trash-dav");
		TrashApi trash = new TrashApi(user);
		user.mkcol("docs");
		user.mkcol("docs/sub");
		user.put("docs/a.txt", "alpha");
		user.put("docs/sub/b.txt", "bravo bravo");
		assertThat(user.send("PROPPATCH", "docs/a.txt", PROPPATCH_COLOR).statusCode()).isEqualTo(207);
		String folderId = user.fileId("docs");
		String fileId = user.fileId("docs/a.txt");
		String deepId = user.fileId("docs/sub/b.txt");
		long before = System.currentTimeMillis() / 1000;

		assertThat(user.delete("docs").statusCode()).isEqualTo(204);
		assertThat(user.propfind("docs", 0, null).statusCode()).as("gone from the user's tree").isEqualTo(404);
		assertThat(homeDir(user.username()).resolve("docs")).doesNotExist();

		TrashApi.DavEntry item = trash.davItem("docs");
		long deletedAt = Long.parseLong(item.prop("nc:trashbin-deletion-time"));
		assertThat(deletedAt).isBetween(before, before + 60);
		assertThat(TrashApi.davName(item)).isEqualTo("docs.d" + deletedAt);
		assertThat(item.prop("nc:trashbin-filename")).isEqualTo("docs");
		assertThat(item.prop("oc:fileid")).isEqualTo(folderId);
		assertThat(item.prop("oc:id")).isNotBlank();
		assertThat(item.prop("oc:size")).isEqualTo("16");
		assertThat(item.body()).contains("<d:collection/>");
		assertThat(item.prop("h:kept-until")).isEqualTo(Long.toString(deletedAt + 90L * 24 * 3600));
		assertThat(item.prop("h:content-lost")).isEqualTo("false");

		List<TrashApi.DavEntry> inside = trash.propfind("trash/" + TrashApi.davName(item), 1);
		assertThat(inside).extracting(entry -> entry.prop("nc:trashbin-original-location"))
			.containsExactly("docs", "docs/a.txt", "docs/sub");
		assertThat(inside.get(1).prop("oc:fileid")).isEqualTo(fileId);
		assertThat(inside.get(1).prop("d:getcontentlength")).isEqualTo("5");
		List<TrashApi.DavEntry> deeper = trash.propfind("trash/" + TrashApi.davName(item) + "/sub", 1);
		assertThat(deeper).extracting(entry -> entry.prop("nc:trashbin-filename")).containsExactly("sub", "b.txt");

		// as Android sends it: an absolute URL and Overwrite: T
		var restored = trash.dav("MOVE", "trash/" + TrashApi.davName(item), "Destination",
				trash.davUrl("restore/" + TrashApi.davName(item)), "Overwrite", "T");
		assertThat(restored.statusCode()).as(restored.body()).isEqualTo(201);
		assertThat(user.fileId("docs")).isEqualTo(folderId);
		assertThat(user.fileId("docs/a.txt")).isEqualTo(fileId);
		assertThat(user.fileId("docs/sub/b.txt")).isEqualTo(deepId);
		assertThat(sha1(user.get("docs/sub/b.txt").body())).isEqualTo(sha1("bravo bravo"));
		assertThat(user.propfind("docs/a.txt", 0, "<?xml version=\"1.0\"?><d:propfind xmlns:d=\"DAV:\""
				+ " xmlns:x=\"urn:example\"><d:prop><x:color/></d:prop></d:propfind>").body())
			.as("the dead property came back")
			.containsPattern("<x:color[^>]*>blue</x:color>");
		assertThat(user.prop("", "oc", "http://owncloud.org/ns", "size")).isEqualTo("16");
		assertThat(trash.davItems()).isEmpty();
	}

	@Test
	void restoreBesideATakenNameNeverOverwrites() {
		DavClient user = newUser("trash-taken");
		TrashApi trash = new TrashApi(user);
		user.put("note.txt", "first");
		user.delete("note.txt");
		user.put("note.txt", "second");
		user.delete("note.txt");
		user.put("note.txt", "current");

		List<TrashApi.DavEntry> items = trash.davItems();
		assertThat(items).hasSize(2);
		for (TrashApi.DavEntry item : items) {
			assertThat(trash.dav("MOVE", "trash/" + TrashApi.davName(item), "Destination",
					"/remote.php/dav/trashbin/" + user.username() + "/restore/note.txt").statusCode())
				.isEqualTo(201);
		}
		assertThat(user.get("note.txt").body()).isEqualTo("current");
		assertThat(Stream.of(user.get("note%20(restored).txt").body(), user.get("note%20(restored%202).txt").body()))
			.containsExactlyInAnyOrder("first", "second");
	}

	@Test
	void restoreRecreatesAParentFolderThatIsGone() {
		DavClient user = newUser("trash-parent");
		TrashApi trash = new TrashApi(user);
		user.mkcol("p");
		user.mkcol("p/q");
		user.put("p/q/r.txt", "deep");
		String id = user.fileId("p/q/r.txt");
		user.delete("p/q/r.txt");
		user.delete("p");

		String path = trash.restoreOk(trash.list().named("r.txt").id());
		assertThat(path).isEqualTo("/p/q/r.txt");
		assertThat(user.fileId("p/q/r.txt")).isEqualTo(id);
		assertThat(user.get("p/q/r.txt").body()).isEqualTo("deep");
		assertThat(trash.list().items()).extracting(TrashApi.Item::originalLocation).containsExactly("/p");
	}

	@Test
	void moveAndCopyOverAFolderPutTheReplacedFolderInTheTrash() {
		DavClient user = newUser("trash-overwrite");
		TrashApi trash = new TrashApi(user);
		user.mkcol("src");
		user.put("src/new.txt", "newer");
		user.mkcol("dst");
		user.put("dst/old.txt", "old");
		String oldId = user.fileId("dst/old.txt");

		assertThat(user.move("src", "dst", "Overwrite", "T").statusCode()).isEqualTo(204);
		assertThat(user.get("dst/new.txt").body()).isEqualTo("newer");
		TrashApi.Item replaced = trash.list().named("dst");
		assertThat(replaced.directory()).isTrue();
		assertThat(replaced.size()).isEqualTo(3);
		assertThat(trash.propfind("trash/" + TrashApi.davName(trash.davItem("dst")), 1))
			.extracting(entry -> entry.prop("oc:fileid"))
			.contains(oldId);

		user.mkcol("other");
		user.put("other/copied.txt", "copied");
		var copied = user.send("COPY", "other", null, "Destination", user.url("dst"), "Overwrite", "T");
		assertThat(copied.statusCode()).isEqualTo(204);
		assertThat(trash.list().items()).extracting(TrashApi.Item::originalLocation).containsExactly("/dst", "/dst");
		assertThat(trash.list().items().get(0).size()).as("the newest: the moved-in folder").isEqualTo(5);

		// restoring the first replaced folder puts it beside the current one, with its file's id
		assertThat(trash.restoreOk(replaced.id())).isEqualTo("/dst (restored)");
		assertThat(user.fileId("dst%20(restored)/old.txt")).isEqualTo(oldId);
	}

	@Test
	void purgeOneAndEmptyFreeTheDisk() throws IOException {
		DavClient user = newUser("trash-purge");
		TrashApi trash = new TrashApi(user);
		user.put("one.txt", "1");
		user.mkcol("two");
		user.put("two/x.txt", "x");
		user.put("three.txt", "3");
		user.delete("one.txt");
		user.delete("two");
		user.delete("three.txt");
		long ownerId = users.find(user.username()).orElseThrow().id();
		Path trashDir = DATA_DIR.resolve(".hearth/trash/" + ownerId);
		assertThat(entries(trashDir)).hasSize(3);

		assertThat(trash.dav("DELETE", "trash/" + TrashApi.davName(trash.davItem("one.txt"))).statusCode())
			.isEqualTo(204);
		assertThat(trash.davItems()).hasSize(2);
		assertThat(entries(trashDir)).hasSize(2);

		assertThat(trash.dav("DELETE", "trash").statusCode()).isEqualTo(204);
		assertThat(trash.davItems()).isEmpty();
		assertThat(entries(trashDir)).isEmpty();
	}

	@Test
	void anotherUsersTrashIsNotFound() {
		DavClient owner = newUser("trash-owner");
		DavClient other = newUser("trash-other");
		owner.put("private.txt", "mine");
		owner.delete("private.txt");
		TrashApi.DavEntry item = new TrashApi(owner).davItem("private.txt");
		String path = "/remote.php/dav/trashbin/" + owner.username() + "/trash";
		String itemPath = path + "/" + TrashApi.davName(item);

		assertThat(other.send(other.request("PROPFIND", other.baseUrl() + path, null).header("Depth", "1"))
			.statusCode()).isEqualTo(404);
		assertThat(other.send(other.request("DELETE", other.baseUrl() + itemPath, null)).statusCode())
			.isEqualTo(404);
		assertThat(other.send(other.request("MOVE", other.baseUrl() + itemPath, null)
			.header("Destination", other.baseUrl() + "/remote.php/dav/trashbin/" + owner.username() + "/restore/x"))
			.statusCode()).isEqualTo(404);
		long itemId = new TrashApi(owner).list().named("private.txt").id();
		assertThat(new TrashApi(other).restore(itemId).statusCode()).isEqualTo(404);
		assertThat(new TrashApi(other).call("DELETE", "/api/trash/" + itemId).statusCode()).isEqualTo(404);
		assertThat(new TrashApi(owner).list().items()).hasSize(1);
	}

	@Test
	void restoreOverTheQuotaIsRefusedAndChangesNothing() {
		DavClient user = newUser("trash-quota", 1_000);
		TrashApi trash = new TrashApi(user);
		user.put("big.bin", "x".repeat(600));
		user.delete("big.bin");
		assertThat(user.prop("", "d", "DAV:", "quota-used-bytes")).as("the trash does not count").isEqualTo("0");
		user.put("other.bin", "y".repeat(600));

		var refused = trash.dav("MOVE", "trash/" + TrashApi.davName(trash.davItem("big.bin")), "Destination",
				trash.davUrl("restore/big.bin"));
		assertThat(refused.statusCode()).isEqualTo(507);
		assertThat(user.get("big.bin").statusCode()).isEqualTo(404);
		assertThat(trash.list().items()).hasSize(1);
	}

	/** Numbers only (no timed assertion): DELETE and restore of a folder of 10,000 files. */
	@Test
	void deleteAndRestoreOfTenThousandFiles() throws IOException {
		DavClient user = newUser("trash-big");
		TrashApi trash = new TrashApi(user);
		Path big = homeDir(user.username()).resolve("big");
		for (int d = 0; d < 20; d++) {
			Files.createDirectories(big.resolve("d" + d));
			for (int f = 0; f < 500; f++) {
				Files.writeString(big.resolve("d" + d + "/f" + f + ".txt"), "file " + d + "/" + f);
			}
		}
		DavClient admin = new DavClient(baseUrl(), ADMIN, ADMIN_PASSWORD);
		assertThat(admin.send(admin.request("POST", baseUrl() + "/api/admin/rescan", null)).statusCode())
			.isEqualTo(200);
		String id = user.fileId("big/d7/f123.txt");

		long started = System.nanoTime();
		assertThat(user.delete("big").statusCode()).isEqualTo(204);
		long deleteMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
		long itemId = trash.list().named("big").id();
		started = System.nanoTime();
		trash.restoreOk(itemId);
		long restoreMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
		System.out.printf("[trash] %s: DELETE of a folder of 10,000 files took %d ms, its restore %d ms%n",
				org.hearth.testing.TestDatabase.kind(), deleteMillis, restoreMillis);

		assertThat(user.fileId("big/d7/f123.txt")).isEqualTo(id);
		assertThat(user.get("big/d7/f123.txt").body()).isEqualTo("file 7/123");
	}

	private static List<Path> entries(Path dir) throws IOException {
		if (!Files.exists(dir)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(dir)) {
			return files.toList();
		}
	}

	static String sha1(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (java.security.NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}
