package org.hearth.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A small typed HTTP client for tests: DAV and OCS requests as a user, over real HTTP. */
public class DavClient {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private final String baseUrl;

	private final String username;

	private final String password;

	public DavClient(String baseUrl, String username, String password) {
		this.baseUrl = baseUrl;
		this.username = username;
		this.password = password;
	}

	public String username() {
		return username;
	}

	public String password() {
		return password;
	}

	public String baseUrl() {
		return baseUrl;
	}

	/** The DAV URL of an already-encoded path below the user's home. */
	public String url(String encodedPath) {
		return baseUrl + "/remote.php/dav/files/" + username + (encodedPath.startsWith("/") ? "" : "/")
				+ encodedPath;
	}

	public HttpRequest.Builder request(String method, String url, String body) {
		var builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
		if (password != null) {
			builder.header("Authorization", basic(username, password));
		}
		return builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
				: HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
	}

	public HttpResponse<String> send(HttpRequest.Builder request) {
		return send(request, HttpResponse.BodyHandlers.ofString());
	}

	public <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> bodyHandler) {
		try {
			return HTTP.send(request.build(), bodyHandler);
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	public HttpResponse<String> send(String method, String encodedPath, String body, String... headers) {
		var request = request(method, url(encodedPath), body);
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return send(request);
	}

	public HttpResponse<String> put(String encodedPath, String content, String... headers) {
		return send("PUT", encodedPath, content, headers);
	}

	public HttpResponse<String> mkcol(String encodedPath) {
		return send("MKCOL", encodedPath, null);
	}

	public HttpResponse<String> get(String encodedPath) {
		return send("GET", encodedPath, null);
	}

	public HttpResponse<String> delete(String encodedPath) {
		return send("DELETE", encodedPath, null);
	}

	public HttpResponse<String> move(String encodedFrom, String encodedTo, String... headers) {
		String[] all = new String[headers.length + 2];
		all[0] = "Destination";
		all[1] = url(encodedTo);
		System.arraycopy(headers, 0, all, 2, headers.length);
		return send("MOVE", encodedFrom, null, all);
	}

	public HttpResponse<String> propfind(String encodedPath, int depth, String body) {
		return send("PROPFIND", encodedPath, body, "Depth", String.valueOf(depth));
	}

	/** The value of one property of the first response in a multistatus (naive, for tests). */
	public String prop(String encodedPath, String prefix, String ns, String name) {
		String extra = prefix.equals("d") ? "" : " xmlns:" + prefix + "=\"" + ns + "\"";
		String body = "<?xml version=\"1.0\"?><d:propfind xmlns:d=\"DAV:\"" + extra + "><d:prop><" + prefix + ":"
				+ name + "/></d:prop></d:propfind>";
		var response = propfind(encodedPath, 0, body);
		if (response.statusCode() != 207) {
			throw new AssertionError("PROPFIND " + encodedPath + " answered " + response.statusCode());
		}
		Matcher m = Pattern.compile("<" + prefix + ":" + name + ">(.*?)</" + prefix + ":" + name + ">")
			.matcher(response.body());
		return m.find() ? m.group(1) : null;
	}

	public String etag(String encodedPath) {
		String raw = prop(encodedPath, "d", "DAV:", "getetag");
		return raw == null ? null : raw.replace("&quot;", "").replace("\"", "");
	}

	public String fileId(String encodedPath) {
		return prop(encodedPath, "oc", "http://owncloud.org/ns", "fileid");
	}

	public static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}
}
