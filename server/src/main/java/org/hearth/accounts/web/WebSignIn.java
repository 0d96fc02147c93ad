package org.hearth.accounts.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.hearth.accounts.Authenticator;
import org.hearth.accounts.HearthPrincipal;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;

/** Puts a verified account into the HTTP session: the web app's sign-in and the login flow pages share it. */
final class WebSignIn {

	private static final SecurityContextRepository CONTEXTS = new HttpSessionSecurityContextRepository();

	private WebSignIn() {
	}

	/** Starts the session under a new id, so an id planted before sign-in is worthless afterwards. */
	static HearthPrincipal signIn(HearthPrincipal verified, HttpServletRequest request, HttpServletResponse response) {
		if (request.getSession(false) != null) {
			request.changeSessionId();
		}
		HearthPrincipal inSession = verified.inSession();
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(Authenticator.authenticated(inSession));
		SecurityContextHolder.setContext(context);
		CONTEXTS.saveContext(context, request, response);
		return inSession;
	}
}
