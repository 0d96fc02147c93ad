package org.hearth.client.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import javax.xml.stream.XMLStreamException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MultistatusParserTest {

	private static final Instant MODIFIED = Instant.parse("2024-02-29T13:37:42Z");

	/** Builds a multistatus the way Sabre/Nextcloud does, with the given namespace prefixes. */
	private static String multistatus(String d, String oc, String... responses) {
		StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
		xml.append('<').append(d).append(":multistatus xmlns:").append(d).append("=\"DAV:\" xmlns:").append(oc)
			.append("=\"http://owncloud.org/ns\" xmlns:s=\"http://sabredav.org/ns\">");
		for (String r : responses) {
			xml.append(r.replace("D:", d + ":").replace("OC:", oc + ":"));
		}
		xml.append("</").append(d).append(":multistatus>");
		return xml.toString();
	}

	private static String folder(String href, long size) {
		return "<D:response><D:href>" + href + "</D:href>"
				+ "<D:propstat><D:prop><D:resourcetype><D:collection/></D:resourcetype>"
				+ "<D:getlastmodified>" + DateTimeFormatter.RFC_1123_DATE_TIME.format(MODIFIED.atZone(ZoneOffset.UTC))
				+ "</D:getlastmodified><D:getetag>&quot;abc123&quot;</D:getetag><OC:fileid>00000007ocabc</OC:fileid>"
				+ "<OC:size>" + size + "</OC:size></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat>"
				+ "<D:propstat><D:prop><D:getcontentlength/></D:prop><D:status>HTTP/1.1 404 Not Found</D:status>"
				+ "</D:propstat></D:response>";
	}

	private static String file(String href, long length) {
		return "<D:response><D:href>" + href + "</D:href><D:propstat><D:prop><D:resourcetype/>"
				+ "<D:getcontentlength>" + length + "</D:getcontentlength>"
				+ "<D:getlastmodified>Thu, 29 Feb 2024 13:37:42 GMT</D:getlastmodified>"
				+ "<D:getetag>W/\"e1\"</D:getetag><OC:fileid>42</OC:fileid></D:prop>"
				+ "<D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>";
	}

	private static List<DavResource> parse(String xml) throws XMLStreamException {
		return MultistatusParser.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
	}

	@Test
	void parsesFoldersAndFilesWithTheirProperties() throws Exception {
		List<DavResource> resources = parse(multistatus("d", "oc", folder("/remote.php/dav/files/u/Docs/", 1234),
				file("/remote.php/dav/files/u/Docs/Gr%C3%BC%C3%9Fe%20%2B%20%231%20%5Bx%5D.txt", 5),
				file("/remote.php/dav/files/u/Docs/a+b.txt", 0)));

		assertThat(resources).hasSize(3);
		DavResource dir = resources.get(0);
		assertThat(dir.directory()).isTrue();
		assertThat(dir.name()).isEqualTo("Docs");
		assertThat(dir.size()).isEqualTo(1234);
		assertThat(dir.lastModified()).isEqualTo(MODIFIED);
		assertThat(dir.etag()).isEqualTo("abc123");
		assertThat(dir.fileId()).isEqualTo("00000007ocabc");

		DavResource unicode = resources.get(1);
		assertThat(unicode.directory()).isFalse();
		assertThat(unicode.name()).isEqualTo("Grüße + #1 [x].txt");
		assertThat(unicode.href()).isEqualTo("/remote.php/dav/files/u/Docs/Gr%C3%BC%C3%9Fe%20%2B%20%231%20%5Bx%5D.txt");
		assertThat(unicode.size()).isEqualTo(5);
		assertThat(unicode.etag()).isEqualTo("e1");
		assertThat(unicode.fileId()).isEqualTo("42");
		assertThat(unicode.lastModified()).isEqualTo(MODIFIED);

		assertThat(resources.get(2).name()).as("a literal + in an href is a plus, not a space").isEqualTo("a+b.txt");
		assertThat(resources.get(2).size()).isZero();
	}

	@Test
	void readsChecksumsAndPicksTheSha1() throws Exception {
		String withChecksums = "<D:response><D:href>/f/x</D:href><D:propstat><D:prop><D:resourcetype/>"
				+ "<D:getcontentlength>3</D:getcontentlength><OC:checksums><OC:checksum>MD5:aa SHA1:ABCDEF01"
				+ "</OC:checksum></OC:checksums></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>";
		List<DavResource> resources = parse(multistatus("d", "q", withChecksums, file("/f/y", 1)));
		assertThat(resources.get(0).checksums()).isEqualTo("MD5:aa SHA1:ABCDEF01");
		assertThat(resources.get(0).sha1()).isEqualTo("abcdef01");
		assertThat(resources.get(0).size()).as("elements after the checksums are still read").isEqualTo(3);
		assertThat(resources.get(1).checksums()).isNull();
		assertThat(resources.get(1).sha1()).isNull();
		assertThat(DavResource.checksum("SHA1: MD5:x", "SHA1")).as("empty value").isNull();
		assertThat(DavResource.checksum("sha1:Ab", "SHA1")).isEqualTo("ab");
	}

	@Test
	void matchesNamespacesNotPrefixes() throws Exception {
		List<DavResource> resources = parse(multistatus("X", "Y", folder("/f/", 9), file("/f/x", 3)));
		assertThat(resources).extracting(DavResource::directory).containsExactly(true, false);
		assertThat(resources.get(0).size()).isEqualTo(9);

		// same local names in a foreign namespace are not WebDAV elements
		String foreign = "<m:multistatus xmlns:m=\"DAV:\" xmlns:z=\"urn:other\"><m:response><m:href>/a</m:href>"
				+ "<m:propstat><m:prop><z:resourcetype><z:collection/></z:resourcetype><z:size>77</z:size>"
				+ "<m:getcontentlength>4</m:getcontentlength></m:prop><m:status>HTTP/1.1 200 OK</m:status>"
				+ "</m:propstat></m:response></m:multistatus>";
		DavResource a = parse(foreign).get(0);
		assertThat(a.directory()).isFalse();
		assertThat(a.size()).isEqualTo(4);
	}

	@Test
	void ignoresPropertiesOfFailedPropstatsAndFailedResponses() throws Exception {
		String xml = "<d:multistatus xmlns:d=\"DAV:\"><d:response><d:href>/gone</d:href>"
				+ "<d:status>HTTP/1.1 404 Not Found</d:status></d:response>"
				+ "<d:response><d:href>/x</d:href><d:propstat><d:prop><d:getcontentlength>99</d:getcontentlength>"
				+ "</d:prop><d:status>HTTP/1.1 403 Forbidden</d:status></d:propstat>"
				+ "<d:propstat><d:prop><d:resourcetype/></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>"
				+ "</d:response></d:multistatus>";
		List<DavResource> resources = parse(xml);
		assertThat(resources).hasSize(1);
		assertThat(resources.get(0).name()).isEqualTo("x");
		assertThat(resources.get(0).size()).isEqualTo(-1);
		assertThat(resources.get(0).lastModified()).isNull();
	}

	@Test
	void rejectsDocumentsThatAreNotMultistatus() {
		assertThatThrownBy(() -> parse("<html><body>login</body></html>")).isInstanceOf(XMLStreamException.class);
		assertThatThrownBy(() -> parse("not xml")).isInstanceOf(XMLStreamException.class);
	}

	@Test
	void doesNotResolveExternalEntities(@TempDir Path dir) throws Exception {
		Path secret = dir.resolve("secret.txt");
		Files.writeString(secret, "TOP-SECRET");
		String xxe = "<?xml version=\"1.0\"?><!DOCTYPE m [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>"
				+ "<d:multistatus xmlns:d=\"DAV:\"><d:response><d:href>/a&xxe;</d:href><d:propstat><d:prop>"
				+ "<d:resourcetype/></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>"
				+ "</d:multistatus>";
		try {
			List<DavResource> resources = parse(xxe);
			assertThat(resources).allSatisfy(r -> assertThat(r.href()).doesNotContain("TOP-SECRET"));
		}
		catch (XMLStreamException refused) {
			assertThat(refused.getMessage()).doesNotContain("TOP-SECRET");
		}
	}

	@Test
	void doesNotExpandEntityBombs() {
		StringBuilder dtd = new StringBuilder("<!DOCTYPE m [<!ENTITY a0 \"xxxxxxxxxx\">");
		for (int i = 1; i < 10; i++) {
			dtd.append("<!ENTITY a").append(i).append(" \"").append(("&a" + (i - 1) + ";").repeat(10)).append("\">");
		}
		dtd.append("]>");
		String bomb = "<?xml version=\"1.0\"?>" + dtd + "<d:multistatus xmlns:d=\"DAV:\"><d:response><d:href>&a9;"
				+ "</d:href></d:response></d:multistatus>";
		try {
			List<DavResource> resources = parse(bomb);
			assertThat(resources).allSatisfy(r -> assertThat(r.href().length()).isLessThan(1000));
		}
		catch (XMLStreamException refused) {
			// refusing is fine too
		}
	}

	@Test
	void statusLinesAndDates() {
		assertThat(MultistatusParser.statusCode("HTTP/1.1 207 Multi-Status")).isEqualTo(207);
		assertThat(MultistatusParser.statusCode("garbage")).isEqualTo(500);
		assertThat(MultistatusParser.parseHttpDate("Thu, 29 Feb 2024 13:37:42 GMT")).isEqualTo(MODIFIED);
		assertThat(MultistatusParser.parseHttpDate("2024-02-29T13:37:42Z")).isEqualTo(MODIFIED);
		assertThat(MultistatusParser.parseHttpDate("yesterday")).isNull();
	}

	@Test
	void extractsSabreErrorMessages() {
		String body = "<?xml version=\"1.0\" encoding=\"utf-8\"?><d:error xmlns:d=\"DAV:\" xmlns:s=\"http://sabredav.org/ns\">"
				+ "<s:exception>Sabre\\DAV\\Exception\\Conflict</s:exception><s:message>Parent node does not exist"
				+ "</s:message></d:error>";
		assertThat(MultistatusParser.sabreMessage(body)).isEqualTo("Parent node does not exist");
		assertThat(MultistatusParser.sabreMessage("<html>oops</html>")).isNull();
		assertThat(MultistatusParser.sabreMessage("")).isNull();
	}
}
