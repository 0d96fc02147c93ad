package org.hearth.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hearth.testing.DavClient;

/**
 * The routes of the share attack suite: what another account can try against a folder shared with it. The owner's
 * files are {@link LinkAttacks}' Holiday folder (so its secrets and leak check apply), shared with {@code recipient};
 * {@code stranger} is a third account that never received it. {@link #routes} is the one list of every route an
 * account can use on someone else's files: DAV, REST files, versions, trash, search and the OCS Share API.
 */
class ShareAttacks {

	/** Where the recipient finds the shared folder. */
	private static final String SHARED = "Holiday";

	/** A folder the recipient never had, for comparison. */
	private static final String NEVER = "Never-shared";

	private static final Pattern VERSION_ID = Pattern.compile("\"versions\":\\[\\{\"id\":(\\d+)");

	/** What a route does, which decides what a live read-only share must answer. */
	enum Kind {
		/** Shows the shared content: allowed while the share is live. */
		READ,
		/** Changes something: refused (403) while a read-only share is live. */
		CHANGE,
		/** Lists the caller's own things (search, trash): always answered, never with someone else's names. */
		OWN_LISTING,
		/** Sent by the stranger, or aimed at the owner's home: never reaches anything. */
		FOREIGN
	}

	/** A probe, the account that sends it, and what it does. */
	record Route(Kind kind, DavClient by, LinkAttacks.Probe probe) {
	}

	private final String baseUrl;

	final LinkAttacks files;

	final DavClient owner;

	final DavClient recipient;

	final DavClient stranger;

	final String fileId;

	final String versionId;

	/** Makes the Holiday folder, with one older version of its photo. */
	ShareAttacks(String baseUrl, DavClient owner, DavClient recipient, DavClient stranger) {
		this.baseUrl = baseUrl;
		this.owner = owner;
		this.recipient = recipient;
		this.stranger = stranger;
		files = new LinkAttacks(baseUrl, owner, recipient);
		assertThat(owner.put("Holiday/secret-beach.jpg", LinkAttacks.CONTENT).statusCode()).isEqualTo(204);
		fileId = owner.fileId("Holiday/secret-beach.jpg");
		HttpResponse<String> versions = owner.send(owner.request("GET", baseUrl + "/api/versions/" + fileId, null));
		Matcher id = VERSION_ID.matcher(versions.body());
		assertThat(id.find()).as(versions.body()).isTrue();
		versionId = id.group(1);
	}

	/**
	 * Every route against the Holiday folder, shared as OCS share {@code shareId} and reached by the recipient at
	 * {@code Shared with me/<mountName>}.
	 */
	List<Route> routes(long shareId, String mountName) {
		String dav = "/remote.php/dav/files/" + recipient.username() + "/Shared%20with%20me/" + mountName;
		String mount = "/Shared with me/" + mountName;
		String file = dav + "/secret-beach.jpg";
		String mine = "/remote.php/dav/files/" + recipient.username();
		String apiFile = OcsShares.enc(mount + "/secret-beach.jpg");
		String share = OcsShares.V2 + "/" + shareId;
		String lockBody = "<?xml version=\"1.0\"?><d:lockinfo xmlns:d=\"DAV:\"><d:lockscope><d:exclusive/></d:lockscope>"
				+ "<d:locktype><d:write/></d:locktype></d:lockinfo>";
		String proppatch = "<?xml version=\"1.0\"?><d:propertyupdate xmlns:d=\"DAV:\" xmlns:x=\"urn:x\"><d:set><d:prop>"
				+ "<x:tag>1</x:tag></d:prop></d:set></d:propertyupdate>";
		String search = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><d:searchrequest xmlns:d=\"DAV:\"><d:basicsearch>"
				+ "<d:select><d:prop><d:displayname/></d:prop></d:select><d:from><d:scope><d:href>/files/"
				+ recipient.username() + "</d:href><d:depth>infinity</d:depth></d:scope></d:from><d:where><d:like>"
				+ "<d:prop><d:displayname/></d:prop><d:literal>%secret%</d:literal></d:like></d:where><d:orderby/>"
				+ "</d:basicsearch></d:searchrequest>";
		String json = "Content-Type";
		DavClient r = recipient;
		List<Route> routes = new ArrayList<>(List.of(
				route(Kind.READ, r, "PROPFIND share", "PROPFIND", dav + "/", null, "Depth", "1"),
				route(Kind.READ, r, "PROPFIND subfolder", "PROPFIND", dav + "/sub/", null, "Depth", "1"),
				route(Kind.READ, r, "GET file", "GET", file, null),
				route(Kind.READ, r, "HEAD file", "HEAD", file, null),
				route(Kind.READ, r, "GET in subfolder", "GET", dav + "/sub/inner-secret.txt", null),
				route(Kind.CHANGE, r, "PUT new file", "PUT", dav + "/probe-new.txt", "probe"),
				route(Kind.CHANGE, r, "PUT over file", "PUT", file, "overwritten"),
				route(Kind.CHANGE, r, "MKCOL", "MKCOL", dav + "/probe-folder", null),
				route(Kind.CHANGE, r, "DELETE file", "DELETE", file, null),
				route(Kind.CHANGE, r, "MOVE file in share", "MOVE", file, null, "Destination",
						baseUrl + dav + "/moved.jpg"),
				route(Kind.CHANGE, r, "MOVE file out", "MOVE", file, null, "Destination", baseUrl + mine + "/moved.jpg"),
				route(Kind.CHANGE, r, "COPY file in", "COPY", file, null, "Destination",
						baseUrl + dav + "/probe-copy.jpg"),
				route(Kind.READ, r, "COPY file out", "COPY", file, null, "Destination",
						baseUrl + mine + "/copied-out.jpg"),
				route(Kind.CHANGE, r, "LOCK file", "LOCK", file, lockBody, "Timeout", "Second-60"),
				route(Kind.CHANGE, r, "PROPPATCH file", "PROPPATCH", file, proppatch),
				route(Kind.READ, r, "versions by file id (DAV)", "PROPFIND",
						"/remote.php/dav/versions/" + r.username() + "/versions/" + fileId, null, "Depth", "1"),
				route(Kind.OWN_LISTING, r, "DAV SEARCH", "SEARCH", "/remote.php/dav", search, "Content-Type",
						"text/xml"),
				route(Kind.OWN_LISTING, r, "trash (DAV)", "PROPFIND", "/remote.php/dav/trashbin/" + r.username()
						+ "/trash", null, "Depth", "1"),
				route(Kind.OWN_LISTING, r, "trash (REST)", "GET", "/api/trash", null),
				route(Kind.READ, r, "REST list", "GET", "/api/files?path=" + OcsShares.enc(mount), null),
				route(Kind.READ, r, "REST content", "GET", "/api/files/content?path=" + apiFile, null),
				route(Kind.READ, r, "REST zip of the share", "GET", "/api/files/zip?path=" + OcsShares.enc(mount), null),
				route(Kind.CHANGE, r, "REST upload", "PUT",
						"/api/files/content?path=" + OcsShares.enc(mount + "/probe-rest.txt"), "probe"),
				route(Kind.CHANGE, r, "REST folder", "POST",
						"/api/files/folder?path=" + OcsShares.enc(mount + "/probe-folder"), null),
				route(Kind.CHANGE, r, "REST delete", "DELETE", "/api/files?path=" + apiFile, null),
				route(Kind.CHANGE, r, "REST move out", "POST", "/api/files/move",
						"{\"from\":\"" + mount + "/secret-beach.jpg\",\"to\":\"/moved.jpg\"}", json, "application/json"),
				route(Kind.CHANGE, r, "REST copy in", "POST", "/api/files/copy",
						"{\"from\":\"" + mount + "/secret-beach.jpg\",\"to\":\"" + mount + "/probe-copy.jpg\"}", json,
						"application/json"),
				route(Kind.READ, r, "REST versions", "GET", "/api/versions/" + fileId, null),
				route(Kind.READ, r, "REST version download", "GET", "/api/versions/" + fileId + "/" + versionId, null),
				route(Kind.CHANGE, r, "REST version restore", "POST",
						"/api/versions/" + fileId + "/" + versionId + "/restore", null),
				route(Kind.READ, r, "OCS get share", "GET", share + "?format=json", null, "OCS-APIRequest", "true"),
				route(Kind.CHANGE, r, "OCS update share", "PUT", share + "?format=json", "{\"permissions\":\"31\"}",
						"OCS-APIRequest", "true", json, "application/json"),
				route(Kind.CHANGE, r, "OCS reshare", "POST", OcsShares.V2 + "?format=json",
						"path=" + OcsShares.enc(mount) + "&shareType=0&shareWith=" + stranger.username(),
						"OCS-APIRequest", "true", json, "application/x-www-form-urlencoded"),
				route(Kind.FOREIGN, r, "owner's DAV home", "PROPFIND",
						"/remote.php/dav/files/" + owner.username() + "/Holiday/", null, "Depth", "1"),
				route(Kind.FOREIGN, stranger, "stranger: OCS get share", "GET", share + "?format=json", null,
						"OCS-APIRequest", "true"),
				route(Kind.FOREIGN, stranger, "stranger: OCS update share", "PUT", share + "?format=json",
						"{\"permissions\":\"31\"}", "OCS-APIRequest", "true", json, "application/json"),
				route(Kind.FOREIGN, stranger, "stranger: OCS delete share", "DELETE", share + "?format=json", null,
						"OCS-APIRequest", "true"),
				route(Kind.FOREIGN, stranger, "stranger: REST versions", "GET", "/api/versions/" + fileId, null)));
		return routes;
	}

	private static Route route(Kind kind, DavClient by, String name, String method, String path, String body,
			String... headers) {
		return new Route(kind, by, new LinkAttacks.Probe(name, method, path, body, headers));
	}

	/** Sends every route. */
	List<LinkAttacks.Answer> sweep(long shareId) {
		return sweep(routes(shareId, SHARED));
	}

	private List<LinkAttacks.Answer> sweep(List<Route> routes) {
		List<LinkAttacks.Answer> answers = new ArrayList<>();
		for (Route route : routes) {
			LinkAttacks.Probe probe = route.probe();
			var request = route.by().request(probe.method(), baseUrl + probe.path(), probe.body());
			for (int i = 0; i < probe.headers().length; i += 2) {
				request.header(probe.headers()[i], probe.headers()[i + 1]);
			}
			HttpResponse<String> response = route.by().send(request);
			answers.add(new LinkAttacks.Answer(probe, response.statusCode(), response.body()));
		}
		return answers;
	}

	/**
	 * The share reaches nothing (revoked, expired, group left): every route answers exactly as it does for a folder
	 * the caller never had — 404, or 409 for a write whose parent folder is missing (RFC 4918) — but the caller's
	 * own listings (answered, empty of the owner's names); nothing leaks.
	 */
	void assertShareGone(List<LinkAttacks.Answer> answers, long shareId) {
		List<Route> routes = routes(shareId, SHARED);
		List<LinkAttacks.Answer> never = sweep(routes(shareId, NEVER));
		List<String> wrong = new ArrayList<>();
		for (int i = 0; i < answers.size(); i++) {
			LinkAttacks.Answer answer = answers.get(i);
			boolean listing = routes.get(i).kind() == Kind.OWN_LISTING;
			boolean allowed = listing ? answer.status() == 200 || answer.status() == 207
					: answer.status() == 404 || answer.status() == 409;
			if (!allowed || answer.status() != never.get(i).status()) {
				wrong.add(answer + " (never shared: " + never.get(i).status() + ")");
			}
		}
		assertThat(wrong).as("answers unlike those for a folder never shared, or other than 404/409").isEmpty();
		LinkAttacks.assertNothingLeaks(answers);
		assertOwnerFilesUntouched();
	}

	/** A live read-only share: reads work and stay inside the share, every change is refused (403). */
	void assertReadOnly(List<LinkAttacks.Answer> answers, long shareId) {
		List<Route> routes = routes(shareId, SHARED);
		for (int i = 0; i < answers.size(); i++) {
			LinkAttacks.Answer answer = answers.get(i);
			switch (routes.get(i).kind()) {
				case READ, OWN_LISTING -> assertThat(answer.status()).as(answer.toString()).isIn(200, 201, 207);
				case CHANGE -> assertThat(answer.status()).as(answer.toString()).isEqualTo(403);
				case FOREIGN -> assertThat(answer.status()).as(answer.toString()).isEqualTo(404);
			}
			assertThat(answer.body()).as(answer + " stays inside the share").doesNotContain("outside-secret");
			if (routes.get(i).kind() != Kind.READ) {
				assertThat(answer.body()).as(answer.toString()).doesNotContain(LinkAttacks.CONTENT);
			}
		}
		assertOwnerFilesUntouched();
	}

	void assertOwnerFilesUntouched() {
		files.assertOwnerFilesUntouched();
		assertThat(owner.propfind("Holiday", 1, null).body()).doesNotContain("probe-rest", "probe-copy");
		assertThat(recipient.get("moved.jpg").statusCode()).isEqualTo(404);
	}
}
