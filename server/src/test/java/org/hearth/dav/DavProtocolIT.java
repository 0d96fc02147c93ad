package org.hearth.dav;

import static org.assertj.core.api.Assertions.assertThat;

import org.hearth.testing.DavClient;
import org.hearth.testing.HearthIT;
import org.junit.jupiter.api.Test;

/** The WebDAV details Nextcloud clients and mounts rely on (nextcloud-compat.md §4–§7). */
class DavProtocolIT extends HearthIT {

	@Test
	void putAnswersWithTheHeadersSyncClientsNeedAndHonoursMtime() {
		DavClient user = newUser("put");
		var created = user.put("doc.txt", "v1", "X-OC-Mtime", "1700000000.75");
		assertThat(created.statusCode()).isEqualTo(201);
		String etag = created.headers().firstValue("ETag").orElseThrow();
		assertThat(created.headers().firstValue("OC-ETag")).hasValue(etag);
		assertThat(created.headers().firstValue("X-OC-MTime")).hasValue("accepted");
		String fileId = user.fileId("doc.txt");
		assertThat(created.headers().firstValue("OC-FileId").orElseThrow()).matches(String.format("%08d", Long.parseLong(fileId)) + "oc[a-z0-9]{10}");
		assertThat(user.prop("doc.txt", "d", "DAV:", "getlastmodified")).isEqualTo("Tue, 14 Nov 2023 22:13:20 GMT");
		assertThat(user.prop("doc.txt", "oc", "http://owncloud.org/ns", "id")).isEqualTo(created.headers().firstValue("OC-FileId").orElseThrow());
		assertThat(user.prop("doc.txt", "oc", "http://owncloud.org/ns", "permissions")).isEqualTo("RGDNVW");
		assertThat(user.prop("", "oc", "http://owncloud.org/ns", "permissions")).isEqualTo("RGDNVCK");
		var born = user.put("born.txt", "x", "X-OC-CTime", "1600000000.5");
		assertThat(born.headers().firstValue("X-OC-CTime")).hasValue("accepted");
		assertThat(user.prop("born.txt", "nc", "http://nextcloud.org/ns", "creation_time")).isEqualTo("1600000000");

		assertThat(user.put("doc.txt", "v2", "If-Match", "\"stale\"").statusCode()).isEqualTo(412);
		assertThat(user.put("doc.txt", "v2", "If-None-Match", "*").statusCode()).isEqualTo(412);
		assertThat(user.put("doc.txt", "v2", "If-Match", etag).statusCode()).isEqualTo(204);
		assertThat(user.get("doc.txt").body()).isEqualTo("v2");
		assertThat(user.put("missing/doc.txt", "x").statusCode()).as("no parent").isEqualTo(409);
		assertThat(user.put("doc.txt", "v3", "OC-Checksum", "SHA1:0000000000000000000000000000000000000000").statusCode())
			.as("wrong checksum").isEqualTo(400);
		assertThat(user.get("doc.txt").body()).isEqualTo("v2");
		assertThat(user.put("doc.txt", "v3", "OC-Checksum", "SHA1:c5e31d5915661de4393e3f1489b00ebc4497dd48").statusCode())
			.isEqualTo(204);
		assertThat(user.prop("doc.txt", "oc", "http://owncloud.org/ns", "checksums"))
			.isEqualTo("<oc:checksum>SHA1:c5e31d5915661de4393e3f1489b00ebc4497dd48</oc:checksum>");
	}

	@Test
	void getServesRangesEtagsAndChecksums() {
		DavClient user = newUser("get");
		user.put("abc.txt", "abcdefghij");
		var full = user.get("abc.txt");
		assertThat(full.headers().firstValue("ETag")).isPresent();
		assertThat(full.headers().firstValue("OC-Checksum")).hasValue("SHA1:d68c19a0a345b7eab78d5e11e991c026ec60db63");
		assertThat(full.headers().firstValue("Accept-Ranges")).hasValue("bytes");
		var middle = user.send("GET", "abc.txt", null, "Range", "bytes=2-4");
		assertThat(middle.statusCode()).isEqualTo(206);
		assertThat(middle.body()).isEqualTo("cde");
		assertThat(middle.headers().firstValue("Content-Range")).hasValue("bytes 2-4/10");
		var suffix = user.send("GET", "abc.txt", null, "Range", "bytes=-3");
		assertThat(suffix.statusCode()).isEqualTo(206);
		assertThat(suffix.body()).isEqualTo("hij");
		var outside = user.send("GET", "abc.txt", null, "Range", "bytes=20-30");
		assertThat(outside.statusCode()).isEqualTo(416);
		assertThat(outside.headers().firstValue("Content-Range")).hasValue("bytes */10");
		var notModified = user.send("GET", "abc.txt", null, "If-None-Match", full.headers().firstValue("ETag").orElseThrow());
		assertThat(notModified.statusCode()).isEqualTo(304);
		user.mkcol("folder");
		assertThat(user.send("HEAD", "folder", null).statusCode()).as("HEAD on folders, for Android").isEqualTo(200);
		assertThat(user.send("HEAD", "nothing", null).statusCode()).isEqualTo(404);
	}

	@Test
	void copyAndMoveAcceptPathAndUrlDestinationsAndDefaultToOverwrite() {
		DavClient user = newUser("mv");
		user.put("a.txt", "A");
		user.put("b.txt", "B");
		String pathOnly = "/remote.php/dav/files/" + user.username() + "/sp%20ace%20%26%20plus+hash%23.txt";
		assertThat(user.send("COPY", "a.txt", null, "Destination", pathOnly).statusCode()).isEqualTo(201);
		assertThat(user.propfind("", 1, null).body()).contains("sp%20ace%20&amp;%20plus+hash%23.txt");
		assertThat(user.get("sp%20ace%20%26%20plus+hash%23.txt").body()).isEqualTo("A");
		assertThat(user.move("a.txt", "b.txt", "Overwrite", "F").statusCode()).isEqualTo(412);
		assertThat(user.move("a.txt", "b.txt").statusCode()).as("no Overwrite header means T").isEqualTo(204);
		assertThat(user.get("b.txt").body()).isEqualTo("A");
		assertThat(user.get("a.txt").statusCode()).isEqualTo(404);
		assertThat(user.move("b.txt", "nowhere/b.txt").statusCode()).isEqualTo(409);
		assertThat(user.mkcol("b.txt").statusCode()).as("exists").isEqualTo(405);
		assertThat(user.send("MKCOL", "withbody", "<x/>").statusCode()).isEqualTo(415);
	}

	@Test
	void theLegacyWebdavRootIsTheSameTree() {
		DavClient user = newUser("legacy");
		user.put("same.txt", "one tree");
		var legacy = user.send(user.request("GET", baseUrl() + "/remote.php/webdav/same.txt", null));
		assertThat(legacy.statusCode()).isEqualTo(200);
		assertThat(legacy.body()).isEqualTo("one tree");
		var listing = user.send(user.request("PROPFIND", baseUrl() + "/remote.php/webdav/", null).header("Depth", "1"));
		assertThat(listing.body()).contains("<d:href>/remote.php/webdav/same.txt</d:href>");
	}

	@Test
	void unknownMethodsAre501AndPropfindAskedForUnknownPropsAnswers404Propstat() {
		DavClient user = newUser("misc");
		assertThat(user.send("SEARCH", "", null).statusCode()).isEqualTo(501);
		var response = user.propfind("", 0, "<d:propfind xmlns:d=\"DAV:\"><d:prop><d:getetag/><x:nope xmlns:x=\"urn:x\"/></d:prop>"
				+ "stray text</d:propfind>");
		assertThat(response.statusCode()).isEqualTo(207);
		assertThat(response.body()).contains("HTTP/1.1 200 OK", "HTTP/1.1 404 Not Found", "<x:nope xmlns:x=\"urn:x\"/>");
		assertThat(response.body().indexOf("200 OK")).as("200 propstat first").isLessThan(response.body().indexOf("404 Not Found"));
	}
}
