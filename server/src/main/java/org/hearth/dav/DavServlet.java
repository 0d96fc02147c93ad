package org.hearth.dav;

import java.io.IOException;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.milton.http.HttpManager;
import io.milton.http.Request;
import io.milton.servlet.ServletRequest;
import io.milton.servlet.ServletResponse;
import org.hearth.accounts.CurrentUser;
import org.hearth.storage.StorageException;

/**
 * The servlet for {@code /remote.php/dav/files/*} and {@code /remote.php/webdav/*}. It answers OPTIONS itself
 * (no credentials needed, Windows probes with it), refuses methods it does not know with 501, resolves the target
 * once, and hands the request to Milton, whose dispatch calls our handlers.
 */
class DavServlet extends HttpServlet {

	static final String TARGET_ATTRIBUTE = DavServlet.class.getName() + ".target";

	private static final Set<String> KNOWN = Arrays.stream(Request.Method.values())
		.map(m -> m.code)
		.collect(Collectors.toUnmodifiableSet());

	static final String ALLOW = "OPTIONS, GET, HEAD, DELETE, PROPFIND, PUT, PROPPATCH, COPY, MOVE, LOCK, UNLOCK, MKCOL, REPORT";

	private final transient HttpManager httpManager;

	private final transient DavTargets targets;

	DavServlet(HttpManager httpManager, DavTargets targets) {
		this.httpManager = httpManager;
		this.targets = targets;
	}

	@Override
	protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
		String method = request.getMethod();
		if (method.equals("OPTIONS")) {
			writeOptions(response);
			return;
		}
		if (!serves(method)) {
			DavDispatch.notImplemented(response, method);
			return;
		}
		DavTarget target;
		try {
			target = targets.resolve(request.getRequestURI(), CurrentUser.require()).orElse(null);
		}
		catch (DavTargets.BadTarget | StorageException e) {
			DavAnswers.failFor(request, response, e);
			return;
		}
		if (target == null) {
			DavAnswers.fail(response, 404, "NotFound", "not a DAV path");
			return;
		}
		request.setAttribute(TARGET_ATTRIBUTE, target);
		httpManager.process(new ServletRequest(request, getServletContext()), new ServletResponse(response));
	}

	static boolean serves(String method) {
		return KNOWN.contains(method) && !method.equals("POST") && !method.equals("TRACE") && !method.equals("CONNECT");
	}

	static void writeOptions(HttpServletResponse response) {
		response.setStatus(200);
		response.setHeader("DAV", "1, 2, 3");
		response.setHeader("MS-Author-Via", "DAV");
		response.setHeader("Allow", ALLOW);
		response.setHeader("Accept-Ranges", "bytes");
		response.setContentLength(0);
	}
}
