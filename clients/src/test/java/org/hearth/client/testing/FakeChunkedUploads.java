package org.hearth.client.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpExchange;

/**
 * Chunked upload v2 of the fake server, after the protocol spec (nextcloud-compat §6.2): MKCOL a session under
 * {@code /remote.php/dav/uploads/{user}/{id}}, PUT chunks into it, PROPFIND it to see what is there, MOVE its
 * {@code .file} onto the destination to assemble (chunks in natural numeric order), DELETE it to abort.
 */
public final class FakeChunkedUploads {

	private final FakeHearthServer server;

	private final Path sessions;

	/** Chunk PUTs still to accept before one fails (negative: never fail). */
	private final AtomicInteger putsBeforeFailure = new AtomicInteger(-1);

	FakeChunkedUploads(FakeHearthServer server, Path sessions) {
		this.server = server;
		this.sessions = sessions;
	}

	/** After {@code accepted} more chunk PUTs the next one fails, once, with 503 (as if the server went away). */
	public void failChunkPutAfter(int accepted) {
		putsBeforeFailure.set(accepted);
	}

	/** Open sessions and the chunk names in each. */
	public Map<String, List<String>> sessions() throws IOException {
		Map<String, List<String>> out = new TreeMap<>();
		try (Stream<Path> dirs = Files.list(sessions)) {
			for (Path dir : dirs.toList()) {
				try (Stream<Path> chunks = Files.list(dir)) {
					out.put(dir.getFileName().toString(), chunks.map(c -> c.getFileName().toString()).sorted().toList());
				}
			}
		}
		return out;
	}

	/** @param rest the decoded path after {@code /remote.php/dav/uploads/}: {@code user/id[/chunk]} */
	void handle(HttpExchange ex, String rest) throws IOException {
		if (!server.authorizedWithAppPassword(ex)) {
			FakeHearthServer.sabreError(ex, 401, "NotAuthenticated", "No public access to this resource.");
			return;
		}
		String[] parts = rest.split("/");
		if (parts.length < 2 || parts.length > 3 || !parts[0].equals(FakeHearthServer.USER_ID)
				|| parts[1].isEmpty() || parts[1].startsWith(".")) {
			FakeHearthServer.sabreError(ex, 404, "NotFound", "no such upload");
			return;
		}
		Path session = sessions.resolve(parts[1]);
		String chunk = parts.length == 3 ? parts[2] : null;
		switch (ex.getRequestMethod() + (chunk == null ? "" : chunk.equals(".file") ? " .file" : " chunk")) {
			case "MKCOL" -> mkcol(ex, session);
			case "PROPFIND" -> propfind(ex, session, parts[1]);
			case "PUT chunk" -> putChunk(ex, session, chunk);
			case "MOVE .file" -> assemble(ex, session);
			case "DELETE" -> {
				deleteSession(session);
				ex.sendResponseHeaders(204, -1);
			}
			default -> FakeHearthServer.sabreError(ex, 405, "MethodNotAllowed", "not supported on uploads");
		}
	}

	private static void mkcol(HttpExchange ex, Path session) throws IOException {
		ex.getRequestBody().readAllBytes();
		if (Files.exists(session)) {
			FakeHearthServer.sabreError(ex, 405, "MethodNotAllowed", "The resource you tried to create already exists");
			return;
		}
		Files.createDirectory(session);
		ex.sendResponseHeaders(201, -1);
	}

	private static void propfind(HttpExchange ex, Path session, String id) throws IOException {
		ex.getRequestBody().readAllBytes();
		if (!Files.isDirectory(session)) {
			FakeHearthServer.sabreError(ex, 404, "NotFound", "no such upload");
			return;
		}
		String base = "/remote.php/dav/uploads/" + FakeHearthServer.USER_ID + "/" + id + "/";
		StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?>\n<d:multistatus xmlns:d=\"DAV:\">");
		xml.append("<d:response><d:href>").append(FakeHearthServer.encodeHref(base)).append("</d:href><d:propstat><d:prop>"
				+ "<d:resourcetype><d:collection/></d:resourcetype></d:prop><d:status>HTTP/1.1 200 OK</d:status>"
				+ "</d:propstat></d:response>");
		if ("1".equals(ex.getRequestHeaders().getFirst("Depth"))) {
			for (Path chunk : chunks(session)) {
				xml.append("<d:response><d:href>").append(FakeHearthServer.encodeHref(base + chunk.getFileName()))
					.append("</d:href><d:propstat><d:prop><d:resourcetype/><d:getcontentlength>")
					.append(Files.size(chunk))
					.append("</d:getcontentlength></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>"
							+ "</d:response>");
			}
		}
		xml.append("</d:multistatus>");
		FakeHearthServer.send(ex, 207, "application/xml; charset=utf-8", xml.toString());
	}

	private void putChunk(HttpExchange ex, Path session, String name) throws IOException {
		InputStream body = ex.getRequestBody();
		if (!Files.isDirectory(session)) {
			body.readAllBytes();
			FakeHearthServer.sabreError(ex, 404, "NotFound", "no such upload");
			return;
		}
		if (putsBeforeFailure.getAndDecrement() == 0) {
			body.readAllBytes();
			FakeHearthServer.sabreError(ex, 503, "ServiceUnavailable", "injected failure");
			return;
		}
		Files.copy(body, session.resolve(name), StandardCopyOption.REPLACE_EXISTING);
		ex.sendResponseHeaders(201, -1);
	}

	private void assemble(HttpExchange ex, Path session) throws IOException {
		ex.getRequestBody().readAllBytes();
		if (!Files.isDirectory(session)) {
			FakeHearthServer.sabreError(ex, 404, "NotFound", "no such upload");
			return;
		}
		Path target = server.destination(ex);
		if (target == null || server.failsIfMatch(ex, target)) {
			return;
		}
		if (!Files.isDirectory(target.getParent())) {
			FakeHearthServer.sabreError(ex, 409, "Conflict", "The destination node is not found");
			return;
		}
		Path tmp = Files.createTempFile(target.getParent(), ".fake-upload", ".part");
		try (OutputStream out = Files.newOutputStream(tmp)) {
			for (Path chunk : chunks(session)) {
				Files.copy(chunk, out);
			}
		}
		String total = ex.getRequestHeaders().getFirst("OC-Total-Length");
		deleteSession(session);
		server.finishUpload(ex, tmp, target, total == null ? -1 : Long.parseLong(total));
	}

	/** The chunks in natural numeric order of their names, as Nextcloud assembles them. */
	private static List<Path> chunks(Path session) throws IOException {
		try (Stream<Path> list = Files.list(session)) {
			List<Path> chunks = new ArrayList<>(list.toList());
			chunks.sort(Comparator.comparing((Path p) -> new java.math.BigInteger(p.getFileName().toString())));
			return chunks;
		}
	}

	private static void deleteSession(Path session) throws IOException {
		if (!Files.isDirectory(session)) {
			return;
		}
		try (Stream<Path> list = Files.list(session)) {
			for (Path chunk : list.toList()) {
				Files.delete(chunk);
			}
		}
		Files.delete(session);
	}
}
