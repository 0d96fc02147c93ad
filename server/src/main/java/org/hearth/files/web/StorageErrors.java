package org.hearth.files.web;

import java.util.Locale;
import java.util.Map;

import org.hearth.storage.StorageException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * How every REST controller answers a refusal of the storage core: the HTTP status DAV would use, and a JSON body
 * with the reason and the message, so the web app can say what went wrong.
 */
@RestControllerAdvice
class StorageErrors {

	@ExceptionHandler(StorageException.class)
	ResponseEntity<Map<String, String>> refused(StorageException e) {
		HttpStatus status = switch (e.reason()) {
			case NOT_FOUND -> HttpStatus.NOT_FOUND;
			case FORBIDDEN -> HttpStatus.FORBIDDEN;
			case INVALID_NAME, BAD_CONTENT -> HttpStatus.BAD_REQUEST;
			case INSUFFICIENT_STORAGE -> HttpStatus.INSUFFICIENT_STORAGE;
			case LOCKED -> HttpStatus.LOCKED;
			case PRECONDITION_FAILED -> HttpStatus.PRECONDITION_FAILED;
			default -> HttpStatus.CONFLICT;
		};
		return ResponseEntity.status(status)
			.body(Map.of("error", e.reason().name().toLowerCase(Locale.ROOT), "message", e.getMessage()));
	}
}
