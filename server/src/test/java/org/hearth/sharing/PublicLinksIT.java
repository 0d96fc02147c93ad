package org.hearth.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.hearth.previews.Images;
import org.hearth.previews.PreviewFetch;
import org.hearth.testing.DavClient;
import org.hearth.testing.HearthIT;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** What a visitor of a public link can do, over public DAV and the public pages. */
class PublicLinksIT extends HearthIT {

	@Autowired
	ShareService shares;

	/** 256 KiB that deflate cannot shrink much. */
	static final String NOISE = noise();

	LinkFixture links;

	DavClient owner;

	@BeforeEach
	void photos() {
		links = new LinkFixture(shares, users);
		owner = newUser("sharer");
		assertThat(owner.mkcol("Photos").statusCode()).isEqualTo(201);
		assertThat(owner.mkcol("Photos/Day%202").statusCode()).isEqualTo(201);
		assertThat(owner.put("Photos/beach.jpg", "beach bytes").statusCode()).isEqualTo(201);
		assertThat(owner.put("Photos/Day%202/caf%C3%A9%20%26%20cake.jpg", "cake bytes").statusCode()).isEqualTo(201);
	}

	@Test
	void readOnlyLinkServesDavAndTheFolderPage() {
		var link = links.create(owner, "Photos", LinkFixture.READ);
		LinkVisitor visitor = LinkVisitor.anonymous(baseUrl());
		var listing = visitor.send("PROPFIND", "/public.php/dav/files/" + link.token() + "/", null, "Depth", "1");
		assertThat(listing.statusCode()).isEqualTo(207);
		assertThat(LinkVisitor.text(listing)).contains("/public.php/dav/files/" + link.token() + "/beach.jpg")
			.doesNotContain("/remote.php/");
		assertThat(LinkVisitor.text(visitor.send("GET", "/public.php/dav/files/" + link.token() + "/beach.jpg", null)))
			.isEqualTo("beach bytes");

		var page = visitor.send("GET", "/index.php/s/" + link.token(), null);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(LinkVisitor.text(page)).contains("beach.jpg", "11 B", "Day 2/", "/download?path=/beach.jpg",
				"Download all as zip");
		var sub = visitor.send("GET", "/index.php/s/" + link.token() + "?path=/Day%202", null);
		assertThat(LinkVisitor.text(sub)).contains("café &amp; cake.jpg");
		var file = visitor.send("GET", "/index.php/s/" + link.token() + "/download?path=%2FDay%202%2Fcaf%C3%A9%20%26%20cake.jpg", null);
		assertThat(file.statusCode()).isEqualTo(200);
		assertThat(LinkVisitor.text(file)).isEqualTo("cake bytes");
		assertThat(file.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment;");
	}

	@Test
	void linkToOneFileShowsAndDownloadsThatFile() {
		var link = links.create(owner, "Photos/beach.jpg", LinkFixture.READ);
		LinkVisitor visitor = LinkVisitor.anonymous(baseUrl());
		assertThat(LinkVisitor.text(visitor.send("GET", "/index.php/s/" + link.token(), null))).contains("beach.jpg",
				"Download");
		assertThat(LinkVisitor.text(visitor.send("GET", "/index.php/s/" + link.token() + "/download", null)))
			.isEqualTo("beach bytes");
	}

	@Test
	void hiddenDownloadListsWithoutDownloadLinksAndRefusesDownloads() {
		var link = links.create(owner, "Photos", LinkFixture.READ, null, null, true);
		LinkVisitor visitor = LinkVisitor.anonymous(baseUrl());
		String page = LinkVisitor.text(visitor.send("GET", "/index.php/s/" + link.token(), null));
		assertThat(page).contains("beach.jpg").doesNotContain("/download");
		assertThat(visitor.send("GET", "/index.php/s/" + link.token() + "/download?path=/beach.jpg", null).statusCode())
			.isEqualTo(403);
		assertThat(visitor.send("GET", "/index.php/s/" + link.token() + "/download", null).statusCode()).isEqualTo(403);
	}

	@Test
	void readWriteLinkChangesLandInTheOwnersHome() {
		var link = links.create(owner, "Photos", LinkFixture.READ_WRITE);
		LinkVisitor visitor = LinkVisitor.anonymous(baseUrl());
		String dav = "/public.php/dav/files/" + link.token();
		assertThat(visitor.send("PUT", dav + "/new.txt", "from a visitor").statusCode()).isEqualTo(201);
		assertThat(visitor.send("MKCOL", dav + "/Album", null).statusCode()).isEqualTo(201);
		assertThat(visitor.send("MOVE", dav + "/new.txt", null, "Destination", baseUrl() + dav + "/Album/new.txt")
			.statusCode()).isEqualTo(201);
		assertThat(visitor.send("DELETE", dav + "/beach.jpg", null).statusCode()).isEqualTo(204);
		assertThat(owner.get("Photos/Album/new.txt").body()).isEqualTo("from a visitor");
		assertThat(owner.get("Photos/beach.jpg").statusCode()).isEqualTo(404);
		LinkVisitor legacy = visitor.withBasic(link.token(), "");
		assertThat(legacy.send("PUT", "/public.php/webdav/legacy.txt", "legacy").statusCode()).isEqualTo(201);
		assertThat(owner.get("Photos/legacy.txt").body()).isEqualTo("legacy");
	}

	@Test
	void fileDropRenamesOnClashAndItsPageShowsNoNames() {
		var link = links.create(owner, "Photos", LinkFixture.UPLOAD_ONLY);
		LinkVisitor visitor = LinkVisitor.anonymous(baseUrl());
		String dav = "/public.php/dav/files/" + link.token();
		assertThat(visitor.send("PUT", dav + "/beach.jpg", "a relative's beach").statusCode()).isEqualTo(201);
		assertThat(visitor.send("PUT", dav + "/beach.jpg", "another beach").statusCode()).isEqualTo(201);
		assertThat(owner.get("Photos/beach.jpg").body()).isEqualTo("beach bytes");
		assertThat(owner.get("Photos/beach%20(2).jpg").body()).isEqualTo("a relative's beach");
		assertThat(owner.get("Photos/beach%20(3).jpg").body()).isEqualTo("another beach");
		var listing = visitor.send("PROPFIND", dav + "/", null, "Depth", "1");
		assertThat(listing.statusCode()).as("a drop shows nothing, not even itself").isEqualTo(404);
		assertThat(LinkVisitor.text(listing)).doesNotContain("beach");
		String page = LinkVisitor.text(visitor.send("GET", "/index.php/s/" + link.token(), null));
		assertThat(page).contains("drop.js", "/public.php/dav/files/" + link.token()).doesNotContain("beach");
		assertThat(visitor.send("GET", "/public-links/drop.js", null).statusCode()).isEqualTo(200);
	}

	@Test
	void dropPageResumesALargeUploadFromThePartsAlreadyReceived() {
		var link = links.create(owner, "Photos", LinkFixture.UPLOAD_ONLY);
		LinkVisitor page = LinkVisitor.anonymous(baseUrl());
		String session = "/index.php/s/" + link.token() + "/uploads/f0123456789abcdef";
		assertThat(page.send("POST", session + "?total=9", null).statusCode()).isEqualTo(201);
		assertThat(page.send("PUT", session + "/000000", "beach").statusCode()).isEqualTo(201);
		assertThat(page.send("POST", session + "?total=9", null).statusCode()).as("a reloaded page finds it open")
			.isEqualTo(200);
		assertThat(LinkVisitor.text(page.send("GET", session, null))).isEqualTo("{\"parts\":{\"000000\":5}}");
		var otherLink = links.create(owner, "Photos", LinkFixture.UPLOAD_ONLY);
		assertThat(page.send("GET", "/index.php/s/" + otherLink.token() + "/uploads/f0123456789abcdef", null)
			.statusCode()).as("another link's visitors do not reach the session").isEqualTo(404);
		assertThat(page.send("PUT", session + "/000001", " day").statusCode()).isEqualTo(201);
		assertThat(page.send("POST", session + "/assemble?name=beach.jpg&mtime=1700000000", null).statusCode())
			.isEqualTo(201);
		assertThat(owner.get("Photos/beach.jpg").body()).isEqualTo("beach bytes");
		assertThat(owner.get("Photos/beach%20(2).jpg").body()).isEqualTo("beach day");
		assertThat(page.send("GET", session, null).statusCode()).as("assembled: the session is gone").isEqualTo(404);
	}

	@Test
	void protectedDropTakesUploadsFromTheBrowserThatGaveThePassword() {
		var link = links.create(owner, "Photos", LinkFixture.UPLOAD_ONLY, "wedding", null, false);
		LinkVisitor browser = LinkVisitor.anonymous(baseUrl());
		String upload = "/public.php/dav/files/" + link.token() + "/cake.jpg";
		assertThat(browser.send("PUT", upload, "cake").statusCode()).isEqualTo(401);
		assertThat(browser.send("GET", "/index.php/s/" + link.token(), null).statusCode()).isEqualTo(401);
		assertThat(browser.submitPassword(link.token(), "wedding").statusCode()).isEqualTo(303);
		assertThat(LinkVisitor.text(browser.send("GET", "/index.php/s/" + link.token(), null))).contains("drop.js");
		assertThat(browser.send("PUT", upload, "cake").statusCode()).as("the page's uploads carry the grant")
			.isEqualTo(201);
		assertThat(owner.get("Photos/cake.jpg").body()).isEqualTo("cake");
	}

	@Test
	void passwordFormGrantsTheSessionAndTheDavFormsTakeThePassword() {
		var link = links.create(owner, "Photos", LinkFixture.READ, "s3cret pw", null, false);
		LinkVisitor browser = LinkVisitor.anonymous(baseUrl());
		var form = browser.send("GET", "/index.php/s/" + link.token(), null);
		assertThat(form.statusCode()).isEqualTo(401);
		assertThat(LinkVisitor.text(form)).contains("type=\"password\"").doesNotContain("beach");
		var forged = LinkVisitor.anonymous(baseUrl()).submitPassword(link.token(), "s3cret pw", "");
		assertThat(forged.statusCode()).as("a form sent without the page's token").isEqualTo(403);
		var foreignToken = browser.submitPassword(link.token(), "s3cret pw",
				LinkVisitor.text(LinkVisitor.anonymous(baseUrl()).send("GET", "/index.php/s/" + link.token(), null))
					.replaceFirst("(?s).*name=\"csrf\" value=\"([^\"]+)\".*", "$1"));
		assertThat(foreignToken.statusCode()).as("another session's token").isEqualTo(403);
		assertThat(browser.send("GET", "/index.php/s/" + link.token(), null).statusCode()).as("still locked")
			.isEqualTo(401);
		var wrong = browser.submitPassword(link.token(), "wrong");
		assertThat(wrong.statusCode()).isEqualTo(401);
		assertThat(LinkVisitor.text(wrong)).contains("Wrong password");
		var right = browser.submitPassword(link.token(), "s3cret pw");
		assertThat(right.statusCode()).isEqualTo(303);
		assertThat(right.headers().firstValue("Location")).hasValue("/index.php/s/" + link.token());
		String cookie = right.headers().firstValue("Set-Cookie").orElseThrow();
		assertThat(cookie).contains("HttpOnly").containsIgnoringCase("SameSite=Lax");
		assertThat(LinkVisitor.text(browser.send("GET", "/index.php/s/" + link.token(), null))).contains("beach.jpg");
		assertThat(LinkVisitor.text(browser.send("GET", "/index.php/s/" + link.token() + "/download?path=/beach.jpg",
				null))).isEqualTo("beach bytes");
		assertThat(LinkVisitor.anonymous(baseUrl())
			.send("GET", "/index.php/s/" + link.token() + "/download?path=/beach.jpg", null)
			.statusCode()).as("another browser has no grant").isEqualTo(401);

		LinkVisitor client = LinkVisitor.anonymous(baseUrl());
		assertThat(client.withBasic("anonymous", "s3cret pw")
			.send("GET", "/public.php/dav/files/" + link.token() + "/beach.jpg", null)
			.statusCode()).isEqualTo(200);
		assertThat(client.withBasic(link.token(), "s3cret pw")
			.send("PROPFIND", "/public.php/webdav/", null, "Depth", "1")
			.statusCode()).isEqualTo(207);
	}

	@Test
	void zipOfTheWholeFolderAndOfASelectionHoldsTheFilesByteForByte() throws IOException {
		// more than the server's output buffer, so the answer goes out before the zip is complete
		assertThat(owner.put("Photos/noise.bin", NOISE).statusCode()).isEqualTo(201);
		var link = links.create(owner, "Photos", LinkFixture.READ);
		LinkVisitor visitor = LinkVisitor.anonymous(baseUrl());
		var zip = visitor.send("GET", "/index.php/s/" + link.token() + "/download", null);
		assertThat(zip.statusCode()).isEqualTo(200);
		assertThat(zip.headers().firstValue("Content-Type")).hasValue("application/zip");
		assertThat(zip.headers().firstValue("Content-Length")).as("streamed: its length is not known beforehand")
			.isEmpty();
		assertThat(entries(zip)).isEqualTo(Map.of("beach.jpg", sha1("beach bytes"), "Day 2/", "",
				"Day 2/café & cake.jpg", sha1("cake bytes"), "noise.bin", sha1(NOISE)));
		assertThat(sha1("beach bytes")).isEqualTo(owner.prop("Photos/beach.jpg", "oc", "http://owncloud.org/ns",
				"checksums").replaceAll(".*SHA1:([0-9a-f]+).*", "$1"));

		var selection = visitor.send("GET", "/index.php/s/" + link.token() + "/download?path=/Day%202&files=caf%C3%A9%20%26%20cake.jpg", null);
		assertThat(entries(selection)).isEqualTo(Map.of("café & cake.jpg", sha1("cake bytes")));
		assertThat(visitor.send("GET", "/index.php/s/" + link.token() + "/download?files=nothere.jpg", null)
			.statusCode()).isEqualTo(404);
	}

	private static String noise() {
		byte[] bytes = new byte[192 * 1024];
		new java.util.Random(6).nextBytes(bytes);
		return java.util.Base64.getEncoder().encodeToString(bytes);
	}

	/** Entry names → SHA-1 of their bytes ("" for folders). */
	private static Map<String, String> entries(HttpResponse<byte[]> zip) throws IOException {
		Map<String, String> entries = new TreeMap<>();
		try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
			for (ZipEntry entry; (entry = in.getNextEntry()) != null;) {
				entries.put(entry.getName(), entry.isDirectory() ? "" : sha1(in.readAllBytes()));
			}
		}
		return entries;
	}

	private static String sha1(String text) {
		return sha1(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
	}

	private static String sha1(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	@Test
	void folderPageShowsLazyThumbnailsOfImagesThatThePasswordUnlocks() {
		PreviewFetch.put(owner, "Photos/sunset.jpg", Images.jpeg(400, 300));
		var link = links.create(owner, "Photos", LinkFixture.READ, "pw-thumbs", null, false);
		LinkVisitor browser = LinkVisitor.anonymous(baseUrl());
		String preview = "/index.php/s/" + link.token() + "/preview?path=%2Fsunset.jpg&x=64&y=64";
		var locked = browser.send("GET", preview, null);
		assertThat(locked.statusCode()).as("no grant, no preview").isEqualTo(401);
		assertThat(locked.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");

		browser.submitPassword(link.token(), "pw-thumbs");
		String page = LinkVisitor.text(browser.send("GET", "/index.php/s/" + link.token(), null));
		Matcher img = Pattern.compile("<img src=\"([^\"]*sunset\\.jpg[^\"]*)\"[^>]*loading=\"lazy\"").matcher(page);
		assertThat(img.find()).as(page).isTrue();
		assertThat(page).doesNotContain("preview?path=%2FDay");
		var thumbnail = browser.send("GET", img.group(1).replace("&amp;", "&"), null);
		assertThat(thumbnail.statusCode()).isEqualTo(200);
		assertThat(thumbnail.headers().firstValue("Content-Type")).hasValue("image/jpeg");
		var image = Images.read(thumbnail.body());
		assertThat(image.getWidth() + "x" + image.getHeight()).isEqualTo("64x64");
		assertThat(browser.send("GET", preview.replace("x=64", "x=0"), null).statusCode()).isEqualTo(400);
	}
}
