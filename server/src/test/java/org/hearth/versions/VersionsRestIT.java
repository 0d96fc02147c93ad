package org.hearth.versions;

import static org.assertj.core.api.Assertions.assertThat;

import org.hearth.testing.DavClient;
import org.hearth.testing.HearthIT;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The web app's versions API over real HTTP: list, download, restore, label, delete; strangers get 404. */
class VersionsRestIT extends HearthIT {

	@Test
	void listsNewestFirstWithTheCurrentFileAndDownloadsAVersion() {
		DavClient user = newUser("rlist");
		VersionsClient versions = new VersionsClient(user);
		user.put("n.txt", "one", "X-OC-Mtime", "1700000000");
		user.put("n.txt", "two!", "X-OC-Mtime", "1700000100");
		user.put("n.txt", "three");
		String id = user.fileId("n.txt");

		JsonNode listing = versions.restList(id);
		assertThat(listing.get("file").get("fileId").asString()).isEqualTo(id);
		assertThat(listing.get("file").get("path").asString()).isEqualTo("/n.txt");
		assertThat(listing.get("file").get("size").asLong()).isEqualTo(5);
		JsonNode list = listing.get("versions");
		assertThat(list).hasSize(2);
		assertThat(list.get(0).get("versionTime").asLong()).isEqualTo(1700000100);
		assertThat(list.get(0).get("size").asLong()).isEqualTo(4);
		assertThat(list.get(0).get("author").asString()).isEqualTo(user.username());
		assertThat(list.get(0).get("keptUntil").isNull()).as("the newest is kept while space allows").isTrue();
		assertThat(list.get(1).get("versionTime").asLong()).isEqualTo(1700000000);
		assertThat(list.get(1).get("keptUntil").isNull()).as("an older one has a date").isFalse();

		var download = versions.rest("GET", "/api/versions/" + id + "/" + list.get(1).get("id").asLong(), null);
		assertThat(download.statusCode()).isEqualTo(200);
		assertThat(download.body()).isEqualTo("one");
		assertThat(download.headers().firstValue("Content-Type")).hasValueSatisfying(t -> t.startsWith("text/plain"));
	}

	@Test
	void restoresLabelsAndDeletes() {
		DavClient user = newUser("rchange");
		VersionsClient versions = new VersionsClient(user);
		user.put("c.txt", "one");
		user.put("c.txt", "two");
		String id = user.fileId("c.txt");
		long versionId = versions.restList(id).get("versions").get(0).get("id").asLong();
		String base = "/api/versions/" + id + "/" + versionId;

		var labelled = versions.rest("PUT", base + "/label", "{\"label\": \"  draft  \"}");
		assertThat(labelled.statusCode()).isEqualTo(200);
		assertThat(VersionsClient.json(labelled.body()).get("label").asString()).isEqualTo("draft");
		assertThat(versions.rest("PUT", base + "/label", "{\"label\": \"" + "x".repeat(256) + "\"}").statusCode())
			.isEqualTo(400);
		var cleared = versions.rest("PUT", base + "/label", "{\"label\": \"\"}");
		assertThat(VersionsClient.json(cleared.body()).get("label").isNull()).isTrue();

		var restored = versions.rest("POST", base + "/restore", null);
		assertThat(restored.statusCode()).isEqualTo(200);
		assertThat(VersionsClient.json(restored.body()).get("fileId").asString()).isEqualTo(id);
		assertThat(user.get("c.txt").body()).isEqualTo("one");
		JsonNode after = versions.restList(id).get("versions");
		assertThat(after).hasSize(1);
		long keptId = after.get(0).get("id").asLong();
		assertThat(versions.rest("GET", "/api/versions/" + id + "/" + keptId, null).body()).isEqualTo("two");
		assertThat(versions.rest("GET", base, null).statusCode()).as("the restored version is current now")
			.isEqualTo(404);

		assertThat(versions.rest("DELETE", "/api/versions/" + id + "/" + keptId, null).statusCode()).isEqualTo(204);
		assertThat(versions.restList(id).get("versions")).isEmpty();
		assertThat(user.get("c.txt").body()).isEqualTo("one");
	}

	@Test
	void anotherUsersFileIsNotFound() {
		DavClient owner = newUser("rowner");
		owner.put("o.txt", "one");
		owner.put("o.txt", "two");
		String id = owner.fileId("o.txt");
		long versionId = new VersionsClient(owner).restList(id).get("versions").get(0).get("id").asLong();
		VersionsClient stranger = new VersionsClient(newUser("rstranger"));
		String base = "/api/versions/" + id + "/" + versionId;
		assertThat(stranger.rest("GET", "/api/versions/" + id, null).statusCode()).isEqualTo(404);
		assertThat(stranger.rest("GET", base, null).statusCode()).isEqualTo(404);
		assertThat(stranger.rest("POST", base + "/restore", null).statusCode()).isEqualTo(404);
		assertThat(stranger.rest("PUT", base + "/label", "{\"label\": \"mine\"}").statusCode()).isEqualTo(404);
		assertThat(stranger.rest("DELETE", base, null).statusCode()).isEqualTo(404);
		assertThat(new VersionsClient(owner).restList(id).get("versions")).hasSize(1);
		assertThat(owner.get("o.txt").body()).isEqualTo("two");
	}
}
