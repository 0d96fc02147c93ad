package org.hearth.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.hearth.testing.DavClient;
import org.hearth.testing.HearthIT;
import org.junit.jupiter.api.Test;

/** The web app's file API over real HTTP: what it changes is what DAV and the disk see. */
class FilesApiIT extends HearthIT {

	@Test
	void uploadReplaceDownloadFolderMoveCopyAndDelete() throws Exception {
		DavClient user = newUser("api");
		var created = send(user, "PUT", "/api/files/content?path=" + q("/notes ü.txt"), "first");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		assertThat(created.body()).contains("\"name\":\"notes ü.txt\"", "\"size\":5");
		String etag = user.etag("notes%20%C3%BC.txt");

		var stale = send(user, "PUT", "/api/files/content?path=" + q("/notes ü.txt"), "second", "If-Match",
				"\"not-the-etag\"");
		assertThat(stale.statusCode()).isEqualTo(412);
		assertThat(stale.body()).contains("\"error\":\"precondition_failed\"");
		var replaced = send(user, "PUT", "/api/files/content?path=" + q("/notes ü.txt") + "&mtime=1700000000",
				"second", "If-Match", "\"" + etag + "\"");
		assertThat(replaced.statusCode()).isEqualTo(200);
		assertThat(replaced.body()).contains("\"mtime\":1700000000");
		assertThat(user.get("notes%20%C3%BC.txt").body()).isEqualTo("second");
		var downloaded = send(user, "GET", "/api/files/content?path=" + q("/notes ü.txt"), null);
		assertThat(downloaded.body()).isEqualTo("second");
		assertThat(downloaded.headers().firstValue("Content-Disposition")).hasValueSatisfying(
				value -> assertThat(value).startsWith("attachment"));

		assertThat(send(user, "POST", "/api/files/folder?path=" + q("/Photos"), null).statusCode()).isEqualTo(201);
		assertThat(send(user, "POST", "/api/files/folder?path=" + q("/Photos"), null).statusCode()).isEqualTo(409);
		var moved = send(user, "POST", "/api/files/move", "{\"from\":\"/notes ü.txt\",\"to\":\"/Photos/n.txt\"}",
				"Content-Type", "application/json");
		assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
		assertThat(user.get("Photos/n.txt").body()).isEqualTo("second");
		var copied = send(user, "POST", "/api/files/copy", "{\"from\":\"/Photos\",\"to\":\"/Copy\"}", "Content-Type",
				"application/json");
		assertThat(copied.statusCode()).as(copied.body()).isEqualTo(200);
		assertThat(user.get("Copy/n.txt").body()).isEqualTo("second");
		var onto = send(user, "POST", "/api/files/copy", "{\"from\":\"/Photos\",\"to\":\"/Copy\"}", "Content-Type",
				"application/json");
		assertThat(onto.statusCode()).as("exists and overwrite not asked").isEqualTo(412);

		assertThat(send(user, "DELETE", "/api/files?path=" + q("/Copy"), null).statusCode()).isEqualTo(204);
		assertThat(user.get("Copy/n.txt").statusCode()).isEqualTo(404);
		assertThat(homeDir(user.username()).resolve("Copy")).doesNotExist();
		assertThat(send(user, "GET", "/api/files?path=" + q("/"), null).body()).contains("Photos")
			.doesNotContain("Copy");
	}

	@Test
	void badPathsAndOtherPeoplesFilesAreRefused() {
		DavClient user = newUser("apibad");
		DavClient other = newUser("apiother");
		assertThat(other.put("secret.txt", "mine").statusCode()).isEqualTo(201);
		assertThat(send(user, "PUT", "/api/files/content?path=" + q("/../" + other.username() + "/x.txt"), "x")
			.statusCode()).isEqualTo(400);
		assertThat(send(user, "GET", "/api/files/content?path=" + q("/secret.txt"), null).statusCode())
			.isEqualTo(404);
		assertThat(send(user, "DELETE", "/api/files?path=" + q("/"), null).statusCode()).isEqualTo(403);
		assertThat(other.get("secret.txt").body()).isEqualTo("mine");
		var anonymous = new DavClient(user.baseUrl(), user.username(), "wrong-password");
		assertThat(send(anonymous, "PUT", "/api/files/content?path=" + q("/x.txt"), "x").statusCode())
			.isEqualTo(401);
	}

	@Test
	void listingsCarryTheUsersQuota() {
		DavClient user = newUser("apiquota", 1000);
		assertThat(user.put("ten.txt", "0123456789").statusCode()).isEqualTo(201);
		var listing = send(user, "GET", "/api/files?path=" + q("/"), null);
		assertThat(listing.body()).contains("\"quota\":{\"usedBytes\":10,\"availableBytes\":990}");
	}

	private static String q(String path) {
		return URLEncoder.encode(path, StandardCharsets.UTF_8);
	}

	private static HttpResponse<String> send(DavClient user, String method, String pathAndQuery, String body,
			String... headers) {
		HttpRequest.Builder request = user.request(method, user.baseUrl() + pathAndQuery, body);
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return user.send(request);
	}
}
