package org.hearth.dav;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.function.LongFunction;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpRange;

/**
 * Sends stored bytes as the body of a GET or HEAD, for files and other features' content (versions) alike: one
 * byte range (206, or 416 when it cannot be satisfied; honoured only when {@code If-Range} names the etag), then the
 * bytes through Tomcat's sendfile for large bodies or streamed through a small buffer.
 */
public final class ContentResponse {

	private static final int BUFFER = 16 * 1024;

	/** Smaller bodies are copied through a buffer: sendfile's setup costs more than it saves there. */
	private static final long SENDFILE_MIN = 64 * 1024;

	private static final String SENDFILE_SUPPORTED = "org.apache.tomcat.sendfile.support";

	private static final String SENDFILE_FILENAME = "org.apache.tomcat.sendfile.filename";

	private static final String SENDFILE_START = "org.apache.tomcat.sendfile.start";

	private static final String SENDFILE_END = "org.apache.tomcat.sendfile.end";

	/**
	 * What to send: its length, etag (unquoted) and type, a way to open it at an offset, and where it lies on disk
	 * for sendfile.
	 */
	public record Content(long length, String etag, String mimeType, LongFunction<InputStream> open,
			Supplier<Path> location) {
	}

	private ContentResponse() {
	}

	public static void send(HttpServletRequest request, HttpServletResponse response, Content content)
			throws IOException {
		response.setContentType(content.mimeType());
		response.setHeader("Accept-Ranges", "bytes");
		long length = content.length();
		long start = 0;
		long count = length;
		String range = request.getHeader("Range");
		if (range != null && rangeApplies(request, content.etag())) {
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
		if (request.getMethod().equals("HEAD")) {
			return;
		}
		if (count >= SENDFILE_MIN && Boolean.TRUE.equals(request.getAttribute(SENDFILE_SUPPORTED))) {
			// Tomcat sends the bytes from the page cache straight to the socket once the servlet returns
			request.setAttribute(SENDFILE_FILENAME, content.location().get().toAbsolutePath().toString());
			request.setAttribute(SENDFILE_START, start);
			request.setAttribute(SENDFILE_END, start + count);
			return;
		}
		try (InputStream in = content.open().apply(start)) {
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

	private static boolean rangeApplies(HttpServletRequest request, String etag) {
		String ifRange = request.getHeader("If-Range");
		return ifRange == null || DavHeaders.unquoteEtag(ifRange).equals(etag);
	}
}
