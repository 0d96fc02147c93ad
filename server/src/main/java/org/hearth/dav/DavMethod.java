package org.hearth.dav;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.milton.http.Handler;
import io.milton.http.HttpManager;
import io.milton.http.Request;
import io.milton.http.Response;
import io.milton.resource.Resource;
import io.milton.servlet.ServletRequest;
import io.milton.servlet.ServletResponse;
import org.hearth.accounts.CurrentUser;
import org.hearth.dav.xml.SafeXml;
import org.hearth.dav.xml.XmlText;
import org.hearth.storage.LockService;
import org.hearth.storage.StorageException;
import org.hearth.storage.StorageService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A DAV method plugged into Milton's dispatch. Each subclass is a thin adapter: it reads the request, calls
 * storage once, and writes the answer; refusals from storage are mapped to statuses here, in one place.
 */
abstract class DavMethod implements Handler {

	private static final Logger log = LoggerFactory.getLogger(DavMethod.class);

	protected final StorageService storage;

	protected final LockService locks;

	protected final DavTargets targets;

	protected DavMethod(StorageService storage, LockService locks, DavTargets targets) {
		this.storage = storage;
		this.locks = locks;
		this.targets = targets;
	}

	abstract void handle(DavExchange exchange) throws Exception;

	@Override
	public boolean isCompatible(Resource resource) {
		return true;
	}

	@Override
	public void process(HttpManager manager, Request miltonRequest, Response miltonResponse) {
		HttpServletRequest request = ServletRequest.getRequest();
		HttpServletResponse response = ServletResponse.getResponse();
		DavTarget target = (DavTarget) request.getAttribute(DavServlet.TARGET_ATTRIBUTE);
		DavExchange exchange = new DavExchange(request, response, target, CurrentUser.actor(), storage, locks,
				targets);
		try {
			handle(exchange);
		}
		catch (StorageException e) {
			fail(response, statusOf(e), e.reason(), e.getMessage());
		}
		catch (DavTargets.BadTarget e) {
			fail(response, e.status(), "BadRequest", e.getMessage());
		}
		catch (DavHeaders.BadRequest | IfHeader.Malformed e) {
			fail(response, 400, "BadRequest", e.getMessage());
		}
		catch (SafeXml.BadXml e) {
			fail(response, 400, "BadRequest", e.getMessage());
		}
		catch (SafeXml.TooLarge e) {
			fail(response, 413, "RequestTooLarge", e.getMessage());
		}
		catch (DavExchange.PreconditionFailed e) {
			fail(response, 412, "PreconditionFailed", e.getMessage());
		}
		catch (UncheckedIOException | IOException e) {
			log.info("{} {} interrupted: {}", request.getMethod(), request.getRequestURI(), e.getMessage());
			fail(response, 400, "BadRequest", "the request body was interrupted");
		}
		catch (Exception e) {
			log.error("{} {} failed", request.getMethod(), request.getRequestURI(), e);
			fail(response, 500, "ServerError", "internal error");
		}
	}

	static int statusOf(StorageException e) {
		return switch (e.reason()) {
			case NOT_FOUND -> 404;
			case FORBIDDEN -> 403;
			case CONFLICT, TARGET_INSIDE_SOURCE -> 409;
			case ALREADY_EXISTS -> 405;
			case PRECONDITION_FAILED -> 412;
			case LOCKED -> 423;
			case INSUFFICIENT_STORAGE -> 507;
			case INVALID_NAME, BAD_CONTENT -> 400;
		};
	}

	/** A Sabre-style error body, which Nextcloud clients show to the user. */
	static void fail(HttpServletResponse response, int status, Object exception, String message) {
		if (response.isCommitted()) {
			return;
		}
		response.resetBuffer();
		response.setStatus(status);
		response.setContentType("application/xml; charset=utf-8");
		String body = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<d:error xmlns:d=\"DAV:\" xmlns:s=\"http://sabredav.org/ns\">"
				+ "<s:exception>" + XmlText.escape(String.valueOf(exception)) + "</s:exception><s:message>"
				+ XmlText.escape(String.valueOf(message)) + "</s:message></d:error>\n";
		try {
			byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
			response.setContentLength(bytes.length);
			response.getOutputStream().write(bytes);
		}
		catch (IOException e) {
			log.debug("could not send error body: {}", e.getMessage());
		}
	}
}
