package org.hearth.versions;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hearth.testing.DavClient;
import org.hearth.testing.HearthIT;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The same story through every write path — plain PUT, chunked upload, COPY and MOVE onto the file, and the web
 * app's REST API — must end in the same versions and trash: upload, overwrite twice, delete, restore from the trash,
 * restore the oldest version. Each path uses its own protocol for every step it has.
 */
class WritePathParityIT extends HearthIT {

	/** What a user can observe at the end of the story. */
	record Outcome(String current, List<String> versionsNewestFirst, int trashItems, boolean sameIdAfterTrash) {
	}

	private interface WritePath {

		void write(VersionsClient user, String content);

		void delete(VersionsClient user);

		void restoreFromTrash(VersionsClient user);

		void restoreVersion(VersionsClient user, String fileId, JsonNode version);
	}

	private static final String FILE = "story.txt";

	@Test
	void everyWritePathEndsInTheSameVersionsAndTrash() {
		List<Outcome> outcomes = new ArrayList<>();
		for (WritePath path : List.of(new PlainPut(), new Chunked(), new CopyAndMoveOnto(), new Rest())) {
			Outcome outcome = tell(path, new VersionsClient(newUser(path.getClass().getSimpleName().toLowerCase())));
			outcomes.add(outcome);
		}
		Outcome expected = new Outcome("first", List.of("third", "second"), 0, true);
		assertThat(outcomes).as("plain PUT, chunked, COPY/MOVE onto, REST").containsOnly(expected);
	}

	private Outcome tell(WritePath path, VersionsClient user) {
		String name = path.getClass().getSimpleName();
		path.write(user, "first");
		path.write(user, "second");
		path.write(user, "third");
		String fileId = user.dav.fileId(FILE);
		assertThat(contents(user, fileId)).as(name + ": two versions before the delete").containsExactly("second",
				"first");

		path.delete(user);
		assertThat(user.dav.get(FILE).statusCode()).as(name + ": deleted").isEqualTo(404);
		JsonNode trash = user.restJson("/api/trash");
		assertThat(trash.get("total").asInt()).as(name + ": one item in the trash").isEqualTo(1);
		assertThat(trash.get("items").get(0).get("name").asString()).isEqualTo(FILE);

		path.restoreFromTrash(user);
		boolean sameId = fileId.equals(user.dav.fileId(FILE));
		assertThat(contents(user, fileId)).as(name + ": versions came back with the file").containsExactly("second",
				"first");

		JsonNode versions = user.restList(fileId).get("versions");
		path.restoreVersion(user, fileId, versions.get(versions.size() - 1));
		return new Outcome(user.dav.get(FILE).body(), contents(user, fileId),
				user.restJson("/api/trash").get("total").asInt(), sameId);
	}

	private static List<String> contents(VersionsClient user, String fileId) {
		List<String> contents = new ArrayList<>();
		for (JsonNode version : user.restList(fileId).get("versions")) {
			contents.add(user.rest("GET", "/api/versions/" + fileId + "/" + version.get("id").asLong(), null).body());
		}
		return contents;
	}

	/** DAV for everything: DELETE, the trashbin's restore MOVE, the versions' restore MOVE. */
	private abstract static class OverDav implements WritePath {

		private static final Pattern TRASH_HREF = Pattern.compile("<d:href>([^<]*/trash/[^<]+)</d:href>");

		@Override
		public void delete(VersionsClient user) {
			assertThat(user.dav.delete(FILE).statusCode()).isEqualTo(204);
		}

		@Override
		public void restoreFromTrash(VersionsClient user) {
			String trash = user.dav.baseUrl() + "/remote.php/dav/trashbin/" + user.dav.username() + "/trash";
			HttpResponse<String> listing = user.send("PROPFIND", trash, null, "Depth", "1");
			Matcher item = TRASH_HREF.matcher(listing.body());
			assertThat(item.find()).as(listing.body()).isTrue();
			HttpResponse<String> restored = user.send("MOVE", user.dav.baseUrl() + item.group(1), null, "Destination",
					user.dav.baseUrl() + "/remote.php/dav/trashbin/" + user.dav.username() + "/restore/" + FILE,
					"Overwrite", "T");
			assertThat(restored.statusCode()).isEqualTo(201);
		}

		@Override
		public void restoreVersion(VersionsClient user, String fileId, JsonNode version) {
			HttpResponse<String> restored = user.restore(fileId, version.get("versionTime").asString());
			assertThat(restored.statusCode()).isBetween(201, 204);
		}
	}

	private static final class PlainPut extends OverDav {

		@Override
		public void write(VersionsClient user, String content) {
			assertThat(user.dav.put(FILE, content).statusCode()).isBetween(201, 204);
		}
	}

	private static final class Chunked extends OverDav {

		private int uploads;

		@Override
		public void write(VersionsClient user, String content) {
			String session = user.dav.baseUrl() + "/remote.php/dav/uploads/" + user.dav.username() + "/parity-"
					+ ++uploads;
			String target = user.dav.url(FILE);
			assertThat(user.send("MKCOL", session, null, "Destination", target).statusCode()).isEqualTo(201);
			int half = content.length() / 2;
			assertThat(user.send("PUT", session + "/1", content.substring(0, half), "Destination", target)
				.statusCode()).isEqualTo(201);
			assertThat(user.send("PUT", session + "/2", content.substring(half), "Destination", target).statusCode())
				.isEqualTo(201);
			assertThat(user.send("MOVE", session + "/.file", null, "Destination", target, "OC-Total-Length",
					String.valueOf(content.length())).statusCode()).isBetween(201, 204);
		}
	}

	/** The first write moves a new file into place; later ones COPY, then MOVE, onto the existing file. */
	private static final class CopyAndMoveOnto extends OverDav {

		private int writes;

		@Override
		public void write(VersionsClient user, String content) {
			String incoming = "incoming-" + ++writes + ".txt";
			assertThat(user.dav.put(incoming, content).statusCode()).isEqualTo(201);
			String method = writes == 2 ? "COPY" : "MOVE";
			assertThat(user.send(method, user.dav.url(incoming), null, "Destination", user.dav.url(FILE), "Overwrite",
					"T").statusCode()).isBetween(201, 204);
			if (method.equals("COPY")) {
				assertThat(user.dav.delete(incoming).statusCode()).isEqualTo(204);
				assertThat(user.rest("DELETE", "/api/trash", null).statusCode()).isEqualTo(204);
			}
		}
	}

	/** The web app's API for every step. */
	private static final class Rest implements WritePath {

		@Override
		public void write(VersionsClient user, String content) {
			assertThat(user.rest("PUT", "/api/files/content?path=" + FILE, content).statusCode()).isBetween(200, 201);
		}

		@Override
		public void delete(VersionsClient user) {
			assertThat(user.rest("DELETE", "/api/files?path=" + FILE, null).statusCode()).isEqualTo(204);
		}

		@Override
		public void restoreFromTrash(VersionsClient user) {
			long item = user.restJson("/api/trash").get("items").get(0).get("id").asLong();
			assertThat(user.rest("POST", "/api/trash/" + item + "/restore", null).statusCode()).isEqualTo(200);
		}

		@Override
		public void restoreVersion(VersionsClient user, String fileId, JsonNode version) {
			assertThat(user.rest("POST", "/api/versions/" + fileId + "/" + version.get("id").asLong() + "/restore",
					null).statusCode()).isBetween(200, 204);
		}
	}
}
