package org.hearth.files.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.hearth.platform.MayBeNull;
import org.hearth.accounts.CurrentUser;
import org.hearth.files.ZipDownload;
import org.hearth.storage.Actor;
import org.hearth.storage.Node;
import org.hearth.storage.StoragePath;
import org.hearth.storage.StorageService;
import org.hearth.storage.WriteOptions;
import org.hearth.storage.WriteResult;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The web app's files: list a folder of the signed-in user's home, download, upload (the body streams into storage),
 * create folders, delete (to the trash once there is one), move and copy. Everything goes through the storage core,
 * like DAV.
 */
@RestController
class FilesController {

	record FileEntry(String name, String path, long fileId, boolean directory, long size, long mtime, String etag,
			String mimeType) {

		static FileEntry of(Node node) {
			return new FileEntry(node.name(), "/" + node.path(), node.id(), node.directory(), node.size(), node.mtime(),
					node.etag(), node.directory() ? null : node.mimeType());
		}
	}

	/**
	 * The signed-in user's space: bytes of their current files (versions and trash not counted) and what they may
	 * still store; together they are the size of their drive, as WebDAV clients show it.
	 */
	record Quota(long usedBytes, long availableBytes) {
	}

	record FolderListing(String path, List<FileEntry> entries, Quota quota) {
	}

	/** A move or copy: {@code overwrite} (default false) replaces what is at {@code to}. */
	record Transfer(String from, String to, @MayBeNull Boolean overwrite) {

		boolean replaces() {
			return Boolean.TRUE.equals(overwrite);
		}
	}

	private final StorageService storage;

	private final ZipDownload zips;

	FilesController(StorageService storage, ZipDownload zips) {
		this.storage = storage;
		this.zips = zips;
	}

	@GetMapping("/api/files")
	FolderListing list(@RequestParam(defaultValue = "/") String path) {
		Actor actor = CurrentUser.actor();
		StoragePath folderPath = StoragePath.parse(path);
		Node folder = storage.get(actor, actor.userId(), folderPath);
		List<FileEntry> entries = storage.list(actor, folder).stream().map(FileEntry::of).toList();
		Quota quota = new Quota(storage.home(actor.userId()).usedBytes(), storage.availableBytes(actor.userId()));
		return new FolderListing("/" + folderPath, entries, quota);
	}

	@GetMapping("/api/files/content")
	ResponseEntity<InputStreamResource> download(@RequestParam String path) {
		Actor actor = CurrentUser.actor();
		Node file = storage.get(actor, actor.userId(), StoragePath.parse(path));
		InputStream content = storage.open(actor, file, 0);
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(file.mimeType()))
			.contentLength(file.size())
			.eTag(file.etag())
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(file.name()).build()
				.toString())
			.body(new InputStreamResource(content));
	}

	/**
	 * A zip of the chosen files and folders (each {@code path} of the signed-in user's space, shares they received
	 * included), folders with everything in them, streamed as it is read. Each becomes an entry at the top of the
	 * zip, so two with the same name are refused.
	 */
	@GetMapping("/api/files/zip")
	void downloadZip(@RequestParam List<String> path, HttpServletResponse response) throws IOException {
		Actor actor = CurrentUser.actor();
		List<StoragePath> paths = path.stream().map(StoragePath::parse).toList();
		List<Node> nodes = paths.stream().map(at -> storage.get(actor, actor.userId(), at)).toList();
		String zipName = paths.size() == 1 && !paths.getFirst().isRoot() ? paths.getFirst().name() : "download";
		zips.send(actor, nodes, zipName + ".zip", response);
	}

	/**
	 * Creates or replaces a file with the request body; {@code If-Match} guards against replacing a newer one,
	 * {@code If-None-Match: *} against replacing any (412 when the file exists).
	 */
	@PutMapping("/api/files/content")
	ResponseEntity<FileEntry> upload(@RequestParam String path, @RequestParam(required = false) Long mtime,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
			HttpServletRequest request) throws IOException {
		Actor actor = CurrentUser.actor();
		WriteOptions options = new WriteOptions(mtime, null, null, request.getContentLengthLong(), unquote(ifMatch),
				"*".equals(ifNoneMatch), Set.of());
		WriteResult written = storage.write(actor, actor.userId(), StoragePath.parse(path), request.getInputStream(),
				options);
		return ResponseEntity.status(written.created() ? HttpStatus.CREATED : HttpStatus.OK)
			.body(FileEntry.of(written.node()));
	}

	@PostMapping("/api/files/folder")
	@ResponseStatus(HttpStatus.CREATED)
	FileEntry createFolder(@RequestParam String path) {
		Actor actor = CurrentUser.actor();
		return FileEntry.of(storage.createFolder(actor, actor.userId(), StoragePath.parse(path), Set.of()));
	}

	@DeleteMapping("/api/files")
	ResponseEntity<Void> delete(@RequestParam String path) {
		Actor actor = CurrentUser.actor();
		storage.delete(actor, actor.userId(), StoragePath.parse(path), null, Set.of());
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/api/files/move")
	FileEntry move(@RequestBody Transfer transfer) {
		Actor actor = CurrentUser.actor();
		return FileEntry.of(storage.move(actor, actor.userId(), StoragePath.parse(transfer.from()),
				StoragePath.parse(transfer.to()), transfer.replaces(), Set.of())
			.node());
	}

	@PostMapping("/api/files/copy")
	FileEntry copy(@RequestBody Transfer transfer) {
		Actor actor = CurrentUser.actor();
		return FileEntry.of(storage.copy(actor, actor.userId(), StoragePath.parse(transfer.from()),
				StoragePath.parse(transfer.to()), transfer.replaces(), false, Set.of())
			.node());
	}

	private static String unquote(String etag) {
		if (etag == null || etag.equals("*")) {
			return etag;
		}
		return etag.replace("\"", "");
	}
}
