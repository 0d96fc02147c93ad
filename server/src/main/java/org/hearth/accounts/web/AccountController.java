package org.hearth.accounts.web;

import jakarta.servlet.http.HttpServletRequest;

import org.hearth.accounts.Authenticator;
import org.hearth.accounts.CurrentUser;
import org.hearth.accounts.HearthPrincipal;
import org.hearth.accounts.UserService;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The signed-in user's own account, for the web app's personal page. */
@RestController
class AccountController {

	record PasswordChange(String currentPassword, String newPassword) {
	}

	private final Authenticator authenticator;

	private final UserService users;

	AccountController(Authenticator authenticator, UserService users) {
		this.authenticator = authenticator;
		this.users = users;
	}

	/**
	 * Changes the account password. Only with the current account password (not an app password, and not a device
	 * signed in with one), checked and throttled like a sign-in; a wrong one is 403 so the web app stays signed in.
	 * Devices keep their app passwords.
	 */
	@PutMapping("/api/account/password")
	ResponseEntity<Void> changePassword(@RequestBody PasswordChange change, HttpServletRequest request) {
		HearthPrincipal user = CurrentUser.require();
		if (change.currentPassword() == null || change.newPassword() == null) {
			return ResponseEntity.badRequest().build();
		}
		boolean proven = !user.appPassword() && authenticator
			.check(request.getRemoteAddr(), user.username(), change.currentPassword())
			.filter(checked -> !checked.appPassword())
			.isPresent();
		if (!proven) {
			return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
		}
		users.setPassword(user.username(), change.newPassword());
		return ResponseEntity.noContent().build();
	}
}
