package org.hearth.dav;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.milton.http.HttpManager;
import io.milton.servlet.ServletRequest;
import io.milton.servlet.ServletResponse;
import org.hearth.storage.Actor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

/**
 * Runs the DAV methods for a target and an actor that another feature resolved itself: public links authenticate
 * their visitors and map their URLs without a signed-in account, then reuse every method unchanged.
 */
@Component
@ConditionalOnWebApplication
public class DavDispatch {

	static final String ACTOR_ATTRIBUTE = DavDispatch.class.getName() + ".actor";

	private final HttpManager httpManager;

	DavDispatch(HttpManager httpManager) {
		this.httpManager = httpManager;
	}

	public void serve(HttpServletRequest request, HttpServletResponse response, DavTarget target, Actor actor) {
		request.setAttribute(DavServlet.TARGET_ATTRIBUTE, target);
		request.setAttribute(ACTOR_ATTRIBUTE, actor);
		httpManager.process(new ServletRequest(request, request.getServletContext()), new ServletResponse(response));
	}

	/** Whether a method is one the DAV mounts serve (others get 501). */
	public static boolean serves(String method) {
		return DavServlet.serves(method);
	}

	public static void notImplemented(HttpServletResponse response, String method) throws IOException {
		response.setHeader("Allow", DavServlet.ALLOW);
		DavAnswers.fail(response, 501, "NotImplemented", method + " is not supported here");
	}
}
