package org.hearth.uploads;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

import org.hearth.crash.ServerProcess;
import org.hearth.testing.DavClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Upload sessions outlive a restart, so clients can resume; what a crash leaves half made (parts without a session,
 * a session without its parts) is removed by the start-up pass. The server listens on another port after the
 * restart, so every request is built from its current base URL.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ChunkedUploadRestartIT {

	@Test
	void sessionsSurviveARestartAndLeftoversAreRemoved() throws Exception {
		ServerProcess server = ServerProcess.create("chunked-restart");
		try {
			resumeAfterRestart(server);
		}
		finally {
			server.close();
			server.deleteDataDir();
		}
	}

	private static void resumeAfterRestart(ServerProcess server) throws Exception {
		server.start();
		String password = "pw-chunked-restart";
		assertThat(server.adminPost("/api/admin/users",
				"{\"username\":\"resumer\",\"password\":\"" + password + "\",\"quotaBytes\":-1}").statusCode())
			.isEqualTo(201);
		DavClient user = new DavClient(server.baseUrl(), "resumer", password);
		assertThat(send(user, "MKCOL", server, "kept", null).statusCode()).isEqualTo(201);
		assertThat(send(user, "PUT", server, "kept/1", "first part, ").statusCode()).isEqualTo(201);
		assertThat(send(user, "MKCOL", server, "partless", null).statusCode()).isEqualTo(201);
		Path uploads = server.dataDir().resolve(".hearth/uploads");
		Path partless;
		try (var owners = Files.list(uploads)) {
			partless = owners.findFirst().orElseThrow().resolve("partless");
		}
		server.stop();

		Files.delete(partless);
		Path lost = Files.createDirectories(uploads.resolve("999999").resolve("lost"));
		Files.writeString(lost.resolve("1"), "parts of a session the database never saw");
		server.start();

		assertThat(lost).as("parts without a session").doesNotExist();
		assertThat(send(user, "MKCOL", server, "partless", null).statusCode())
			.as("the session whose parts were lost is gone, so it can be opened again").isEqualTo(201);
		var listing = send(user, "PROPFIND", server, "kept", null);
		assertThat(listing.statusCode()).isEqualTo(207);
		assertThat(listing.body()).contains("<d:getcontentlength>12</d:getcontentlength>");
		assertThat(send(user, "PUT", server, "kept/2", "second part").statusCode()).isEqualTo(201);
		DavClient restarted = new DavClient(server.baseUrl(), user.username(), password);
		var moved = restarted.send(restarted.request("MOVE", uploadUrl(server, "kept/.file"), null)
			.header("Destination", restarted.url("resumed.txt")));
		assertThat(moved.statusCode()).isEqualTo(201);
		assertThat(restarted.get("resumed.txt").body()).isEqualTo("first part, second part");
		assertThat(restarted.prop("resumed.txt", "oc", "http://owncloud.org/ns", "checksums"))
			.as("the SHA-1 of the parts appended before the restart is not known in memory: the file was read")
			.contains("SHA1:" + HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-1").digest("first part, second part".getBytes(UTF_8))));
	}

	private static HttpResponse<String> send(DavClient user, String method, ServerProcess server, String path,
			String body) {
		var request = user.request(method, uploadUrl(server, path), null);
		if (body != null) {
			request.method(method, HttpRequest.BodyPublishers.ofString(body));
		}
		return user.send(request.header("Depth", "1"));
	}

	private static String uploadUrl(ServerProcess server, String path) {
		return server.baseUrl() + "/remote.php/dav/uploads/resumer/" + path;
	}
}
