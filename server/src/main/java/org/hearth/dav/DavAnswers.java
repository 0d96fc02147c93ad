package org.hearth.dav;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.hearth.dav.xml.SafeXml;
import org.hearth.dav.xml.XmlText;
import org.hearth.platform.InstanceId;
import org.hearth.storage.Node;
import org.hearth.storage.StorageException;
import org.hearth.storage.WriteOptions;
import org.hearth.storage.WriteResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How DAV answers, for our methods and for other features' DAV collections alike: refusals become Sabre-style
 * error bodies with one mapping from causes to statuses, and a stored file is acknowledged with the headers
 * Nextcloud clients require.
 */
public final class DavAnswers {

	private static final Logger log = LoggerFactory.getLogger(DavAnswers.class);

	private DavAnswers() {
	}

	/** Answers a failed request with the status its cause calls for. */
	public static void failFor(HttpServletRequest request, HttpServletResponse response, Exception cause) {
		switch (cause) {
			case StorageException e -> fail(response, statusOf(e), e.reason(), e.getMessage());
			case DavTargets.BadTarget e -> fail(response, e.status(), "BadRequest", e.getMessage());
			case DavHeaders.BadRequest e -> fail(response, 400, "BadRequest", e.getMessage());
			case IfHeader.Malformed e -> fail(response, 400, "BadRequest", e.getMessage());
			case SafeXml.BadXml e -> fail(response, 400, "BadRequest", e.getMessage());
			case SafeXml.TooLarge e -> fail(response, 413, "RequestTooLarge", e.getMessage());
			case DavExchange.PreconditionFailed e -> fail(response, 412, "PreconditionFailed", e.getMessage());
			case UncheckedIOException e -> interrupted(request, response, e);
			case IOException e -> interrupted(request, response, e);
			default -> {
				log.error("{} {} failed", request.getMethod(), request.getRequestURI(), cause);
				fail(response, 500, "ServerError", "internal error");
			}
		}
	}

	private static void interrupted(HttpServletRequest request, HttpServletResponse response, Exception e) {
		log.info("{} {} interrupted: {}", request.getMethod(), request.getRequestURI(), e.getMessage());
		fail(response, 400, "BadRequest", "the request body was interrupted");
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
	public static void fail(HttpServletResponse response, int status, Object exception, String message) {
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

	/**
	 * Acknowledges a stored file: 201 or 204 without body, {@code ETag} and {@code OC-ETag} (the desktop client
	 * needs one of them), {@code OC-FileId}, and {@code X-OC-MTime: accepted} / {@code X-OC-CTime: accepted} when
	 * the client's times were applied.
	 */
	public static void written(HttpServletResponse response, WriteResult result, InstanceId instanceId,
			WriteOptions applied) {
		etagHeaders(response, result.node());
		response.setHeader("OC-FileId", instanceId.ocId(result.node().id()));
		if (applied.mtime() != null) {
			response.setHeader("X-OC-MTime", "accepted");
		}
		if (applied.ctime() != null) {
			response.setHeader("X-OC-CTime", "accepted");
		}
		response.setStatus(result.created() ? 201 : 204);
		response.setContentLength(0);
	}

	static void etagHeaders(HttpServletResponse response, Node node) {
		String quoted = "\"" + node.etag() + "\"";
		response.setHeader("ETag", quoted);
		response.setHeader("OC-ETag", quoted);
	}
}
