package org.hearth.accounts.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.hearth.accounts.AppPasswordService;
import org.hearth.accounts.Authenticator;
import org.hearth.accounts.CurrentUser;
import org.hearth.accounts.HearthPrincipal;
import org.hearth.accounts.LoginFlowService;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * How Nextcloud clients get an app password without ever seeing the account password: Login Flow v2 (the client
 * polls while the user signs in and grants access in a browser) and the legacy flow (a web view that ends in an
 * {@code nc://} redirect carrying the credentials). Every path also answers below {@code /index.php}, as clients
 * use both. Sign-in goes through the {@link Authenticator}, so it is throttled like every other login.
 */
@RestController
class LoginFlowController {

	private static final String UNKNOWN_CLIENT = "unknown client";

	private static final MediaType HTML = new MediaType("text", "html", StandardCharsets.UTF_8);

	record PollEndpoint(String token, String endpoint) {
	}

	record StartedFlow(PollEndpoint poll, String login) {
	}

	record ClientCredentials(String server, String loginName, String appPassword) {
	}

	private final LoginFlowService flows;

	private final AppPasswordService appPasswords;

	private final Authenticator authenticator;

	LoginFlowController(LoginFlowService flows, AppPasswordService appPasswords, Authenticator authenticator) {
		this.flows = flows;
		this.appPasswords = appPasswords;
		this.authenticator = authenticator;
	}

	@PostMapping({ "/login/v2", "/index.php/login/v2" })
	StartedFlow start(@RequestHeader(value = HttpHeaders.USER_AGENT, required = false) String userAgent,
			HttpServletRequest request) {
		var started = flows.start(clientName(userAgent));
		String base = baseUrl(request);
		return new StartedFlow(new PollEndpoint(started.pollToken(), base + "/login/v2/poll"),
				base + "/login/v2/flow/" + started.flowToken());
	}

	/** 404 until access is granted, then the credentials once; Nextcloud answers the same. */
	@PostMapping({ "/login/v2/poll", "/index.php/login/v2/poll" })
	ResponseEntity<ClientCredentials> poll(@RequestParam(required = false) String token, HttpServletRequest request) {
		return flows.poll(token)
			.map(granted -> ResponseEntity
				.ok(new ClientCredentials(baseUrl(request), granted.loginName(), granted.appPassword())))
			.orElseGet(() -> ResponseEntity.notFound().build());
	}

	@GetMapping({ "/login/v2/flow/{flowToken}", "/index.php/login/v2/flow/{flowToken}" })
	ResponseEntity<String> flowPage(@PathVariable String flowToken, HttpServletRequest request) {
		return flows.clientName(flowToken)
			.map(client -> signInOrGrantPage(request.getRequestURI(), client, request))
			.orElseGet(LoginFlowController::gone);
	}

	@PostMapping({ "/login/v2/flow/{flowToken}", "/index.php/login/v2/flow/{flowToken}" })
	ResponseEntity<String> flowSignIn(@PathVariable String flowToken, @RequestParam(defaultValue = "") String username,
			@RequestParam(defaultValue = "") String password, HttpServletRequest request,
			HttpServletResponse response) {
		return flows.clientName(flowToken)
			.map(client -> signIn(request.getRequestURI(), client, username, password, request, response))
			.orElseGet(LoginFlowController::gone);
	}

	@PostMapping({ "/login/v2/flow/{flowToken}/grant", "/index.php/login/v2/flow/{flowToken}/grant" })
	ResponseEntity<String> flowGrant(@PathVariable String flowToken, HttpServletRequest request) {
		Optional<String> client = flows.clientName(flowToken);
		if (client.isEmpty()) {
			return gone();
		}
		Optional<HearthPrincipal> user = signedIn();
		if (user.isEmpty()) {
			return signInPage(HttpStatus.UNAUTHORIZED, pageOf(request), client.get(), null, request);
		}
		return flows.grant(flowToken, user.get()) ? html(HttpStatus.OK, LoginPages.granted(client.get())) : gone();
	}

	@GetMapping({ "/login/flow", "/index.php/login/flow" })
	ResponseEntity<String> legacyPage(@RequestHeader(value = HttpHeaders.USER_AGENT, required = false) String userAgent,
			HttpServletRequest request) {
		return signInOrGrantPage(request.getRequestURI(), clientName(userAgent), request);
	}

	@PostMapping({ "/login/flow", "/index.php/login/flow" })
	ResponseEntity<String> legacySignIn(
			@RequestHeader(value = HttpHeaders.USER_AGENT, required = false) String userAgent,
			@RequestParam(defaultValue = "") String username, @RequestParam(defaultValue = "") String password,
			HttpServletRequest request, HttpServletResponse response) {
		return signIn(request.getRequestURI(), clientName(userAgent), username, password, request, response);
	}

	/** Ends in the redirect the client's web view intercepts; the only place an app password travels in a URL. */
	@PostMapping({ "/login/flow/grant", "/index.php/login/flow/grant" })
	ResponseEntity<String> legacyGrant(
			@RequestHeader(value = HttpHeaders.USER_AGENT, required = false) String userAgent,
			HttpServletRequest request) {
		String client = clientName(userAgent);
		Optional<HearthPrincipal> user = signedIn();
		if (user.isEmpty()) {
			return signInPage(HttpStatus.UNAUTHORIZED, pageOf(request), client, null, request);
		}
		var created = appPasswords.create(user.get().userId(), client);
		String location = "nc://login/server:" + encode(baseUrl(request)) + "&user:" + encode(user.get().username())
				+ "&password:" + encode(created.secret());
		return ResponseEntity.status(HttpStatus.SEE_OTHER).header(HttpHeaders.LOCATION, location).build();
	}

	@ExceptionHandler(LoginFlowService.TooManyFlows.class)
	ResponseEntity<String> tooManyFlows(LoginFlowService.TooManyFlows e) {
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "60").build();
	}

	private ResponseEntity<String> signInOrGrantPage(String page, String client, HttpServletRequest request) {
		return signedIn()
			.map(user -> html(HttpStatus.OK,
					LoginPages.grant(page + "/grant", csrf(request), client, user.username())))
			.orElseGet(() -> signInPage(HttpStatus.OK, page, client, null, request));
	}

	/** After a good sign-in the browser goes back to the page, which now offers the grant. */
	private ResponseEntity<String> signIn(String page, String client, String username, String password,
			HttpServletRequest request, HttpServletResponse response) {
		if (username.isBlank() || password.isEmpty()) {
			return signInPage(HttpStatus.BAD_REQUEST, page, client, "Enter your user name and password.", request);
		}
		Optional<HearthPrincipal> verified;
		try {
			verified = authenticator.check(request.getRemoteAddr(), username, password);
		}
		catch (Authenticator.ThrottledException e) {
			return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
				.header(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfter().toSeconds()))
				.contentType(HTML)
				.body(LoginPages.throttled());
		}
		if (verified.isEmpty()) {
			return signInPage(HttpStatus.UNAUTHORIZED, page, client, "Wrong user name or password.", request);
		}
		if (verified.get().appPassword()) {
			return signInPage(HttpStatus.FORBIDDEN, page, client,
					"Use your account password here; an app password cannot grant access to another device.",
					request);
		}
		WebSignIn.signIn(verified.get(), request, response);
		return ResponseEntity.status(HttpStatus.SEE_OTHER).header(HttpHeaders.LOCATION, page).build();
	}

	private static ResponseEntity<String> signInPage(HttpStatus status, String page, String client, String problem,
			HttpServletRequest request) {
		return html(status, LoginPages.signIn(page, csrf(request), client, problem));
	}

	/** Only a sign-in with the account password may grant; a web session started with an app password may not. */
	private static Optional<HearthPrincipal> signedIn() {
		return CurrentUser.principal().filter(user -> user.viaSession() && !user.appPassword());
	}

	private static ResponseEntity<String> gone() {
		return html(HttpStatus.NOT_FOUND, LoginPages.gone());
	}

	private static ResponseEntity<String> html(HttpStatus status, String body) {
		return ResponseEntity.status(status).contentType(HTML).body(body);
	}

	private static CsrfToken csrf(HttpServletRequest request) {
		return (CsrfToken) request.getAttribute(CsrfToken.class.getName());
	}

	/** The page a grant was posted from. */
	private static String pageOf(HttpServletRequest request) {
		String uri = request.getRequestURI();
		return uri.substring(0, uri.length() - "/grant".length());
	}

	private static String clientName(String userAgent) {
		return userAgent == null || userAgent.isBlank() ? UNKNOWN_CLIENT : userAgent.strip();
	}

	/** From the request as received (scheme, host, port, context path), so an https request gets https URLs. */
	static String baseUrl(HttpServletRequest request) {
		return ServletUriComponentsBuilder.fromContextPath(request).build().toUriString();
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}
}
