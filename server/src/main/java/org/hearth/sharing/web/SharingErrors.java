package org.hearth.sharing.web;

import java.util.Locale;
import java.util.Map;

import org.hearth.sharing.SharingException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** A refused share as JSON with the reason and a message the web app shows as it is. */
@RestControllerAdvice(basePackageClasses = SharingErrors.class)
class SharingErrors {

	@ExceptionHandler(SharingException.class)
	ResponseEntity<Map<String, String>> refused(SharingException e) {
		HttpStatus status = switch (e.reason()) {
			case BAD_REQUEST -> HttpStatus.BAD_REQUEST;
			case FORBIDDEN -> HttpStatus.FORBIDDEN;
			case NOT_FOUND -> HttpStatus.NOT_FOUND;
		};
		return ResponseEntity.status(status)
			.body(Map.of("error", e.reason().name().toLowerCase(Locale.ROOT), "message", e.getMessage()));
	}
}
