package org.hearth.dav;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.hearth.accounts.CurrentUser;
import org.hearth.dav.xml.PropName;
import org.hearth.dav.xml.XmlText;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Windows' mini-redirector walks the path like an SMB share: it sends OPTIONS and PROPFIND to {@code /} and to
 * every ancestor of the mapped folder, and gives up on WebDAV when they fail. These collections hold nothing but
 * the way down to the signed-in user's home.
 */
class DavAncestorsFilter extends OncePerRequestFilter {

	/** Each ancestor and the child that leads towards the home ({@code null}: the user's own name). */
	static final Map<String, String> ANCESTORS = Map.of("/", "remote.php", "/remote.php", "dav", "/remote.php/dav",
			"files", "/remote.php/dav/files", "");

	static boolean isAncestor(String uri) {
		String path = uri.length() > 1 && uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
		return ANCESTORS.containsKey(path);
	}

	private static boolean isDavRoot(String uri) {
		return uri.equals("/remote.php/dav") || uri.equals("/remote.php/dav/");
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String method = request.getMethod();
		return !(method.equals("PROPFIND") || method.equals("OPTIONS")) || !isAncestor(request.getRequestURI());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getMethod().equals("OPTIONS")) {
			DavServlet.writeOptions(response);
			if (isDavRoot(request.getRequestURI())) {
				// the phone apps look for SEARCH here before they offer their media view
				response.setHeader("Allow", DavSearchServlet.ALLOW);
			}
			return;
		}
		String uri = request.getRequestURI();
		String path = uri.length() > 1 && uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
		String child = ANCESTORS.get(path);
		if (child.isEmpty()) {
			child = CurrentUser.require().username();
		}
		String self = path.equals("/") ? "/" : path + "/";
		String depth = request.getHeader("Depth");
		List<String> hrefs = "0".equals(depth) ? List.of(self) : List.of(self, self + child + "/");
		response.setStatus(207);
		XmlContentType.set(request, response);
		try (Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8)) {
			out.write("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<d:multistatus" + PropName.ROOT_NAMESPACES + ">");
			for (String href : hrefs) {
				out.write("<d:response><d:href>" + XmlText.escape(href) + "</d:href><d:propstat><d:prop>"
						+ "<d:resourcetype><d:collection/></d:resourcetype><d:getcontenttype>httpd/unix-directory</d:getcontenttype>"
						+ "</d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>");
			}
			out.write("</d:multistatus>\n");
		}
	}
}
