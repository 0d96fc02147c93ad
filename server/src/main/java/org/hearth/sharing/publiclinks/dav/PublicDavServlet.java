package org.hearth.sharing.publiclinks.dav;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.hearth.dav.DavAnswers;
import org.hearth.dav.DavDispatch;
import org.hearth.dav.DavTarget;
import org.hearth.dav.DavTargets;
import org.hearth.sharing.Share;
import org.hearth.sharing.publiclinks.LinkAccess;
import org.hearth.storage.Actor;
import org.springframework.web.util.UriUtils;

/**
 * Public DAV of links: {@code /public.php/dav/files/{token}/…} (anonymous, or Basic {@code anonymous} + the link
 * password) and the legacy {@code /public.php/webdav/…} (Basic with the token as user and the link password, or
 * nothing, as password). It only finds the visitor and the target; the DAV methods and storage do the rest, so the
 * link's scope, expiry and password are enforced where they are for every other route. Uploads into a file drop are
 * ordinary PUTs: storage stores a taken name beside the existing file, so a visitor never replaces or learns of it.
 * Locks need a link that may write, and belong to the link: storage keeps them apart from the owner's and from
 * other links' locks.
 */
class PublicDavServlet extends HttpServlet {

	static final String FILES_PREFIX = "/public.php/dav/files/";

	static final String LEGACY_PREFIX = "/public.php/webdav";

	private static final String REALM = "Hearth public link";

	private static final String ALLOW = "OPTIONS, GET, HEAD, DELETE, PROPFIND, PUT, PROPPATCH, COPY, MOVE, LOCK, UNLOCK, MKCOL, REPORT";

	private final transient LinkAccess access;

	private final transient DavDispatch dispatch;

	PublicDavServlet(LinkAccess access, DavDispatch dispatch) {
		this.access = access;
		this.dispatch = dispatch;
	}

	/** Basic credentials, or null when none (or no readable ones) were sent. */
	private record Credentials(String user, String password) {

		static Credentials of(HttpServletRequest request) {
			String header = request.getHeader("Authorization");
			if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
				return null;
			}
			try {
				String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()),
						StandardCharsets.UTF_8);
				int colon = decoded.indexOf(':');
				return colon < 0 ? null : new Credentials(decoded.substring(0, colon), decoded.substring(colon + 1));
			}
			catch (IllegalArgumentException e) {
				return null;
			}
		}
	}

	@Override
	protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
		String method = request.getMethod();
		if (method.equals("OPTIONS")) {
			response.setStatus(200);
			response.setHeader("DAV", "1, 2, 3");
			response.setHeader("Allow", ALLOW);
			response.setContentLength(0);
			return;
		}
		if (!DavDispatch.serves(method)) {
			DavDispatch.notImplemented(response, method);
			return;
		}
		try {
			serve(request, response);
		}
		catch (LinkAccess.PasswordRequired e) {
			response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
			DavAnswers.fail(response, 401, "NotAuthenticated", e.getMessage());
		}
		catch (LinkAccess.Throttled e) {
			response.setHeader("Retry-After", String.valueOf(e.retryAfter().toSeconds()));
			DavAnswers.fail(response, 429, "TooManyRequests", e.getMessage());
		}
		catch (RuntimeException e) {
			DavAnswers.failFor(request, response, e);
		}
	}

	private void serve(HttpServletRequest request, HttpServletResponse response) {
		String uri = request.getRequestURI();
		Credentials credentials = Credentials.of(request);
		String mountPrefix;
		String token;
		String rawRest;
		if (uri.startsWith(FILES_PREFIX)) {
			String rest = uri.substring(FILES_PREFIX.length());
			int slash = rest.indexOf('/');
			token = UriUtils.decode(slash < 0 ? rest : rest.substring(0, slash), StandardCharsets.UTF_8);
			mountPrefix = FILES_PREFIX + rest.substring(0, slash < 0 ? rest.length() : slash);
			rawRest = slash < 0 ? "" : rest.substring(slash);
		}
		else {
			if (credentials == null) {
				throw new LinkAccess.PasswordRequired();
			}
			token = credentials.user();
			mountPrefix = LEGACY_PREFIX;
			rawRest = uri.substring(Math.min(uri.length(), LEGACY_PREFIX.length()));
			credentials = credentials.password().isEmpty() ? null : credentials;
		}
		Share link = access.link(token);
		Actor visitor = access.enter(link, credentials != null
				? access.visitor(link, credentials.password(), request.getRemoteAddr())
				: access.visitor(link, request));
		DavTarget target = new DavTarget(mountPrefix, "", LinkAccess.HOME, DavTargets.decodePath(rawRest));
		dispatch.serve(request, response, target, visitor);
	}
}
