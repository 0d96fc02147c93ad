package org.hearth.accounts.web;

import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.util.HtmlUtils;

/**
 * The few server-rendered pages of the login flows: a client's browser or web view opens them, so they must work
 * without the web app's JavaScript. Every value from outside is escaped.
 */
final class LoginPages {

	private LoginPages() {
	}

	static String signIn(String action, CsrfToken csrf, String clientName, String problem) {
		String alert = problem == null ? "" : "<p class=\"problem\" role=\"alert\">" + escape(problem) + "</p>";
		return page("Sign in", """
				<h1>Sign in</h1>
				<p>Sign in to connect <strong>%s</strong> to your account.</p>
				%s
				<form method="post" action="%s">
				%s
				<label>User name <input name="username" autocomplete="username" required autofocus></label>
				<label>Password <input name="password" type="password" autocomplete="current-password" required></label>
				<button type="submit">Sign in</button>
				</form>
				""".formatted(escape(clientName), alert, escape(action), csrfField(csrf)));
	}

	static String grant(String action, CsrfToken csrf, String clientName, String username) {
		return page("Grant access", """
				<h1>Grant access to %s</h1>
				<p>Signed in as <strong>%s</strong>. The client gets its own app password, which you can revoke
				under Devices at any time.</p>
				<form method="post" action="%s">
				%s
				<button type="submit">Grant access</button>
				</form>
				""".formatted(escape(clientName), escape(username), escape(action), csrfField(csrf)));
	}

	static String granted(String clientName) {
		return page("Access granted", """
				<h1>Access granted</h1>
				<p><strong>%s</strong> is now connected. You can close this window.</p>
				""".formatted(escape(clientName)));
	}

	static String gone() {
		return page("Link expired", """
				<h1>This sign-in link has expired</h1>
				<p>It was already used or is too old. Start signing in again from your client.</p>
				""");
	}

	static String throttled() {
		return page("Too many attempts", """
				<h1>Too many failed sign-ins</h1>
				<p>Wait a while, then try again.</p>
				""");
	}

	private static String csrfField(CsrfToken csrf) {
		return "<input type=\"hidden\" name=\"" + escape(csrf.getParameterName()) + "\" value=\""
				+ escape(csrf.getToken()) + "\">";
	}

	private static String escape(String text) {
		return HtmlUtils.htmlEscape(text);
	}

	private static String page(String title, String body) {
		return """
				<!doctype html>
				<html lang="en">
				<head>
				<meta charset="utf-8">
				<meta name="viewport" content="width=device-width, initial-scale=1">
				<title>%s · Hearth</title>
				<style>
				body { font-family: system-ui, sans-serif; max-width: 26rem; margin: 3rem auto; padding: 0 1rem; }
				h1 { font-size: 1.4rem; overflow-wrap: anywhere; }
				form { display: grid; gap: 0.75rem; }
				label { display: grid; gap: 0.25rem; }
				input, button { font: inherit; padding: 0.5rem; }
				button { background: #b5542c; color: #fff; border: 0; border-radius: 4px; cursor: pointer; }
				.problem { color: #a11; }
				</style>
				</head>
				<body>
				<main>
				%s</main>
				</body>
				</html>
				""".formatted(escape(title), body);
	}
}
