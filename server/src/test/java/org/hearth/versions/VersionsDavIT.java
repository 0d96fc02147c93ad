package org.hearth.versions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.hearth.storage.Actor;
import org.hearth.storage.StoragePath;
import org.hearth.storage.StorageService;
import org.hearth.storage.WriteOptions;
import org.hearth.testing.DavClient;
import org.hearth.testing.HearthIT;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Versions over Nextcloud's versions DAV tree (spec §10.2): every way of replacing a file's content keeps the old
 * content, named by its mtime, as a hard link of the replaced file; restore, label and delete; strangers get 404.
 */
class VersionsDavIT extends HearthIT {

	private static final String MTIME = "1700000000";

	private static final String MTIME_HTTP = "Tue, 14 Nov 2023 22:13:20 GMT";

	@Autowired
	private StorageService storage;

	@Test
	void anOverwriteKeepsTheReplacedContentAsAHardLinkNamedByItsMtime() throws IOException {
		DavClient user = newUser("vput");
		VersionsClient versions = new VersionsClient(user);
		assertThat(user.put("a.txt", "first", "X-OC-Mtime", MTIME).statusCode()).isEqualTo(201);
		Object inodeBefore = Files.getAttribute(homeDir(user.username()).resolve("a.txt"), "unix:ino");
		assertThat(user.put("a.txt", "second!").statusCode()).isEqualTo(204);
		String id = user.fileId("a.txt");

		List<VersionsClient.Listed> listed = versions.list(id);
		assertThat(listed).hasSize(1);
		VersionsClient.Listed version = listed.get(0);
		assertThat(version.name()).isEqualTo(MTIME);
		assertThat(version.lastModified()).isEqualTo(MTIME_HTTP);
		assertThat(version.length()).isEqualTo(5);
		assertThat(version.author()).isEqualTo(user.username());
		assertThat(version.label()).isEmpty();
		assertThat(versions.content(id, MTIME)).isEqualTo("first");
		assertThat(user.get("a.txt").body()).isEqualTo("second!");

		List<Path> files = versionFiles(user);
		assertThat(files).hasSize(1);
		assertThat(Files.getAttribute(files.get(0), "unix:ino")).as("the version is the replaced file, not a copy")
			.isEqualTo(inodeBefore);
	}

	@Test
	void emptyContentIsNotKept() {
		DavClient user = newUser("vempty");
		VersionsClient versions = new VersionsClient(user);
		user.put("e.txt", "");
		user.put("e.txt", "x");
		String id = user.fileId("e.txt");
		assertThat(versions.list(id)).isEmpty();
		user.put("e.txt", "y");
		assertThat(versions.list(id)).extracting(VersionsClient.Listed::length).containsExactly(1L);
	}

	@Test
	void versionsOfTheSameSecondGetTheNextFreeSecond() {
		DavClient user = newUser("vsame");
		VersionsClient versions = new VersionsClient(user);
		for (String content : List.of("a", "b", "c")) {
			user.put("s.txt", content, "X-OC-Mtime", MTIME);
		}
		String id = user.fileId("s.txt");
		assertThat(versions.list(id)).extracting(VersionsClient.Listed::name).containsExactly("1700000001", MTIME);
		assertThat(versions.content(id, MTIME)).isEqualTo("a");
		assertThat(versions.content(id, "1700000001")).isEqualTo("b");
	}

	@Test
	void aChunkedUploadOntoAFileKeepsAVersion() {
		DavClient user = newUser("vchunk");
		VersionsClient versions = new VersionsClient(user);
		user.put("big.bin", "before the upload");
		String uploads = user.baseUrl() + "/remote.php/dav/uploads/" + user.username() + "/4711";
		String target = user.url("big.bin");
		assertThat(versions.send("MKCOL", uploads, null, "Destination", target).statusCode()).isEqualTo(201);
		assertThat(versions.send("PUT", uploads + "/00001", "after ").statusCode()).isEqualTo(201);
		assertThat(versions.send("PUT", uploads + "/00002", "the upload").statusCode()).isEqualTo(201);
		assertThat(versions.send("MOVE", uploads + "/.file", null, "Destination", target).statusCode()).isEqualTo(204);
		String id = user.fileId("big.bin");
		assertThat(user.get("big.bin").body()).isEqualTo("after the upload");
		List<VersionsClient.Listed> listed = versions.list(id);
		assertThat(listed).hasSize(1);
		assertThat(versions.content(id, listed.get(0).name())).isEqualTo("before the upload");
	}

	@Test
	void copyOntoAFileKeepsTheTargetsIdAndItsContentAsAVersion() {
		DavClient user = newUser("vcopy");
		VersionsClient versions = new VersionsClient(user);
		user.put("source.txt", "source");
		user.put("target.txt", "target");
		String targetId = user.fileId("target.txt");
		assertThat(user.send("COPY", "source.txt", null, "Destination", user.url("target.txt"), "Overwrite", "T")
			.statusCode()).isEqualTo(204);
		assertThat(user.fileId("target.txt")).isEqualTo(targetId);
		assertThat(user.get("target.txt").body()).isEqualTo("source");
		List<VersionsClient.Listed> listed = versions.list(targetId);
		assertThat(listed).hasSize(1);
		assertThat(versions.content(targetId, listed.get(0).name())).isEqualTo("target");
		assertThat(versions.list(user.fileId("source.txt"))).isEmpty();
	}

	@Test
	void moveOntoAFileGivesTheMovedFileTheReplacedContentAndItsVersions() {
		DavClient user = newUser("vmove");
		VersionsClient versions = new VersionsClient(user);
		user.put("a.txt", "a1");
		user.put("a.txt", "a2");
		user.put("b.txt", "b1", "X-OC-Mtime", "1600000000");
		user.put("b.txt", "b2", "X-OC-Mtime", "1600000100");
		String movedId = user.fileId("a.txt");
		assertThat(user.move("a.txt", "b.txt", "Overwrite", "T").statusCode()).isEqualTo(204);
		assertThat(user.fileId("b.txt")).isEqualTo(movedId);
		assertThat(user.get("b.txt").body()).isEqualTo("a2");
		List<VersionsClient.Listed> listed = versions.list(movedId);
		assertThat(listed).hasSize(3);
		assertThat(listed.stream().map(v -> versions.content(movedId, v.name())))
			.containsExactlyInAnyOrder("a1", "b2", "b1");
	}

	@Test
	void versionsFollowTheFileThroughARenameAndMove() {
		DavClient user = newUser("vrename");
		VersionsClient versions = new VersionsClient(user);
		user.put("old.txt", "one");
		user.put("old.txt", "two");
		String id = user.fileId("old.txt");
		user.mkcol("folder");
		assertThat(user.move("old.txt", "folder/new.txt").statusCode()).isEqualTo(201);
		assertThat(user.fileId("folder/new.txt")).isEqualTo(id);
		List<VersionsClient.Listed> listed = versions.list(id);
		assertThat(listed).hasSize(1);
		assertThat(versions.content(id, listed.get(0).name())).isEqualTo("one");
	}

	/** A write path that calls nothing but {@link StorageService#write} still keeps versions. */
	@Test
	void aNewWritePathThroughStorageKeepsVersionsWithoutExtraCode() {
		DavClient user = newUser("vnewpath");
		VersionsClient versions = new VersionsClient(user);
		long userId = users.get(user.username()).id();
		Actor actor = new Actor(userId, user.username(), Actor.Kind.APP_PASSWORD);
		StoragePath path = StoragePath.parse("/written.txt");
		storage.write(actor, userId, path, body("by the new path"), WriteOptions.defaults());
		storage.write(actor, userId, path, body("again"), WriteOptions.defaults());
		String id = user.fileId("written.txt");
		List<VersionsClient.Listed> listed = versions.list(id);
		assertThat(listed).hasSize(1);
		assertThat(versions.content(id, listed.get(0).name())).isEqualTo("by the new path");
	}

	@Test
	void restoringByMoveKeepsTheCurrentContentAndTheIdAndPropagatesTheEtag() {
		DavClient user = newUser("vrestore");
		VersionsClient versions = new VersionsClient(user);
		user.mkcol("docs");
		user.put("docs/r.txt", "one", "X-OC-Mtime", MTIME);
		user.put("docs/r.txt", "two, longer");
		String id = user.fileId("docs/r.txt");
		String fileEtag = user.etag("docs/r.txt");
		String folderEtag = user.etag("docs");
		String rootEtag = user.etag("");

		assertThat(versions.restore(id, MTIME).statusCode()).isEqualTo(204);

		assertThat(user.get("docs/r.txt").body()).isEqualTo("one");
		assertThat(user.fileId("docs/r.txt")).isEqualTo(id);
		assertThat(user.prop("docs/r.txt", "d", "DAV:", "getlastmodified")).isEqualTo(MTIME_HTTP);
		assertThat(user.etag("docs/r.txt")).isNotEqualTo(fileEtag);
		assertThat(user.etag("docs")).isNotEqualTo(folderEtag);
		assertThat(user.etag("")).isNotEqualTo(rootEtag);
		assertThat(user.prop("docs", "oc", "http://owncloud.org/ns", "size")).isEqualTo("3");
		List<VersionsClient.Listed> listed = versions.list(id);
		assertThat(listed).hasSize(1);
		assertThat(versions.content(id, listed.get(0).name())).isEqualTo("two, longer");
	}

	@Test
	void restoreOnlyMovesToTheRestoreCollection() {
		DavClient user = newUser("vrestoreto");
		VersionsClient versions = new VersionsClient(user);
		user.put("r.txt", "one", "X-OC-Mtime", MTIME);
		user.put("r.txt", "two");
		String id = user.fileId("r.txt");
		var elsewhere = versions.send("MOVE", versions.versionsUrl(id) + "/" + MTIME, null, "Destination",
				user.url("copy.txt"));
		assertThat(elsewhere.statusCode()).isEqualTo(403);
		var pathOnly = versions.send("MOVE", versions.versionsUrl(id) + "/" + MTIME, null, "Destination",
				"/remote.php/dav/versions/" + user.username() + "/restore/target");
		assertThat(pathOnly.statusCode()).isEqualTo(204);
		assertThat(user.get("r.txt").body()).isEqualTo("one");
	}

	@Test
	void aLabelIsSetAndRemovedByProppatchAndAVersionDeleted() {
		DavClient user = newUser("vlabel");
		VersionsClient versions = new VersionsClient(user);
		user.put("l.txt", "one", "X-OC-Mtime", MTIME);
		user.put("l.txt", "two");
		String id = user.fileId("l.txt");
		String url = versions.versionsUrl(id) + "/" + MTIME;
		var set = versions.send("PROPPATCH", url, "<?xml version=\"1.0\"?><d:propertyupdate xmlns:d=\"DAV:\""
				+ " xmlns:nc=\"http://nextcloud.org/ns\"><d:set><d:prop><nc:version-label>Final &amp; signed"
				+ "</nc:version-label></d:prop></d:set></d:propertyupdate>");
		assertThat(set.statusCode()).isEqualTo(207);
		assertThat(versions.list(id).get(0).label()).isEqualTo("Final & signed");
		assertThat(versions.list(id).get(0).keptUntil()).as("labelled versions are kept for good").isEmpty();

		var remove = versions.send("PROPPATCH", url, "<?xml version=\"1.0\"?><d:propertyupdate xmlns:d=\"DAV:\""
				+ " xmlns:nc=\"http://nextcloud.org/ns\"><d:remove><d:prop><nc:version-label/></d:prop></d:remove>"
				+ "</d:propertyupdate>");
		assertThat(remove.statusCode()).isEqualTo(207);
		assertThat(versions.list(id).get(0).label()).isEmpty();

		assertThat(versions.send("DELETE", url, null).statusCode()).isEqualTo(204);
		assertThat(versions.list(id)).isEmpty();
		assertThat(versionFiles(user)).isEmpty();
		assertThat(versions.send("GET", url, null).statusCode()).isEqualTo(404);
		assertThat(user.get("l.txt").body()).isEqualTo("two");
	}

	@Test
	void anotherUsersVersionsAndUnknownFilesAreNotFound() {
		DavClient owner = newUser("vowner");
		DavClient stranger = newUser("vstranger");
		owner.put("secret.txt", "one", "X-OC-Mtime", MTIME);
		owner.put("secret.txt", "two");
		String id = owner.fileId("secret.txt");
		VersionsClient strangers = new VersionsClient(stranger);
		String url = strangers.versionsUrl(id);
		assertThat(strangers.send("PROPFIND", url, null, "Depth", "1").statusCode()).isEqualTo(404);
		assertThat(strangers.send("GET", url + "/" + MTIME, null).statusCode()).isEqualTo(404);
		assertThat(strangers.restore(id, MTIME).statusCode()).isEqualTo(404);
		assertThat(strangers.send("DELETE", url + "/" + MTIME, null).statusCode()).isEqualTo(404);
		String ownersTree = owner.baseUrl() + "/remote.php/dav/versions/" + owner.username() + "/versions/" + id;
		assertThat(strangers.send("PROPFIND", ownersTree, null, "Depth", "1").statusCode()).isEqualTo(404);
		assertThat(strangers.send("PROPFIND", strangers.versionsUrl("999999999"), null, "Depth", "1").statusCode())
			.isEqualTo(404);
		assertThat(new VersionsClient(owner).list(id)).hasSize(1);
	}

	@Test
	void aVersionIsReadInRanges() {
		DavClient user = newUser("vrange");
		VersionsClient versions = new VersionsClient(user);
		user.put("g.txt", "0123456789", "X-OC-Mtime", MTIME);
		user.put("g.txt", "new");
		var range = versions.send("GET", versions.versionsUrl(user.fileId("g.txt")) + "/" + MTIME, null, "Range",
				"bytes=2-4");
		assertThat(range.statusCode()).isEqualTo(206);
		assertThat(range.body()).isEqualTo("234");
		assertThat(range.headers().firstValue("Content-Range")).hasValue("bytes 2-4/10");
	}

	private List<Path> versionFiles(DavClient user) {
		Path dir = DATA_DIR.resolve(".hearth").resolve("versions").resolve(user.username());
		if (!Files.isDirectory(dir)) {
			return List.of();
		}
		try (var files = Files.list(dir)) {
			return files.toList();
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}

	private static ByteArrayInputStream body(String text) {
		return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
	}
}
