package org.hearth.dav;

import java.io.IOException;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A servlet for one of the small DAV collections beside the files (chunked uploads, versions, trash): it answers
 * OPTIONS with its DAV level and methods, turns any failure into a Nextcloud-style error answer, and refuses what it
 * does not support with 405 and an {@code Allow} header.
 */
public abstract class SmallCollectionServlet extends HttpServlet {

	private final String davLevels;

	private final String allow;

	/**
	 * @param davLevels the {@code DAV} header's value, e.g. {@code "1, 3"}
	 * @param allow the methods it answers, for {@code Allow}
	 */
	protected SmallCollectionServlet(String davLevels, String allow) {
		this.davLevels = davLevels;
		this.allow = allow;
	}

	@Override
	protected final void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
		if (request.getMethod().equals("OPTIONS")) {
			response.setHeader("DAV", davLevels);
			response.setHeader("Allow", allow);
			response.setStatus(200);
			response.setContentLength(0);
			return;
		}
		try {
			handle(request, response);
		}
		catch (Exception e) {
			DavAnswers.failFor(request, response, e);
		}
	}

	/** Answers any method but OPTIONS; calls {@link #notAllowed} for those the collection does not support. */
	protected abstract void handle(HttpServletRequest request, HttpServletResponse response) throws Exception;

	protected final void notAllowed(HttpServletResponse response, String message) {
		response.setHeader("Allow", allow);
		DavAnswers.fail(response, 405, "MethodNotAllowed", message);
	}
}
