package org.hearth.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.hearth.accounts.internal.AppPasswordRepository;
import org.hearth.testing.DavClient;
import org.hearth.testing.HearthIT;
import org.hearth.testing.MovableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Signing in a client as the Nextcloud clients do it (Login Flow v2 and the legacy nc:// flow), driven over HTTP
 * the way a client and a browser with cookies would, and the device list that results. The clock can be moved for
 * expiry; last use is written to the database only when the test flushes it.
 */
@TestPropertySource(properties = "hearth.app-passwords.last-used-flush-interval=1h")
class LoginFlowIT extends HearthIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String CLIENT = "Mozilla/5.0 (Linux) mirall/3.7.3 (Nextcloud, <b>test</b> & co)";

	@Autowired
	private MovableClock clock;

	@Autowired
	private AppPasswordUsage usage;

	@Autowired
	private AppPasswordRepository appPasswordRows;

	@AfterEach
	void resetClock() {
		clock.reset();
	}

	@Test
	void aClientSignsInWithLoginFlowV2AndGetsItsAppPasswordOnce() {
		DavClient user = newUser("flow");
		JsonNode started = startFlow();
		String pollToken = started.path("poll").path("token").asString();
		String endpoint = started.path("poll").path("endpoint").asString();
		String login = started.path("login").asString();
		assertThat(pollToken).hasSizeGreaterThanOrEqualTo(64).matches("[A-Za-z0-9]+");
		assertThat(endpoint).isEqualTo(baseUrl() + "/login/v2/poll");
		assertThat(login).startsWith(baseUrl() + "/login/v2/flow/").doesNotContain(pollToken);
		assertThat(poll(endpoint, pollToken).statusCode()).as("not granted yet").isEqualTo(404);

		Browser browser = new Browser();
		var signInPage = browser.get(login);
		assertThat(signInPage.statusCode()).isEqualTo(200);
		assertThat(signInPage.body()).contains("name=\"password\"", "&lt;b&gt;test&lt;/b&gt; &amp; co")
			.doesNotContain("<b>test</b>", "Grant access");
		var signedIn = browser.signIn(login, signInPage.body(), user.username(), user.password());
		assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(303);
		assertThat(signedIn.headers().firstValue("Location")).hasValue(URI.create(login).getPath());

		var grantPage = browser.get(login);
		assertThat(grantPage.body()).contains("Grant access to Mozilla/5.0 (Linux) mirall/3.7.3 (Nextcloud, &lt;b&gt;",
				user.username());
		assertThat(poll(endpoint, pollToken).statusCode()).as("signed in, not yet granted").isEqualTo(404);
		var granted = browser.post(login + "/grant", Map.of("_csrf", Browser.csrf(grantPage.body())));
		assertThat(granted.statusCode()).as(granted.body()).isEqualTo(200);
		assertThat(granted.body()).contains("Access granted");

		var credentials = poll(baseUrl() + "/index.php/login/v2/poll", pollToken);
		assertThat(credentials.statusCode()).as("the poll endpoint also answers below /index.php").isEqualTo(200);
		JsonNode answer = json(credentials.body());
		assertThat(answer.path("server").asString()).isEqualTo(baseUrl());
		assertThat(answer.path("loginName").asString()).isEqualTo(user.username());
		String appPassword = answer.path("appPassword").asString();
		assertThat(poll(endpoint, pollToken).statusCode()).as("handed out exactly once").isEqualTo(404);
		assertThat(browser.get(login).statusCode()).as("the login link is used up").isEqualTo(404);

		DavClient device = new DavClient(baseUrl(), user.username(), appPassword);
		assertThat(device.propfind("", 0, null).statusCode()).isEqualTo(207);
		assertThat(deviceNamed(user, CLIENT)).as("the device is listed under the client's User-Agent").isNotNull();
		var viaCookie = browser.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/ocs/v2.php/core/getapppassword"))
			.header("OCS-APIRequest", "true"));
		assertThat(viaCookie.statusCode()).as("a web session cannot mint app passwords").isEqualTo(403);
	}

	@Test
	void pollingWithAWrongOrMissingTokenFindsNothing() {
		JsonNode started = startFlow();
		String endpoint = started.path("poll").path("endpoint").asString();
		assertThat(poll(endpoint, "A".repeat(128)).statusCode()).isEqualTo(404);
		var noToken = send(HttpRequest.newBuilder(URI.create(endpoint)).POST(HttpRequest.BodyPublishers.noBody()));
		assertThat(noToken.statusCode()).isEqualTo(404);
		String flowToken = started.path("login").asString().replaceAll(".*/", "");
		assertThat(poll(endpoint, flowToken).statusCode()).as("the flow token is not the poll token").isEqualTo(404);
	}

	@Test
	void flowsExpireAndAGrantNobodyFetchedIsRevoked() {
		DavClient user = newUser("expiry");
		JsonNode unused = startFlow();
		JsonNode granted = startFlow();
		Browser browser = new Browser();
		String grantedLogin = granted.path("login").asString();
		browser.signIn(grantedLogin, browser.get(grantedLogin).body(), user.username(), user.password());
		var grant = browser.post(grantedLogin + "/grant",
				Map.of("_csrf", Browser.csrf(browser.get(grantedLogin).body())));
		assertThat(grant.statusCode()).isEqualTo(200);
		assertThat(deviceNamed(user, CLIENT)).isNotNull();

		clock.advance(Duration.ofMinutes(20).plusSeconds(1));
		assertThat(browser.get(unused.path("login").asString()).statusCode()).isEqualTo(404);
		assertThat(poll(unused.path("poll").path("endpoint").asString(), unused.path("poll").path("token").asString())
			.statusCode()).isEqualTo(404);
		assertThat(poll(granted.path("poll").path("endpoint").asString(),
				granted.path("poll").path("token").asString())
			.statusCode()).as("too late to fetch").isEqualTo(404);
		assertThat(deviceNamed(user, CLIENT)).as("its app password was revoked").isNull();
	}

	@Test
	void theGrantNeedsASignInFirst() {
		JsonNode started = startFlow();
		String login = started.path("login").asString();
		Browser browser = new Browser();
		var page = browser.get(login);
		assertThat(page.body()).contains("name=\"password\"").doesNotContain("Grant access");
		var grant = browser.post(login + "/grant", Map.of("_csrf", Browser.csrf(page.body())));
		assertThat(grant.statusCode()).isEqualTo(401);
		assertThat(grant.body()).contains("name=\"password\"").doesNotContain("Access granted");
		assertThat(poll(started.path("poll").path("endpoint").asString(), started.path("poll").path("token").asString())
			.statusCode()).isEqualTo(404);
	}

	@Test
	void formsWithoutTheCsrfTokenAreRefused() {
		DavClient user = newUser("csrf");
		String login = startFlow().path("login").asString();
		Browser browser = new Browser();
		browser.get(login);
		var signIn = browser.post(login, Map.of("username", user.username(), "password", user.password()));
		assertThat(signIn.statusCode()).isEqualTo(403);
		assertThat(browser.get(login).body()).as("still signed out").doesNotContain("Grant access");

		browser.signIn(login, browser.get(login).body(), user.username(), user.password());
		var grant = browser.post(login + "/grant", Map.of());
		assertThat(grant.statusCode()).isEqualTo(403);
		assertThat(deviceNamed(user, CLIENT)).isNull();
	}

	@Test
	void wrongPasswordsOnTheSignInPageAreDelayedThenRefused() {
		DavClient victim = newUser("flow-victim");
		String login = startFlow().path("login").asString();
		Browser attacker = new Browser();
		String page = attacker.get(login).body();
		for (int i = 0; i < 3; i++) {
			assertThat(attacker.signIn(login, page, victim.username(), "guess").statusCode()).isEqualTo(401);
		}
		long start = System.nanoTime();
		assertThat(attacker.signIn(login, page, victim.username(), "guess").statusCode()).isEqualTo(401);
		assertThat(attacker.signIn(login, page, victim.username(), "guess").statusCode()).isEqualTo(401);
		assertThat((System.nanoTime() - start) / 1_000_000).as("past the free attempts each one waits")
			.isGreaterThanOrEqualTo(150);
		int status = 401;
		for (int i = 0; i < 5 && status != 429; i++) {
			status = attacker.signIn(login, page, victim.username(), "guess").statusCode();
		}
		assertThat(status).isEqualTo(429);
		var blocked = attacker.signIn(login, page, victim.username(), victim.password());
		assertThat(blocked.statusCode()).as("even the right password, while blocked").isEqualTo(429);
		assertThat(blocked.headers().firstValue("Retry-After")).isPresent();
		assertThat(victim.propfind("", 0, null).statusCode()).as("the same throttle guards DAV").isEqualTo(429);
	}

	@Test
	void theLegacyFlowEndsInAnNcRedirectWithTheCredentials() {
		DavClient user = newUser("legacy");
		Browser webView = new Browser();
		String flow = baseUrl() + "/index.php/login/flow";
		var page = webView.send(HttpRequest.newBuilder(URI.create(flow))
			.header("User-Agent", "Hearth legacy client")
			.header("OCS-APIREQUEST", "true"));
		assertThat(page.body()).contains("name=\"password\"");
		var signedIn = webView.signIn(flow, page.body(), user.username(), user.password());
		assertThat(signedIn.headers().firstValue("Location")).hasValue("/index.php/login/flow");
		var grantPage = webView
			.send(HttpRequest.newBuilder(URI.create(flow)).header("User-Agent", "Hearth legacy client"));
		assertThat(grantPage.body()).contains("Grant access to Hearth legacy client");

		var redirect = webView.send(HttpRequest.newBuilder(URI.create(flow + "/grant"))
			.header("User-Agent", "Hearth legacy client")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(Browser.form(Map.of("_csrf", Browser.csrf(grantPage.body())))));
		assertThat(redirect.statusCode()).isEqualTo(303);
		String location = redirect.headers().firstValue("Location").orElseThrow();
		assertThat(location).startsWith("nc://login/server:");
		Map<String, String> parts = new HashMap<>();
		for (String part : location.substring("nc://login/".length()).split("&")) {
			int colon = part.indexOf(':');
			parts.put(part.substring(0, colon), URLDecoder.decode(part.substring(colon + 1), StandardCharsets.UTF_8));
		}
		assertThat(parts).containsEntry("server", baseUrl()).containsEntry("user", user.username());
		assertThat(new DavClient(baseUrl(), user.username(), parts.get("password")).propfind("", 0, null).statusCode())
			.isEqualTo(207);
		assertThat(deviceNamed(user, "Hearth legacy client")).isNotNull();
	}

	@Test
	void aRevokedDeviceIsLockedOutAtOnce() {
		DavClient user = newUser("revoke");
		JsonNode created = createAppPassword(user, "tablet");
		DavClient tablet = new DavClient(baseUrl(), user.username(), created.path("password").asString());
		assertThat(tablet.propfind("", 0, null).statusCode()).as("verified and now cached").isEqualTo(207);

		long id = created.path("appPassword").path("id").asLong();
		var revoked = user.send(user.request("DELETE", baseUrl() + "/api/app-passwords/" + id, null));
		assertThat(revoked.statusCode()).isEqualTo(204);
		assertThat(tablet.propfind("", 0, null).statusCode()).isEqualTo(401);
		assertThat(deviceNamed(user, "tablet")).isNull();
	}

	@Test
	void lastSeenFollowsUseAndReachesTheDatabaseOnFlush() {
		DavClient user = newUser("seen");
		JsonNode created = createAppPassword(user, "laptop");
		long id = created.path("appPassword").path("id").asLong();
		Instant createdAt = Instant.parse(created.path("appPassword").path("createdAt").asString());
		assertThat(deviceNamed(user, "laptop").path("lastUsedAt").isNull()).isTrue();
		DavClient laptop = new DavClient(baseUrl(), user.username(), created.path("password").asString());

		clock.advance(Duration.ofMinutes(5));
		assertThat(laptop.propfind("", 0, null).statusCode()).isEqualTo(207);
		clock.advance(Duration.ofMinutes(2));
		assertThat(laptop.propfind("", 0, null).statusCode()).as("answered from the credential cache").isEqualTo(207);
		Instant seen = Instant.parse(deviceNamed(user, "laptop").path("lastUsedAt").asString());
		assertThat(seen).isAfterOrEqualTo(createdAt.plus(Duration.ofMinutes(7)));
		assertThat(appPasswordRows.findById(id).orElseThrow().getLastUsedAt()).as("not written per request").isNull();

		usage.flush();
		Instant stored = appPasswordRows.findById(id).orElseThrow().getLastUsedAt();
		assertThat(stored).isNotNull();
		assertThat(Duration.between(stored, seen).abs()).as("MariaDB keeps whole seconds")
			.isLessThan(Duration.ofSeconds(1));
		assertThat(Instant.parse(deviceNamed(user, "laptop").path("lastUsedAt").asString()))
			.isAfterOrEqualTo(createdAt.plus(Duration.ofMinutes(6)));
	}

	@Test
	void thereIsNothingToWipe() {
		var check = send(HttpRequest.newBuilder(URI.create(baseUrl() + "/index.php/core/wipe/check"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(Browser.form(Map.of("token", "whatever"))));
		assertThat(check.statusCode()).isEqualTo(404);
	}

	private JsonNode startFlow() {
		var response = send(HttpRequest.newBuilder(URI.create(baseUrl() + "/index.php/login/v2"))
			.header("User-Agent", CLIENT)
			.POST(HttpRequest.BodyPublishers.noBody()));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return json(response.body());
	}

	private HttpResponse<String> poll(String endpoint, String token) {
		return send(HttpRequest.newBuilder(URI.create(endpoint))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(Browser.form(Map.of("token", token))));
	}

	private JsonNode createAppPassword(DavClient user, String name) {
		var created = user.send(user.request("POST", baseUrl() + "/api/app-passwords", "{\"name\":\"" + name + "\"}")
			.header("Content-Type", "application/json"));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return json(created.body());
	}

	/** The user's device with this name as the REST API lists it, or null. */
	private JsonNode deviceNamed(DavClient user, String name) {
		var list = user.send(user.request("GET", baseUrl() + "/api/app-passwords", null));
		assertThat(list.statusCode()).isEqualTo(200);
		for (JsonNode device : json(list.body())) {
			if (device.path("name").asString().equals(name)) {
				return device;
			}
		}
		return null;
	}

	private static JsonNode json(String body) {
		return JSON.readTree(body);
	}

	private static HttpResponse<String> send(HttpRequest.Builder request) {
		return Browser.send(HttpClient.newHttpClient(), request);
	}

	/** A browser as far as the flow pages care: it keeps cookies and does not follow redirects by itself. */
	private static final class Browser {

		private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

		private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

		HttpResponse<String> get(String url) {
			return send(HttpRequest.newBuilder(URI.create(url)));
		}

		HttpResponse<String> post(String url, Map<String, String> fields) {
			return send(HttpRequest.newBuilder(URI.create(url))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(form(fields)));
		}

		/** Fills in and submits the sign-in form of a page. */
		HttpResponse<String> signIn(String url, String page, String username, String password) {
			Map<String, String> fields = new LinkedHashMap<>();
			fields.put("_csrf", csrf(page));
			fields.put("username", username);
			fields.put("password", password);
			return post(url, fields);
		}

		HttpResponse<String> send(HttpRequest.Builder request) {
			return send(http, request);
		}

		static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) {
			try {
				return client.send(request.timeout(Duration.ofSeconds(60)).build(),
						HttpResponse.BodyHandlers.ofString());
			}
			catch (IOException e) {
				throw new IllegalStateException(e);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(e);
			}
		}

		static String csrf(String page) {
			Matcher m = CSRF.matcher(page);
			assertThat(m.find()).as("a CSRF field in %s", page).isTrue();
			return m.group(1);
		}

		static HttpRequest.BodyPublisher form(Map<String, String> fields) {
			return HttpRequest.BodyPublishers.ofString(fields.entrySet()
				.stream()
				.map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
						+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
				.collect(Collectors.joining("&")));
		}
	}
}
