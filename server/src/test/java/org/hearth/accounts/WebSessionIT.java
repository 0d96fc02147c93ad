package org.hearth.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.hearth.previews.Images;
import org.hearth.previews.PreviewFetch;
import org.hearth.testing.DavClient;
import org.hearth.testing.HearthIT;
import org.junit.jupiter.api.Test;

/**
 * The web app's sign-in: CSRF cookie, session cookie, file listing, and DAV and preview reads (not writes) with the
 * cookie.
 */
class WebSessionIT extends HearthIT {

	@Test
	void signInListDownloadAndSignOut() throws Exception {
		DavClient user = newUser("web");
		user.mkcol("Photos");
		user.put("a%2Bb%20c.txt", "hello web");
		PreviewFetch.put(user, "Photos/cat.jpg", Images.jpeg(100, 80));
		CookieManager cookies = new CookieManager();
		HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();

		var anonymous = browser.send(get("/api/session"), HttpResponse.BodyHandlers.ofString());
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(anonymous.headers().firstValue("WWW-Authenticate")).as("no browser password dialog").isEmpty();
		String csrf = cookie(cookies, "XSRF-TOKEN");
		assertThat(csrf).isNotNull();

		String body = "{\"username\":\"" + user.username() + "\",\"password\":\"" + user.password() + "\"}";
		var withoutToken = browser.send(post("/api/session", body).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(withoutToken.statusCode()).as("CSRF token required").isEqualTo(403);
		var wrong = browser.send(post("/api/session", body.replace(user.password(), "nope")).header("X-XSRF-TOKEN", csrf)
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(wrong.statusCode()).isEqualTo(401);
		var signedIn = browser.send(post("/api/session", body).header("X-XSRF-TOKEN", csrf).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(200);
		assertThat(signedIn.body()).contains("\"username\":\"" + user.username() + "\"");
		assertThat(signedIn.headers().allValues("Set-Cookie").toString()).containsIgnoringCase("HttpOnly");

		var listing = browser.send(get("/api/files?path=%2F"), HttpResponse.BodyHandlers.ofString());
		assertThat(listing.statusCode()).isEqualTo(200);
		assertThat(listing.body()).contains("\"name\":\"Photos\"", "\"directory\":true", "\"name\":\"a+b c.txt\"",
				"\"size\":9");
		var missing = browser.send(get("/api/files?path=%2Fnope"), HttpResponse.BodyHandlers.ofString());
		assertThat(missing.statusCode()).isEqualTo(404);

		String dav = "/remote.php/dav/files/" + user.username() + "/a%2Bb%20c.txt";
		var download = browser.send(get(dav), HttpResponse.BodyHandlers.ofString());
		assertThat(download.statusCode()).isEqualTo(200);
		assertThat(download.body()).isEqualTo("hello web");
		var delete = browser.send(HttpRequest.newBuilder(URI.create(baseUrl() + dav)).DELETE().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(delete.statusCode()).as("a cookie alone may not change files").isEqualTo(403);
		assertThat(user.get("a%2Bb%20c.txt").statusCode()).isEqualTo(200);
		var preview = browser.send(get("/index.php/core/preview?fileId=" + user.fileId("Photos/cat.jpg") + "&x=64&y=64"),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(preview.statusCode()).as("Nextcloud's preview route takes the session too").isEqualTo(200);
		assertThat(preview.headers().firstValue("Content-Type")).hasValue("image/jpeg");

		var signOut = browser.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/session"))
			.header("X-XSRF-TOKEN", cookie(cookies, "XSRF-TOKEN"))
			.DELETE()
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(signOut.statusCode()).isEqualTo(204);
		assertThat(browser.send(get("/api/files?path=%2F"), HttpResponse.BodyHandlers.ofString()).statusCode())
			.isEqualTo(401);
	}

	@Test
	void theWebAppIsServedWithoutSignIn() throws Exception {
		var page = HttpClient.newHttpClient().send(get("/"), HttpResponse.BodyHandlers.ofString());
		assertThat(page.statusCode()).as("clients probe / and must not get 401").isEqualTo(200);
		assertThat(page.body()).contains("<!doctype html>");
	}

	private HttpRequest get(String path) {
		return HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET().build();
	}

	private HttpRequest.Builder post(String path, String json) {
		return HttpRequest.newBuilder(URI.create(baseUrl() + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json));
	}

	private static String cookie(CookieManager cookies, String name) {
		return cookies.getCookieStore()
			.getCookies()
			.stream()
			.filter(c -> c.getName().equals(name))
			.map(HttpCookie::getValue)
			.findFirst()
			.orElse(null);
	}
}
