package org.hearth.uploads;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;

import org.hearth.storage.Actor;
import org.hearth.storage.StorageService;
import org.hearth.storage.UploadStaging;
import org.hearth.storage.internal.DiskStore;
import org.hearth.storage.internal.DiskStoreReads;
import org.hearth.testing.DavClient;
import org.hearth.testing.HearthIT;
import org.hearth.testing.MovableClock;
import org.hearth.uploads.internal.UploadSessionRepository;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Chunked upload v2 over real HTTP, replaying what each client sends (nextcloud-compat.md §6.2): the assembled file
 * has the parts' bytes in natural order, the MOVE answers like a PUT, and the session is gone afterwards.
 */
class ChunkedUploadIT extends HearthIT {

	private static final String MTIME = "1700000000";

	private static final String MTIME_HTTP = "Tue, 14 Nov 2023 22:13:20 GMT";

	@Autowired
	private UploadSessionRepository sessionRepository;

	@Autowired
	private UploadStaging staging;

	@Autowired
	private StorageService storage;

	@Autowired
	private DiskStore disk;

	@Test
	void nextcloudcmdPaddedCountersWithoutDestinationBeforeTheMove() {
		DavClient user = newUser("ncmd");
		byte[] content = bytes(1, 25_000);
		Upload upload = new Upload(user, "2649925909");
		assertThat(upload.mkcol("OC-Total-Length", "25000").statusCode()).isEqualTo(201);
		assertThat(upload.put("0000000000000000", slice(content, 0, 10_000), "OC-Chunk-Offset", "0").statusCode())
			.isEqualTo(201);
		assertThat(upload.put("0000000000000001", slice(content, 10_000, 25_000), "OC-Chunk-Offset", "10000")
			.statusCode()).isEqualTo(201);
		var moved = upload.move("/remote.php/dav/files/" + user.username() + "/big.bin", "OC-Checksum",
				"SHA1:" + sha1(content), "OC-Total-Length", "25000", "X-OC-Mtime", MTIME);
		assertAssembled(moved, 201, upload, "big.bin", content);
		assertThat(user.prop("big.bin", "d", "DAV:", "getlastmodified")).isEqualTo(MTIME_HTTP);
	}

	@Test
	void owncloudcmdByteOffsetNamesTotalFileLengthAndPathOnlyDestination() {
		DavClient user = newUser("occmd");
		byte[] content = bytes(2, 30_500);
		Upload upload = new Upload(user, "1234567");
		assertThat(upload.mkcol("OC-Total-Length", "30500").statusCode()).isEqualTo(201);
		for (int offset = 0; offset < content.length; offset += 10_000) {
			assertThat(upload.put(String.format("%016d", offset),
					slice(content, offset, Math.min(content.length, offset + 10_000)), "OC-Chunk-Offset",
					String.valueOf(offset)).statusCode()).isEqualTo(201);
		}
		var moved = upload.move("/remote.php/dav/files/" + user.username() + "/docs%20and%20more/report%C3%BC.pdf",
				"OC-Checksum", "SHA1:" + sha1(content), "OC-Total-File-Length", "30500", "X-OC-Mtime", MTIME);
		assertThat(moved.statusCode()).as("parent folder missing").isEqualTo(409);
		user.mkcol("docs%20and%20more");
		moved = upload.move("/remote.php/dav/files/" + user.username() + "/docs%20and%20more/report%C3%BC.pdf",
				"OC-Checksum", "SHA1:" + sha1(content), "OC-Total-File-Length", "30500", "X-OC-Mtime", MTIME);
		assertAssembled(moved, 201, upload, "docs%20and%20more/report%C3%BC.pdf", content);
	}

	@Test
	void androidSixDigitCountersFromOneWithDestinationEverywhere() {
		DavClient user = newUser("android");
		user.mkcol("Camera%20Uploads");
		byte[] content = bytes(3, 24_000);
		String destination = user.url("Camera%20Uploads/IMG%201.jpg");
		Upload upload = new Upload(user, "6f1ed002ab5595859014ebf0951522d9");
		assertThat(upload.mkcol("Destination", destination).statusCode()).isEqualTo(201);
		for (int i = 0; i < 3; i++) {
			assertThat(upload.put(String.format("%06d", i + 1), slice(content, i * 8_000, (i + 1) * 8_000),
					"Destination", destination).statusCode()).isEqualTo(201);
		}
		var moved = upload.move(destination, "Overwrite", "T", "X-OC-Mtime", MTIME, "X-OC-CTime", "1690000000");
		assertAssembled(moved, 201, upload, "Camera%20Uploads/IMG%201.jpg", content);
		assertThat(moved.headers().firstValue("X-OC-CTime")).hasValue("accepted");
		assertThat(user.prop("Camera%20Uploads/IMG%201.jpg", "nc", "http://nextcloud.org/ns", "creation_time"))
			.isEqualTo("1690000000");
	}

	@Test
	void iosUnpaddedNamesInAnyOrderReplaceAFileKeepingItsId() {
		DavClient user = newUser("ios");
		user.put("movie.mov", "old content");
		String fileId = user.fileId("movie.mov");
		String etag = user.etag("movie.mov");
		ByteArrayOutputStream whole = new ByteArrayOutputStream();
		List<byte[]> parts = new ArrayList<>();
		for (int i = 1; i <= 12; i++) {
			byte[] part = bytes(100 + i, 1_000 + i * 37);
			parts.add(part);
			whole.writeBytes(part);
		}
		byte[] content = whole.toByteArray();
		String total = String.valueOf(content.length);
		String destination = user.url("movie.mov");
		Upload upload = new Upload(user, "B7A1C0DE-1F2E-4D3C-9B8A-112233445566");
		assertThat(upload.mkcol("Destination", destination, "OC-Total-Length", total).statusCode()).isEqualTo(201);
		List<Integer> order = new ArrayList<>();
		for (int i = 1; i <= 12; i++) {
			order.add(i);
		}
		Collections.shuffle(order, new Random(11));
		for (int i : order) {
			assertThat(upload.put(String.valueOf(i), parts.get(i - 1), "Destination", destination, "OC-Total-Length",
					total).statusCode()).isEqualTo(201);
		}
		var moved = upload.move(destination, "OC-Total-Length", total, "If-Match", "\"" + etag + "\"", "X-OC-Mtime",
				MTIME + ".987", "X-OC-CTime", "1690000000.5");
		assertAssembled(moved, 204, upload, "movie.mov", content);
		assertThat(user.fileId("movie.mov")).as("a replaced file keeps its id").isEqualTo(fileId);
		assertThat(user.prop("movie.mov", "d", "DAV:", "getlastmodified")).as("fractions truncated")
			.isEqualTo(MTIME_HTTP);
		assertThat(user.prop("movie.mov", "nc", "http://nextcloud.org/ns", "creation_time"))
			.as("a replaced file takes the creation time sent").isEqualTo("1690000000");
	}

	@Test
	void rcloneOffsetRangeNamesAndAbsoluteDestination() {
		DavClient user = newUser("rclone");
		byte[] content = bytes(5, 12_345);
		Upload upload = new Upload(user, "rclone-chunked-upload-0cc175b9c0f1b6a831c399e269772661");
		String destination = user.url("backup.tar");
		assertThat(upload.mkcol("Destination", destination).statusCode()).isEqualTo(201);
		for (int start = 0; start < content.length; start += 5_000) {
			int end = Math.min(content.length, start + 5_000);
			assertThat(upload.put(String.format("%015d-%015d", start, end - 1), slice(content, start, end),
					"Destination", destination).statusCode()).isEqualTo(201);
		}
		var moved = upload.move(destination, "OC-Total-Length", String.valueOf(content.length), "X-OC-Mtime", MTIME);
		assertAssembled(moved, 201, upload, "backup.tar", content);
	}

	@Test
	void resumeListsThePartsAndAcceptsARepeatedPart() {
		DavClient user = newUser("resume");
		Upload upload = new Upload(user, "42");
		assertThat(upload.mkcol().statusCode()).isEqualTo(201);
		assertThat(upload.mkcol().statusCode()).as("exists: resuming clients expect 405").isEqualTo(405);
		upload.put("1", bytes(6, 700));
		upload.put("2", bytes(7, 300));

		var depth1 = upload.propfind(1);
		assertThat(depth1.statusCode()).isEqualTo(207);
		assertThat(depth1.headers().firstValue("Content-Type")).as("the desktop client compares this string")
			.contains("application/xml; charset=utf-8");
		String sessionHref = "/remote.php/dav/uploads/" + user.username() + "/42/";
		assertThat(depth1.body()).contains("<d:href>" + sessionHref + "</d:href>",
				"<d:resourcetype><d:collection/></d:resourcetype>", "<d:href>" + sessionHref + "1</d:href>",
				"<d:href>" + sessionHref + "2</d:href>", "<d:getcontentlength>700</d:getcontentlength>",
				"<d:getcontentlength>300</d:getcontentlength>", "<d:getetag>&quot;", "<d:getlastmodified>");
		var depth0 = upload.propfind(0);
		assertThat(depth0.statusCode()).isEqualTo(207);
		assertThat(depth0.body()).contains(sessionHref).doesNotContain("getcontentlength");

		byte[] second = bytes(8, 400);
		assertThat(upload.put("2", second).statusCode()).as("a repeated part replaces the first").isEqualTo(204);
		assertThat(upload.propfind(1).body()).contains("<d:getcontentlength>400</d:getcontentlength>")
			.doesNotContain("<d:getcontentlength>300</d:getcontentlength>");
		byte[] third = bytes(9, 50);
		upload.put("3", third);
		var moved = upload.move(user.url("resumed.bin"), "OC-Total-Length", "1150");
		assertAssembled(moved, 201, upload, "resumed.bin", concat(bytes(6, 700), second, third));
		assertThat(moved.headers().firstValue("X-OC-MTime")).as("no mtime sent").isEmpty();
		assertThat(moved.headers().firstValue("X-OC-CTime")).as("no ctime sent").isEmpty();
	}

	@Test
	void wrongTotalIsRefusedAndWritesNothing() {
		DavClient user = newUser("total");
		Upload upload = new Upload(user, "7");
		upload.mkcol("OC-Total-Length", "1000");
		upload.put("1", bytes(10, 600));
		var moved = upload.move(user.url("short.bin"));
		assertThat(moved.statusCode()).as("the parts hold 600 of the 1000 bytes announced at MKCOL").isEqualTo(400);
		assertThat(moved.body()).contains("<s:message>expected 1000 bytes");
		moved = upload.move(user.url("short.bin"), "OC-Total-Length", "601");
		assertThat(moved.statusCode()).isEqualTo(400);
		assertNothingAt(user, "short.bin");
		assertThat(upload.propfind(1).statusCode()).as("the session stays for another try").isEqualTo(207);
		upload.put("2", bytes(11, 400));
		assertAssembled(upload.move(user.url("short.bin")), 201, upload, "short.bin",
				concat(bytes(10, 600), bytes(11, 400)));
	}

	@Test
	void checksumMismatchIsRefusedAndWritesNothing() {
		DavClient user = newUser("checksum");
		Upload upload = new Upload(user, "8");
		upload.mkcol();
		upload.put("1", bytes(12, 1000));
		var moved = upload.move(user.url("sum.bin"), "OC-Checksum", "SHA1:" + sha1(bytes(13, 1000)));
		assertThat(moved.statusCode()).isEqualTo(400);
		assertThat(moved.body()).contains("checksum mismatch");
		assertNothingAt(user, "sum.bin");
	}

	@Test
	void staleIfMatchOnTheDestinationIsRefused() {
		DavClient user = newUser("ifmatch");
		user.put("doc.bin", "current");
		Upload upload = new Upload(user, "9");
		upload.mkcol();
		upload.put("1", bytes(14, 100));
		var moved = upload.move(user.url("doc.bin"), "If-Match", "\"stale\"");
		assertThat(moved.statusCode()).isEqualTo(412);
		assertThat(user.get("doc.bin").body()).isEqualTo("current");
		assertThat(upload.move(user.url("new.bin"), "If-Match", "\"any\"").statusCode())
			.as("If-Match on a missing file").isEqualTo(412);
		assertThat(upload.move(user.url("doc.bin"), "Overwrite", "F").statusCode()).isEqualTo(412);
		assertThat(user.get("doc.bin").body()).isEqualTo("current");
	}

	@Test
	void onlyTheOwnerUsesTheirUploads() {
		DavClient owner = newUser("owner");
		DavClient other = newUser("other");
		Upload upload = new Upload(owner, "10");
		upload.mkcol();
		Upload intruder = new Upload(other, "10") {
			@Override
			String url(String chunk) {
				return upload.url(chunk);
			}
		};
		assertThat(intruder.mkcol().statusCode()).isEqualTo(403);
		assertThat(intruder.put("1", bytes(15, 10)).statusCode()).isEqualTo(403);
		assertThat(intruder.propfind(1).statusCode()).isEqualTo(403);
		assertThat(intruder.delete().statusCode()).isEqualTo(403);
		assertThat(intruder.move(owner.url("x.bin")).statusCode()).isEqualTo(403);
		assertThat(upload.propfind(1).body()).doesNotContain("getcontentlength");

		upload.put("1", bytes(16, 10));
		assertThat(upload.move(other.url("planted.bin")).statusCode()).as("Destination in another home")
			.isEqualTo(403);
		assertThat(other.get("planted.bin").statusCode()).isEqualTo(404);
		var anonymous = new DavClient(baseUrl(), "nobody", null);
		assertThat(anonymous.send(anonymous.request("PROPFIND", upload.url(null), null)).statusCode())
			.isEqualTo(401);
	}

	@Test
	void deleteAbortsAndPartsNeedASession() {
		DavClient user = newUser("abort");
		Upload upload = new Upload(user, "11");
		assertThat(upload.put("1", bytes(17, 10)).statusCode()).as("no MKCOL yet").isEqualTo(404);
		upload.mkcol();
		upload.put("1", bytes(17, 10));
		assertThat(stagingDir(user, "11")).isDirectory();
		assertThat(upload.delete().statusCode()).isEqualTo(204);
		assertThat(stagingDir(user, "11")).doesNotExist();
		assertThat(upload.propfind(1).statusCode()).isEqualTo(404);
		assertThat(upload.put("2", bytes(18, 10)).statusCode()).isEqualTo(404);
		assertThat(upload.move(user.url("gone.bin")).statusCode()).isEqualTo(404);
		assertThat(upload.delete().statusCode()).isEqualTo(404);
		assertThat(upload.put(".file", bytes(18, 10)).statusCode()).isEqualTo(404);
		upload.mkcol();
		assertThat(upload.put(".file", bytes(18, 10)).statusCode()).as(".file is not a part").isEqualTo(400);
	}

	@Test
	void idleSessionsExpireButActiveOnesStay() {
		DavClient user = newUser("expiry");
		long ownerId = users.find(user.username()).orElseThrow().id();
		Upload idle = new Upload(user, "idle");
		Upload active = new Upload(user, "active");
		idle.mkcol();
		idle.put("1", bytes(19, 10));
		active.mkcol();
		MovableClock clock = new MovableClock();
		UploadService later = new UploadService(sessionRepository, staging, storage,
				new UploadsProperties(Duration.ofHours(24)), clock);

		clock.advance(Duration.ofHours(23));
		assertThat(later.expireIdle()).as("nothing idle for 24 h yet").isZero();
		later.putChunk(Actor.system(), ownerId, "active", "1", new ByteArrayInputStream(bytes(20, 10)));
		clock.advance(Duration.ofHours(2));
		assertThat(later.expireIdle()).as("the idle session, perhaps with others left by other tests").isPositive();

		assertThat(idle.propfind(1).statusCode()).isEqualTo(404);
		assertThat(stagingDir(user, "idle")).doesNotExist();
		assertThat(active.propfind(1).body()).contains("<d:getcontentlength>10</d:getcontentlength>");
		assertAssembled(active.move(user.url("kept.bin")), 201, active, "kept.bin", bytes(20, 10));
	}

	@Test
	void quotaIsCheckedWhenOpeningAndForEachPart() {
		DavClient user = newUser("quota", 10_000);
		user.put("existing.bin", new String(new char[4_000]).replace('\0', 'x'));
		Upload tooBig = new Upload(user, "12");
		assertThat(tooBig.mkcol("OC-Total-Length", "6001").statusCode()).isEqualTo(507);
		assertThat(tooBig.propfind(1).statusCode()).isEqualTo(404);

		Upload upload = new Upload(user, "13");
		assertThat(upload.mkcol().statusCode()).isEqualTo(201);
		assertThat(upload.put("1", bytes(21, 4_000)).statusCode()).isEqualTo(201);
		assertThat(upload.put("2", bytes(22, 2_001)).statusCode()).as("4,000 + 2,001 > 6,000 free").isEqualTo(507);
		assertThat(upload.propfind(1).body()).doesNotContain("<d:href>/remote.php/dav/uploads/" + user.username()
				+ "/13/2</d:href>");
		assertThat(upload.put("2", bytes(22, 2_000)).statusCode()).isEqualTo(201);
		assertAssembled(upload.move(user.url("fits.bin")), 201, upload, "fits.bin",
				concat(bytes(21, 4_000), bytes(22, 2_000)));
	}

	// ---- helpers

	/** One upload session of one client, by the URLs and headers of spec §6.2. */
	@Test
	void partsSentInOrderBecomeTheFileWithoutBeingWrittenTwice() throws IOException {
		DavClient user = newUser("inorder");
		byte[] content = bytes(20, 3 * 70_000 + 5);
		Upload upload = new Upload(user, "streamed");
		assertThat(upload.mkcol().statusCode()).isEqualTo(201);
		for (int i = 0; i < 4; i++) {
			assertThat(upload.put(String.valueOf(i + 1), slice(content, i * 70_000, Math.min(content.length,
					(i + 1) * 70_000))).statusCode()).isEqualTo(201);
		}
		Object stagedInode = Files.getAttribute(stagingDir(user, "streamed").resolve(".stream"), "unix:ino");
		long readsBefore = DiskStoreReads.linksHashedByReading(disk);
		var moved = upload.move("/remote.php/dav/files/" + user.username() + "/movie.bin");
		assertAssembled(moved, 201, upload, "movie.bin", content);
		assertThat(Files.getAttribute(homeDir(user.username()).resolve("movie.bin"), "unix:ino"))
			.as("the staged file itself became the file: no second copy of the bytes").isEqualTo(stagedInode);
		assertThat(DiskStoreReads.linksHashedByReading(disk))
			.as("the SHA-1 was kept while the parts were appended: the staged file was not read again")
			.isEqualTo(readsBefore);
	}

	@Test
	void partsOutOfOrderOrSentAgainAreAssembledFromWhereTheyLie() {
		DavClient user = newUser("mixed");
		byte[] one = bytes(21, 40_000);
		byte[] two = bytes(22, 40_000);
		byte[] three = bytes(23, 1_234);
		Upload upload = new Upload(user, "mixed");
		assertThat(upload.mkcol().statusCode()).isEqualTo(201);
		assertThat(upload.put("1", bytes(24, 40_000)).statusCode()).isEqualTo(201);
		assertThat(upload.put("3", three).statusCode()).isEqualTo(201);
		assertThat(upload.put("2", two).statusCode()).as("after 3: stored on its own").isEqualTo(201);
		assertThat(upload.put("1", one).statusCode()).as("sent again: replaces the streamed part").isEqualTo(204);
		assertThat(upload.propfind(1).body()).contains("<d:getcontentlength>40000</d:getcontentlength>",
				"<d:getcontentlength>1234</d:getcontentlength>");
		var moved = upload.move("/remote.php/dav/files/" + user.username() + "/mixed.bin");
		assertAssembled(moved, 201, upload, "mixed.bin", concat(one, two, three));
	}

	@Test
	void theTailOfAnAppendACrashCutShortIsDropped() throws IOException {
		DavClient user = newUser("tail");
		byte[] one = bytes(25, 50_000);
		byte[] two = bytes(26, 20_000);
		Upload upload = new Upload(user, "tail");
		assertThat(upload.mkcol().statusCode()).isEqualTo(201);
		assertThat(upload.put("1", one).statusCode()).isEqualTo(201);
		// what a crash halfway through appending the next part leaves: bytes beyond the listed parts
		Files.write(stagingDir(user, "tail").resolve(".stream"), bytes(27, 9_999), StandardOpenOption.APPEND);
		assertThat(upload.propfind(1).body()).contains("<d:getcontentlength>50000</d:getcontentlength>")
			.doesNotContain("9999");
		assertThat(upload.put("2", two).statusCode()).isEqualTo(201);
		long readsBefore = DiskStoreReads.linksHashedByReading(disk);
		var moved = upload.move("/remote.php/dav/files/" + user.username() + "/tail.bin");
		assertAssembled(moved, 201, upload, "tail.bin", concat(one, two));
		assertThat(DiskStoreReads.linksHashedByReading(disk))
			.as("the tail was never hashed, so the SHA-1 kept while appending still holds").isEqualTo(readsBefore);
	}

	@Test
	void partNamesBeginningWithADotAreRefused() {
		DavClient user = newUser("dotpart");
		Upload upload = new Upload(user, "dots");
		assertThat(upload.mkcol().statusCode()).isEqualTo(201);
		assertThat(upload.put(".stream", bytes(28, 10)).statusCode()).isEqualTo(400);
		assertThat(upload.put(".parts", bytes(28, 10)).statusCode()).isEqualTo(400);
		assertThat(upload.propfind(1).body()).doesNotContain("getcontentlength");
	}

	private class Upload {

		final DavClient user;

		final String id;

		Upload(DavClient user, String id) {
			this.user = user;
			this.id = id;
		}

		String url(String chunk) {
			return baseUrl() + "/remote.php/dav/uploads/" + user.username() + "/" + id
					+ (chunk == null ? "" : "/" + chunk);
		}

		HttpResponse<String> mkcol(String... headers) {
			return send("MKCOL", url(null), null, headers);
		}

		HttpResponse<String> put(String chunk, byte[] content, String... headers) {
			return send("PUT", url(chunk), content, headers);
		}

		HttpResponse<String> move(String destination, String... headers) {
			List<String> all = new ArrayList<>(List.of("Destination", destination));
			all.addAll(List.of(headers));
			return send("MOVE", url(".file"), null, all.toArray(String[]::new));
		}

		HttpResponse<String> propfind(int depth) {
			return send("PROPFIND", url(null), null, "Depth", String.valueOf(depth));
		}

		HttpResponse<String> delete() {
			return send("DELETE", url(null), null);
		}

		private HttpResponse<String> send(String method, String url, byte[] body, String... headers) {
			var request = user.request(method, url, null);
			if (body != null) {
				request.method(method, HttpRequest.BodyPublishers.ofByteArray(body));
			}
			for (int i = 0; i < headers.length; i += 2) {
				request.header(headers[i], headers[i + 1]);
			}
			return user.send(request);
		}
	}

	/** The MOVE answered like a PUT, the file holds exactly the bytes, and the session is gone. */
	private void assertAssembled(HttpResponse<String> moved, int status, Upload upload, String encodedPath,
			byte[] content) {
		DavClient user = upload.user;
		assertThat(moved.statusCode()).as("MOVE answered %s", moved.body()).isEqualTo(status);
		String etag = moved.headers().firstValue("ETag").orElseThrow();
		assertThat(moved.headers().firstValue("OC-ETag")).hasValue(etag);
		assertThat(etag).isEqualTo("\"" + user.etag(encodedPath) + "\"");
		assertThat(moved.headers().firstValue("OC-FileId")).hasValue(user.prop(encodedPath, "oc",
				"http://owncloud.org/ns", "id"));
		if (moved.request().headers().firstValue("X-OC-Mtime").isPresent()) {
			assertThat(moved.headers().firstValue("X-OC-MTime")).hasValue("accepted");
			assertThat(user.prop(encodedPath, "d", "DAV:", "getlastmodified")).isEqualTo(MTIME_HTTP);
		}
		var stored = user.send(user.request("GET", user.url(encodedPath), null),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(stored.statusCode()).isEqualTo(200);
		assertThat(sha1(stored.body())).isEqualTo(sha1(content));
		assertThat(user.prop(encodedPath, "d", "DAV:", "getcontentlength")).isEqualTo(String.valueOf(content.length));
		assertThat(user.prop(encodedPath, "oc", "http://owncloud.org/ns", "checksums")).contains("SHA1:" + sha1(content));
		assertThat(upload.propfind(1).statusCode()).as("the session is gone").isEqualTo(404);
		assertThat(stagingDir(user, upload.id)).doesNotExist();
	}

	private void assertNothingAt(DavClient user, String encodedPath) {
		assertThat(user.get(encodedPath).statusCode()).isEqualTo(404);
		assertThat(user.propfind("", 1, null).body()).doesNotContain(encodedPath);
		assertThat(homeDir(user.username()).resolve(encodedPath)).doesNotExist();
	}

	private Path stagingDir(DavClient user, String uploadId) {
		long ownerId = users.find(user.username()).orElseThrow().id();
		return DATA_DIR.resolve(".hearth/uploads").resolve(String.valueOf(ownerId)).resolve(uploadId);
	}

	private static byte[] bytes(long seed, int length) {
		byte[] bytes = new byte[length];
		SplittableRandom random = new SplittableRandom(seed);
		for (int i = 0; i < length; i++) {
			bytes[i] = (byte) random.nextInt(256);
		}
		return bytes;
	}

	private static byte[] slice(byte[] content, int from, int to) {
		return java.util.Arrays.copyOfRange(content, from, to);
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

	private static String sha1(byte[] content) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(content));
		}
		catch (java.security.NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}
