package org.hearth.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

import org.hearth.previews.Images;
import org.hearth.previews.PreviewFetch;
import org.hearth.testing.DavClient;
import org.hearth.testing.HearthIT;
import org.hearth.testing.MovableClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Shares to users and groups over real HTTP: what a recipient sees and may do on DAV, REST and previews, where
 * their writes, versions and deletions land, and that unsharing or leaving a group takes effect at once.
 */
class SharesIT extends HearthIT {

	private static final String NC = "http://nextcloud.org/ns";

	private static final String OC = "http://owncloud.org/ns";

	@Autowired
	private MovableClock clock;

	/** The server's date, which the expiry rules use (other tests may have moved its clock). */
	private LocalDate today() {
		return LocalDate.ofInstant(clock.instant(), ZoneId.systemDefault());
	}

	private DavClient admin() {
		return new DavClient(baseUrl(), ADMIN, ADMIN_PASSWORD);
	}

	private static final String LOCK_BODY = """
			<?xml version="1.0" encoding="utf-8"?>
			<d:lockinfo xmlns:d="DAV:"><d:lockscope><d:exclusive/></d:lockscope><d:locktype><d:write/></d:locktype>\
			<d:owner>bob</d:owner></d:lockinfo>""";

	private static String mount(String name) {
		return "Shared%20with%20me/" + name;
	}

	@Test
	void readOnlyShareToAUserCanBeReadButNotChanged() {
		DavClient alice = newUser("alice");
		DavClient bob = newUser("bob");
		alice.mkcol("Docs");
		alice.put("Docs/a.txt", "from alice");
		new OcsShares(alice).share("/Docs", 0, bob.username(), 1);

		assertThat(bob.get(mount("Docs/a.txt")).body()).isEqualTo("from alice");
		String rootLetters = bob.prop(mount("Docs"), "oc", OC, "permissions");
		assertThat(rootLetters).contains("S").contains("M").doesNotContain("C").doesNotContain("K").doesNotContain("R");
		assertThat(bob.prop(mount("Docs/a.txt"), "oc", OC, "permissions")).isEqualTo("SG");
		assertThat(bob.prop(mount("Docs"), "nc", NC, "mount-type")).isEqualTo("shared");
		assertThat(bob.fileId(mount("Docs/a.txt"))).isEqualTo(alice.fileId("Docs/a.txt"));

		assertThat(bob.put(mount("Docs/new.txt"), "x").statusCode()).isEqualTo(403);
		assertThat(bob.put(mount("Docs/a.txt"), "changed").statusCode()).isEqualTo(403);
		assertThat(bob.delete(mount("Docs/a.txt")).statusCode()).isEqualTo(403);
		assertThat(bob.mkcol(mount("Docs/sub")).statusCode()).isEqualTo(403);
		assertThat(bob.send("LOCK", mount("Docs/a.txt"), LOCK_BODY, "Timeout", "Second-600").statusCode())
			.as("a lock would shut the owner out of her own file")
			.isEqualTo(403);
		assertThat(alice.put("Docs/a.txt", "from alice").statusCode()).isEqualTo(204);
		assertThat(alice.get("Docs/a.txt").body()).isEqualTo("from alice");
		assertThat(alice.get("Docs/new.txt").statusCode()).isEqualTo(404);
		assertThat(alice.prop("Docs", "oc", OC, "share-types")).contains("<oc:share-type>0</oc:share-type>");
		assertThat(alice.prop("Docs", "nc", NC, "sharees")).startsWith("<nc:sharee><nc:id>" + bob.username()
				+ "</nc:id><nc:display-name>").endsWith("</nc:display-name><nc:type>0</nc:type></nc:sharee>");
		assertThat(bob.prop(mount("Docs"), "nc", NC, "sharees")).as("the recipient did not share it").isNullOrEmpty();
	}

	@Test
	void editableGroupShareWritesLandInTheOwnersHome() {
		DavClient alice = newUser("alice");
		DavClient bob = newUser("bob");
		String group = "family-" + UUID.randomUUID().toString().substring(0, 8);
		DavClient admin = admin();
		assertThat(rest(admin, "POST", "/api/admin/groups", "{\"name\":\"" + group + "\"}", "Content-Type",
				"application/json").statusCode()).isEqualTo(201);
		assertThat(rest(admin, "PUT", "/api/admin/groups/" + group + "/members/" + bob.username(), null).statusCode())
			.isEqualTo(204);
		assertThat(rest(admin, "GET", "/api/admin/groups/" + group + "/members", null).body())
			.isEqualTo("[\"" + bob.username() + "\"]");
		assertThat(rest(admin, "GET", "/api/admin/groups/no-such-group/members", null).statusCode()).isEqualTo(404);
		alice.mkcol("Family");
		alice.put("Family/list.txt", "milk");
		new OcsShares(alice).share("/Family", 1, group, 15);

		assertThat(bob.put(mount("Family/list.txt"), "milk, eggs").statusCode()).isEqualTo(204);
		assertThat(bob.put(mount("Family/from-bob.txt"), "hello").statusCode()).isEqualTo(201);
		assertThat(alice.get("Family/list.txt").body()).isEqualTo("milk, eggs");
		assertThat(alice.get("Family/from-bob.txt").body()).isEqualTo("hello");
		assertThat(bob.get("Family").statusCode()).as("nothing written in bob's own home").isEqualTo(404);

		HttpResponse<String> versions = alice.send(alice.request("PROPFIND",
				baseUrl() + "/remote.php/dav/versions/" + alice.username() + "/versions/" + alice.fileId("Family/list.txt"),
				null).header("Depth", "1"));
		assertThat(versions.body()).as("the replaced content is the owner's version").contains("<d:href>");
		assertThat(versions.statusCode()).isEqualTo(207);
		assertThat(rest(alice, "GET", "/api/versions/" + alice.fileId("Family/list.txt"), null).body())
			.contains("\"size\":4");

		assertThat(bob.move(mount("Family"), "Ours").statusCode()).isEqualTo(201);
		assertThat(bob.get("Ours/list.txt").body()).isEqualTo("milk, eggs");
		assertThat(bob.get(mount("Family/list.txt")).statusCode()).isEqualTo(404);
		assertThat(alice.get("Family/list.txt").statusCode()).as("the owner's folder did not move").isEqualTo(200);

		assertThat(rest(admin, "DELETE", "/api/admin/groups/" + group + "/members/" + bob.username(), null)
			.statusCode()).isEqualTo(204);
		assertThat(bob.get("Ours/list.txt").statusCode()).as("access ends with the membership").isEqualTo(404);
		assertThat(bob.propfind("Ours", 0, null).statusCode()).isEqualTo(404);
	}

	@Test
	void deletionsByARecipientGoToTheOwnersTrash() {
		DavClient alice = newUser("alice");
		DavClient bob = newUser("bob");
		alice.mkcol("Work");
		alice.put("Work/report.txt", "draft");
		new OcsShares(alice).share("/Work", 0, bob.username(), 15);

		assertThat(bob.delete(mount("Work/report.txt")).statusCode()).isEqualTo(204);
		assertThat(alice.get("Work/report.txt").statusCode()).isEqualTo(404);
		assertThat(rest(alice, "GET", "/api/trash", null).body()).contains("report.txt").contains("/Work/report.txt");
		String bobsTrash = rest(bob, "GET", "/api/trash", null).body();
		assertThat(bobsTrash).as("the deleter sees it, where it was in their tree")
			.contains("/Shared with me/Work/report.txt");
		assertThat(bob.send(bob.request("PROPFIND", baseUrl() + "/remote.php/dav/trashbin/" + bob.username() + "/trash",
				null).header("Depth", "1")).body()).contains("report.txt");

		Matcher id = Pattern.compile("\"id\":(\\d+)").matcher(bobsTrash);
		assertThat(id.find()).isTrue();
		assertThat(rest(bob, "POST", "/api/trash/" + id.group(1) + "/restore", null).statusCode()).isEqualTo(200);
		assertThat(alice.get("Work/report.txt").body()).isEqualTo("draft");
		assertThat(rest(alice, "GET", "/api/trash", null).body()).doesNotContain("report.txt");
	}

	@Test
	void movesBetweenOwnersAreACopyAndADeleteAndMountsFollowTheirFolder() {
		DavClient alice = newUser("alice");
		DavClient bob = newUser("bob");
		alice.mkcol("Inbox");
		new OcsShares(alice).share("/Inbox", 0, bob.username(), 15);
		bob.put("mine.txt", "bob's file");

		assertThat(bob.move("mine.txt", mount("Inbox/mine.txt")).statusCode()).isEqualTo(201);
		assertThat(alice.get("Inbox/mine.txt").body()).isEqualTo("bob's file");
		assertThat(bob.get("mine.txt").statusCode()).isEqualTo(404);
		assertThat(rest(bob, "GET", "/api/trash", null).body()).as("the source went to its owner's trash")
			.contains("mine.txt");

		HttpResponse<String> copied = bob.send("COPY", mount("Inbox/mine.txt"), null, "Destination",
				bob.url("copy.txt"));
		assertThat(copied.statusCode()).isEqualTo(201);
		assertThat(bob.get("copy.txt").body()).isEqualTo("bob's file");
		assertThat(alice.get("Inbox/mine.txt").statusCode()).isEqualTo(200);

		assertThat(bob.move("Shared%20with%20me", "Received").statusCode()).isEqualTo(201);
		assertThat(bob.get("Received/Inbox/mine.txt").body()).isEqualTo("bob's file");
		assertThat(bob.get(mount("Inbox/mine.txt")).statusCode()).isEqualTo(404);
		assertThat(bob.mkcol("Received/Inbox/sub").statusCode()).isEqualTo(201);
		assertThat(alice.propfind("Inbox/sub", 0, null).statusCode()).isEqualTo(207);
	}

	@Test
	void aReshareNeverGrantsMoreThanItsMakerHolds() {
		DavClient alice = newUser("alice");
		DavClient bob = newUser("bob");
		DavClient carol = newUser("carol");
		alice.mkcol("Photos");
		alice.put("Photos/p.jpg", "jpeg");
		new OcsShares(alice).share("/Photos", 0, bob.username(), 17);
		OcsShares bobShares = new OcsShares(bob);

		HttpResponse<String> escalation = bobShares.create(OcsShares.V2,
				Map.of("path", "/Shared with me/Photos", "shareType", "0", "shareWith", carol.username(), "permissions",
						"31"));
		assertThat(escalation.statusCode()).isEqualTo(403);
		assertThat(escalation.body()).contains("<statuscode>403</statuscode>");

		bobShares.share("/Shared with me/Photos", 0, carol.username(), 1);
		assertThat(carol.get(mount("Photos/p.jpg")).body()).isEqualTo("jpeg");
		assertThat(carol.put(mount("Photos/q.jpg"), "x").statusCode()).isEqualTo(403);

		HttpResponse<String> noShareRight = new OcsShares(carol).create(OcsShares.V2,
				Map.of("path", "/Shared with me/Photos", "shareType", "3", "permissions", "1"));
		assertThat(noShareRight.statusCode()).isEqualTo(403);
	}

	@Test
	void unsharingRemovesAccessAtOnceEverywhere() {
		DavClient alice = newUser("alice");
		DavClient bob = newUser("bob");
		alice.mkcol("Secret");
		alice.put("Secret/plan.txt", "v1");
		alice.put("Secret/plan.txt", "v2");
		PreviewFetch.put(alice, "Secret/map.jpg", Images.jpeg(300, 200));
		String fileId = alice.fileId("Secret/plan.txt");
		String photoId = alice.fileId("Secret/map.jpg");
		long id = new OcsShares(alice).share("/Secret", 0, bob.username(), 31);
		String preview = "/index.php/core/preview?fileId=" + photoId + "&x=64&y=64";

		assertThat(bob.get(mount("Secret/plan.txt")).statusCode()).isEqualTo(200);
		assertThat(rest(bob, "GET", "/api/files/content?path=" + OcsShares.enc("/Shared with me/Secret/plan.txt"),
				null).statusCode()).isEqualTo(200);
		assertThat(search(bob, "plan%")).contains("plan.txt");
		assertThat(rest(bob, "GET", "/api/versions/" + fileId, null).statusCode()).isEqualTo(200);
		assertThat(PreviewFetch.get(bob, preview).statusCode()).as("a recipient sees previews").isEqualTo(200);
		assertThat(PreviewFetch.get(bob, "/api/previews/" + photoId).statusCode()).isEqualTo(200);
		assertThat(PreviewFetch.get(bob, "/index.php/core/preview.png?file=/Shared%20with%20me/Secret/map.jpg")
			.statusCode()).isEqualTo(200);

		assertThat(new OcsShares(alice).send("DELETE", OcsShares.V2 + "/" + id, null).statusCode()).isEqualTo(200);

		assertThat(bob.get(mount("Secret/plan.txt")).statusCode()).isEqualTo(404);
		assertThat(rest(bob, "GET", "/api/files/content?path=" + OcsShares.enc("/Shared with me/Secret/plan.txt"),
				null).statusCode()).isEqualTo(404);
		assertThat(search(bob, "plan%")).doesNotContain("plan.txt");
		assertThat(rest(bob, "GET", "/api/versions/" + fileId, null).statusCode()).isEqualTo(404);
		assertThat(bob.send(bob.request("PROPFIND",
				baseUrl() + "/remote.php/dav/versions/" + bob.username() + "/versions/" + fileId, null)
			.header("Depth", "1")).statusCode()).isEqualTo(404);
		assertThat(PreviewFetch.get(bob, preview).statusCode()).as("the cached preview is not shown either")
			.isEqualTo(404);
		assertThat(PreviewFetch.get(bob, "/api/previews/" + photoId).statusCode()).isEqualTo(404);
		assertThat(PreviewFetch.get(bob, "/index.php/core/preview.png?file=/Shared%20with%20me/Secret/map.jpg")
			.statusCode()).isEqualTo(404);
		assertThat(alice.get("Secret/plan.txt").body()).isEqualTo("v2");
	}

	@Test
	void theRecipientsRootEtagChangesWhenTheOwnerChangesASharedFile() {
		DavClient alice = newUser("alice");
		DavClient bob = newUser("bob");
		alice.mkcol("Shared");
		alice.put("Shared/f.txt", "1");
		new OcsShares(alice).share("/Shared", 0, bob.username(), 1);
		String rootBefore = bob.etag("");
		String folderBefore = bob.etag("Shared%20with%20me");

		alice.put("Shared/f.txt", "2");

		assertThat(bob.etag("")).isNotEqualTo(rootBefore);
		assertThat(bob.etag("Shared%20with%20me")).isNotEqualTo(folderBefore);
		assertThat(bob.etag(mount("Shared"))).isEqualTo(alice.etag("Shared"));
	}

	@Test
	void ocsCreateListUpdateAndDeleteInXmlAndJson() {
		DavClient alice = newUser("alice");
		DavClient bob = newUser("bob");
		alice.mkcol("Album");
		OcsShares ocs = new OcsShares(alice);

		HttpResponse<String> created = ocs.create(OcsShares.V2,
				Map.of("path", "/Album", "shareType", "0", "shareWith", bob.username(), "permissions", "31"));
		assertThat(created.statusCode()).isEqualTo(200);
		assertThat(created.body()).contains("<statuscode>200</statuscode>")
			.contains("<share_with>" + bob.username() + "</share_with>")
			.contains("<item_type>folder</item_type>")
			.contains("<path>/Album</path>");
		HttpResponse<String> link = ocs.create(OcsShares.V2, Map.of("path", "/Album", "shareType", "3"));
		JsonNode linkShare = ocs.json("GET", OcsShares.V2 + "?format=json&path=" + OcsShares.enc("/Album"), null);
		assertThat(linkShare).hasSize(2);
		String linkId = linkShare.get(1).get("id").asString();
		assertThat(link.body()).contains("<token>" + linkShare.get(1).get("token").asString() + "</token>");
		assertThat(linkShare.get(1).get("token").asString().length()).isGreaterThanOrEqualTo(22);
		assertThat(linkShare.get(1).get("url").asString()).endsWith("/index.php/s/" + linkShare.get(1).get("token").asString());

		JsonNode updated = ocs.json("PUT", OcsShares.V2 + "/" + linkId + "?format=json",
				"{\"permissions\":\"15\",\"note\":\"for the family\",\"label\":\"Holiday\",\"expireDate\":\"2099-01-31\","
						+ "\"password\":\"secret-words\",\"hideDownload\":\"true\"}");
		assertThat(updated.get("permissions").asInt()).isEqualTo(15);
		assertThat(updated.get("note").asString()).isEqualTo("for the family");
		assertThat(updated.get("label").asString()).isEqualTo("Holiday");
		assertThat(updated.get("expiration").asString()).isEqualTo("2099-01-31 00:00:00");
		assertThat(updated.get("hide_download").asInt()).isEqualTo(1);

		HttpResponse<String> v1Get = ocs.send("GET", OcsShares.V1 + "/" + linkId, null);
		assertThat(v1Get.body()).contains("<statuscode>100</statuscode>").contains("<label>Holiday</label>");
		assertThat(ocs.send("GET", OcsShares.V2 + "/999999999", null).statusCode()).isEqualTo(404);
		assertThat(ocs.create(OcsShares.V2, Map.of("path", "/Album", "shareType", "6")).statusCode()).isEqualTo(400);

		JsonNode received = new OcsShares(bob).json("GET", OcsShares.V2 + "?format=json&shared_with_me=true", null);
		assertThat(received).hasSize(1);
		assertThat(received.get(0).get("path").asString()).isEqualTo("/Shared with me/Album");

		assertThat(ocs.send("DELETE", OcsShares.V2 + "/" + linkId, null).statusCode()).isEqualTo(200);
		assertThat(ocs.json("GET", OcsShares.V2 + "?format=json", null)).hasSize(1);
	}

	@Test
	void theAdminPolicyIsEnforcedWhenLinksAreMadeAndAdvertisedInCapabilities() {
		DavClient alice = newUser("alice");
		alice.mkcol("Pics");
		OcsShares ocs = new OcsShares(alice);
		DavClient admin = admin();
		try {
			assertThat(policy(admin, false, true, false, 0, 0)).isEqualTo(200);
			assertThat(rest(alice, "GET", "/ocs/v2.php/cloud/capabilities?format=json", null).body())
				.contains("\"public\":{\"enabled\":false");
			assertThat(ocs.create(OcsShares.V2, Map.of("path", "/Pics", "shareType", "3")).statusCode())
				.isEqualTo(403);

			assertThat(policy(admin, true, false, true, 3, 7)).isEqualTo(200);
			assertThat(ocs.create(OcsShares.V2, Map.of("path", "/Pics", "shareType", "3", "publicUpload", "true",
					"password", "long enough")).statusCode()).as("public upload off").isEqualTo(403);
			assertThat(ocs.create(OcsShares.V2, Map.of("path", "/Pics", "shareType", "3")).statusCode())
				.as("password required").isEqualTo(400);
			assertThat(ocs.create(OcsShares.V2, Map.of("path", "/Pics", "shareType", "3", "password", "long enough",
					"expireDate", today().plusDays(30).toString())).statusCode())
				.as("beyond the maximum expiry").isEqualTo(400);
			HttpResponse<String> made = ocs.create(OcsShares.V2,
					Map.of("path", "/Pics", "shareType", "3", "password", "long enough"));
			assertThat(made.statusCode()).isEqualTo(200);
			assertThat(made.body()).as("the default expiry")
				.contains("<expiration>" + today().plusDays(3) + " 00:00:00</expiration>");
			assertThat(rest(alice, "GET", "/ocs/v2.php/cloud/capabilities?format=json", null).body())
				.contains("\"password\":{\"enforced\":true").contains("\"upload\":false");
		}
		finally {
			assertThat(policy(admin, true, true, false, 0, 0)).isEqualTo(200);
		}
	}

	@Test
	void aUserShareEndsEverywhereAfterItsLastDayAndTheLinkPolicyDoesNotApplyToIt() {
		DavClient alice = newUser("alice");
		DavClient bob = newUser("bob");
		alice.mkcol("Plans");
		alice.put("Plans/trip.txt", "to the sea");
		OcsShares ocs = new OcsShares(alice);
		DavClient admin = admin();
		try {
			assertThat(policy(admin, true, true, false, 3, 7)).isEqualTo(200);
			assertThat(ocs.create(OcsShares.V2, Map.of("path", "/Plans", "shareType", "0", "shareWith",
					bob.username(), "expireDate", today().minusDays(1).toString())).statusCode())
				.as("a last day in the past").isEqualTo(400);
			long id = ocs.share("/Plans", 0, bob.username(), 1);
			JsonNode made = ocs.json("GET", OcsShares.V2 + "/" + id + "?format=json", null).get(0);
			assertThat(made.get("expiration").isNull()).as("as in Nextcloud, link expiry rules are for links only")
				.isTrue();
			JsonNode updated = ocs.json("PUT", OcsShares.V2 + "/" + id + "?format=json",
					"{\"expireDate\":\"" + today() + "\"}");
			assertThat(updated.get("expiration").asString()).isEqualTo(today() + " 00:00:00");
			assertThat(bob.get(mount("Plans/trip.txt")).body()).as("on its last day").isEqualTo("to the sea");

			clock.advance(Duration.ofDays(1));
			assertThat(bob.get(mount("Plans/trip.txt")).statusCode()).isEqualTo(404);
			assertThat(bob.propfind("Shared%20with%20me", 1, null).body()).doesNotContain("Plans");
			assertThat(rest(bob, "GET", "/api/files?path=" + OcsShares.enc("/Shared with me"), null).body())
				.doesNotContain("Plans");
			assertThat(search(bob, "trip%")).doesNotContain("trip.txt");
			assertThat(new OcsShares(bob).send("GET", OcsShares.V2 + "?format=json&shared_with_me=true", null).body())
				.doesNotContain("Plans");

			assertThat(ocs.json("PUT", OcsShares.V2 + "/" + id + "?format=json",
					"{\"expireDate\":\"" + today().plusDays(1) + "\"}").get("id").asString())
				.isEqualTo(Long.toString(id));
			assertThat(bob.get(mount("Plans/trip.txt")).body()).as("extended by its owner").isEqualTo("to the sea");
		}
		finally {
			clock.reset();
			assertThat(policy(admin, true, true, false, 0, 0)).isEqualTo(200);
		}
	}

	@Test
	void shareeSearchAndListingTheSharesOfAFoldersChildren() {
		DavClient alice = newUser("alice");
		DavClient bob = newUser("bob");
		alice.mkcol("Trip");
		alice.put("Trip/a.jpg", "a");
		OcsShares ocs = new OcsShares(alice);
		ocs.share("/Trip/a.jpg", 0, bob.username(), 1);

		JsonNode sharees = ocs.json("GET", "/ocs/v2.php/apps/files_sharing/api/v1/sharees?format=json&search="
				+ bob.username() + "&itemType=file", null);
		assertThat(sharees.get("exact").get("users").get(0).get("value").get("shareWith").asString())
			.isEqualTo(bob.username());
		assertThat(ocs.json("GET", OcsShares.V2 + "?format=json&path=%2FTrip&subfiles=true", null)).hasSize(1);
		assertThat(ocs.json("GET", OcsShares.V2 + "?format=json&path=%2FTrip", null)).isEmpty();
		JsonNode file = ocs.json("GET", OcsShares.V2 + "?format=json&path=%2FTrip%2Fa.jpg", null).get(0);
		assertThat(file.get("item_type").asString()).isEqualTo("file");
		assertThat(file.get("permissions").asInt()).isEqualTo(1);
		assertThat(bob.get(mount("a.jpg")).body()).isEqualTo("a");

		HttpResponse<String> formUpdate = alice.send(alice
			.request("PUT", baseUrl() + OcsShares.V2 + "/" + file.get("id").asString() + "?format=json",
					"permissions=3&note=edit+it")
			.header("OCS-APIRequest", "true")
			.header("Content-Type", "application/x-www-form-urlencoded"));
		assertThat(formUpdate.statusCode()).as(formUpdate.body()).isEqualTo(200);
		assertThat(formUpdate.body()).contains("\"permissions\":3").contains("\"note\":\"edit it\"");
		assertThat(bob.put(mount("a.jpg"), "b").statusCode()).isEqualTo(204);
	}

	private int policy(DavClient admin, boolean links, boolean upload, boolean password, int defaultDays,
			int maxDays) {
		return rest(admin, "PUT", "/api/admin/sharing-policy", "{\"linksEnabled\":" + links
				+ ",\"publicUploadEnabled\":" + upload + ",\"passwordRequired\":" + password
				+ ",\"defaultExpiryDays\":" + defaultDays + ",\"maxExpiryDays\":" + maxDays + "}", "Content-Type",
				"application/json").statusCode();
	}

	/** A REST call with the user's Basic credentials; {@code headers} as name, value pairs. */
	private HttpResponse<String> rest(DavClient user, String method, String path, String body, String... headers) {
		var request = user.request(method, baseUrl() + path, body);
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return user.send(request);
	}

	private String search(DavClient user, String pattern) {
		String body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><d:searchrequest xmlns:d=\"DAV:\""
				+ " xmlns:oc=\"http://owncloud.org/ns\"><d:basicsearch><d:select><d:prop><d:displayname/></d:prop>"
				+ "</d:select><d:from><d:scope><d:href>/files/" + user.username() + "</d:href><d:depth>infinity"
				+ "</d:depth></d:scope></d:from><d:where><d:like><d:prop><d:displayname/></d:prop><d:literal>"
				+ pattern + "</d:literal></d:like></d:where><d:orderby/></d:basicsearch></d:searchrequest>";
		HttpResponse<String> response = user.send(user.request("SEARCH", baseUrl() + "/remote.php/dav", body)
			.header("Content-Type", "text/xml"));
		assertThat(response.statusCode()).isEqualTo(207);
		return response.body();
	}
}
