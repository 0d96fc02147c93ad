package org.hearth.accounts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Four filter chains: DAV, OCS and Nextcloud's preview routes (Basic auth with account or app passwords, as every Nextcloud client sends it),
 * the web app's REST API (session cookie with CSRF protection, Basic for scripts), the login flow pages (session with
 * CSRF-protected forms; the clients' own calls to start and poll a flow carry no session), and the public rest
 * (status, static files).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SecurityConfiguration {

	static final String REALM = "Hearth";

	/**
	 * Spring's firewall allows only the HTTP methods of plain web apps and refuses encoded percent signs; WebDAV
	 * needs its own methods and file names may contain '%' and ';'.
	 */
	@Bean
	HttpFirewall davFriendlyFirewall() {
		StrictHttpFirewall firewall = new StrictHttpFirewall();
		firewall.setAllowedHttpMethods(List.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH", "PROPFIND",
				"PROPPATCH", "MKCOL", "COPY", "MOVE", "LOCK", "UNLOCK", "REPORT", "SEARCH"));
		firewall.setAllowUrlEncodedPercent(true);
		firewall.setAllowSemicolon(true);
		return firewall;
	}

	@Bean
	AuthenticationManager authenticationManager(Authenticator authenticator) {
		return new ProviderManager(authenticator);
	}

	@Bean
	@Order(1)
	SecurityFilterChain davChain(HttpSecurity http, AuthenticationManager manager) throws Exception {
		AuthenticationEntryPoint entryPoint = SecurityConfiguration::challenge;
		http.securityMatcher(SecurityConfiguration::isDavOrOcs)
			.csrf(csrf -> csrf.disable())
			.requestCache(cache -> cache.disable())
			.logout(logout -> logout.disable())
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.NEVER))
			.authenticationManager(manager)
			.httpBasic(basic -> basic.realmName(REALM).authenticationEntryPoint(entryPoint))
			.exceptionHandling(e -> e.authenticationEntryPoint(entryPoint))
			.authorizeHttpRequests(auth -> auth.requestMatchers(HttpMethod.OPTIONS, "/**")
				.permitAll()
				.requestMatchers("/ocs/v1.php/cloud/capabilities", "/ocs/v2.php/cloud/capabilities")
				.permitAll()
				.anyRequest()
				.access(SecurityConfiguration::sessionOnlyReads));
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain apiChain(HttpSecurity http, AuthenticationManager manager) throws Exception {
		AuthenticationEntryPoint entryPoint = SecurityConfiguration::unauthorizedJson;
		http.securityMatcher("/api/**")
			.csrf(csrf -> csrf.csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
				.csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
				.ignoringRequestMatchers(request -> request.getHeader("Authorization") != null))
			.addFilterAfter(new CsrfCookieFilter(), BasicAuthenticationFilter.class)
			.authenticationManager(manager)
			.httpBasic(basic -> basic.authenticationEntryPoint(entryPoint))
			.exceptionHandling(e -> e.authenticationEntryPoint(entryPoint))
			.authorizeHttpRequests(auth -> auth.requestMatchers("/api/session", "/api/openapi.json")
				.permitAll()
				.requestMatchers("/api/admin/**")
				.hasRole("ADMIN")
				.anyRequest()
				.authenticated());
		return http.build();
	}

	@Bean
	@Order(3)
	SecurityFilterChain loginFlowChain(HttpSecurity http) throws Exception {
		http.securityMatcher("/login/**", "/index.php/login/**")
			.csrf(csrf -> csrf.ignoringRequestMatchers("/login/v2", "/index.php/login/v2", "/login/v2/poll",
					"/index.php/login/v2/poll"))
			.requestCache(cache -> cache.disable())
			.logout(logout -> logout.disable())
			.authorizeHttpRequests(auth -> auth.anyRequest().permitAll());
		return http.build();
	}

	@Bean
	@Order(4)
	SecurityFilterChain publicChain(HttpSecurity http) throws Exception {
		http.csrf(csrf -> csrf.disable())
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.NEVER))
			.authorizeHttpRequests(auth -> auth.anyRequest().permitAll());
		return http.build();
	}

	/**
	 * DAV, OCS, the previews Nextcloud's apps fetch with the same credentials, and PROPFIND on the collections above
	 * the DAV homes ({@code /}, {@code /remote.php}, …), which Windows walks before it maps a drive.
	 */
	private static boolean isDavOrOcs(HttpServletRequest request) {
		String uri = request.getRequestURI();
		if (uri.startsWith("/remote.php/") || uri.equals("/remote.php") || uri.startsWith("/ocs/")
				|| uri.startsWith("/index.php/core/preview") || uri.startsWith("/index.php/apps/files/api/v1/thumbnail/")) {
			return true;
		}
		return request.getMethod().equals("PROPFIND") && (uri.equals("/") || uri.startsWith("/remote.php"));
	}

	/** A web session may read over DAV; changes need credentials in the request itself. */
	private static AuthorizationDecision sessionOnlyReads(java.util.function.Supplier<? extends Authentication> auth,
			RequestAuthorizationContext context) {
		Authentication authentication = auth.get();
		if (authentication == null || !(authentication.getPrincipal() instanceof HearthPrincipal principal)) {
			return new AuthorizationDecision(false);
		}
		String method = context.getRequest().getMethod();
		boolean safe = method.equals("GET") || method.equals("HEAD") || method.equals("PROPFIND");
		return new AuthorizationDecision(!principal.viaSession() || safe);
	}

	private static void challenge(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException failure) throws IOException {
		if (respondThrottled(response, failure)) {
			return;
		}
		response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
		response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
		if (request.getRequestURI().startsWith("/ocs/")) {
			boolean json = "json".equals(request.getParameter("format"))
					|| String.valueOf(request.getHeader("Accept")).contains("application/json");
			response.setContentType(json ? "application/json" : "application/xml");
			response.setCharacterEncoding("UTF-8");
			response.getWriter()
				.write(json ? "{\"ocs\":{\"meta\":{\"status\":\"failure\",\"statuscode\":997,\"message\":\"Current user is not logged in\"},\"data\":[]}}"
						: "<?xml version=\"1.0\"?>\n<ocs><meta><status>failure</status><statuscode>997</statuscode><message>Current user is not logged in</message></meta><data/></ocs>");
			return;
		}
		response.setContentType("application/xml; charset=utf-8");
		response.getOutputStream()
			.write(("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<d:error xmlns:d=\"DAV:\" xmlns:s=\"http://sabredav.org/ns\">"
					+ "<s:exception>NotAuthenticated</s:exception><s:message>No valid credentials</s:message></d:error>")
				.getBytes(StandardCharsets.UTF_8));
	}

	private static void unauthorizedJson(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException failure) throws IOException {
		if (respondThrottled(response, failure)) {
			return;
		}
		response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
		response.setContentType("application/json");
		response.getWriter().write("{\"error\":\"unauthorized\",\"message\":\"sign in first\"}");
	}

	static boolean respondThrottled(HttpServletResponse response, AuthenticationException failure)
			throws IOException {
		if (failure instanceof Authenticator.ThrottledException throttled) {
			response.setStatus(429);
			response.setHeader("Retry-After", String.valueOf(throttled.retryAfter().toSeconds()));
			response.setContentType("application/json");
			response.getWriter().write("{\"error\":\"throttled\",\"message\":\"too many failed logins, try again later\"}");
			return true;
		}
		return false;
	}

	/** Makes the CSRF cookie appear on every API response, so the web app always has a token to send. */
	private static final class CsrfCookieFilter extends OncePerRequestFilter {

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
			if (token != null) {
				token.getToken();
			}
			chain.doFilter(request, response);
		}
	}
}
