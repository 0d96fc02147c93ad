package org.hearth.sharing.publiclinks.web;

import java.io.IOException;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;

import org.hearth.sharing.Share;
import org.hearth.sharing.publiclinks.LinkAccess;
import org.hearth.storage.Actor;
import org.hearth.storage.Permissions;
import org.hearth.storage.StorageException;
import org.hearth.storage.StoragePath;
import org.hearth.storage.StorageService;
import org.hearth.storage.WriteOptions;
import org.hearth.storage.WriteResult;
import org.hearth.uploads.UploadService;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Resumable uploads of large files from the drop page, in parts: open a session, send the parts (a retried or
 * reloaded page first asks which parts arrived and sends only the others), then assemble them into the link's
 * folder. The parts are kept by {@link UploadService} as for Nextcloud's chunked upload, in the link owner's staging
 * area under a session name the server derives from the link and the page's key, so a visitor reaches no other
 * session. Storage decides on the final write as for any upload by the visitor, renaming on a taken name. A small
 * endpoint rather than chunking v2 over public DAV: v2's Destination is a URL of an account's home.
 */
@RestController
class DropUploadController {

	private static final String SESSION = "/index.php/s/{token}/uploads/{key:[A-Za-z0-9_-]{8,64}}";

	private final LinkAccess access;

	private final UploadService uploads;

	private final StorageService storage;

	DropUploadController(LinkAccess access, UploadService uploads, StorageService storage) {
		this.access = access;
		this.uploads = uploads;
		this.storage = storage;
	}

	/** A visitor and where their session lives. */
	private record Drop(Actor visitor, long ownerId, String sessionId) {
	}

	private Drop drop(String token, String key, HttpServletRequest request) {
		Share link = access.link(token);
		Actor visitor = access.enter(link, access.visitor(link, request));
		// storage decides on the file when it is assembled; a link that can never create stages nothing meanwhile
		if ((link.permissions() & Permissions.CREATE) == 0) {
			throw new StorageException(StorageException.Reason.FORBIDDEN, "this link takes no uploads");
		}
		return new Drop(visitor, link.ownerId(),
				UploadService.linkSessionPrefix(link.id()) + key);
	}

	/** Opens the session, or finds it open (a resuming page): 201 or 200. */
	@PostMapping(SESSION)
	ResponseEntity<Void> open(@PathVariable String token, @PathVariable String key, @RequestParam long total,
			HttpServletRequest request) {
		Drop drop = drop(token, key, request);
		// reached only through the link's rule: an expired or switched-off link stages nothing
		if (total > storage.availableBytes(drop.visitor(), LinkAccess.HOME, StoragePath.ROOT)) {
			throw new StorageException(StorageException.Reason.INSUFFICIENT_STORAGE, "the file does not fit");
		}
		try {
			uploads.open(drop.visitor(), drop.ownerId(), drop.sessionId(), null, total);
			return ResponseEntity.status(201).build();
		}
		catch (StorageException e) {
			if (e.reason() != StorageException.Reason.ALREADY_EXISTS) {
				throw e;
			}
			return ResponseEntity.ok().build();
		}
	}

	/** The parts received so far, as {@code {"parts":{"000000":10485760,…}}}. */
	@GetMapping(value = SESSION, produces = MediaType.APPLICATION_JSON_VALUE)
	String parts(@PathVariable String token, @PathVariable String key, HttpServletRequest request) {
		Drop drop = drop(token, key, request);
		return uploads.chunks(drop.visitor(), drop.ownerId(), drop.sessionId())
			.stream()
			.map(part -> "\"" + part.name() + "\":" + part.size())
			.collect(Collectors.joining(",", "{\"parts\":{", "}}"));
	}

	@PutMapping(SESSION + "/{part:[0-9]{1,6}}")
	ResponseEntity<Void> part(@PathVariable String token, @PathVariable String key, @PathVariable String part,
			HttpServletRequest request) throws IOException {
		Drop drop = drop(token, key, request);
		uploads.putChunk(drop.visitor(), drop.ownerId(), drop.sessionId(), part, request.getInputStream());
		return ResponseEntity.status(201).build();
	}

	/** Assembles the parts as {@code name} in the link's folder (beside a file of that name, if there is one). */
	@PostMapping(SESSION + "/assemble")
	ResponseEntity<Void> assemble(@PathVariable String token, @PathVariable String key, @RequestParam String name,
			@RequestParam(required = false) Long mtime, HttpServletRequest request) {
		Drop drop = drop(token, key, request);
		WriteResult result = uploads.assemble(drop.visitor(), drop.ownerId(), drop.sessionId(),
				StoragePath.ROOT.child(StoragePath.checkName(name)), -1, WriteOptions.defaults().withMtime(mtime));
		return ResponseEntity.status(result.created() ? 201 : 204).build();
	}

	@ExceptionHandler(LinkAccess.PasswordRequired.class)
	ResponseEntity<String> passwordRequired() {
		return ResponseEntity.status(401)
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"error\":\"password_required\",\"message\":\"open the link's page and give its password\"}");
	}
}
