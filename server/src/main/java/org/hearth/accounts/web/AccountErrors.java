package org.hearth.accounts.web;

import java.util.Map;

import org.hearth.accounts.AccountException;
import org.hearth.accounts.Authenticator;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Account errors as JSON with a message a person can act on. */
@RestControllerAdvice(basePackages = "org.hearth.accounts")
class AccountErrors {

	@ExceptionHandler(AccountException.class)
	ResponseEntity<Map<String, String>> refused(AccountException e) {
		HttpStatus status = switch (e.reason()) {
			case NOT_FOUND -> HttpStatus.NOT_FOUND;
			case EXISTS -> HttpStatus.CONFLICT;
			case INVALID -> HttpStatus.BAD_REQUEST;
		};
		return ResponseEntity.status(status).body(Map.of("error", e.reason().name().toLowerCase(), "message", e.getMessage()));
	}

	@ExceptionHandler(Authenticator.ThrottledException.class)
	ResponseEntity<Map<String, String>> throttled(Authenticator.ThrottledException e) {
		return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
			.header("Retry-After", String.valueOf(e.retryAfter().toSeconds()))
			.body(Map.of("error", "throttled", "message", e.getMessage()));
	}
}
