package org.hearth.dav;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.hearth.testing.DavClient;
import org.hearth.testing.HearthIT;
import org.junit.jupiter.api.Test;

/** Bad input gets a clear error and changes nothing. */
class DavBadInputIT extends HearthIT {

	@Test
	void traversalInTheUrlNeverLeavesTheHome() {
		DavClient alice = newUser("alice");
		DavClient bob = newUser("bob");
		bob.put("secret.txt", "bob's");
		for (String path : new String[] { "../" + bob.username() + "/secret.txt", "%2e%2e/" + bob.username() + "/secret.txt",
				"a/%2e%2e%2f%2e%2e%2f" + bob.username() + "/secret.txt", "..%2f" + bob.username() + "/secret.txt" }) {
			var response = alice.get(path);
			assertThat(response.statusCode()).as(path).isIn(400, 404);
			assertThat(response.body()).as(path).doesNotContain("bob's");
		}
		var other = alice.send(alice.request("GET", baseUrl() + "/remote.php/dav/files/" + bob.username() + "/secret.txt", null));
		assertThat(other.statusCode()).as("another user's home").isEqualTo(404);
	}

	@Test
	void traversalInDestinationIsRefusedAndNothingMoves() {
		DavClient alice = newUser("alice");
		DavClient bob = newUser("bob");
		alice.put("mine.txt", "alice's");
		String home = "/remote.php/dav/files/" + alice.username() + "/";
		String[] destinations = { home + "../" + bob.username() + "/stolen.txt",
				home + "%2e%2e/" + bob.username() + "/stolen.txt", home + "a%2f..%2f..%2fstolen.txt",
				baseUrl() + home + "..%2F..%2Fstolen.txt", "/remote.php/dav/files/" + bob.username() + "/stolen.txt",
				"/etc/passwd", home + "..\\stolen.txt" };
		for (String destination : destinations) {
			var response = alice.send("MOVE", "mine.txt", null, "Destination", destination);
			assertThat(response.statusCode()).as(destination).isIn(400, 403);
			var copy = alice.send("COPY", "mine.txt", null, "Destination", destination);
			assertThat(copy.statusCode()).as(destination).isIn(400, 403);
		}
		assertThat(alice.get("mine.txt").body()).isEqualTo("alice's");
		assertThat(bob.get("stolen.txt").statusCode()).isEqualTo(404);
		assertThat(homeDir(bob.username()).resolve("stolen.txt")).doesNotExist();
		assertThat(DATA_DIR.resolve("users/stolen.txt")).doesNotExist();
	}

	@Test
	void impossibleNamesAreRefused() {
		DavClient user = newUser("names");
		assertThat(user.put("bad%00name.txt", "x").statusCode()).isEqualTo(400);
		assertThat(user.put("tab%09name.txt", "x").statusCode()).isEqualTo(400);
		assertThat(user.put("back%5Cslash.txt", "x").statusCode()).isEqualTo(400);
		assertThat(user.put("x".repeat(256) + ".txt", "x").statusCode()).isEqualTo(400);
		assertThat(user.propfind("", 1, null).body()).doesNotContain("name.txt", "slash.txt");
	}

	@Test
	void malformedXmlIs400AndChangesNothing() {
		DavClient user = newUser("xml");
		user.put("f.txt", "content");
		String etag = user.etag("f.txt");
		assertThat(user.send("PROPFIND", "f.txt", "<d:propfind xmlns:d=\"DAV:\"><d:prop>", "Depth", "0").statusCode())
			.isEqualTo(400);
		assertThat(user.send("PROPFIND", "f.txt", "<foo/>", "Depth", "0").statusCode()).isEqualTo(400);
		assertThat(user.send("PROPPATCH", "f.txt",
				"<d:propertyupdate xmlns:d=\"DAV:\"><d:set><d:prop><x:a xmlns:x=\"urn:x\">1</x:a></d:prop></d:set>")
			.statusCode()).isEqualTo(400);
		assertThat(user.send("LOCK", "f.txt", "<d:lockinfo xmlns:d=\"DAV:\"><d:lockscope>").statusCode()).isEqualTo(400);
		assertThat(user.prop("f.txt", "x", "urn:x", "a")).isNull();
		assertThat(user.put("f.txt", "again", "If", "(<opaquelocktoken:none>)").statusCode()).isEqualTo(412);
		assertThat(user.etag("f.txt")).isEqualTo(etag);
	}

	@Test
	void entityExpansionIsRejected() {
		DavClient user = newUser("laughs");
		user.put("f.txt", "content");
		String bomb = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
				+ "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]><d:propertyupdate xmlns:d=\"DAV:\"><d:set><d:prop>"
				+ "<x:a xmlns:x=\"urn:x\">&c;</x:a></d:prop></d:set></d:propertyupdate>";
		assertThat(user.send("PROPPATCH", "f.txt", bomb).statusCode()).isEqualTo(400);
		String external = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
				+ "<d:propfind xmlns:d=\"DAV:\"><d:prop><d:getetag/></d:prop></d:propfind>";
		var response = user.send("PROPFIND", "f.txt", external, "Depth", "0");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).doesNotContain("root:");
		assertThat(user.prop("f.txt", "x", "urn:x", "a")).isNull();
	}

	@Test
	void oversizedPropertyBodiesAre413() {
		DavClient user = newUser("big");
		user.put("f.txt", "content");
		String huge = "<d:propertyupdate xmlns:d=\"DAV:\"><d:set><d:prop><x:a xmlns:x=\"urn:x\">" + "y".repeat(2_000_000)
				+ "</x:a></d:prop></d:set></d:propertyupdate>";
		assertThat(user.send("PROPPATCH", "f.txt", huge).statusCode()).isEqualTo(413);
	}

	@Test
	void quotaExceededIs507AndNothingIsWritten() {
		DavClient user = newUser("quota", 100);
		assertThat(user.put("fits.txt", "x".repeat(60)).statusCode()).isEqualTo(201);
		assertThat(user.put("too-big.txt", "y".repeat(60)).statusCode()).isEqualTo(507);
		assertThat(user.get("too-big.txt").statusCode()).isEqualTo(404);
		assertThat(homeDir(user.username()).resolve("too-big.txt")).doesNotExist();
		assertThat(user.put("fits.txt", "z".repeat(100)).statusCode()).as("replacing counts the old size back").isEqualTo(204);
		assertThat(user.send("COPY", "fits.txt", null, "Destination", user.url("copy.txt")).statusCode()).isEqualTo(507);
		assertThat(user.prop("", "oc", "http://owncloud.org/ns", "size")).isEqualTo("100");
	}

	@Test
	void moveOrCopyIntoItsOwnSubtreeIsRefused() {
		DavClient user = newUser("subtree");
		user.mkcol("a");
		user.mkcol("a/b");
		assertThat(user.move("a", "a/b/a").statusCode()).isIn(403, 409);
		assertThat(user.send("COPY", "a", null, "Destination", user.url("a/b/c")).statusCode()).isIn(403, 409);
		assertThat(user.propfind("a/b", 1, null).body()).doesNotContain("a/b/a", "a/b/c");
		assertThat(user.move("a", "a").statusCode()).isEqualTo(403);
	}

	@Test
	void depthInfinityPropfindIsRefused() {
		DavClient user = newUser("depth");
		var response = user.send("PROPFIND", "", null, "Depth", "infinity");
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.body()).contains("propfind-finite-depth");
	}

	@Test
	void anUploadKilledMidBodyLeavesNoFileNoRowAndNoTemporaryFile() throws Exception {
		DavClient user = newUser("killed");
		String path = "/remote.php/dav/files/" + user.username() + "/partial.bin";
		try (Socket socket = new Socket("127.0.0.1", port)) {
			OutputStream out = socket.getOutputStream();
			out.write(("PUT " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: "
					+ DavClient.basic(user.username(), user.password()) + "\r\nContent-Length: 10000000\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.write(new byte[1_000_000]);
			out.flush();
			Thread.sleep(300);
		}
		Path tmp = DATA_DIR.resolve(".hearth/tmp");
		long deadline = System.nanoTime() + Duration.ofSeconds(70).toNanos();
		while (System.nanoTime() < deadline && hasUploads(tmp)) {
			Thread.sleep(100);
		}
		assertThat(hasUploads(tmp)).as("temporary upload removed").isFalse();
		assertThat(user.get("partial.bin").statusCode()).isEqualTo(404);
		assertThat(homeDir(user.username()).resolve("partial.bin")).doesNotExist();
		assertThat(user.propfind("", 1, null).body()).doesNotContain("partial.bin");
	}

	private static boolean hasUploads(Path tmp) throws Exception {
		try (var files = Files.list(tmp)) {
			return files.anyMatch(p -> p.getFileName().toString().startsWith("upload-"));
		}
	}
}
