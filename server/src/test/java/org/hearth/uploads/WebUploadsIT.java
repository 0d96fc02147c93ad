package org.hearth.uploads;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hearth.testing.DavClient;
import org.hearth.testing.HearthIT;
import org.junit.jupiter.api.Test;

/** The web app's chunked uploads over REST: open, parts, the state a resuming page reads, assemble, abort. */
class WebUploadsIT extends HearthIT {

	private static final Pattern UPLOAD_ID = Pattern.compile("\"uploadId\":\"([^\"]+)\"");

	@Test
	void partsAreListedForResumingAndAssembledInNaturalOrder() {
		DavClient user = newUser("webup");
		String id = open(user, "/big.bin", 12);
		assertThat(send(user, "PUT", "/api/uploads/" + id + "/2", "efgh").statusCode()).isEqualTo(201);
		assertThat(send(user, "PUT", "/api/uploads/" + id + "/1", "abcd").statusCode()).isEqualTo(201);

		var state = send(user, "GET", "/api/uploads/" + id, null);
		assertThat(state.statusCode()).isEqualTo(200);
		assertThat(state.body()).contains("\"path\":\"/big.bin\"", "\"totalLength\":12",
				"\"parts\":[{\"name\":\"1\",\"size\":4},{\"name\":\"2\",\"size\":4}]");
		var early = json(user, "POST", "/api/uploads/" + id + "/assemble", "{}");
		assertThat(early.statusCode()).as("8 of 12 bytes").isEqualTo(400);

		assertThat(send(user, "PUT", "/api/uploads/" + id + "/10", "ijkl").statusCode()).isEqualTo(201);
		var assembled = json(user, "POST", "/api/uploads/" + id + "/assemble", "{\"mtime\":1700000000}");
		assertThat(assembled.statusCode()).as(assembled.body()).isEqualTo(200);
		assertThat(assembled.body()).contains("\"path\":\"/big.bin\"", "\"size\":12");
		assertThat(user.get("big.bin").body()).isEqualTo("abcdefghijkl");
		assertThat(send(user, "GET", "/api/uploads/" + id, null).statusCode()).as("closed").isEqualTo(404);
	}

	@Test
	void anExistingFileIsReplacedOnlyWhenAskedAndAbortDropsTheParts() {
		DavClient user = newUser("webupx");
		user.put("a.txt", "old");
		String id = open(user, "/a.txt", 3);
		send(user, "PUT", "/api/uploads/" + id + "/1", "new");
		assertThat(json(user, "POST", "/api/uploads/" + id + "/assemble", "{}").statusCode()).isEqualTo(412);
		assertThat(user.get("a.txt").body()).isEqualTo("old");
		assertThat(json(user, "POST", "/api/uploads/" + id + "/assemble", "{\"overwrite\":true}").statusCode())
			.isEqualTo(200);
		assertThat(user.get("a.txt").body()).isEqualTo("new");

		String aborted = open(user, "/b.txt", 3);
		assertThat(send(user, "DELETE", "/api/uploads/" + aborted, null).statusCode()).isEqualTo(204);
		assertThat(send(user, "GET", "/api/uploads/" + aborted, null).statusCode()).isEqualTo(404);
		DavClient other = newUser("webupo");
		String mine = open(user, "/c.txt", 3);
		assertThat(send(other, "GET", "/api/uploads/" + mine, null).statusCode()).as("another user's").isEqualTo(404);
	}

	@Test
	void theRestPutRefusesToReplaceWithIfNoneMatch() {
		DavClient user = newUser("webupn");
		user.put("a.txt", "old");
		var refused = send(user, "PUT", "/api/files/content?path=%2Fa.txt", "new", "If-None-Match", "*");
		assertThat(refused.statusCode()).isEqualTo(412);
		assertThat(send(user, "PUT", "/api/files/content?path=%2Fb.txt", "new", "If-None-Match", "*").statusCode())
			.isEqualTo(201);
		assertThat(user.get("a.txt").body()).isEqualTo("old");
	}

	private static String open(DavClient user, String path, long size) {
		var opened = json(user, "POST", "/api/uploads", "{\"path\":\"" + path + "\",\"totalLength\":" + size + "}");
		assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
		Matcher id = UPLOAD_ID.matcher(opened.body());
		assertThat(id.find()).isTrue();
		return id.group(1);
	}

	private static HttpResponse<String> json(DavClient user, String method, String path, String body) {
		return send(user, method, path, body, "Content-Type", "application/json");
	}

	private static HttpResponse<String> send(DavClient user, String method, String path, String body,
			String... headers) {
		var request = user.request(method, user.baseUrl() + path, body);
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return user.send(request);
	}
}
