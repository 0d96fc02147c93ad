package org.hearth.trash;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.hearth.testing.DavClient;
import org.hearth.testing.HearthIT;
import org.junit.jupiter.api.Test;

/**
 * Files and folders removed on disk outside Hearth: the rescan records them in the trash with their metadata, marked
 * as content lost; they can be purged, and a restore says clearly that the content is gone.
 */
class ExternalDeletionIT extends HearthIT {

	@Test
	void removalsOnDiskAreRecordedInTheTrashAsContentLost() throws IOException {
		DavClient user = newUser("external-delete");
		TrashApi trash = new TrashApi(user);
		user.mkcol("ext");
		user.put("ext/file.txt", "a file removed by an admin");
		user.mkcol("ext/dir");
		user.put("ext/dir/a.txt", "a");
		user.put("ext/dir/b.txt", "bb");
		String fileId = user.fileId("ext/file.txt");
		String dirId = user.fileId("ext/dir");
		Path home = homeDir(user.username());
		Files.delete(home.resolve("ext/file.txt"));
		deleteTree(home.resolve("ext/dir"));

		DavClient admin = new DavClient(baseUrl(), ADMIN, ADMIN_PASSWORD);
		var rescan = admin.send(admin.request("POST", baseUrl() + "/api/admin/rescan", null));
		assertThat(rescan.statusCode()).isEqualTo(200);

		assertThat(user.propfind("ext/file.txt", 0, null).statusCode()).isEqualTo(404);
		TrashApi.Listing listing = trash.list();
		assertThat(listing.items()).hasSize(2);
		assertThat(listing.totalBytes()).as("lost content takes no space").isZero();
		TrashApi.Item file = listing.named("file.txt");
		assertThat(file.contentLost()).isTrue();
		assertThat(file.fileId()).isEqualTo(Long.parseLong(fileId));
		assertThat(file.originalLocation()).isEqualTo("/ext/file.txt");
		assertThat(file.size()).isEqualTo(26);
		TrashApi.Item dir = listing.named("dir");
		assertThat(dir.contentLost()).isTrue();
		assertThat(dir.fileId()).isEqualTo(Long.parseLong(dirId));
		assertThat(dir.size()).isEqualTo(3);

		TrashApi.DavEntry davDir = trash.davItem("ext/dir");
		assertThat(davDir.prop("h:content-lost")).isEqualTo("true");
		assertThat(trash.propfind("trash/" + TrashApi.davName(davDir), 1))
			.as("the old metadata of the folder's files is kept")
			.extracting(entry -> entry.prop("nc:trashbin-original-location"))
			.containsExactly("ext/dir", "ext/dir/a.txt", "ext/dir/b.txt");

		var restore = trash.restore(file.id());
		assertThat(restore.statusCode()).isEqualTo(409);
		assertThat(restore.body()).contains("removed outside Hearth");
		var davRestore = trash.dav("MOVE", "trash/" + TrashApi.davName(davDir), "Destination",
				trash.davUrl("restore/dir"));
		assertThat(davRestore.statusCode()).isEqualTo(409);
		assertThat(user.propfind("ext/dir", 0, null).statusCode()).isEqualTo(404);

		assertThat(trash.call("DELETE", "/api/trash/" + file.id()).statusCode()).isEqualTo(204);
		assertThat(trash.dav("DELETE", "trash/" + TrashApi.davName(davDir)).statusCode()).isEqualTo(204);
		assertThat(trash.list().items()).isEmpty();
	}

	private static void deleteTree(Path root) throws IOException {
		try (Stream<Path> all = Files.walk(root)) {
			for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}
}
