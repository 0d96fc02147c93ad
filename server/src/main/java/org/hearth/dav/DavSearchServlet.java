package org.hearth.dav;

import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.hearth.accounts.CurrentUser;
import org.hearth.dav.xml.SafeXml;
import org.hearth.storage.Actor;
import org.hearth.storage.Node;
import org.hearth.storage.NodeSearch;
import org.hearth.storage.StorageException;
import org.hearth.storage.StorageService;

/**
 * {@code SEARCH /remote.php/dav}: the phone apps' media, photo and favourites views (spec §11). The scope names a
 * folder of the caller's files; results are its descendants matching the conditions, ordered and paged (the
 * request's {@code d:limit}, or iOS's {@code X-NC-Paginate-Offset}), answered like a PROPFIND.
 */
class DavSearchServlet extends HttpServlet {

	static final String ALLOW = DavServlet.ALLOW + ", SEARCH";

	private static final String DAV_ROOT = "/remote.php/dav";

	private final transient StorageService storage;

	private final transient DavTargets targets;

	private final transient NodeListing listing;

	DavSearchServlet(StorageService storage, DavTargets targets, NodeListing listing) {
		this.storage = storage;
		this.targets = targets;
		this.listing = listing;
	}

	@Override
	protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
		if (!request.getMethod().equals("SEARCH")) {
			response.setHeader("Allow", ALLOW);
			DavAnswers.fail(response, 405, "MethodNotAllowed", "the DAV root answers OPTIONS, PROPFIND and SEARCH");
			return;
		}
		try {
			BasicSearch search = BasicSearch.parse(SafeXml.parse(request.getInputStream()));
			DavTarget scope = scope(search.scopeHref());
			Actor actor = CurrentUser.actor();
			Node folder = storage.get(actor, scope.ownerId(), scope.path());
			if (!folder.directory()) {
				throw new StorageException(StorageException.Reason.CONFLICT, "the search scope is not a folder");
			}
			int offset = search.offset() > 0 ? search.offset() : paginationOffset(request);
			List<Node> found = storage.search(actor, scope.ownerId(),
					new NodeSearch(folder.path(), search.where(), search.order(), search.limit(), offset));
			response.setStatus(207);
			XmlContentType.set(request, response);
			try (Writer out = new java.io.OutputStreamWriter(response.getOutputStream(),
					java.nio.charset.StandardCharsets.UTF_8)) {
				listing.write(out, actor, scope.withPath(folder.path()), search.select(), found);
			}
		}
		catch (SafeXml.BadXml e) {
			DavAnswers.fail(response, 400, "BadRequest", e.getMessage());
		}
		catch (SafeXml.TooLarge e) {
			DavAnswers.fail(response, 413, "RequestTooLarge", e.getMessage());
		}
		catch (DavTargets.BadTarget e) {
			DavAnswers.fail(response, e.status(), "BadRequest", e.getMessage());
		}
		catch (StorageException e) {
			DavAnswers.fail(response, DavAnswers.statusOf(e), e.reason(), e.getMessage());
		}
	}

	/** The scope is {@code /files/{user}[/path]} below the DAV root, or that path with the root, or a whole URL. */
	private DavTarget scope(String href) throws SafeXml.BadXml {
		String path;
		try {
			path = new URI(href).getRawPath();
		}
		catch (URISyntaxException e) {
			throw new SafeXml.BadXml("the search scope is not a URL path");
		}
		if (path == null || path.isEmpty()) {
			throw new SafeXml.BadXml("the search scope is empty");
		}
		String full = path.startsWith(DAV_ROOT + "/") ? path : DAV_ROOT + (path.startsWith("/") ? "" : "/") + path;
		if (!full.startsWith(DavTargets.FILES_PREFIX)) {
			throw new SafeXml.BadXml("the search scope must lie in /files/{user}");
		}
		return targets.resolve(full, CurrentUser.require())
			.orElseThrow(() -> new SafeXml.BadXml("the search scope names no user"));
	}

	private static int paginationOffset(HttpServletRequest request) throws SafeXml.BadXml {
		String offset = request.getHeader("X-NC-Paginate-Offset");
		if (offset == null || !"true".equalsIgnoreCase(request.getHeader("X-NC-Paginate"))) {
			return 0;
		}
		try {
			return Integer.parseInt(offset.trim());
		}
		catch (NumberFormatException e) {
			throw new SafeXml.BadXml("X-NC-Paginate-Offset is not a number");
		}
	}
}
