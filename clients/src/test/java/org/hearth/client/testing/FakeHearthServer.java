package org.hearth.client.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A small in-process stand-in for the Hearth server's client-facing contract (OCS login endpoints and WebDAV with
 * Nextcloud semantics), backed by a temp folder. It decodes request paths with {@link URI#getPath()} and encodes hrefs
 * with {@link URI}'s own quoting, so it shares no code with the client under test. Unit tests use it; the real server
 * is exercised by {@code HearthCliIT}.
 */
public final class FakeHearthServer implements AutoCloseable {

	public static final String LOGIN = "alice";

	/** Deliberately different from the login: DAV paths must use the id from cloud/user. */
	public static final String USER_ID = "alice-id";

	public static final String PASSWORD = "correct horse";

	private static final String DAV_PREFIX = "/remote.php/dav/files/";

	private static final String UPLOADS_PREFIX = "/remote.php/dav/uploads/";

	private final HttpServer server;

	private final Path root;

	private final FakeChunkedUploads chunkedUploads;

	private final List<String> issuedAppPasswords = Collections.synchronizedList(new ArrayList<>());

	private final AtomicInteger failedLogins = new AtomicInteger();

	private final Map<String, FileIds> ids = new ConcurrentHashMap<>();

	private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());

	private volatile long quotaBytes = Long.MAX_VALUE;

	private volatile int maxFailedLogins = Integer.MAX_VALUE;

	private volatile boolean wrongDownloadChecksums;

	private final AtomicReference<Map.Entry<String, Runnable>> beforeNext = new AtomicReference<>();

	public record Request(String method, String rawPath, Headers headers) {
	}

	private record FileIds(long id) {
	}

	private final AtomicInteger nextId = new AtomicInteger(1000);

	public FakeHearthServer(Path root) throws IOException {
		this.root = root;
		this.chunkedUploads = new FakeChunkedUploads(this,
				Files.createDirectories(root.resolveSibling(root.getFileName() + "-uploads")));
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", this::handle);
		this.server.setExecutor(Executors.newCachedThreadPool());
		this.server.start();
	}

	public URI url() {
		return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
	}

	/** Local folder that holds the user's files. */
	public Path files() {
		return root;
	}

	public void quotaBytes(long quota) {
		this.quotaBytes = quota;
	}

	/** Makes GET announce a wrong {@code OC-Checksum}, as if the bytes were corrupted on the way. */
	public void wrongDownloadChecksums(boolean wrong) {
		this.wrongDownloadChecksums = wrong;
	}

	/** The chunked-upload side ({@code /remote.php/dav/uploads/}): sessions and failure injection. */
	public FakeChunkedUploads chunkedUploads() {
		return chunkedUploads;
	}

	/** Runs {@code action} just before handling the next request with this method (to simulate concurrent edits). */
	public void beforeNext(String method, Runnable action) {
		beforeNext.set(Map.entry(method, action));
	}

	public void maxFailedLogins(int max) {
		this.maxFailedLogins = max;
	}

	public List<String> issuedAppPasswords() {
		return List.copyOf(issuedAppPasswords);
	}

	public List<Request> requests() {
		synchronized (requests) {
			return List.copyOf(requests);
		}
	}

	public Request lastRequest(String method) {
		List<Request> all = requests();
		for (int i = all.size() - 1; i >= 0; i--) {
			if (all.get(i).method().equals(method)) {
				return all.get(i);
			}
		}
		return null;
	}

	@Override
	public void close() {
		server.stop(0);
		((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
	}

	// ------------------------------------------------------------------ dispatch

	private void handle(HttpExchange ex) throws IOException {
		try (ex) {
			requests.add(new Request(ex.getRequestMethod(), ex.getRequestURI().getRawPath(), ex.getRequestHeaders()));
			Map.Entry<String, Runnable> hook = beforeNext.get();
			if (hook != null && hook.getKey().equals(ex.getRequestMethod()) && beforeNext.compareAndSet(hook, null)) {
				hook.getValue().run();
			}
			String path = ex.getRequestURI().getPath();
			if (path.equals("/status.php")) {
				json(ex, 200, "{\"installed\":true,\"maintenance\":false,\"productname\":\"Fake\"}");
			}
			else if (path.equals("/ocs/v2.php/core/getapppassword")) {
				appPassword(ex);
			}
			else if (path.equals("/ocs/v1.php/cloud/user") || path.equals("/ocs/v2.php/cloud/user")) {
				cloudUser(ex);
			}
			else if (path.startsWith(DAV_PREFIX)) {
				dav(ex, path);
			}
			else if (path.startsWith(UPLOADS_PREFIX)) {
				chunkedUploads.handle(ex, path.substring(UPLOADS_PREFIX.length()));
			}
			else {
				send(ex, 404, "text/plain", "no such endpoint");
			}
		}
		catch (RuntimeException e) {
			e.printStackTrace();
			throw e;
		}
	}

	private String basicAuth(HttpExchange ex) {
		String header = ex.getRequestHeaders().getFirst("Authorization");
		if (header == null || !header.startsWith("Basic ")) {
			return null;
		}
		return new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8);
	}

	boolean authorizedWithAppPassword(HttpExchange ex) {
		String credentials = basicAuth(ex);
		if (credentials == null) {
			return false;
		}
		int colon = credentials.indexOf(':');
		return colon > 0 && credentials.substring(0, colon).equals(LOGIN)
				&& issuedAppPasswords.contains(credentials.substring(colon + 1));
	}

	private void appPassword(HttpExchange ex) throws IOException {
		if (!"true".equals(ex.getRequestHeaders().getFirst("OCS-APIRequest"))) {
			json(ex, 400, ocs("failure", 400, "CSRF check failed", "[]"));
			return;
		}
		if (failedLogins.get() >= maxFailedLogins) {
			json(ex, 429, ocs("failure", 429, "Too many requests", "[]"));
			return;
		}
		if (!(LOGIN + ":" + PASSWORD).equals(basicAuth(ex))) {
			failedLogins.incrementAndGet();
			ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"Hearth\"");
			json(ex, 401, ocs("failure", 997, "Current user is not logged in", "[]"));
			return;
		}
		String token = "app-" + UUID.randomUUID();
		issuedAppPasswords.add(token);
		json(ex, 200, ocs("ok", 200, "OK", "{\"apppassword\":\"" + token + "\"}"));
	}

	private void cloudUser(HttpExchange ex) throws IOException {
		if (!authorizedWithAppPassword(ex)) {
			json(ex, 401, ocs("failure", 997, "Current user is not logged in", "[]"));
			return;
		}
		// v1 style: HTTP 200 and statuscode 100
		json(ex, 200, ocs("ok", 100, "OK", "{\"id\":\"" + USER_ID + "\",\"display-name\":\"Alice\",\"email\":null}"));
	}

	private static String ocs(String status, int code, String message, String data) {
		return "{\"ocs\":{\"meta\":{\"status\":\"" + status + "\",\"statuscode\":" + code + ",\"message\":\"" + message
				+ "\"},\"data\":" + data + "}}";
	}

	// ------------------------------------------------------------------ WebDAV

	private void dav(HttpExchange ex, String decodedPath) throws IOException {
		if (!authorizedWithAppPassword(ex)) {
			ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"Hearth\"");
			sabreError(ex, 401, "NotAuthenticated", "No public access to this resource.");
			return;
		}
		String rest = decodedPath.substring(DAV_PREFIX.length());
		int slash = rest.indexOf('/');
		String user = slash < 0 ? rest : rest.substring(0, slash);
		if (!user.equals(USER_ID)) {
			sabreError(ex, 404, "NotFound", "Principal with name " + user + " not found");
			return;
		}
		String relative = slash < 0 ? "/" : rest.substring(slash);
		Path target = resolve(relative);
		if (target == null) {
			sabreError(ex, 400, "BadRequest", "bad path");
			return;
		}
		switch (ex.getRequestMethod()) {
			case "PROPFIND" -> propfind(ex, relative, target);
			case "GET" -> get(ex, target);
			case "PUT" -> put(ex, target);
			case "MKCOL" -> mkcol(ex, target);
			case "DELETE" -> delete(ex, target);
			case "MOVE" -> move(ex, target);
			default -> sabreError(ex, 405, "MethodNotAllowed", "not supported");
		}
	}

	private Path resolve(String relative) {
		Path p = root;
		for (String segment : relative.split("/")) {
			if (segment.isEmpty()) {
				continue;
			}
			if (segment.equals("..") || segment.equals(".")) {
				return null;
			}
			p = p.resolve(segment);
		}
		return p;
	}

	private String relativeOf(Path p) {
		StringBuilder out = new StringBuilder();
		for (Path name : root.relativize(p)) {
			if (!name.toString().isEmpty()) {
				out.append('/').append(name);
			}
		}
		return out.isEmpty() ? "/" : out.toString();
	}

	private void propfind(HttpExchange ex, String relative, Path target) throws IOException {
		ex.getRequestBody().readAllBytes();
		if (!Files.exists(target)) {
			sabreError(ex, 404, "NotFound", "File with name " + relative + " could not be located");
			return;
		}
		String depth = ex.getRequestHeaders().getFirst("Depth");
		List<Path> entries = new ArrayList<>();
		entries.add(target);
		if ("1".equals(depth) && Files.isDirectory(target)) {
			try (Stream<Path> children = Files.list(target)) {
				children.filter(c -> !c.getFileName().toString().startsWith(".fake")).sorted().forEach(entries::add);
			}
		}
		// unusual prefixes on purpose: a client must match namespaces, not prefixes
		StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?>\n<D:multistatus xmlns:D=\"DAV:\" "
				+ "xmlns:x1=\"http://owncloud.org/ns\" xmlns:s=\"http://sabredav.org/ns\">");
		for (Path entry : entries) {
			boolean dir = Files.isDirectory(entry);
			String href = DAV_PREFIX + USER_ID + relativeOf(entry) + (dir && !relativeOf(entry).equals("/") ? "/" : "");
			xml.append("<D:response><D:href>").append(encodeHref(href)).append("</D:href><D:propstat><D:prop>");
			xml.append(dir ? "<D:resourcetype><D:collection/></D:resourcetype>" : "<D:resourcetype/>");
			long size = dir ? treeSize(entry) : Files.size(entry);
			if (!dir) {
				xml.append("<D:getcontentlength>").append(size).append("</D:getcontentlength>");
			}
			xml.append("<D:getlastmodified>")
				.append(DateTimeFormatter.RFC_1123_DATE_TIME
					.format(Files.getLastModifiedTime(entry).toInstant().atZone(ZoneOffset.UTC)))
				.append("</D:getlastmodified>");
			xml.append("<D:getetag>&quot;").append(etag(entry)).append("&quot;</D:getetag>");
			if (!dir) {
				xml.append("<x1:checksums><x1:checksum>SHA1:").append(sha1(entry)).append(" MD5:0123</x1:checksum>"
						+ "</x1:checksums>");
			}
			xml.append("<x1:fileid>").append(fileId(entry)).append("</x1:fileid>");
			xml.append("<x1:size>").append(size).append("</x1:size>");
			xml.append("</D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat>");
			if (dir) {
				xml.append("<D:propstat><D:prop><D:getcontentlength/></D:prop>"
						+ "<D:status>HTTP/1.1 404 Not Found</D:status></D:propstat>");
			}
			xml.append("</D:response>");
		}
		xml.append("</D:multistatus>");
		send(ex, 207, "application/xml; charset=utf-8", xml.toString());
	}

	/** Changes with every content or mtime change (the content hash is cheap for test-sized files). */
	String etag(Path p) throws IOException {
		long stamp = Files.getLastModifiedTime(p).toMillis();
		if (Files.isDirectory(p)) {
			return Long.toHexString(stamp);
		}
		return sha1(p).substring(0, 12) + Long.toHexString(stamp ^ Files.size(p));
	}

	/** Answers 412 and returns true when {@code If-Match} is sent and does not name the target's current etag. */
	boolean failsIfMatch(HttpExchange ex, Path target) throws IOException {
		String ifMatch = ex.getRequestHeaders().getFirst("If-Match");
		if (ifMatch == null || ifMatch.equals("*") && Files.exists(target)) {
			return false;
		}
		if (Files.exists(target) && ifMatch.equals("\"" + etag(target) + "\"")) {
			return false;
		}
		sabreError(ex, 412, "PreconditionFailed", "An If-Match header was specified, but none of the specified ETags matched");
		return true;
	}

	/**
	 * Puts a fully received upload in place as PUT and the chunk-assembling MOVE do: verifies {@code OC-Checksum} and
	 * the expected length, applies {@code X-OC-Mtime}, answers 201/204 with the new etag.
	 */
	void finishUpload(HttpExchange ex, Path tmp, Path target, long expectedLength) throws IOException {
		String checksum = ex.getRequestHeaders().getFirst("OC-Checksum");
		if (checksum != null && !checksum.equalsIgnoreCase("SHA1:" + sha1(tmp))) {
			Files.delete(tmp);
			sabreError(ex, 400, "BadRequest", "The computed checksum does not match the one received from the client.");
			return;
		}
		if (expectedLength >= 0 && Files.size(tmp) != expectedLength) {
			Files.delete(tmp);
			sabreError(ex, 400, "BadRequest", "Expected filesize of " + expectedLength + " bytes");
			return;
		}
		boolean existed = Files.exists(target);
		Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		String mtime = ex.getRequestHeaders().getFirst("X-OC-Mtime");
		if (mtime != null) {
			Files.setLastModifiedTime(target, FileTime.fromMillis(Long.parseLong(mtime) * 1000));
			ex.getResponseHeaders().add("X-OC-MTime", "accepted");
		}
		ex.getResponseHeaders().add("OC-FileId", Long.toString(fileId(target)));
		ex.getResponseHeaders().add("OC-ETag", "\"" + etag(target) + "\"");
		ex.sendResponseHeaders(existed ? 204 : 201, -1);
	}

	private long fileId(Path p) {
		return ids.computeIfAbsent(relativeOf(p), k -> new FileIds(nextId.incrementAndGet())).id();
	}

	/** Independent of the client: URI's multi-argument constructor quotes what is illegal in a path, as UTF-8. */
	static String encodeHref(String path) {
		try {
			return new URI(null, null, path, null).toASCIIString();
		}
		catch (URISyntaxException e) {
			throw new IllegalStateException(e);
		}
	}

	private long treeSize(Path dir) throws IOException {
		try (Stream<Path> walk = Files.walk(dir)) {
			return walk.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
		}
	}

	private void get(HttpExchange ex, Path target) throws IOException {
		if (!Files.isRegularFile(target)) {
			sabreError(ex, Files.isDirectory(target) ? 405 : 404, "NotFound", "not a file");
			return;
		}
		Headers h = ex.getResponseHeaders();
		h.add("Content-Type", "application/octet-stream");
		h.add("Last-Modified", DateTimeFormatter.RFC_1123_DATE_TIME
			.format(Files.getLastModifiedTime(target).toInstant().atZone(ZoneOffset.UTC)));
		h.add("OC-Checksum", "MD5:0123 SHA1:" + (wrongDownloadChecksums ? "0".repeat(40) : sha1(target)));
		ex.sendResponseHeaders(200, Files.size(target) == 0 ? -1 : Files.size(target));
		try (OutputStream out = ex.getResponseBody()) {
			Files.copy(target, out);
		}
	}

	private void put(HttpExchange ex, Path target) throws IOException {
		InputStream body = ex.getRequestBody();
		if (!Files.isDirectory(target.getParent())) {
			body.readAllBytes();
			sabreError(ex, 409, "Conflict", "Files can only be created as children of collections");
			return;
		}
		if (Files.isDirectory(target)) {
			body.readAllBytes();
			sabreError(ex, 405, "MethodNotAllowed", "a folder exists there");
			return;
		}
		String length = ex.getRequestHeaders().getFirst("Content-Length");
		long declared = length == null ? -1 : Long.parseLong(length);
		long used = treeSize(root) - (Files.isRegularFile(target) ? Files.size(target) : 0);
		if (declared < 0 || used + declared > quotaBytes) {
			body.readAllBytes();
			sabreError(ex, declared < 0 ? 411 : 507, "InsufficientStorage", "Insufficient space in " + relativeOf(target));
			return;
		}
		if (failsIfMatch(ex, target)) {
			body.readAllBytes();
			return;
		}
		Path tmp = Files.createTempFile(target.getParent(), ".fake-upload", ".part");
		Files.copy(body, tmp, StandardCopyOption.REPLACE_EXISTING);
		finishUpload(ex, tmp, target, declared);
	}

	private void mkcol(HttpExchange ex, Path target) throws IOException {
		ex.getRequestBody().readAllBytes();
		if (Files.exists(target)) {
			sabreError(ex, 405, "MethodNotAllowed", "The resource you tried to create already exists");
			return;
		}
		if (!Files.isDirectory(target.getParent())) {
			sabreError(ex, 409, "Conflict", "Parent node does not exist");
			return;
		}
		Files.createDirectory(target);
		ex.sendResponseHeaders(201, -1);
	}

	private void delete(HttpExchange ex, Path target) throws IOException {
		if (!Files.exists(target) || target.equals(root)) {
			sabreError(ex, target.equals(root) ? 403 : 404, "NotFound", "not found");
			return;
		}
		if (failsIfMatch(ex, target)) {
			return;
		}
		deleteTree(target);
		ex.sendResponseHeaders(204, -1);
	}

	private static void deleteTree(Path p) throws IOException {
		try (Stream<Path> walk = Files.walk(p)) {
			for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(q);
			}
		}
	}

	/** The file a {@code Destination} header names, or null after answering 400/502. */
	Path destination(HttpExchange ex) throws IOException {
		String header = ex.getRequestHeaders().getFirst("Destination");
		if (header == null) {
			sabreError(ex, 400, "BadRequest", "no Destination");
			return null;
		}
		URI destination = URI.create(header); // must be a valid, encoded absolute URL
		String destPath = destination.getPath();
		if (destination.getScheme() == null || !destPath.startsWith(DAV_PREFIX + USER_ID + "/")) {
			sabreError(ex, 502, "BadGateway", "Destination is on another server or user");
			return null;
		}
		Path target = resolve(destPath.substring((DAV_PREFIX + USER_ID).length()));
		if (target == null) {
			sabreError(ex, 400, "BadRequest", "bad Destination");
		}
		return target;
	}

	private void move(HttpExchange ex, Path source) throws IOException {
		String overwrite = ex.getRequestHeaders().getFirst("Overwrite");
		Path target = destination(ex);
		if (target == null) {
			return;
		}
		if (!Files.exists(source)) {
			sabreError(ex, 404, "NotFound", "source not found");
			return;
		}
		if (!Files.isDirectory(target.getParent())) {
			sabreError(ex, 409, "Conflict", "The destination node is not found");
			return;
		}
		boolean existed = Files.exists(target);
		if (existed && "F".equals(overwrite)) {
			sabreError(ex, 412, "PreconditionFailed", "The destination node already exists, and the overwrite header is set to false");
			return;
		}
		if (existed) {
			deleteTree(target);
		}
		Files.move(source, target);
		ex.sendResponseHeaders(existed ? 204 : 201, -1);
	}

	// ------------------------------------------------------------------ helpers

	static String sha1(Path file) throws IOException {
		try (InputStream in = Files.newInputStream(file)) {
			MessageDigest digest = MessageDigest.getInstance("SHA-1");
			byte[] buffer = new byte[65536];
			int n;
			while ((n = in.read(buffer)) >= 0) {
				digest.update(buffer, 0, n);
			}
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (java.security.NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	static void sabreError(HttpExchange ex, int status, String exception, String message) throws IOException {
		send(ex, status, "application/xml; charset=utf-8",
				"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<d:error xmlns:d=\"DAV:\" xmlns:s=\"http://sabredav.org/ns\">"
						+ "<s:exception>Sabre\\DAV\\Exception\\" + exception + "</s:exception><s:message>" + message
						+ "</s:message></d:error>");
	}

	private static void json(HttpExchange ex, int status, String body) throws IOException {
		send(ex, status, "application/json; charset=utf-8", body);
	}

	static void send(HttpExchange ex, int status, String contentType, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		ex.getResponseHeaders().add("Content-Type", contentType);
		ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
		if (bytes.length > 0) {
			try (OutputStream out = ex.getResponseBody()) {
				out.write(bytes);
			}
		}
	}
}
