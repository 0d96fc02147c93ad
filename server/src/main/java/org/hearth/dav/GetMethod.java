package org.hearth.dav;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.hearth.platform.InstanceId;
import org.hearth.storage.LockService;
import org.hearth.storage.Node;
import org.hearth.storage.StorageService;
import org.springframework.http.HttpRange;

/**
 * GET and HEAD: content streamed from storage with the headers sync clients need (ETag, OC-ETag, OC-FileId,
 * OC-Checksum), conditional requests, and a single byte range (206), 416 when it cannot be satisfied. HEAD works
 * on folders too: Android checks existence with it.
 */
class GetMethod extends DavMethod {

	private static final int BUFFER = 16 * 1024;

	/** Smaller files are copied through a buffer: sendfile's setup costs more than it saves there. */
	private static final long SENDFILE_MIN = 64 * 1024;

	private static final String SENDFILE_SUPPORTED = "org.apache.tomcat.sendfile.support";

	private static final String SENDFILE_FILENAME = "org.apache.tomcat.sendfile.filename";

	private static final String SENDFILE_START = "org.apache.tomcat.sendfile.start";

	private static final String SENDFILE_END = "org.apache.tomcat.sendfile.end";

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
		response.setHeader("Last-Modified", httpDate(node.mtime()));
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
		response.setContentType(node.mimeType());
		response.setHeader("Accept-Ranges", "bytes");
		if (node.checksum() != null && node.sha1() != null) {
			response.setHeader("OC-Checksum", "SHA1:" + node.sha1());
		}
		long length = node.size();
		long start = 0;
		long count = length;
		String range = request.getHeader("Range");
		if (range != null && rangeApplies(request, node)) {
			List<HttpRange> ranges;
			try {
				ranges = HttpRange.parseRanges(range);
			}
			catch (IllegalArgumentException e) {
				ranges = List.of();
			}
			if (ranges.size() == 1) {
				HttpRange only = ranges.get(0);
				long rangeStart = only.getRangeStart(length);
				long rangeEnd = Math.min(only.getRangeEnd(length), length - 1);
				if (rangeStart >= length || rangeEnd < rangeStart) {
					response.setHeader("Content-Range", "bytes */" + length);
					DavAnswers.fail(response, 416, "RangeNotSatisfiable", "range outside the file");
					return;
				}
				start = rangeStart;
				count = rangeEnd - rangeStart + 1;
				response.setStatus(206);
				response.setHeader("Content-Range", "bytes " + start + "-" + rangeEnd + "/" + length);
			}
		}
		response.setContentLengthLong(count);
		if (head) {
			return;
		}
		if (count >= SENDFILE_MIN && Boolean.TRUE.equals(request.getAttribute(SENDFILE_SUPPORTED))) {
			// Tomcat sends the bytes from the page cache straight to the socket once this method returns
			request.setAttribute(SENDFILE_FILENAME,
					storage.contentLocation(exchange.actor(), node).toAbsolutePath().toString());
			request.setAttribute(SENDFILE_START, start);
			request.setAttribute(SENDFILE_END, start + count);
			return;
		}
		try (InputStream in = storage.open(exchange.actor(), node, start)) {
			OutputStream out = response.getOutputStream();
			byte[] buffer = new byte[BUFFER];
			long remaining = count;
			while (remaining > 0) {
				int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
				if (n < 0) {
					break;
				}
				out.write(buffer, 0, n);
				remaining -= n;
			}
		}
	}

	private static boolean rangeApplies(jakarta.servlet.http.HttpServletRequest request, Node node) {
		String ifRange = request.getHeader("If-Range");
		return ifRange == null || DavHeaders.unquoteEtag(ifRange).equals(node.etag());
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

	static String httpDate(long epochSeconds) {
		return HTTP_DATE.format(ZonedDateTime.ofInstant(Instant.ofEpochSecond(epochSeconds), java.time.ZoneOffset.UTC));
	}

	private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter
		.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", java.util.Locale.US);
}
