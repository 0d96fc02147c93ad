package org.hearth.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.hearth.accounts.GroupService;
import org.hearth.storage.SharingPolicies;
import org.hearth.storage.SharingPolicy;
import org.hearth.testing.DavClient;
import org.hearth.testing.HearthIT;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The web app's share API: what it lists, creates, changes and removes, and what it refuses with which status. */
class SharesRestIT extends HearthIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	private SharingPolicies policies;

	@Autowired
	private GroupService groups;

	private static HttpResponse<String> call(DavClient user, String method, String path, String json) {
		var request = user.request(method, user.baseUrl() + path, json).header("Accept", "application/json");
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		return user.send(request);
	}

	private static JsonNode ok(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		return JSON.readTree(response.body());
	}

	private static List<String> field(JsonNode array, String name) {
		List<String> values = new ArrayList<>();
		array.forEach(entry -> values.add(entry.get(name).asString()));
		return values;
	}

	@Test
	void createListUpdateAndDeleteUserAndLinkShares() {
		DavClient alice = newUser("rest-alice");
		DavClient bob = newUser("rest-bob");
		alice.mkcol("Docs");
		alice.put("Docs/a.txt", "hello");

		JsonNode toBob = ok(call(alice, "POST", "/api/shares", """
				{"path": "/Docs", "type": "USER", "shareWith": "%s", "permissions": 17}""".formatted(bob.username())),
				201);
		assertThat(toBob.get("sharedWith").asString()).isEqualTo(bob.username());
		assertThat(toBob.get("permissions").asInt()).isEqualTo(17);
		assertThat(toBob.get("path").asString()).isEqualTo("/Docs");
		assertThat(toBob.get("owner").get("username").asString()).isEqualTo(alice.username());
		assertThat(toBob.get("manageable").asBoolean()).isTrue();

		JsonNode link = ok(call(alice, "POST", "/api/shares", """
				{"path": "/Docs", "type": "LINK", "password": "link-secret", "expireDate": "2099-01-31",
				 "label": "for grandma"}"""), 201);
		assertThat(link.get("url").asString()).matches("http://127\\.0\\.0\\.1:\\d+/index\\.php/s/[A-Za-z0-9_-]{32}");
		assertThat(link.get("passwordProtected").asBoolean()).isTrue();
		assertThat(link.get("permissions").asInt()).as("links are read only by default").isEqualTo(1);
		assertThat(link.get("expireDate").asString()).isEqualTo("2099-01-31");
		assertThat(link.get("label").asString()).isEqualTo("for grandma");
		assertThat(link.has("password")).as("the password never comes back").isFalse();

		JsonNode ofDocs = ok(call(alice, "GET", "/api/shares?path=%2FDocs", null), 200);
		assertThat(field(ofDocs, "type")).containsExactly("USER", "LINK");
		assertThat(ok(call(alice, "GET", "/api/shares?path=%2FDocs%2Fa.txt", null), 200)).isEmpty();
		assertThat(field(ok(call(alice, "GET", "/api/shares/shared-by-me", null), 200), "id"))
			.containsExactly(toBob.get("id").asString(), link.get("id").asString());

		JsonNode received = ok(call(bob, "GET", "/api/shares/shared-with-me", null), 200);
		assertThat(field(received, "path")).containsExactly("/Shared with me/Docs");
		assertThat(received.get(0).get("owner").get("displayName").asString()).isEqualTo(alice.username());
		assertThat(received.get(0).get("manageable").asBoolean()).isFalse();
		assertThat(ok(call(bob, "GET", "/api/shares/shared-by-me", null), 200)).isEmpty();

		String linkUrl = "/api/shares/" + link.get("id").asString();
		JsonNode changed = ok(call(alice, "PATCH", linkUrl, """
				{"permissions": 15, "hideDownload": true, "expireDate": "", "label": "family"}"""), 200);
		assertThat(changed.get("permissions").asInt()).isEqualTo(15);
		assertThat(changed.get("hideDownload").asBoolean()).isTrue();
		assertThat(changed.get("expireDate").isNull()).isTrue();
		assertThat(changed.get("label").asString()).isEqualTo("family");
		assertThat(changed.get("passwordProtected").asBoolean()).as("untouched").isTrue();
		assertThat(ok(call(alice, "PATCH", linkUrl, """
				{"password": ""}"""), 200).get("passwordProtected").asBoolean()).isFalse();

		String bobUrl = "/api/shares/" + toBob.get("id").asString();
		assertThat(ok(call(alice, "PATCH", bobUrl, """
				{"permissions": 3}"""), 200).get("permissions").asInt()).isEqualTo(3);
		assertThat(bob.put("Shared%20with%20me/Docs/a.txt", "edited by bob").statusCode()).isEqualTo(204);

		assertThat(call(alice, "DELETE", bobUrl, null).statusCode()).isEqualTo(204);
		assertThat(ok(call(bob, "GET", "/api/shares/shared-with-me", null), 200)).isEmpty();
		assertThat(bob.get("Shared%20with%20me/Docs/a.txt").statusCode()).isEqualTo(404);
		assertThat(call(alice, "DELETE", linkUrl, null).statusCode()).isEqualTo(204);
		assertThat(ok(call(alice, "GET", "/api/shares?path=%2FDocs", null), 200)).isEmpty();
		assertThat(call(alice, "DELETE", linkUrl, null).statusCode()).as("gone already").isEqualTo(404);
	}

	@Test
	void othersCannotSeeChangeOrDeleteAShare() {
		DavClient alice = newUser("rest-owner");
		DavClient bob = newUser("rest-recipient");
		DavClient eve = newUser("rest-stranger");
		alice.mkcol("Private");
		long toBob = ok(call(alice, "POST", "/api/shares", """
				{"path": "/Private", "type": "USER", "shareWith": "%s", "permissions": 1}""".formatted(bob.username())),
				201).get("id").asLong();
		long link = ok(call(alice, "POST", "/api/shares", """
				{"path": "/Private", "type": "LINK"}"""), 201).get("id").asLong();

		for (long id : List.of(toBob, link)) {
			assertThat(call(eve, "PATCH", "/api/shares/" + id, "{\"permissions\": 31}").statusCode()).isEqualTo(404);
			assertThat(call(eve, "DELETE", "/api/shares/" + id, null).statusCode()).isEqualTo(404);
		}
		assertThat(call(bob, "PATCH", "/api/shares/" + toBob, "{\"permissions\": 31}").statusCode())
			.as("a recipient sees the share but may not change it")
			.isEqualTo(403);
		assertThat(call(eve, "GET", "/api/shares?path=%2FPrivate", null).statusCode())
			.as("not in the stranger's tree")
			.isEqualTo(404);
		assertThat(call(eve, "POST", "/api/shares", """
				{"path": "/Private", "type": "LINK"}""").statusCode()).isEqualTo(404);
		assertThat(call(bob, "POST", "/api/shares", """
				{"path": "/Shared with me/Private", "type": "LINK"}""").statusCode())
			.as("a read-only share without the share right")
			.isEqualTo(403);

		// A recipient "deleting" a share leaves it; the owner's share stays.
		assertThat(call(bob, "DELETE", "/api/shares/" + toBob, null).statusCode()).isEqualTo(204);
		assertThat(ok(call(bob, "GET", "/api/shares/shared-with-me", null), 200)).isEmpty();
		assertThat(field(ok(call(alice, "GET", "/api/shares?path=%2FPrivate", null), 200), "id"))
			.containsExactly(Long.toString(toBob), Long.toString(link));
		assertThat(call(alice, "GET", "/api/shares/shared-with-me", null).statusCode()).isEqualTo(200);
		assertThat(call(new DavClient(baseUrl(), null, null), "GET", "/api/shares/shared-by-me", null).statusCode())
			.isEqualTo(401);
	}

	@Test
	void badRequestsAndPolicyRefusalsAreClear4xxWithAMessage() {
		DavClient alice = newUser("rest-policy");
		alice.mkcol("Folder");
		alice.put("file.txt", "x");
		assertThat(call(alice, "POST", "/api/shares", """
				{"path": "/Folder", "type": "PIGEON"}""").statusCode()).isEqualTo(400);
		assertThat(call(alice, "POST", "/api/shares", """
				{"path": "/Folder"}""").statusCode()).isEqualTo(400);
		assertThat(call(alice, "POST", "/api/shares", """
				{"path": "/Folder", "type": "USER", "shareWith": "nobody-at-all"}""").statusCode()).isEqualTo(404);
		assertThat(call(alice, "POST", "/api/shares", """
				{"path": "/Folder", "type": "LINK", "expireDate": "next week"}""").statusCode()).isEqualTo(400);
		assertThat(call(alice, "POST", "/api/shares", """
				{"path": "/Nowhere", "type": "LINK"}""").statusCode()).isEqualTo(404);
		assertThat(call(alice, "POST", "/api/shares", """
				{"path": "/file.txt", "type": "LINK", "permissions": 4}""").statusCode())
			.as("only a folder takes uploads only")
			.isEqualTo(400);
		assertThat(call(alice, "PATCH", "/api/shares/not-a-number", "{}").statusCode()).isEqualTo(400);

		SharingPolicy before = policies.current();
		try {
			policies.update(new SharingPolicy(true, false, true, 3, 7));
			JsonNode noPassword = ok(call(alice, "POST", "/api/shares", """
					{"path": "/Folder", "type": "LINK", "expireDate": "2099-01-01"}"""), 400);
			assertThat(noPassword.get("message").asString()).isEqualTo("links need a password");
			assertThat(ok(call(alice, "POST", "/api/shares", """
					{"path": "/Folder", "type": "LINK", "password": "pw", "expireDate": "2099-01-01"}"""), 400)
				.get("message")
				.asString()).isEqualTo("links expire within 7 days at most");
			assertThat(ok(call(alice, "POST", "/api/shares", """
					{"path": "/Folder", "type": "LINK", "password": "pw", "permissions": 4}"""), 403).get("message")
				.asString()).isEqualTo("public upload is switched off");
			JsonNode made = ok(call(alice, "POST", "/api/shares", """
					{"path": "/Folder", "type": "LINK", "password": "pw"}"""), 201);
			assertThat(made.get("expireDate").asString()).as("the maximum applies").isNotBlank();
			assertThat(ok(call(alice, "PATCH", "/api/shares/" + made.get("id").asString(), """
					{"password": ""}"""), 400).get("message").asString()).isEqualTo("links need a password");
			policies.update(new SharingPolicy(false, true, false, 0, 0));
			assertThat(ok(call(alice, "POST", "/api/shares", """
					{"path": "/Folder", "type": "LINK"}"""), 403).get("message").asString())
				.isEqualTo("public links are switched off");
		}
		finally {
			policies.update(before);
		}
	}

	@Test
	void shareesOfferUsersAndGroupsExactMatchesFirst() {
		DavClient asker = newUser("rest-asker");
		DavClient carol = newUser("rest-carol");
		String prefix = carol.username().substring(0, carol.username().length() - 2);
		String group = "rest-group-" + carol.username().substring(carol.username().length() - 8);
		groups.create(group);
		JsonNode found = ok(call(asker, "GET", "/api/sharees?search=" + prefix.toUpperCase(), null), 200);
		assertThat(field(found, "shareWith")).contains(carol.username()).doesNotContain(asker.username());
		JsonNode exact = ok(call(asker, "GET", "/api/sharees?search=" + group, null), 200);
		assertThat(exact.get(0).get("type").asString()).isEqualTo("GROUP");
		assertThat(exact.get(0).get("shareWith").asString()).isEqualTo(group);
		assertThat(field(ok(call(asker, "GET", "/api/sharees?search=" + asker.username(), null), 200), "shareWith"))
			.as("not oneself")
			.isEmpty();
	}
}
