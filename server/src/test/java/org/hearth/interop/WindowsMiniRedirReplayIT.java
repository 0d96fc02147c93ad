package org.hearth.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hearth.testing.DavClient;
import org.hearth.testing.HearthIT;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Replays what Windows' WebDAV mini-redirector sends (network-drives.md §1, captures in alexbakker/webdav-provider#14,
 * mar10/wsgidav#112, swisspol/GCDWebServer#319, 9001/copyparty#910): discovery from the server root down to the
 * home, then the new-file sequence with LOCK, Win32 PROPPATCH, the unauthenticated HEAD, the locked PUT and an UNLOCK
 * whose token has no angle brackets. Every request carries the mini-redirector's User-Agent and {@code Translate: f}.
 */
class WindowsMiniRedirReplayIT extends HearthIT {

	static final String USER_AGENT = "Microsoft-WebDAV-MiniRedir/10.0.19045";

	static final String MS = "urn:schemas-microsoft-com:";

	static final String CREATED = "Thu, 09 Oct 2025 17:54:43 GMT";

	static final String ACCESSED = "Thu, 09 Oct 2025 17:54:44 GMT";

	static final String MODIFIED = "Thu, 09 Oct 2025 17:54:45 GMT";

	static final String ATTRIBUTES = "00000020";

	static final String LOCK_BODY = "<?xml version=\"1.0\" encoding=\"utf-8\" ?><D:lockinfo xmlns:D=\"DAV:\">"
			+ "<D:lockscope><D:exclusive/></D:lockscope><D:locktype><D:write/></D:locktype>"
			+ "<D:owner><D:href>WORKGROUP\\alice</D:href></D:owner></D:lockinfo>";

	static final String WIN32_PROPPATCH = "<?xml version=\"1.0\" encoding=\"utf-8\" ?>"
			+ "<D:propertyupdate xmlns:D=\"DAV:\" xmlns:Z=\"" + MS + "\"><D:set><D:prop>"
			+ "<Z:Win32CreationTime>" + CREATED + "</Z:Win32CreationTime>"
			+ "<Z:Win32LastAccessTime>" + ACCESSED + "</Z:Win32LastAccessTime>"
			+ "<Z:Win32LastModifiedTime>" + MODIFIED + "</Z:Win32LastModifiedTime>"
			+ "<Z:Win32FileAttributes>" + ATTRIBUTES + "</Z:Win32FileAttributes>"
			+ "</D:prop></D:set></D:propertyupdate>";

	@Test
	void discoveryWalksFromTheServerRootDownToTheHome() {
		DavClient user = newUser("win");
		DavClient anonymous = new DavClient(baseUrl(), user.username(), null);

		for (String path : List.of("/", "/remote.php/dav/files/" + user.username() + "/")) {
			var options = send(anonymous, "OPTIONS", baseUrl() + path, null);
			assertThat(options.statusCode()).as("OPTIONS %s without credentials", path).isEqualTo(200);
			assertThat(options.headers().firstValue("MS-Author-Via")).as("MS-Author-Via on OPTIONS %s", path)
				.hasValue("DAV");
			assertThat(classes(options)).as("DAV header on OPTIONS %s", path).contains("1", "2");
			assertThat(options.headers().firstValue("Allow").orElse("")).as("Allow on OPTIONS %s", path)
				.contains("LOCK", "UNLOCK", "PROPPATCH", "PUT");
		}

		String home = "/remote.php/dav/files/" + user.username();
		List<String> ancestors = List.of("/", "/remote.php", "/remote.php/dav", "/remote.php/dav/files", home);
		for (String path : ancestors) {
			var depth0 = send(user, "PROPFIND", baseUrl() + path, null, "Depth", "0");
			assertThat(depth0.statusCode()).as("PROPFIND Depth 0 %s (Windows walks every ancestor)", path)
				.isEqualTo(207);
			Document document = ServerTree.xml(depth0.body());
			assertThat(document.getElementsByTagNameNS("DAV:", "response").getLength())
				.as("responses to PROPFIND Depth 0 %s", path)
				.isEqualTo(1);
			assertThat(document.getElementsByTagNameNS("DAV:", "collection").getLength())
				.as("%s is a collection", path)
				.isEqualTo(1);
		}
		for (String path : ancestors.subList(0, ancestors.size() - 1)) {
			var depth1 = send(user, "PROPFIND", baseUrl() + path, null, "Depth", "1");
			assertThat(depth1.statusCode()).as("PROPFIND Depth 1 %s", path).isEqualTo(207);
			List<String> hrefs = hrefs(ServerTree.xml(depth1.body()));
			assertThat(hrefs).as("PROPFIND Depth 1 %s lists a child on the way to %s", path, home)
				.anySatisfy(href -> {
					String child = ServerTree.hrefPath(href);
					assertThat(child.length()).isGreaterThan(path.length() + 1);
					assertThat(home + "/").startsWith(child.endsWith("/") ? child : child + "/");
				});
		}

		var noSlash = send(user, "PROPFIND", baseUrl() + home, null, "Depth", "1");
		assertThat(noSlash.statusCode()).as("PROPFIND of the home without trailing slash and without body")
			.isEqualTo(207);
		assertThat(noSlash.headers().firstValue("Location")).as("no redirect").isEmpty();
		assertThat(hrefs(ServerTree.xml(noSlash.body()))).as("the home lists itself")
			.anySatisfy(href -> assertThat(ServerTree.hrefPath(href)).isIn(home, home + "/"));

		var missing = send(user, "PROPFIND", user.url("replay.txt"), null, "Depth", "0");
		assertThat(missing.statusCode()).as("PROPFIND of a missing file").isEqualTo(404);
		assertThat(missing.body()).as("a plain 404, not a multistatus").doesNotContain("multistatus");
	}

	@Test
	void newFileSequenceKeepsContentTimesAndAttributes() throws IOException {
		DavClient user = newUser("win");
		DavClient anonymous = new DavClient(baseUrl(), user.username(), null);
		String url = user.url("replay.txt");
		String content = "written by Explorer\r\n";

		assertThat(send(user, "PROPFIND", url, null, "Depth", "0").statusCode()).as("PROPFIND before create")
			.isEqualTo(404);
		var create = send(user, "PUT", url, "");
		assertThat(create.statusCode()).as("PUT of 0 bytes").isEqualTo(201);

		var lock = send(user, "LOCK", url, LOCK_BODY, "Timeout", "Second-3600", "Content-Type",
				"text/xml; charset=\"utf-8\"");
		assertThat(lock.statusCode()).as("LOCK without Depth on the new file; body:%n%s", lock.body()).isEqualTo(200);
		String header = lock.headers().firstValue("Lock-Token").orElse("");
		assertThat(header).as("Lock-Token header").matches("<opaquelocktoken:[^>]+>");
		String token = header.substring(1, header.length() - 1);
		assertThat(ServerTree.text(ServerTree.xml(lock.body()).getDocumentElement(), "locktoken"))
			.as("the token in the LOCK body")
			.contains(token);
		assertThat(ServerTree.text(ServerTree.xml(lock.body()).getDocumentElement(), "timeout")).as("lock timeout")
			.isEqualTo("Second-3600");

		assertWin32PatchAccepted(send(user, "PROPPATCH", url, WIN32_PROPPATCH, "If", "(<" + token + ">)",
				"Content-Type", "text/xml; charset=\"utf-8\""), "first PROPPATCH");
		assertThat(lastModified(user, "replay.txt")).as("getlastmodified after the Win32 PROPPATCH")
			.isEqualTo(instant(MODIFIED));

		var unauthenticatedHead = send(anonymous, "HEAD", url, null);
		assertThat(unauthenticatedHead.statusCode()).as("HEAD without credentials").isEqualTo(401);
		assertThat(unauthenticatedHead.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Basic");
		assertThat(send(user, "HEAD", url, null).statusCode()).as("HEAD with credentials").isEqualTo(200);

		var write = send(user, "PUT", url, content, "If", "(<" + token + ">)");
		assertThat(write.statusCode()).as("PUT of the content with the lock token; body:%n%s", write.body())
			.isEqualTo(204);
		var intruder = send(user, "PUT", url, "overwritten without the token");
		assertThat(intruder.statusCode()).as("PUT without the token while locked (same user)").isEqualTo(423);

		// Windows sends the times again after the content, which moved the mtime to now (capture in webdav-provider#14)
		assertWin32PatchAccepted(send(user, "PROPPATCH", url, WIN32_PROPPATCH, "If", "(<" + token + ">)",
				"Content-Type", "text/xml; charset=\"utf-8\""), "second PROPPATCH");

		var unlock = send(user, "UNLOCK", url, null, "Lock-Token", token);
		assertThat(unlock.statusCode()).as("UNLOCK with a token without angle brackets; body:%n%s", unlock.body())
			.isEqualTo(204);

		var get = send(user, "GET", url, null);
		assertThat(get.statusCode()).isEqualTo(200);
		assertThat(get.body()).as("content").isEqualTo(content);
		assertThat(Files.readString(homeDir(user.username()).resolve("replay.txt"))).as("content on disk")
			.isEqualTo(content);
		assertThat(lastModified(user, "replay.txt")).as("getlastmodified equals Win32LastModifiedTime")
			.isEqualTo(instant(MODIFIED));
		assertThat(Files.getLastModifiedTime(homeDir(user.username()).resolve("replay.txt")).toInstant())
			.as("mtime on disk equals Win32LastModifiedTime")
			.isEqualTo(instant(MODIFIED));

		var props = send(user, "PROPFIND", url,
				"<?xml version=\"1.0\" encoding=\"utf-8\" ?><D:propfind xmlns:D=\"DAV:\" xmlns:Z=\"" + MS + "\"><D:prop>"
						+ "<Z:Win32CreationTime/><Z:Win32LastAccessTime/><Z:Win32LastModifiedTime/>"
						+ "<Z:Win32FileAttributes/><D:lockdiscovery/></D:prop></D:propfind>",
				"Depth", "0");
		assertThat(props.statusCode()).isEqualTo(207);
		Document document = ServerTree.xml(props.body());
		Map<String, String> expected = new LinkedHashMap<>();
		expected.put("Win32CreationTime", CREATED);
		expected.put("Win32LastAccessTime", ACCESSED);
		expected.put("Win32LastModifiedTime", MODIFIED);
		expected.put("Win32FileAttributes", ATTRIBUTES);
		for (var property : expected.entrySet()) {
			NodeList found = document.getElementsByTagNameNS(MS, property.getKey());
			assertThat(found.getLength()).as("%s comes back in namespace %s:%n%s", property.getKey(), MS, props.body())
				.isEqualTo(1);
			assertThat(found.item(0).getTextContent()).as(property.getKey()).isEqualTo(property.getValue());
		}
		assertThat(document.getElementsByTagNameNS("DAV:", "activelock").getLength()).as("no lock after UNLOCK")
			.isZero();
		assertThat(send(user, "PUT", url, "after unlock").statusCode()).as("PUT after UNLOCK without token")
			.isEqualTo(204);
	}

	@Test
	void officeMaySendTheTokenAsLockTokenOnPut() {
		DavClient user = newUser("office");
		String url = user.url("report.docx");
		assertThat(send(user, "PUT", url, "v1").statusCode()).isEqualTo(201);
		var lock = send(user, "LOCK", url, LOCK_BODY, "Timeout", "Second-3600");
		assertThat(lock.statusCode()).isEqualTo(200);
		String token = lock.headers().firstValue("Lock-Token").orElseThrow();
		assertThat(send(user, "PUT", url, "v2", "Lock-Token", token).statusCode())
			.as("PUT with the token in Lock-Token (Office 2016, sabre-io/dav#980)")
			.isEqualTo(204);
		assertThat(send(user, "UNLOCK", url, null, "Lock-Token", token).statusCode()).isEqualTo(204);
		assertThat(send(user, "GET", url, null).body()).isEqualTo("v2");
	}

	private HttpResponse<String> send(DavClient client, String method, String url, String body, String... headers) {
		var request = client.request(method, url, body).header("User-Agent", USER_AGENT).header("Translate", "f");
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return ServerTree.send(request);
	}

	/** A 207 whose every propstat is 200 and names the Win32 properties in Microsoft's namespace. */
	private static void assertWin32PatchAccepted(HttpResponse<String> response, String step) {
		assertThat(response.statusCode()).as("%s status; body:%n%s", step, response.body()).isEqualTo(207);
		Document document = ServerTree.xml(response.body());
		List<String> accepted = new ArrayList<>();
		NodeList propstats = document.getElementsByTagNameNS("DAV:", "propstat");
		for (int i = 0; i < propstats.getLength(); i++) {
			Element propstat = (Element) propstats.item(i);
			String status = ServerTree.text(propstat, "status");
			Element prop = (Element) propstat.getElementsByTagNameNS("DAV:", "prop").item(0);
			for (Node child = prop.getFirstChild(); child != null; child = child.getNextSibling()) {
				if (child instanceof Element element) {
					assertThat(element.getNamespaceURI()).as("%s: namespace of %s", step, element.getLocalName())
						.isEqualTo(MS);
					assertThat(status).as("%s: status of %s", step, element.getLocalName()).contains(" 200 ");
					accepted.add(element.getLocalName());
				}
			}
		}
		assertThat(accepted).as("%s: properties answered", step)
			.containsExactlyInAnyOrder("Win32CreationTime", "Win32LastAccessTime", "Win32LastModifiedTime",
					"Win32FileAttributes");
	}

	private static List<String> classes(HttpResponse<String> response) {
		return response.headers()
			.allValues("DAV")
			.stream()
			.flatMap(value -> Arrays.stream(value.split(",")))
			.map(String::trim)
			.toList();
	}

	private static List<String> hrefs(Document document) {
		List<String> hrefs = new ArrayList<>();
		NodeList responses = document.getElementsByTagNameNS("DAV:", "response");
		for (int i = 0; i < responses.getLength(); i++) {
			hrefs.add(ServerTree.text((Element) responses.item(i), "href").trim());
		}
		return hrefs;
	}

	private static Instant lastModified(DavClient user, String path) {
		String value = user.prop(path, "d", "DAV:", "getlastmodified");
		assertThat(value).as("getlastmodified of %s", path).isNotNull();
		return instant(value);
	}

	private static Instant instant(String httpDate) {
		return ZonedDateTime.parse(httpDate.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
	}
}
