package org.hearth.previews.web;

import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;

import org.hearth.accounts.CurrentUser;
import org.hearth.previews.PreviewResponse;
import org.hearth.previews.PreviewService;
import org.hearth.previews.PreviewSpec;
import org.hearth.storage.Actor;
import org.hearth.storage.StoragePath;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.UriUtils;

/**
 * Previews for signed-in users: Nextcloud's routes as the phone and desktop apps call them (photos.md §6.1), and the
 * web app's own. Nextcloud's {@code forceIcon} and {@code mimeFallback} are accepted and ignored: a file without a
 * preview answers 404 and the client shows its own icon.
 */
@RestController
class PreviewController {

	private static final String THUMBNAIL = "/index.php/apps/files/api/v1/thumbnail/";

	private final PreviewService previews;

	PreviewController(PreviewService previews) {
		this.previews = previews;
	}

	/** Nextcloud's preview by file id; {@code a=1} keeps the aspect ratio, {@code mode=cover} fills the box. */
	@GetMapping("/index.php/core/preview")
	ResponseEntity<InputStreamResource> byId(@RequestParam long fileId, @RequestParam(defaultValue = "32") int x,
			@RequestParam(defaultValue = "32") int y, @RequestParam(defaultValue = "false") boolean a,
			@RequestParam(defaultValue = "fill") String mode,
			@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
		if (fileId < 0) {
			throw badRequest("fileId must name a file");
		}
		Actor actor = CurrentUser.actor();
		return PreviewResponse.of(previews.byId(actor, fileId, nextcloudSpec(x, y, a, mode)), ifNoneMatch);
	}

	/** The older form with a path of the user's tree instead of an id. */
	@GetMapping("/index.php/core/preview.png")
	ResponseEntity<InputStreamResource> byPath(@RequestParam String file, @RequestParam(defaultValue = "32") int x,
			@RequestParam(defaultValue = "32") int y, @RequestParam(defaultValue = "false") boolean a,
			@RequestParam(defaultValue = "fill") String mode,
			@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
		Actor actor = CurrentUser.actor();
		return PreviewResponse.of(previews.byPath(actor, actor.userId(), StoragePath.parse(file),
				nextcloudSpec(x, y, a, mode)), ifNoneMatch);
	}

	/** The Android app's and desktop client's thumbnail: cut square to the box, path after the size. */
	@GetMapping(THUMBNAIL + "{x}/{y}/**")
	ResponseEntity<InputStreamResource> thumbnail(@PathVariable int x, @PathVariable int y,
			HttpServletRequest request,
			@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
		String rest = request.getRequestURI().substring(THUMBNAIL.length());
		String path = rest.substring(rest.indexOf('/', rest.indexOf('/') + 1) + 1);
		Actor actor = CurrentUser.actor();
		return PreviewResponse.of(previews.byPath(actor, actor.userId(),
				StoragePath.parse(UriUtils.decode(path, StandardCharsets.UTF_8)), spec(x, y, PreviewSpec.Fit.CROP)),
				ifNoneMatch);
	}

	/**
	 * The web app's square preview of a file (64, 256 or 1024 pixels; other sizes round up). Put the file's etag
	 * in the URL ({@code etag=}): the answer is cached as immutable.
	 */
	@GetMapping("/api/previews/{fileId}")
	ResponseEntity<InputStreamResource> forWebApp(@PathVariable long fileId,
			@RequestParam(defaultValue = "256") int size,
			@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
		return PreviewResponse.of(previews.byId(CurrentUser.actor(), fileId, spec(size, size, PreviewSpec.Fit.CROP)),
				ifNoneMatch);
	}

	private static PreviewSpec nextcloudSpec(int x, int y, boolean keepAspect, String mode) {
		if (!mode.equals("fill") && !mode.equals("cover")) {
			throw badRequest("mode must be fill or cover");
		}
		PreviewSpec.Fit fit = !keepAspect ? PreviewSpec.Fit.CROP
				: mode.equals("cover") ? PreviewSpec.Fit.COVER : PreviewSpec.Fit.CONTAIN;
		return spec(x, y, fit);
	}

	private static PreviewSpec spec(int x, int y, PreviewSpec.Fit fit) {
		if (x <= 0 || y <= 0) {
			throw badRequest("x and y must be above 0");
		}
		return new PreviewSpec(x, y, fit);
	}

	private static ResponseStatusException badRequest(String why) {
		return new ResponseStatusException(HttpStatus.BAD_REQUEST, why);
	}
}
