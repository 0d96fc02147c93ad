package org.hearth.uploads.web;

import java.io.IOException;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.hearth.accounts.CurrentUser;
import org.hearth.platform.MayBeNull;
import org.hearth.storage.Actor;
import org.hearth.storage.Node;
import org.hearth.storage.StagedChunk;
import org.hearth.storage.StoragePath;
import org.hearth.storage.WriteOptions;
import org.hearth.uploads.UploadService;
import org.hearth.uploads.UploadSession;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Chunked uploads for the web app: the same sessions as Nextcloud chunking v2 over DAV (open, numbered parts, list
 * to resume, assemble), behind the session cookie and CSRF token of the REST API, since DAV takes no writes from a
 * browser session (docs/adr/0009-web-uploads.md). Thin: every decision is {@link UploadService}'s.
 */
@RestController
class UploadsController {

	/** What the web app asks to upload: the file's path in the user's home and its size in bytes. */
	record UploadRequest(String path, long totalLength) {
	}

	record UploadPart(String name, long size) {

		static UploadPart of(StagedChunk chunk) {
			return new UploadPart(chunk.name(), chunk.size());
		}
	}

	/** An open upload and the parts the server holds, which a resuming client does not send again. */
	record UploadState(String uploadId, String path, long totalLength, List<UploadPart> parts) {
	}

	/**
	 * Assembles the parts: {@code overwrite} (default false) replaces a file at the path, {@code mtime} (epoch
	 * seconds) is the file's modification time.
	 */
	record Assembly(@MayBeNull Boolean overwrite, @MayBeNull Long mtime) {
	}

	/** The assembled file. */
	record UploadedFile(String path, long fileId, long size, String etag) {
	}

	private final UploadService uploads;

	UploadsController(UploadService uploads) {
		this.uploads = uploads;
	}

	@PostMapping("/api/uploads")
	@ResponseStatus(HttpStatus.CREATED)
	UploadState open(@RequestBody UploadRequest upload) {
		Actor actor = CurrentUser.actor();
		String path = "/" + StoragePath.parse(upload.path());
		UploadSession session = uploads.open(actor, actor.userId(), UUID.randomUUID().toString(), path,
				upload.totalLength());
		return new UploadState(session.uploadId(), path, session.totalLength(), List.of());
	}

	@GetMapping("/api/uploads/{uploadId}")
	UploadState state(@PathVariable String uploadId) {
		Actor actor = CurrentUser.actor();
		UploadSession session = uploads.session(actor, actor.userId(), uploadId);
		List<UploadPart> parts = uploads.chunks(actor, actor.userId(), uploadId)
			.stream()
			.map(UploadPart::of)
			.toList();
		return new UploadState(session.uploadId(), session.destination(), session.totalLength(), parts);
	}

	/** Stores one part; the body streams to the staging area. A part sent again replaces the earlier one. */
	@PutMapping("/api/uploads/{uploadId}/{part}")
	@ResponseStatus(HttpStatus.CREATED)
	UploadPart putPart(@PathVariable String uploadId, @PathVariable String part, HttpServletRequest request)
			throws IOException {
		Actor actor = CurrentUser.actor();
		return UploadPart.of(uploads.putChunk(actor, actor.userId(), uploadId, part, request.getInputStream()));
	}

	@PostMapping("/api/uploads/{uploadId}/assemble")
	UploadedFile assemble(@PathVariable String uploadId, @RequestBody Assembly assembly) {
		Actor actor = CurrentUser.actor();
		UploadSession session = uploads.session(actor, actor.userId(), uploadId);
		WriteOptions options = WriteOptions.defaults().withMtime(assembly.mtime());
		if (!Boolean.TRUE.equals(assembly.overwrite())) {
			options = options.withCreateOnly();
		}
		Node file = uploads.assemble(actor, actor.userId(), uploadId, StoragePath.parse(session.destination()), -1,
				options)
			.node();
		return new UploadedFile("/" + file.path(), file.id(), file.size(), file.etag());
	}

	@DeleteMapping("/api/uploads/{uploadId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void abort(@PathVariable String uploadId) {
		Actor actor = CurrentUser.actor();
		uploads.abort(actor, actor.userId(), uploadId);
	}
}
