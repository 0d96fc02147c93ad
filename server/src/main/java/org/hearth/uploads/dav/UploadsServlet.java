package org.hearth.uploads.dav;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.hearth.accounts.CurrentUser;
import org.hearth.accounts.HearthPrincipal;
import org.hearth.dav.DavAnswers;
import org.hearth.dav.DavHeaders;
import org.hearth.dav.DavTargets;
import org.hearth.dav.SmallCollectionServlet;
import org.hearth.dav.XmlContentType;
import org.hearth.platform.InstanceId;
import org.hearth.storage.StagedChunk;
import org.hearth.storage.StoragePath;
import org.hearth.storage.WriteOptions;
import org.hearth.storage.WriteResult;
import org.hearth.uploads.UploadService;
import org.hearth.uploads.UploadSession;
import org.springframework.web.util.UriUtils;

/**
 * Nextcloud's chunked upload v2 at {@code /remote.php/dav/uploads/{user}/{uploadId}/}: MKCOL opens a session, PUT
 * stores a part, PROPFIND lists the parts for a resuming client, MOVE of {@code .file} assembles them into the
 * Destination and answers like a PUT, DELETE aborts. Thin: every decision is {@link UploadService}'s.
 */
class UploadsServlet extends SmallCollectionServlet {

	static final String PREFIX = "/remote.php/dav/uploads";

	private final transient UploadService uploads;

	private final transient DavTargets targets;

	private final transient InstanceId instanceId;

	UploadsServlet(UploadService uploads, DavTargets targets, InstanceId instanceId) {
		super("1, 2, 3", "OPTIONS, MKCOL, PUT, PROPFIND, MOVE, DELETE");
		this.uploads = uploads;
		this.targets = targets;
		this.instanceId = instanceId;
	}

	/** What a URL below the prefix names: a session, or one part of it ({@code chunk} null for the session). */
	private record Address(HearthPrincipal user, String uploadId, String chunk) {
	}

	@Override
	protected void handle(HttpServletRequest request, HttpServletResponse response) throws Exception {
		Address address = address(request.getRequestURI());
		switch (request.getMethod()) {
			case "MKCOL" -> open(request, response, address);
			case "PUT" -> putChunk(request, response, address);
			case "PROPFIND" -> list(request, response, address);
			case "MOVE" -> assemble(request, response, address);
			case "DELETE" -> abort(response, address);
			default -> notAllowed(response, request.getMethod() + " is not supported on uploads");
		}
	}

	private void open(HttpServletRequest request, HttpServletResponse response, Address address) {
		if (address.chunk() != null) {
			notAllowed(response, "a part is not a collection");
			return;
		}
		uploads.open(CurrentUser.actor(), address.user().userId(), address.uploadId(),
				request.getHeader("Destination"), DavHeaders.length(request, "OC-Total-Length"));
		response.setStatus(201);
		response.setContentLength(0);
	}

	private void putChunk(HttpServletRequest request, HttpServletResponse response, Address address)
			throws IOException {
		if (address.chunk() == null) {
			notAllowed(response, "PUT a part into the upload, not the upload itself");
			return;
		}
		long ownerId = address.user().userId();
		boolean replacing = uploads.chunks(CurrentUser.actor(), ownerId, address.uploadId())
			.stream()
			.anyMatch(part -> part.name().equals(address.chunk()));
		uploads.putChunk(CurrentUser.actor(), ownerId, address.uploadId(), address.chunk(), request.getInputStream());
		response.setStatus(replacing ? 204 : 201);
		response.setContentLength(0);
	}

	private void assemble(HttpServletRequest request, HttpServletResponse response, Address address) {
		if (!UploadService.ASSEMBLE_NAME.equals(address.chunk())) {
			notAllowed(response, "only " + UploadService.ASSEMBLE_NAME + " can be moved, to assemble the upload");
			return;
		}
		HearthPrincipal user = address.user();
		UploadSession session = uploads.session(CurrentUser.actor(), user.userId(), address.uploadId());
		String header = request.getHeader("Destination");
		StoragePath destination = targets
			.destination(header != null ? header : session.destination(), targets.home(user))
			.path();
		WriteOptions options = DavHeaders.writeOptions(request, -1, DavHeaders.submittedTokens(request));
		if (!DavHeaders.overwrite(request)) {
			options = options.withCreateOnly();
		}
		long total = DavHeaders.length(request, "OC-Total-Length");
		if (total < 0) {
			total = DavHeaders.length(request, "OC-Total-File-Length");
		}
		WriteResult result = uploads.assemble(CurrentUser.actor(), user.userId(), address.uploadId(), destination,
				total, options);
		DavAnswers.written(response, result, instanceId, options);
	}

	private void abort(HttpServletResponse response, Address address) {
		if (address.chunk() != null) {
			notAllowed(response, "parts are removed with their upload");
			return;
		}
		uploads.abort(CurrentUser.actor(), address.user().userId(), address.uploadId());
		response.setStatus(204);
		response.setContentLength(0);
	}

	/** Depth 0 or 1; there is nothing deeper than the parts. */
	private void list(HttpServletRequest request, HttpServletResponse response, Address address)
			throws IOException {
		int depth = DavHeaders.depth(request, 1);
		long ownerId = address.user().userId();
		UploadSession session = uploads.session(CurrentUser.actor(), ownerId, address.uploadId());
		List<StagedChunk> parts = uploads.chunks(CurrentUser.actor(), ownerId, address.uploadId());
		String sessionHref = PREFIX + "/" + encode(address.user().username()) + "/" + encode(session.uploadId())
				+ "/";
		if (address.chunk() != null) {
			parts = parts.stream().filter(part -> part.name().equals(address.chunk())).toList();
			if (parts.isEmpty()) {
				DavAnswers.fail(response, 404, "NotFound", "no part " + address.chunk());
				return;
			}
		}
		response.setStatus(207);
		XmlContentType.set(request, response);
		try (Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8)) {
			out.write("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<d:multistatus xmlns:d=\"DAV:\">");
			if (address.chunk() == null) {
				writeResponse(out, sessionHref, "<d:resourcetype><d:collection/></d:resourcetype>",
						session.touchedAt(), "\"" + Long.toHexString(session.touchedAt()) + "\"");
			}
			if (address.chunk() != null || depth != 0) {
				for (StagedChunk part : parts) {
					writeResponse(out, sessionHref + encode(part.name()),
							"<d:resourcetype/><d:getcontentlength>" + part.size() + "</d:getcontentlength>",
							part.mtime(), "\"" + Long.toHexString(part.mtime()) + "-" + Long.toHexString(part.size())
									+ "\"");
				}
			}
			out.write("</d:multistatus>\n");
		}
	}

	private static void writeResponse(Writer out, String href, String typeAndLength, long mtime, String etag)
			throws IOException {
		out.write("<d:response><d:href>" + href + "</d:href><d:propstat><d:prop>" + typeAndLength
				+ "<d:getlastmodified>" + DavHeaders.httpDate(mtime)
				+ "</d:getlastmodified><d:getetag>" + etag.replace("\"", "&quot;")
				+ "</d:getetag></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>");
	}

	private Address address(String requestUri) {
		List<String> segments = DavTargets.decodePath(requestUri.substring(PREFIX.length())).segments();
		HearthPrincipal user = CurrentUser.require();
		if (segments.size() < 2 || segments.size() > 3) {
			throw new DavTargets.BadTarget(404, "not an upload: use /remote.php/dav/uploads/{user}/{uploadId}/");
		}
		if (!segments.get(0).equals(user.username())) {
			throw new DavTargets.BadTarget(403, "uploads belong to their owner");
		}
		return new Address(user, segments.get(1), segments.size() == 3 ? segments.get(2) : null);
	}


	/** Encodes every character with a meaning in URLs or XML, so the href needs no further escaping. */
	private static String encode(String segment) {
		return UriUtils.encode(segment, StandardCharsets.UTF_8);
	}
}
