package org.hearth.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hearth.testing.DavClient;
import org.hearth.testing.HearthIT;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A phone's camera upload replayed request by request as the Nextcloud Android app sends it (spec §13: HEAD the
 * folder, MKCOL year and month, HEAD the target, rename on collision to {@code name (2).ext}, PUT with mtime and
 * ctime, PROPFIND the result), then the backup status: it reports exactly what arrived, and a check of the phone's
 * list shows the one file the phone never sent. The iOS app's way (spec §13.1) and a generic WebDAV app's are
 * counted the same way.
 */
class PhoneBackupIT extends HearthIT {

	@Autowired
	BackupStatusService backups;

	private static final String ANDROID = "Mozilla/5.0 (Android) Nextcloud-android/3.29.0";

	private static final String IOS = "Mozilla/5.0 (iOS) Nextcloud-iOS/5.5.0";

	private static final String ANDROID_PROPS = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><d:propfind xmlns:d=\"DAV:\""
			+ " xmlns:oc=\"http://owncloud.org/ns\" xmlns:nc=\"http://nextcloud.org/ns\"><d:prop><d:displayname/>"
			+ "<d:getcontenttype/><d:resourcetype/><d:getcontentlength/><d:getlastmodified/><d:creationdate/>"
			+ "<d:getetag/><oc:permissions/><oc:id/><oc:fileid/><oc:size/><oc:favorite/><oc:owner-id/>"
			+ "<oc:owner-display-name/><oc:comments-unread/><nc:is-encrypted/><nc:mount-type/><nc:has-preview/>"
			+ "<nc:note/><nc:sharees/><nc:rich-workspace/><nc:creation_time/><nc:upload_time/></d:prop></d:propfind>";

	private static final long CAPTURED = 1_795_000_000L;

	@Test
	void cameraUploadIsProvenByTheBackupStatus() {
		DavClient account = newUser("phone");
		DavClient phone = signInAsApp(account, ANDROID);
		assertThat(account.mkcol("InstantUpload").statusCode()).isEqualTo(201);
		assertThat(account.mkcol("InstantUpload/2026").statusCode()).isEqualTo(201);
		assertThat(account.mkcol("InstantUpload/2026/11").statusCode()).isEqualTo(201);
		assertThat(account.put("InstantUpload/2026/11/IMG_0002.jpg", "uploaded by the old phone").statusCode())
			.isEqualTo(201);

		Map<String, byte[]> camera = new LinkedHashMap<>();
		for (int i = 1; i <= 6; i++) {
			camera.put(String.format("IMG_%04d.jpg", i), ("photo " + i + " ").repeat(500 + i * 37).getBytes());
		}
		String dropped = "IMG_0005.jpg";
		Map<String, String> storedAs = new LinkedHashMap<>();
		long mtime = CAPTURED;
		for (var photo : camera.entrySet()) {
			mtime += 60;
			if (!photo.getKey().equals(dropped)) {
				storedAs.put(photo.getKey(), upload(phone, "InstantUpload/2026/11", photo.getKey(), photo.getValue(),
						mtime));
			}
		}
		assertThat(storedAs).containsEntry("IMG_0002.jpg", "IMG_0002 (2).jpg");
		assertThat(phone.get("InstantUpload/2026/11/IMG_0002%20(2).jpg").body()).isEqualTo(
				new String(camera.get("IMG_0002.jpg")));

		var status = phone.send(phone.request("GET", baseUrl() + "/api/backup-status", null));
		assertThat(status.statusCode()).isEqualTo(200);
		long bytes = storedAs.keySet().stream().mapToLong(name -> camera.get(name).length).sum();
		assertThat(status.body()).contains("\"deviceName\":\"" + ANDROID + "\"", "\"folder\":\"/InstantUpload/2026/11\"",
				"\"files\":5,", "\"bytes\":" + bytes + ",",
				"\"newestCapture\":\"" + java.time.Instant.ofEpochSecond(CAPTURED + 6 * 60) + "\"");
		assertThat(status.body()).as("the old phone's upload, made with the account password by another client")
			.doesNotContain("\"files\":6");

		StringBuilder manifest = new StringBuilder("{\"folder\":\"/InstantUpload/2026/11\",\"files\":[");
		List<String> entries = new ArrayList<>();
		storedAs.forEach((name, stored) -> entries.add("{\"path\":\"" + stored + "\",\"size\":" + camera.get(name).length
				+ "}"));
		entries.add("{\"path\":\"" + dropped + "\",\"size\":" + camera.get(dropped).length + "}");
		manifest.append(String.join(",", entries)).append("]}");
		var check = phone.send(phone.request("POST", baseUrl() + "/api/backup-status/check", manifest.toString())
			.header("Content-Type", "application/json"));
		assertThat(check.statusCode()).isEqualTo(200);
		assertThat(check.body()).contains("\"present\":5", "\"missing\":[{\"path\":\"" + dropped + "\"",
				"\"differentSize\":[]");
	}

	@Test
	void iosUploadsWithAutoMkcolFractionalTimesAndUnpaddedChunks() {
		DavClient account = newUser("iphone");
		DavClient phone = signInAsApp(account, IOS);
		String folder = "Camera/2026/12";
		byte[] small = "a small HEIC".repeat(300).getBytes();
		var put = phone.send(ios(phone, "PUT", phone.url(folder + "/IMG_1001.HEIC"),
				HttpRequest.BodyPublishers.ofByteArray(small))
			.header("X-OC-MTime", "1795000100.731")
			.header("X-OC-CTime", "1795000100.5")
			.header("Overwrite", "true")
			.header("X-NC-WebDAV-Auto-Mkcol", "1"));
		assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
		assertThat(put.headers().firstValue("X-OC-MTime")).hasValue("accepted");

		byte[] video = new byte[11 * 1000 + 7];
		new java.util.Random(11).nextBytes(video);
		String session = baseUrl() + "/remote.php/dav/uploads/" + phone.username() + "/a1b2c3d4-ios";
		String destination = phone.url(folder + "/IMG_1002.MOV");
		String total = Integer.toString(video.length);
		assertThat(phone.send(ios(phone, "PROPFIND", session, HttpRequest.BodyPublishers.noBody())
			.header("Depth", "0")
			.header("Destination", destination)).statusCode()).isEqualTo(404);
		assertThat(phone.send(ios(phone, "MKCOL", session, HttpRequest.BodyPublishers.noBody())
			.header("Destination", destination)
			.header("OC-Total-Length", total)).statusCode()).isEqualTo(201);
		for (int i = 0; i * 1000 < video.length; i++) {
			byte[] part = java.util.Arrays.copyOfRange(video, i * 1000, Math.min(video.length, (i + 1) * 1000));
			assertThat(phone.send(ios(phone, "PUT", session + "/" + (i + 1), HttpRequest.BodyPublishers.ofByteArray(part))
				.header("Destination", destination)
				.header("OC-Total-Length", total)).statusCode()).isEqualTo(201);
		}
		var move = phone.send(ios(phone, "MOVE", session + "/.file", HttpRequest.BodyPublishers.noBody())
			.header("Destination", destination)
			.header("OC-Total-Length", total)
			.header("X-OC-MTime", "1795000200.25"));
		assertThat(move.statusCode()).isEqualTo(201);
		assertThat(move.headers().firstValue("OC-FileId")).isPresent();
		assertThat(move.headers().firstValue("OC-ETag")).isPresent();

		var status = phone.send(phone.request("GET", baseUrl() + "/api/backup-status", null));
		assertThat(status.body()).contains("\"deviceName\":\"" + IOS + "\"", "\"folder\":\"/Camera/2026/12\"",
				"\"files\":2,", "\"bytes\":" + (small.length + video.length) + ",",
				"\"newestCapture\":\"" + java.time.Instant.ofEpochSecond(1_795_000_200L) + "\"");
	}

	private static HttpRequest.Builder ios(DavClient phone, String method, String url,
			HttpRequest.BodyPublisher body) {
		return HttpRequest.newBuilder(java.net.URI.create(url))
			.method(method, body)
			.header("Authorization", DavClient.basic(phone.username(), phone.password()))
			.header("User-Agent", IOS)
			.header("OCS-APIRequest", "true")
			.header("Accept", "application/json");
	}

	@Test
	void aPhotoSyncStyleAppWithTheAccountPasswordIsItsOwnDeviceAndCountsSurviveWritingOut() {
		DavClient account = newUser("photosync");
		account.mkcol("Camera");
		photoSync(account, "Camera/P1.heic", "heic bytes");
		backups.flush();
		photoSync(account, "Camera/P2.heic", "more heic bytes");
		var status = account.send(account.request("GET", baseUrl() + "/api/backup-status", null));
		assertThat(status.body()).contains("\"deviceName\":\"PhotoSync/4.2 (iPhone)\"", "\"folder\":\"/Camera\"",
				"\"files\":2,", "\"bytes\":25,");
		backups.flush();
		assertThat(account.send(account.request("GET", baseUrl() + "/api/backup-status", null)).body())
			.isEqualTo(status.body());
	}

	private static void photoSync(DavClient account, String path, String content) {
		var put = account.send(account.request("PUT", account.url(path), content)
			.header("User-Agent", "PhotoSync/4.2 (iPhone)"));
		assertThat(put.statusCode()).isEqualTo(201);
	}

	/** What the app does for one photo; returns the name it ended up under. */
	private String upload(DavClient phone, String folder, String name, byte[] content, long mtime) {
		assertThat(send(phone, "HEAD", folder + "/", null).statusCode()).isEqualTo(200);
		String target = name;
		int n = 1;
		while (send(phone, "HEAD", folder + "/" + encode(target), null).statusCode() == 200) {
			n++;
			int dot = name.lastIndexOf('.');
			target = name.substring(0, dot) + " (" + n + ")" + name.substring(dot);
		}
		var put = phone.send(request(phone, "PUT", folder + "/" + encode(target),
				HttpRequest.BodyPublishers.ofByteArray(content))
			.header("Content-Type", "image/jpeg")
			.header("OC-Total-Length", Integer.toString(content.length))
			.header("X-OC-Mtime", Long.toString(mtime))
			.header("X-OC-CTime", Long.toString(mtime)));
		assertThat(put.statusCode()).as("PUT %s", target).isEqualTo(201);
		assertThat(put.headers().firstValue("OC-FileId")).isPresent();
		assertThat(put.headers().firstValue("X-OC-MTime")).hasValue("accepted");
		var props = send(phone, "PROPFIND", folder + "/" + encode(target), ANDROID_PROPS);
		assertThat(props.statusCode()).isEqualTo(207);
		Matcher fileId = Pattern.compile("<oc:fileid>(\\d+)</oc:fileid>").matcher(props.body());
		assertThat(fileId.find()).isTrue();
		assertThat(props.body()).contains("<d:getcontentlength>" + content.length + "</d:getcontentlength>");
		return target;
	}

	private HttpResponse<String> send(DavClient phone, String method, String encodedPath, String body) {
		var request = request(phone, method, encodedPath, body == null ? HttpRequest.BodyPublishers.noBody()
				: HttpRequest.BodyPublishers.ofString(body));
		if (method.equals("PROPFIND")) {
			request.header("Depth", "0").header("Content-Type", "application/xml; charset=utf-8");
		}
		return phone.send(request);
	}

	private static HttpRequest.Builder request(DavClient phone, String method, String encodedPath,
			HttpRequest.BodyPublisher body) {
		return HttpRequest.newBuilder(java.net.URI.create(phone.url(encodedPath)))
			.method(method, body)
			.header("Authorization", DavClient.basic(phone.username(), phone.password()))
			.header("User-Agent", ANDROID);
	}

	/** The app password Android obtains at sign-in, named after the app. */
	private DavClient signInAsApp(DavClient account, String app) {
		var response = account.send(account.request("GET", baseUrl() + "/ocs/v2.php/core/getapppassword?format=json",
				null).header("OCS-APIRequest", "true").header("User-Agent", app));
		Matcher secret = Pattern.compile("\"apppassword\":\"([^\"]+)\"").matcher(response.body());
		assertThat(secret.find()).as(response.body()).isTrue();
		return new DavClient(baseUrl(), account.username(), secret.group(1));
	}

	private static String encode(String name) {
		return name.replace(" ", "%20").replace("(", "%28").replace(")", "%29");
	}
}
