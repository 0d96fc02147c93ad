package org.hearth.accounts.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.hearth.accounts.Authenticator;
import org.hearth.accounts.CurrentUser;
import org.hearth.accounts.HearthPrincipal;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Web sign-in: a session cookie, through the same throttle as every other login. */
@RestController
@RequestMapping("/api/session")
class SessionController {

	record Credentials(String username, String password) {
	}

	record SessionUser(String username, String displayName, boolean admin) {

		static SessionUser of(HearthPrincipal p) {
			return new SessionUser(p.username(), p.displayName(), p.admin());
		}
	}

	private final Authenticator authenticator;

	SessionController(Authenticator authenticator) {
		this.authenticator = authenticator;
	}

	@GetMapping
	ResponseEntity<SessionUser> current() {
		return CurrentUser.principal()
			.map(p -> ResponseEntity.ok(SessionUser.of(p)))
			.orElseGet(() -> ResponseEntity.status(HttpStatus.UNAUTHORIZED).build());
	}

	@PostMapping
	ResponseEntity<SessionUser> signIn(@RequestBody Credentials credentials, HttpServletRequest request,
			HttpServletResponse response) {
		if (credentials.username() == null || credentials.password() == null) {
			return ResponseEntity.badRequest().build();
		}
		var principal = authenticator.check(request.getRemoteAddr(), credentials.username(), credentials.password());
		if (principal.isEmpty()) {
			return ResponseEntity.status(HttpStatus.UNAUTHORIZED).build();
		}
		return ResponseEntity.ok(SessionUser.of(WebSignIn.signIn(principal.get(), request, response)));
	}

	@DeleteMapping
	ResponseEntity<Void> signOut(HttpServletRequest request) {
		var session = request.getSession(false);
		if (session != null) {
			session.invalidate();
		}
		SecurityContextHolder.clearContext();
		return ResponseEntity.noContent().build();
	}
}
