package org.hearth.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.hearth.testing.DavClient;
import org.hearth.testing.UrlPaths;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The server's view of a home, read over WebDAV (PROPFIND Depth 1 folder by folder, GET) and from its disk. */
final class ServerTree {

	/** One resource as PROPFIND lists it. */
	record Entry(String path, boolean folder, long size, boolean locked) {
	}

	private static final HttpClient HTTP = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	private static final String LISTING = "<?xml version=\"1.0\" encoding=\"utf-8\"?><d:propfind xmlns:d=\"DAV:\"><d:prop>"
			+ "<d:resourcetype/><d:getcontentlength/><d:lockdiscovery/></d:prop></d:propfind>";

	private ServerTree() {
	}

	/** Every file and folder below the home (not the home itself), by decoded relative path. */
	static Map<String, Entry> list(DavClient user) {
		Map<String, Entry> entries = new TreeMap<>();
		Deque<String> folders = new ArrayDeque<>();
		folders.add("");
		while (!folders.isEmpty()) {
			String folder = folders.removeFirst();
			var response = user.propfind(UrlPaths.encode(folder), 1, LISTING);
			assertThat(response.statusCode()).as("PROPFIND Depth 1 of '%s'", folder).isEqualTo(207);
			for (Entry entry : parse(user, response.body())) {
				if (entry.path().equals(folder)) {
					continue;
				}
				assertThat(entries).as("listed twice: %s", entry.path()).doesNotContainKey(entry.path());
				entries.put(entry.path(), entry);
				if (entry.folder()) {
					folders.add(entry.path());
				}
			}
		}
		return entries;
	}

	/** Sends over HTTP/1.1 only, as the mount clients do (no h2c upgrade headers). */
	static HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	static byte[] get(DavClient user, String path) {
		var request = user.request("GET", user.url(UrlPaths.encode(path)), null);
		try {
			HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
			assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
			return response.body();
		}
		catch (IOException e) {
			throw new IllegalStateException("GET " + path + " failed", e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	/**
	 * Asserts that the server holds exactly {@code expected}: the same files and folders in PROPFIND, the same sizes
	 * and SHA-1 over GET, the same tree on disk, and no lock left behind.
	 */
	static void assertHolds(DavClient user, Path home, Map<String, byte[]> expected, String context) {
		Map<String, Entry> listed = list(user);
		TreeSet<String> files = new TreeSet<>();
		TreeSet<String> folders = new TreeSet<>();
		listed.values().forEach(entry -> (entry.folder() ? folders : files).add(entry.path()));
		assertThat(files).as("%s: files in PROPFIND", context).containsExactlyElementsOf(new TreeSet<>(expected.keySet()));
		assertThat(folders).as("%s: folders in PROPFIND", context).containsExactlyElementsOf(Fixtures.folders(expected));
		assertThat(listed.values().stream().filter(Entry::locked).map(Entry::path).toList())
			.as("%s: locks left behind", context)
			.isEmpty();
		for (var file : expected.entrySet()) {
			String path = file.getKey();
			byte[] content = file.getValue();
			assertThat(listed.get(path).size()).as("%s: getcontentlength of %s", context, path).isEqualTo(content.length);
			assertThat(Fixtures.sha1(get(user, path))).as("%s: SHA-1 over GET of %s", context, path)
				.isEqualTo(Fixtures.sha1(content));
		}
		assertDisk(home, expected, context);
	}

	/** The home folder on disk holds exactly the expected files (names in NFC) and their folders. */
	static void assertDisk(Path home, Map<String, byte[]> expected, String context) {
		TreeMap<String, Path> files = new TreeMap<>();
		TreeSet<String> folders = new TreeSet<>();
		try (Stream<Path> walk = Files.walk(home)) {
			walk.filter(p -> !p.equals(home)).forEach(p -> {
				String relative = home.relativize(p).toString();
				if (Files.isDirectory(p)) {
					folders.add(relative);
				}
				else {
					files.put(relative, p);
				}
			});
		}
		catch (IOException e) {
			throw new IllegalStateException("cannot walk " + home, e);
		}
		assertThat(files.keySet()).as("%s: files on disk under %s", context, home)
			.containsExactlyElementsOf(new TreeSet<>(expected.keySet()));
		assertThat(folders).as("%s: folders on disk under %s", context, home)
			.containsExactlyElementsOf(Fixtures.folders(expected));
		for (var file : files.entrySet()) {
			try {
				byte[] content = Files.readAllBytes(file.getValue());
				assertThat(content.length).as("%s: size on disk of %s", context, file.getKey())
					.isEqualTo(expected.get(file.getKey()).length);
				assertThat(Fixtures.sha1(content)).as("%s: SHA-1 on disk of %s", context, file.getKey())
					.isEqualTo(Fixtures.sha1(expected.get(file.getKey())));
			}
			catch (IOException e) {
				throw new IllegalStateException(e);
			}
		}
	}

	/** Parses a multistatus into entries relative to the user's home. */
	static List<Entry> parse(DavClient user, String body) {
		Document document = xml(body);
		String prefix = "/remote.php/dav/files/" + UrlPaths.encode(user.username()) + "/";
		List<Entry> entries = new ArrayList<>();
		NodeList responses = document.getElementsByTagNameNS("DAV:", "response");
		for (int i = 0; i < responses.getLength(); i++) {
			Element response = (Element) responses.item(i);
			String href = text(response, "href");
			String path = hrefPath(href);
			assertThat(path).as("href %s lies in the home", href).startsWith(prefix.substring(0, prefix.length() - 1));
			String relative = path.length() <= prefix.length() ? "" : path.substring(prefix.length());
			if (relative.endsWith("/")) {
				relative = relative.substring(0, relative.length() - 1);
			}
			relative = UrlPaths.decode(relative);
			boolean folder = response.getElementsByTagNameNS("DAV:", "collection").getLength() > 0;
			String length = text(response, "getcontentlength");
			long size = length == null || length.isBlank() ? -1 : Long.parseLong(length.trim());
			boolean locked = response.getElementsByTagNameNS("DAV:", "activelock").getLength() > 0;
			entries.add(new Entry(relative, folder, size, locked));
		}
		return entries;
	}

	/** The path of an href that may be an absolute URL. */
	static String hrefPath(String href) {
		if (href.startsWith("http://") || href.startsWith("https://")) {
			int slash = href.indexOf('/', href.indexOf("//") + 2);
			return slash < 0 ? "/" : href.substring(slash);
		}
		return href;
	}

	static Document xml(String body) {
		try {
			DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
			factory.setNamespaceAware(true);
			factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
			return factory.newDocumentBuilder().parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
		}
		catch (Exception e) {
			throw new AssertionError("not well-formed XML: " + e.getMessage() + "\n" + body, e);
		}
	}

	/** The text of the first DAV: element with this local name below {@code parent}, or null. */
	static String text(Element parent, String localName) {
		NodeList list = parent.getElementsByTagNameNS("DAV:", localName);
		return list.getLength() == 0 ? null : list.item(0).getTextContent();
	}
}
