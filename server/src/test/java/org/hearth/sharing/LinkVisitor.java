package org.hearth.sharing;

import java.io.IOException;
import java.net.CookieManager;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An anonymous visitor of public links over real HTTP: from a chosen local address (the server trusts no
 * forwarding header, so a second address is a second visitor for the throttle), optionally with Basic credentials
 * and with its own cookie jar, like a browser.
 */
class LinkVisitor {

	private static final Pattern FORM_TOKEN = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

	private final String baseUrl;

	private final HttpClient http;

	private final String authorization;

	private LinkVisitor(String baseUrl, HttpClient http, String authorization) {
		this.baseUrl = baseUrl;
		this.http = http;
		this.authorization = authorization;
	}

	static LinkVisitor from(String baseUrl, String localAddress) {
		try {
			return new LinkVisitor(baseUrl, HttpClient.newBuilder()
				.localAddress(InetAddress.getByName(localAddress))
				.cookieHandler(new CookieManager())
				.connectTimeout(Duration.ofSeconds(10))
				.build(), null);
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}

	static LinkVisitor anonymous(String baseUrl) {
		return from(baseUrl, "127.0.0.1");
	}

	/** The same visitor (address, cookies) sending Basic credentials. */
	LinkVisitor withBasic(String user, String password) {
		String credentials = Base64.getEncoder()
			.encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
		return new LinkVisitor(baseUrl, http, "Basic " + credentials);
	}

	String baseUrl() {
		return baseUrl;
	}

	HttpResponse<byte[]> send(String method, String pathAndQuery, String body, String... headers) {
		var request = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
			.timeout(Duration.ofSeconds(60))
			.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
					: HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		try {
			return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	/**
	 * Opens a link's page and sends its password form, as a browser does: with the form's token, when the page
	 * showed a form.
	 */
	HttpResponse<byte[]> submitPassword(String token, String password) {
		Matcher formToken = FORM_TOKEN.matcher(text(send("GET", "/index.php/s/" + token, null)));
		return submitPassword(token, password, formToken.find() ? formToken.group(1) : "");
	}

	/** Sends the password form with the given form token, as a forged form would. */
	HttpResponse<byte[]> submitPassword(String token, String password, String formToken) {
		return send("POST", "/index.php/s/" + token + "/authenticate",
				"password=" + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&csrf="
						+ URLEncoder.encode(formToken, StandardCharsets.UTF_8),
				"Content-Type", "application/x-www-form-urlencoded");
	}

	static String text(HttpResponse<byte[]> response) {
		return new String(response.body(), StandardCharsets.UTF_8);
	}
}
