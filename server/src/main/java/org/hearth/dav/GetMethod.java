package org.hearth.dav;

import org.hearth.platform.InstanceId;
import org.hearth.storage.LockService;
import org.hearth.storage.Node;
import org.hearth.storage.StorageService;

/**
 * GET and HEAD: content streamed from storage with the headers sync clients need (ETag, OC-ETag, OC-FileId,
 * OC-Checksum), conditional requests, and a single byte range ({@link ContentResponse}). HEAD works on folders
 * too: Android checks existence with it.
 */
class GetMethod extends DavMethod {

	private final InstanceId instanceId;

	GetMethod(StorageService storage, LockService locks, DavTargets targets, InstanceId instanceId) {
		super(storage, locks, targets);
		this.instanceId = instanceId;
	}

	@Override
	public String[] getMethods() {
		return new String[] { "GET", "HEAD" };
	}

	@Override
	void handle(DavExchange exchange) throws Exception {
		Node node = exchange.requireNode();
		var request = exchange.request();
		var response = exchange.response();
		boolean head = request.getMethod().equals("HEAD");
		exchange.etagHeaders(node);
		response.setHeader("OC-FileId", instanceId.ocId(node.id()));
		response.setHeader("Last-Modified", DavHeaders.httpDate(node.mtime()));
		if (node.directory()) {
			if (!head) {
				DavAnswers.fail(response, 405, "MethodNotAllowed", "GET is only for files; use PROPFIND on folders");
				return;
			}
			response.setContentType(Node.FOLDER_MIME_TYPE);
			exchange.noContent(200);
			return;
		}
		String ifMatch = request.getHeader("If-Match");
		if (ifMatch != null && !etagListMatches(ifMatch, node)) {
			DavAnswers.fail(response, 412, "PreconditionFailed", "etag does not match");
			return;
		}
		String ifNoneMatch = request.getHeader("If-None-Match");
		long ifModifiedSince = dateHeader(request, "If-Modified-Since");
		if ((ifNoneMatch != null && etagListMatches(ifNoneMatch, node))
				|| (ifNoneMatch == null && ifModifiedSince >= 0 && node.mtime() * 1000 <= ifModifiedSince)) {
			response.setStatus(304);
			return;
		}
		if (node.checksum() != null && node.sha1() != null) {
			response.setHeader("OC-Checksum", "SHA1:" + node.sha1());
		}
		ContentResponse.send(request, response, new ContentResponse.Content(node.size(), node.etag(),
				node.mimeType(), offset -> storage.open(exchange.actor(), node, offset),
				() -> storage.contentLocation(exchange.actor(), node)));
	}

	private static boolean etagListMatches(String header, Node node) {
		for (String candidate : header.split(",")) {
			String value = candidate.trim();
			if (value.equals("*") || DavHeaders.unquoteEtag(value).equals(node.etag())) {
				return true;
			}
		}
		return false;
	}

	private static long dateHeader(jakarta.servlet.http.HttpServletRequest request, String name) {
		try {
			return request.getDateHeader(name);
		}
		catch (IllegalArgumentException e) {
			return -1;
		}
	}

}
