package org.hearth.files.web;

import java.util.List;
import java.util.Map;

import org.hearth.accounts.CurrentUser;
import org.hearth.storage.Actor;
import org.hearth.storage.Node;
import org.hearth.storage.StorageException;
import org.hearth.storage.StoragePath;
import org.hearth.storage.StorageService;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The web app's file listing: one folder of the signed-in user's home. */
@RestController
class FilesController {

	record Entry(String name, String path, long fileId, boolean directory, long size, long mtime, String etag,
			String mimeType) {

		static Entry of(Node node) {
			return new Entry(node.name(), "/" + node.path(), node.id(), node.directory(), node.size(), node.mtime(),
					node.etag(), node.directory() ? null : node.mimeType());
		}
	}

	record Listing(String path, List<Entry> entries) {
	}

	private final StorageService storage;

	FilesController(StorageService storage) {
		this.storage = storage;
	}

	@GetMapping("/api/files")
	Listing list(@RequestParam(defaultValue = "/") String path) {
		Actor actor = CurrentUser.actor();
		StoragePath folderPath = StoragePath.parse(path);
		Node folder = storage.get(actor, actor.userId(), folderPath);
		List<Entry> entries = storage.list(actor, folder).stream().map(Entry::of).toList();
		return new Listing("/" + folderPath, entries);
	}

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
			.body(Map.of("error", e.reason().name().toLowerCase(java.util.Locale.ROOT), "message", e.getMessage()));
	}
}
