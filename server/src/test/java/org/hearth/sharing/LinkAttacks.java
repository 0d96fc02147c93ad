package org.hearth.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.hearth.previews.Images;
import org.hearth.previews.PreviewFetch;
import org.hearth.testing.DavClient;

/**
 * The routes of the link attack suite and how to try them all. {@link #probes} is the one list of every route a
 * visitor can use (public DAV in both forms, the public pages, previews and downloads); {@link #accountProbes} those
 * of an account, tried with the link's credentials. A new public route belongs in the first. The files probed are an
 * owner's Holiday folder, with a file outside it that no link may ever show.
 */
class LinkAttacks {

	static final String CONTENT = "BEACH-BYTES-" + UUID.randomUUID();

	static final List<String> SECRETS = List.of("secret-beach", "inner-secret", "outside-secret", CONTENT);

	private final String baseUrl;

	final DavClient owner;

	final DavClient attacker;

	/** Numbers the sweeps, so each tries the account routes from an address of its own. */
	private static final AtomicInteger SWEEPS = new AtomicInteger();

	private final String fileId;

	/** How a sweep authenticates: no password, a wrong one, or the right one. */
	enum Auth {
		NONE, WRONG, RIGHT
	}

	/** One request a visitor can make, on a route named for the report. */
	record Probe(String name, String method, String path, String body, String... headers) {

		/** Whether a permitted answer to this probe shows the link's content. */
		boolean reads() {
			return method.equals("GET") || method.equals("HEAD") || method.equals("PROPFIND");
		}
	}

	record Answer(Probe probe, int status, String body) {

		@Override
		public String toString() {
			return probe.name() + " → " + status;
		}
	}

	/** Gives {@code owner} a Holiday folder to share and a file outside it; {@code attacker} is another account. */
	LinkAttacks(String baseUrl, DavClient owner, DavClient attacker) {
		this.baseUrl = baseUrl;
		this.owner = owner;
		this.attacker = attacker;
		assertThat(owner.mkcol("Holiday").statusCode()).isEqualTo(201);
		assertThat(owner.mkcol("Holiday/sub").statusCode()).isEqualTo(201);
		assertThat(owner.put("Holiday/secret-beach.jpg", CONTENT).statusCode()).isEqualTo(201);
		assertThat(owner.put("Holiday/sub/inner-secret.txt", "inner " + CONTENT).statusCode()).isEqualTo(201);
		assertThat(owner.put("outside-secret.txt", "outside " + CONTENT).statusCode()).isEqualTo(201);
		PreviewFetch.put(owner, "Holiday/sunset.jpg", Images.jpeg(300, 200));
		fileId = owner.fileId("Holiday/secret-beach.jpg");
	}

	/** Every route, for a link reached at {@code dav} (a public DAV prefix) and {@code token}. */
	List<Probe> probes(String dav, String token) {
		String file = dav + "/secret-beach.jpg";
		String lockBody = "<?xml version=\"1.0\"?><d:lockinfo xmlns:d=\"DAV:\"><d:lockscope><d:exclusive/></d:lockscope>"
				+ "<d:locktype><d:write/></d:locktype></d:lockinfo>";
		String proppatch = "<?xml version=\"1.0\"?><d:propertyupdate xmlns:d=\"DAV:\" xmlns:x=\"urn:x\"><d:set><d:prop>"
				+ "<x:tag>1</x:tag></d:prop></d:set></d:propertyupdate>";
		List<Probe> probes = new ArrayList<>(List.of(new Probe("PROPFIND root", "PROPFIND", dav + "/", null, "Depth", "1"),
				new Probe("PROPFIND subfolder", "PROPFIND", dav + "/sub/", null, "Depth", "1"),
				new Probe("PROPFIND file", "PROPFIND", file, null, "Depth", "0"),
				new Probe("GET file", "GET", file, null), new Probe("HEAD file", "HEAD", file, null),
				new Probe("GET in subfolder", "GET", dav + "/sub/inner-secret.txt", null),
				new Probe("PUT new file", "PUT", dav + "/probe-new.txt", "probe"),
				new Probe("PUT over file", "PUT", file, "overwritten"),
				new Probe("MKCOL", "MKCOL", dav + "/probe-folder", null),
				new Probe("DELETE file", "DELETE", file, null),
				new Probe("MOVE file in link", "MOVE", file, null, "Destination", baseUrl + dav + "/moved.jpg"),
				new Probe("COPY file out", "COPY", file, null, "Destination",
						attacker.url("stolen.jpg")),
				new Probe("LOCK file", "LOCK", file, lockBody, "Timeout", "Second-60"),
				new Probe("PROPPATCH file", "PROPPATCH", file, proppatch)));
		if (dav.startsWith("/public.php/dav/")) {
			String page = "/index.php/s/" + token;
			probes.addAll(List.of(new Probe("page", "GET", page, null),
					new Probe("page of subfolder", "GET", page + "?path=/sub", null),
					new Probe("download file", "GET", page + "/download?path=/secret-beach.jpg", null),
					new Probe("download zip", "GET", page + "/download", null),
					new Probe("download selection", "GET", page + "/download?files=secret-beach.jpg&files=sub", null),
					new Probe("preview", "GET", page + "/preview?path=/sunset.jpg&x=64&y=64", null),
					new Probe("open chunked upload", "POST", page + "/uploads/fprobe000001?total=5", null),
					new Probe("send upload part", "PUT", page + "/uploads/fprobe000001/000000", "probe")));
		}
		return probes;
	}

	/** Runs every probe through both DAV forms and the pages, authenticating as {@code auth} says. */
	List<Answer> sweep(LinkFixture.Link link, Auth auth, String fromAddress) {
		List<Answer> answers = new ArrayList<>();
		String password = switch (auth) {
			case NONE -> null;
			case WRONG -> "not-" + link.password();
			case RIGHT -> link.password();
		};
		LinkVisitor browser = LinkVisitor.from(baseUrl, fromAddress);
		if (password != null) {
			browser.submitPassword(link.token(), password);
		}
		LinkVisitor modern = password == null ? browser : browser.withBasic("anonymous", password);
		for (Probe probe : probes("/public.php/dav/files/" + link.token(), link.token())) {
			LinkVisitor visitor = probe.path().startsWith("/index.php/") ? browser : modern;
			answers.add(answer(visitor, probe));
		}
		LinkVisitor legacy = browser.withBasic(link.token(), password == null ? "" : password);
		for (Probe probe : probes("/public.php/webdav", link.token())) {
			answers.add(answer(legacy, new Probe("legacy " + probe.name(), probe.method(), probe.path(), probe.body(),
					probe.headers())));
		}
		// from an address of its own per sweep: a failed account login counts against the whole address
		LinkVisitor asAccount = LinkVisitor.from(baseUrl, "127.0.1." + (1 + SWEEPS.incrementAndGet() % 250))
			.withBasic(link.token(), password == null ? "" : password);
		for (Probe probe : accountProbes()) {
			answers.add(answer(asAccount, probe));
		}
		return answers;
	}

	/**
	 * The account routes, tried with the link's token and password as if they were a login: DAV, REST files,
	 * versions, trash, search and the OCS Share API. A link is no account, so each must answer 401.
	 */
	private List<Probe> accountProbes() {
		String search = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><d:searchrequest xmlns:d=\"DAV:\"><d:basicsearch>"
				+ "<d:select><d:prop><d:displayname/></d:prop></d:select><d:from><d:scope><d:href>/files/"
				+ owner.username() + "</d:href><d:depth>infinity</d:depth></d:scope></d:from><d:where><d:like>"
				+ "<d:prop><d:displayname/></d:prop><d:literal>%secret%</d:literal></d:like></d:where><d:orderby/>"
				+ "</d:basicsearch></d:searchrequest>";
		return List.of(
				new Probe("account DAV with link credentials", "PROPFIND",
						"/remote.php/dav/files/" + owner.username() + "/", null, "Depth", "1"),
				new Probe("account REST files with link credentials", "GET", "/api/files?path=%2FHoliday", null),
				new Probe("account versions with link credentials", "GET", "/api/versions/" + fileId, null),
				new Probe("account trash with link credentials", "GET", "/api/trash", null),
				new Probe("account search with link credentials", "SEARCH", "/remote.php/dav", search,
						"Content-Type", "text/xml"),
				new Probe("account OCS shares with link credentials", "GET",
						"/ocs/v2.php/apps/files_sharing/api/v1/shares?format=json", null, "OCS-APIRequest", "true"));
	}

	/** Whether a probe used the link's credentials as an account login (answered 401 whatever the link). */
	static boolean accountRoute(Answer answer) {
		return answer.probe().name().endsWith(" with link credentials");
	}

	private static Answer answer(LinkVisitor visitor, Probe probe) {
		HttpResponse<byte[]> response = visitor.send(probe.method(), probe.path(), probe.body(), probe.headers());
		return new Answer(probe, response.statusCode(), LinkVisitor.text(response));
	}

	/**
	 * No answer names or holds anything of the owner's. An answer may repeat the name the caller asked for (an
	 * error message, a lock root): that tells them nothing, so the names in the requested path, and in a request
	 * body that names paths (a REST move), are taken out before looking.
	 */
	static void assertNothingLeaks(List<Answer> answers) {
		for (Answer answer : answers) {
			String visible = answer.body();
			for (String segment : answer.probe().path().split("[/?&=]")) {
				if (!segment.isEmpty()) {
					visible = visible.replace(URLDecoder.decode(segment, StandardCharsets.UTF_8), "");
				}
			}
			String body = answer.probe().body() == null ? "" : answer.probe().body();
			for (String segment : body.split("[/\"{},:]")) {
				if (!segment.isBlank()) {
					visible = visible.replace(segment, "");
				}
			}
			for (String secret : SECRETS) {
				assertThat(visible).as(answer + " leaks " + secret).doesNotContain(secret);
			}
		}
	}

	/**
	 * The link reaches nothing (revoked, expired, or switched off by the admin): every public route answers 404 as
	 * for a link that never was, before any password is asked for or checked; the account routes, where link
	 * credentials are no login, answer 401.
	 */
	static void assertLinkGone(List<Answer> answers) {
		assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).as(answer.toString())
			.isEqualTo(accountRoute(answer) ? 401 : 404));
		assertNothingLeaks(answers);
	}

	/** Every public route answers {@code status}; the account routes 401. */
	static void assertAllRefusedWith(List<Answer> answers, int status) {
		assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).as(answer.toString())
			.isEqualTo(accountRoute(answer) ? 401 : status));
	}

	/** The owner's files are exactly as the test made them. */
	void assertOwnerFilesUntouched() {
		assertThat(owner.get("Holiday/secret-beach.jpg").body()).isEqualTo(CONTENT);
		assertThat(owner.get("Holiday/sub/inner-secret.txt").body()).isEqualTo("inner " + CONTENT);
		assertThat(owner.get("outside-secret.txt").body()).isEqualTo("outside " + CONTENT);
		String listing = owner.propfind("Holiday", 1, null).body();
		assertThat(listing).doesNotContain("probe-new", "probe-folder", "moved.jpg");
		assertThat(attacker.get("stolen.jpg").statusCode()).isEqualTo(404);
	}
}
