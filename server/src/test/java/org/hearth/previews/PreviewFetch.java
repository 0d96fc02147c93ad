package org.hearth.previews;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.hearth.testing.DavClient;

/** Uploads images and fetches previews as a user, over real HTTP. */
public final class PreviewFetch {

	private PreviewFetch() {
	}

	/** Stores {@code bytes} at an encoded path of the user's home through DAV; 201 or 204. */
	public static void put(DavClient user, String encodedPath, byte[] bytes) {
		var response = user.send(user.request("PUT", user.url(encodedPath), null)
			.method("PUT", HttpRequest.BodyPublishers.ofByteArray(bytes)));
		assertThat(response.statusCode()).as("PUT " + encodedPath).isIn(201, 204);
	}

	/** GET of a server path (with its query) with the user's credentials. */
	public static HttpResponse<byte[]> get(DavClient user, String pathAndQuery, String... headers) {
		var request = user.request("GET", user.baseUrl() + pathAndQuery, null);
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return user.send(request, HttpResponse.BodyHandlers.ofByteArray());
	}

	/** Nextcloud's preview of a file id. */
	public static HttpResponse<byte[]> preview(DavClient user, String fileId, String query) {
		return get(user, "/index.php/core/preview?fileId=" + fileId + (query.isEmpty() ? "" : "&" + query));
	}
}
