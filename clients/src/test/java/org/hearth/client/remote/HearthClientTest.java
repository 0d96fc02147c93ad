package org.hearth.client.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;

import org.junit.jupiter.api.Test;

class HearthClientTest {

	@Test
	void normalizesServerUrls() {
		assertThat(ServerUrl.normalize("https://cloud.example/")).isEqualTo(URI.create("https://cloud.example"));
		assertThat(ServerUrl.normalize(" http://127.0.0.1:8080// ")).isEqualTo(URI.create("http://127.0.0.1:8080"));
		assertThat(ServerUrl.normalize("HTTPS://example.org/nextcloud/"))
			.isEqualTo(URI.create("https://example.org/nextcloud"));
		for (String bad : new String[] { "cloud.example", "ftp://x", "https://", "https://u:p@x", "https://x/?a=b", "" }) {
			assertThatThrownBy(() -> ServerUrl.normalize(bad)).as(bad)
				.isInstanceOf(IllegalArgumentException.class);
		}
	}

	@Test
	void davUrlsEncodeTheUserIdAndEverySegment() {
		try (HearthClient client = new HearthClient(URI.create("https://h/nc"), "bob", "x", "bob@example.org")) {
			assertThat(client.davUri("/a b/c+d#e")).hasToString("https://h/nc/remote.php/dav/files/bob%40example.org/a%20b/c%2Bd%23e");
			assertThat(client.davUri("/")).hasToString("https://h/nc/remote.php/dav/files/bob%40example.org/");
		}
	}

	@Test
	void errorMessagesNameTheProblem() {
		assertThat(RemoteException.forStatus(404, "GET", "/x", null).getMessage()).isEqualTo("not found: /x");
		assertThat(RemoteException.forStatus(507, "PUT", "/x", "Insufficient space").getMessage()).startsWith("quota exceeded");
		assertThat(RemoteException.forStatus(409, "PUT", "/a/b", null).getMessage())
			.startsWith("conflict: parent folder does not exist");
		assertThat(RemoteException.forStatus(412, "MOVE", "/x", null).getMessage()).startsWith("precondition failed");
		assertThat(RemoteException.forStatus(429, "GET", "/x", null).getMessage()).isEqualTo("too many failed attempts, try later");
		assertThat(RemoteException.forStatus(500, "GET", "/x", "boom").getMessage()).isEqualTo("server error 500 for GET /x (boom)");
	}
}
