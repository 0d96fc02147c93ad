package org.hearth.sharing.publiclinks.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.hearth.dav.ContentResponse;
import org.hearth.files.ZipDownload;
import org.hearth.previews.PreviewResponse;
import org.hearth.previews.PreviewService;
import org.hearth.previews.PreviewSpec;
import org.hearth.sharing.Share;
import org.hearth.sharing.publiclinks.LinkAccess;
import org.hearth.storage.Actor;
import org.hearth.storage.Node;
import org.hearth.storage.StorageException;
import org.hearth.storage.StoragePath;
import org.hearth.storage.StorageService;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
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

	/** The session attribute of the password form's anti-forgery token. */
	private static final String FORM_TOKEN = PublicLinkController.class.getName() + ".formToken";

	private final SecureRandom random = new SecureRandom();

	private final LinkAccess access;

	private final StorageService storage;

	private final ZipDownload zips;

	private final PreviewService previews;

	PublicLinkController(LinkAccess access, StorageService storage, ZipDownload zips, PreviewService previews) {
		this.access = access;
		this.previews = previews;
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
			@RequestParam(defaultValue = "") String csrf, HttpServletRequest request) {
		Share link = access.link(token);
		if (!formTokenMatches(request, csrf)) {
			// a form another site made this browser send: it would unlock the link with a password of its choice
			return html(403, PublicPages.password(token, formToken(request), "Please give the password again."));
		}
		try {
			access.unlock(link, password, request);
		}
		catch (LinkAccess.PasswordRequired e) {
			return html(401, PublicPages.password(token, formToken(request), "Wrong password."));
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

	/**
	 * A preview of an image the link shows, for the folder page: square ({@code a=0}) or whole ({@code a=1}), as
	 * Nextcloud's preview. A drop link shows nothing, so it has no previews either.
	 */
	@GetMapping(BASE + "/preview")
	ResponseEntity<InputStreamResource> preview(@PathVariable String token, @RequestParam String path,
			@RequestParam(defaultValue = "64") int x, @RequestParam(defaultValue = "64") int y,
			@RequestParam(defaultValue = "false") boolean a,
			@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
			HttpServletRequest request) {
		Share link = access.link(token);
		Actor visitor = access.enter(link, access.visitor(link, request));
		if (x <= 0 || y <= 0) {
			throw new StorageException(StorageException.Reason.BAD_CONTENT, "x and y must be above 0");
		}
		PreviewSpec spec = new PreviewSpec(x, y, a ? PreviewSpec.Fit.CONTAIN : PreviewSpec.Fit.CROP);
		return PreviewResponse.of(previews.byPath(visitor, LinkAccess.HOME, StoragePath.parse(path), spec),
				ifNoneMatch);
	}

	@ExceptionHandler(LinkAccess.PasswordRequired.class)
	ResponseEntity<String> passwordRequired(HttpServletRequest request) {
		String token = request.getRequestURI().replaceFirst("^/index\\.php/s/([^/]+).*$", "$1");
		return html(401, PublicPages.password(token, formToken(request), null));
	}

	/** The password form's token of this browser's session, made with the session when there is none yet. */
	private String formToken(HttpServletRequest request) {
		HttpSession session = request.getSession(true);
		if (session.getAttribute(FORM_TOKEN) instanceof String known) {
			return known;
		}
		byte[] bytes = new byte[24];
		random.nextBytes(bytes);
		String formToken = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		session.setAttribute(FORM_TOKEN, formToken);
		return formToken;
	}

	private static boolean formTokenMatches(HttpServletRequest request, String sent) {
		HttpSession session = request.getSession(false);
		return session != null && session.getAttribute(FORM_TOKEN) instanceof String expected && !sent.isEmpty()
				&& MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
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
		if (e.reason() == StorageException.Reason.BAD_CONTENT) {
			return html(400, PublicPages.notFound());
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
