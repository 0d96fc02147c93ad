package org.hearth.trash;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.hearth.testing.DavClient;
import org.hearth.testing.HearthIT;
import org.junit.jupiter.api.Test;

/** The web UI's trash API: pages newest first with totals, restore answering the path, purge and empty. */
class TrashRestIT extends HearthIT {

	@Test
	void listsPagesNewestFirstWithTotalsAndKeptUntil() {
		DavClient user = newUser("trash-rest");
		TrashApi trash = new TrashApi(user);
		user.mkcol("folder");
		user.put("folder/in.txt", "12345");
		for (int i = 0; i < 5; i++) {
			user.put("f" + i + ".txt", "x".repeat(10 * (i + 1)));
			user.delete("f" + i + ".txt");
		}
		user.delete("folder");

		TrashApi.Listing first = trash.list(0, 4);
		assertThat(first.total()).isEqualTo(6);
		assertThat(first.totalBytes()).isEqualTo(10 + 20 + 30 + 40 + 50 + 5);
		assertThat(first.items()).extracting(TrashApi.Item::name)
			.containsExactly("folder", "f4.txt", "f3.txt", "f2.txt");
		TrashApi.Listing second = trash.list(4, 4);
		assertThat(second.items()).extracting(TrashApi.Item::name).containsExactly("f1.txt", "f0.txt");
		assertThat(second.total()).isEqualTo(6);
		assertThat(trash.list(10, 4).total()).as("totals past the end").isEqualTo(6);

		TrashApi.Item folder = first.named("folder");
		assertThat(folder.directory()).isTrue();
		assertThat(folder.size()).isEqualTo(5);
		assertThat(folder.originalLocation()).isEqualTo("/folder");
		assertThat(folder.contentLost()).isFalse();
		assertThat(folder.keptUntil()).isEqualTo(folder.deletedAt() + 90L * 24 * 3600);
		assertThat(trash.call("GET", "/api/trash?limit=0").statusCode()).isEqualTo(400);
	}

	@Test
	void restorePurgeAndEmpty() {
		DavClient user = newUser("trash-rest-ops");
		TrashApi trash = new TrashApi(user);
		user.mkcol("a");
		user.put("a/keep.txt", "keep me");
		String id = user.fileId("a/keep.txt");
		user.delete("a/keep.txt");
		user.put("gone.txt", "gone");
		user.delete("gone.txt");
		user.put("also.txt", "also");
		user.delete("also.txt");

		TrashApi.Item keep = trash.list().named("keep.txt");
		assertThat(keep.fileId()).isEqualTo(Long.parseLong(id));
		assertThat(trash.restoreOk(keep.id())).isEqualTo("/a/keep.txt");
		assertThat(user.get("a/keep.txt").body()).isEqualTo("keep me");
		assertThat(user.fileId("a/keep.txt")).isEqualTo(id);
		assertThat(trash.restore(keep.id()).statusCode()).as("restored already").isEqualTo(404);

		assertThat(trash.call("DELETE", "/api/trash/" + trash.list().named("gone.txt").id()).statusCode())
			.isEqualTo(204);
		assertThat(trash.list().items()).extracting(TrashApi.Item::name).containsExactly("also.txt");
		assertThat(trash.call("DELETE", "/api/trash").statusCode()).isEqualTo(204);
		assertThat(trash.list().items()).isEqualTo(List.of());
		assertThat(trash.list().total()).isZero();
	}

	@Test
	void deletingTheUserRemovesTheirTrash() {
		DavClient user = newUser("trash-leaver");
		user.put("bye.txt", "bye");
		user.delete("bye.txt");
		long ownerId = users.find(user.username()).orElseThrow().id();
		Path trashDir = DATA_DIR.resolve(".hearth/trash/" + ownerId);
		assertThat(trashDir).isDirectory();

		users.delete(user.username());
		assertThat(trashDir).doesNotExist();
	}
}
