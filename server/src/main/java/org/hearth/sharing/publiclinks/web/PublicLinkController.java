package org.hearth.sharing.publiclinks.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.hearth.dav.ContentResponse;
import org.hearth.files.ZipDownload;
import org.hearth.sharing.Share;
import org.hearth.sharing.publiclinks.LinkAccess;
import org.hearth.storage.Actor;
import org.hearth.storage.Node;
import org.hearth.storage.StorageException;
import org.hearth.storage.StoragePath;
import org.hearth.storage.StorageService;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The public pages of a link at {@code /index.php/s/{token}}: the password form, the folder or file view, the file
 * drop page, and downloads (one file, or a folder or a selection as a streamed zip). Every read goes through
 * storage as the link's visitor, so what a page shows is exactly what the link allows.
 */
@Controller
class PublicLinkController {

	private static final String BASE = "/index.php/s/{token}";

	private static final MediaType HTML = new MediaType("text", "html", StandardCharsets.UTF_8);

	private final LinkAccess access;

	private final StorageService storage;

	private final ZipDownload zips;

	PublicLinkController(LinkAccess access, StorageService storage, ZipDownload zips) {
		this.access = access;
		this.storage = storage;
		this.zips = zips;
	}

	@GetMapping(BASE)
	ResponseEntity<String> page(@PathVariable String token, @RequestParam(required = false) String path,
			HttpServletRequest request) {
		Share link = access.link(token);
		Actor visitor = access.enter(link, access.visitor(link, request));
		String title = link.label() != null && !link.label().isBlank() ? link.label() : "Shared with you";
		if (LinkAccess.uploadOnly(link)) {
			// a drop shows nothing, so ask storage whether the link reaches anything at all (expired, switched off)
			storage.availableBytes(visitor, LinkAccess.HOME, StoragePath.ROOT);
			return html(200, PublicPages.drop(token, title));
		}
		StoragePath at = path == null ? StoragePath.ROOT : StoragePath.parse(path);
		Node node = storage.get(visitor, LinkAccess.HOME, at);
		if (!node.directory()) {
			return html(200, PublicPages.file(token, title, node, !link.hideDownload()));
		}
		List<Node> children = storage.list(visitor, node);
		return html(200, PublicPages.folder(token, title, at, children, !link.hideDownload()));
	}

	@PostMapping(BASE + "/authenticate")
	ResponseEntity<String> authenticate(@PathVariable String token, @RequestParam(defaultValue = "") String password,
			HttpServletRequest request) {
		Share link = access.link(token);
		try {
			access.unlock(link, password, request);
		}
		catch (LinkAccess.PasswordRequired e) {
			return html(401, PublicPages.password(token, "Wrong password."));
		}
		return ResponseEntity.status(303).header(HttpHeaders.LOCATION, request.getRequestURI().replaceFirst("/authenticate$", "")).build();
	}

	/**
	 * One file ({@code path} names a file, or the link shares a file), else a zip of the folder at {@code path} (the
	 * link's root by default), or of the {@code files} chosen in it.
	 */
	@GetMapping(BASE + "/download")
	void download(@PathVariable String token, @RequestParam(required = false) String path,
			@RequestParam(required = false) List<String> files, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		Share link = access.link(token);
		Actor visitor = access.enter(link, access.visitor(link, request));
		if (link.hideDownload()) {
			throw new StorageException(StorageException.Reason.FORBIDDEN, "the owner does not allow downloads");
		}
		StoragePath at = path == null ? StoragePath.ROOT : StoragePath.parse(path);
		Node node = storage.get(visitor, LinkAccess.HOME, at);
		if (!node.directory()) {
			response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ZipDownload.attachment(node.name()));
			ContentResponse.send(request, response, new ContentResponse.Content(node.size(), node.etag(),
					node.mimeType(), offset -> storage.open(visitor, node, offset),
					() -> storage.contentLocation(visitor, node)));
			return;
		}
		String zipName = (at.isRoot() ? "download" : node.name()) + ".zip";
		zips.send(visitor, zips.chosen(visitor, node, files == null ? List.of() : files), zipName, response);
	}

	@ExceptionHandler(LinkAccess.PasswordRequired.class)
	ResponseEntity<String> passwordRequired(HttpServletRequest request) {
		String token = request.getRequestURI().replaceFirst("^/index\\.php/s/([^/]+).*$", "$1");
		return html(401, PublicPages.password(token, null));
	}

	@ExceptionHandler(LinkAccess.Throttled.class)
	ResponseEntity<String> throttled(LinkAccess.Throttled e) {
		return ResponseEntity.status(429)
			.header(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfter().toSeconds()))
			.contentType(HTML)
			.body(PublicPages.throttled());
	}

	/** Everything else a visitor may not see looks like a link that does not exist. */
	@ExceptionHandler(StorageException.class)
	ResponseEntity<String> refused(StorageException e) {
		if (e.reason() == StorageException.Reason.FORBIDDEN) {
			return html(403, PublicPages.notFound());
		}
		return html(404, PublicPages.notFound());
	}

	private static ResponseEntity<String> html(int status, String body) {
		return ResponseEntity.status(status)
			.contentType(HTML)
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.body(body);
	}
}
