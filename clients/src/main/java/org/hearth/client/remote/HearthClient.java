package org.hearth.client.remote;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import javax.xml.stream.XMLStreamException;

/**
 * The client's whole wire protocol: Nextcloud-style OCS (login) and WebDAV under
 * {@code /remote.php/dav/files/{userId}/}, over {@link HttpClient}. Bodies are streamed both ways; no file is ever held
 * in memory. Every method takes decoded, normalized remote paths (see {@link DavPaths}) and encodes them itself.
 *
 * <p>Errors come out as {@link RemoteException} with a message ready for the user; plain {@link IOException}s from
 * this class are local ones (e.g. writing the downloaded bytes failed).
 */
public final class HearthClient implements AutoCloseable {

	public static final String USER_AGENT = "hearth-cli/" + Version.VERSION;

	static final String PROPFIND_BODY = """
			<?xml version="1.0" encoding="UTF-8"?>
			<d:propfind xmlns:d="DAV:" xmlns:oc="http://owncloud.org/ns">
			  <d:prop>
			    <d:resourcetype/>
			    <d:getcontentlength/>
			    <d:getlastmodified/>
			    <d:getetag/>
			    <oc:fileid/>
			    <oc:size/>
			    <oc:checksums/>
			  </d:prop>
			</d:propfind>
			""";

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);

	/** For requests without a file body; transfers have no overall timeout since they may legitimately take hours. */
	static final Duration METADATA_TIMEOUT = Duration.ofMinutes(2);

	static final int ERROR_BODY_LIMIT = 64 * 1024;

	private static final int OCS_BODY_LIMIT = 1024 * 1024;

	private final URI server;

	private final String authorization;

	private final String userId;

	private final HttpClient http;

	/**
	 * @param server base URL as returned by {@link ServerUrl#normalize(String)}
	 * @param login the login name for Basic auth
	 * @param secret the app password (or, only while logging in, the real password)
	 * @param userId the user id used in DAV paths; may be null for OCS-only use during login
	 */
	public HearthClient(URI server, String login, String secret, String userId) {
		this.server = Objects.requireNonNull(server);
		this.authorization = "Basic " + Base64.getEncoder()
			.encodeToString((login + ":" + secret).getBytes(StandardCharsets.UTF_8));
		this.userId = userId;
		this.http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(CONNECT_TIMEOUT)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	public URI server() {
		return server;
	}

	// ---------------------------------------------------------------- OCS

	/** {@code GET /ocs/v2.php/core/getapppassword} with the real password: trades it for an app password. */
	public String obtainAppPassword() throws IOException, InterruptedException {
		Object doc = ocsGet("/ocs/v2.php/core/getapppassword");
		String token = Json.string(doc, "ocs", "data", "apppassword");
		if (token == null || token.isBlank()) {
			throw new RemoteException(0, "the server's answer to getapppassword holds no app password");
		}
		return token;
	}

	/** {@code GET /ocs/v1.php/cloud/user?format=json}: the id of the authenticated user, used in DAV paths. */
	public String currentUserId() throws IOException, InterruptedException {
		Object doc = ocsGet("/ocs/v1.php/cloud/user?format=json");
		String id = Json.string(doc, "ocs", "data", "id");
		if (id == null || id.isBlank()) {
			throw new RemoteException(0, "the server's answer to cloud/user holds no user id");
		}
		return id;
	}

	private Object ocsGet(String pathAndQuery) throws IOException, InterruptedException {
		URI uri = URI.create(server + pathAndQuery);
		HttpRequest request = base(uri).GET()
			.header("OCS-APIRequest", "true")
			.header("Accept", "application/json")
			.timeout(METADATA_TIMEOUT)
			.build();
		HttpResponse<InputStream> response = send(request);
		int status = response.statusCode();
		String body = readLimited(response.body(), OCS_BODY_LIMIT);
		if (status == 401) {
			throw new RemoteException(401, "wrong username or password");
		}
		if (status == 429) {
			throw new RemoteException(429, "too many failed attempts, try later");
		}
		if (status >= 300 && status < 400) {
			throw redirected(response, "GET", uri.getRawPath());
		}
		Object doc = null;
		try {
			doc = Json.parse(body);
		}
		catch (IllegalArgumentException notJson) {
			// handled below
		}
		String metaMessage = doc == null ? null : Json.string(doc, "ocs", "meta", "message");
		if (status == 404 && doc == null) {
			throw new RemoteException(404, "no Hearth/Nextcloud API at " + uri + " (HTTP 404); check the server URL");
		}
		if (status < 200 || status >= 300) {
			throw RemoteException.forStatus(status, "GET", uri.getRawPath(), metaMessage);
		}
		if (doc == null) {
			throw new RemoteException(0, "unexpected answer from " + uri + ": not OCS JSON");
		}
		String code = Json.string(doc, "ocs", "meta", "statuscode");
		if (code != null) {
			// v1 answers HTTP 200 and puts the real outcome here: 100 ok, 997 unauthorised, ...
			int statusCode;
			try {
				statusCode = (int) Double.parseDouble(code);
			}
			catch (NumberFormatException e) {
				throw new RemoteException(0, "unexpected answer from " + uri + ": OCS status '" + code + "'");
			}
			if (statusCode == 997 || statusCode == 401) {
				throw new RemoteException(401, "wrong username or password");
			}
			if (statusCode != 100 && statusCode != 200) {
				throw new RemoteException(statusCode, "the server refused " + uri.getRawPath() + ": OCS status "
						+ statusCode + (metaMessage == null || metaMessage.isBlank() ? "" : " (" + metaMessage + ")"));
			}
		}
		return doc;
	}

	// ---------------------------------------------------------------- WebDAV

	/** Absolute URL of a remote path in the user's files: {@code {server}/remote.php/dav/files/{userId}{encodedPath}}. */
	public URI davUri(String path) {
		if (userId == null) {
			throw new IllegalStateException("no user id");
		}
		return URI.create(server + "/remote.php/dav/files/" + DavPaths.encodeSegment(userId) + DavPaths.encodePath(path));
	}

	/** Decoded path of the user's files root on the server, for matching hrefs. */
	private String davRootDecoded() {
		return DavPaths.decode(server.getRawPath() + "/remote.php/dav/files/" + DavPaths.encodeSegment(userId));
	}

	/** A file's or folder's properties, or empty when it does not exist (404). */
	public Optional<DavResource> stat(String path) throws IOException, InterruptedException {
		String normalized = DavPaths.normalize(path);
		List<DavResource> resources;
		try {
			resources = propfind(normalized, 0);
		}
		catch (RemoteException e) {
			if (e.status() == 404) {
				return Optional.empty();
			}
			throw e;
		}
		for (DavResource r : resources) {
			if (normalized.equals(r.path())) {
				return Optional.of(r);
			}
		}
		return resources.isEmpty() ? Optional.empty() : Optional.of(resources.get(0));
	}

	/** A folder's own entry and its direct children (PROPFIND Depth 1); for a file, the file and no children. */
	public Listing list(String path) throws IOException, InterruptedException {
		String normalized = DavPaths.normalize(path);
		List<DavResource> resources = propfind(normalized, 1);
		DavResource self = null;
		List<DavResource> children = new ArrayList<>();
		for (DavResource r : resources) {
			if (self == null && normalized.equals(r.path())) {
				self = r;
			}
			else {
				children.add(r);
			}
		}
		if (self == null && !resources.isEmpty()) {
			// hrefs not recognised (e.g. the server spells the user id differently): per RFC 4918 practice the first
			// response describes the requested resource itself
			self = resources.get(0);
			children.remove(0);
		}
		return new Listing(self, children);
	}

	public record Listing(DavResource self, List<DavResource> children) {
	}

	/** Raw PROPFIND; each resource's {@link DavResource#path()} is resolved relative to the user's files root. */
	public List<DavResource> propfind(String path, int depth) throws IOException, InterruptedException {
		String normalized = DavPaths.normalize(path);
		HttpRequest request = base(davUri(normalized))
			.method("PROPFIND", BodyPublishers.ofString(PROPFIND_BODY, StandardCharsets.UTF_8))
			.header("Depth", Integer.toString(depth))
			.header("Content-Type", "application/xml; charset=utf-8")
			.header("Accept", "application/xml, text/xml")
			.timeout(METADATA_TIMEOUT)
			.build();
		HttpResponse<InputStream> response = send(request);
		if (response.statusCode() != 207 && response.statusCode() != 200) {
			throw error(response, "PROPFIND", normalized);
		}
		List<DavResource> parsed;
		try (InputStream body = response.body()) {
			parsed = MultistatusParser.parse(body);
		}
		catch (XMLStreamException e) {
			throw new RemoteException(0, "unreadable PROPFIND answer for " + normalized + ": " + e.getMessage(), e);
		}
		catch (IOException e) {
			throw new RemoteException(0, "PROPFIND of " + normalized + " was interrupted: " + e.getMessage(), e);
		}
		String root = davRootDecoded();
		List<DavResource> out = new ArrayList<>(parsed.size());
		for (DavResource r : parsed) {
			out.add(r.withPath(DavPaths.relativePath(root, r.href())));
		}
		return out;
	}


	/**
	 * Streams a local file to {@code remotePath} with PUT. Sends {@code Content-Length}, {@code X-OC-Mtime} and, when
	 * {@code sha1Hex} is given, {@code OC-Checksum: SHA1:<hex>}.
	 *
	 * @param size the file's size, sent as Content-Length; the upload fails if the file changes size meanwhile
	 */
	public UploadResult upload(Path file, String remotePath, long size, Instant mtime, String sha1Hex,
			TransferListener listener) throws IOException, InterruptedException {
		return upload(file, remotePath, size, mtime, sha1Hex, null, listener);
	}

	/**
	 * As {@link #upload(Path, String, long, Instant, String, TransferListener)}, but with {@code If-Match} when
	 * {@code ifMatchEtag} is given: the server answers 412 (a {@link RemoteException} with that status) instead of
	 * replacing a file that changed since that etag was seen.
	 */
	public UploadResult upload(Path file, String remotePath, long size, Instant mtime, String sha1Hex,
			String ifMatchEtag, TransferListener listener) throws IOException, InterruptedException {
		String normalized = DavPaths.normalize(remotePath);
		AtomicReference<CountingInputStream> current = new AtomicReference<>();
		AtomicReference<MessageDigest> currentDigest = new AtomicReference<>();
		BodyPublisher body;
		if (size == 0) {
			body = BodyPublishers.noBody();
		}
		else {
			BodyPublisher stream = BodyPublishers.ofInputStream(() -> {
				try {
					MessageDigest digest = Sha1.newDigest();
					CountingInputStream in = new CountingInputStream(Files.newInputStream(file), listener, digest);
					currentDigest.set(digest);
					current.set(in);
					return in;
				}
				catch (IOException e) {
					throw new UncheckedIOException(e);
				}
			});
			body = BodyPublishers.fromPublisher(stream, size);
		}
		HttpRequest.Builder builder = base(davUri(normalized)).PUT(body)
			.header("Content-Type", "application/octet-stream")
			.header("X-OC-Mtime", Long.toString(mtime.getEpochSecond()));
		if (sha1Hex != null) {
			builder.header("OC-Checksum", "SHA1:" + sha1Hex);
		}
		if (ifMatchEtag != null) {
			builder.header("If-Match", quote(ifMatchEtag));
		}
		listener.started(size);
		HttpResponse<InputStream> response = send(builder.build());
		int status = response.statusCode();
		if (status != 201 && status != 204 && status != 200) {
			throw error(response, "PUT", normalized);
		}
		readLimited(response.body(), ERROR_BODY_LIMIT);
		listener.transferred(size);
		String sentSha1 = null;
		if (size == 0) {
			sentSha1 = HexFormat.of().formatHex(Sha1.newDigest().digest());
		}
		else if (current.get() != null && current.get().count() == size) {
			sentSha1 = HexFormat.of().formatHex(currentDigest.get().digest());
		}
		return uploadResult(response, sentSha1);
	}

	/** What a successful PUT or chunk-assembling MOVE answered. */
	static UploadResult uploadResult(HttpResponse<?> response, String sentSha1) {
		String etag = response.headers().firstValue("OC-ETag").or(() -> response.headers().firstValue("ETag")).orElse(null);
		return new UploadResult(response.statusCode() == 201, etag == null ? null : MultistatusParser.unquote(etag),
				response.headers().firstValue("OC-FileId").orElse(null), sentSha1,
				response.headers().firstValue("X-OC-MTime").map(v -> v.equalsIgnoreCase("accepted")).orElse(false));
	}

	/** An etag as {@code If-Match} wants it: in double quotes. */
	static String quote(String etag) {
		return "\"" + etag + "\"";
	}

	/**
	 * @param created true for 201 (new file), false for 204/200 (replaced an existing one)
	 * @param sentSha1 hex SHA-1 of the bytes actually sent, or null if unknown
	 * @param mtimeAccepted whether the server confirmed {@code X-OC-MTime: accepted}
	 */
	public record UploadResult(boolean created, String etag, String fileId, String sentSha1, boolean mtimeAccepted) {
	}

	/**
	 * Streams {@code remotePath} (GET) into {@code out}. Read failures (the network) come out as
	 * {@link RemoteException}; write failures (the local side) as plain {@link IOException}.
	 */
	public DownloadResult download(String remotePath, OutputStream out, TransferListener listener)
			throws IOException, InterruptedException {
		String normalized = DavPaths.normalize(remotePath);
		HttpRequest request = base(davUri(normalized)).GET().header("Accept", "*/*").build();
		HttpResponse<InputStream> response = send(request);
		if (response.statusCode() != 200) {
			throw error(response, "GET", normalized);
		}
		long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
		listener.started(length);
		MessageDigest digest = Sha1.newDigest();
		byte[] buffer = new byte[64 * 1024];
		long total = 0;
		try (InputStream in = response.body()) {
			while (true) {
				int n;
				try {
					n = in.read(buffer);
				}
				catch (IOException e) {
					throw new RemoteException(0, "download of " + normalized + " was interrupted: " + e.getMessage(), e);
				}
				if (n < 0) {
					break;
				}
				out.write(buffer, 0, n);
				digest.update(buffer, 0, n);
				total += n;
				listener.transferred(total);
			}
		}
		if (length >= 0 && total != length) {
			throw new RemoteException(0, "download of " + normalized + " is incomplete: got " + total + " of " + length
					+ " bytes");
		}
		Instant lastModified = response.headers()
			.firstValue("Last-Modified")
			.map(MultistatusParser::parseHttpDate)
			.orElse(null);
		return new DownloadResult(total, lastModified, HexFormat.of().formatHex(digest.digest()),
				response.headers().firstValue("OC-Checksum").orElse(null));
	}

	/**
	 * @param serverChecksum the server's {@code OC-Checksum} header (e.g. {@code SHA1:abc...}), or null
	 */
	public record DownloadResult(long bytes, Instant lastModified, String sha1, String serverChecksum) {
	}

	/** MKCOL; true if created, false if something already exists there (405). */
	public boolean mkcol(String path) throws IOException, InterruptedException {
		String normalized = DavPaths.normalize(path);
		HttpRequest request = base(davUri(normalized)).method("MKCOL", BodyPublishers.noBody())
			.timeout(METADATA_TIMEOUT)
			.build();
		HttpResponse<InputStream> response = send(request);
		int status = response.statusCode();
		if (status == 201 || status == 200 || status == 204) {
			readLimited(response.body(), ERROR_BODY_LIMIT);
			return true;
		}
		if (status == 405) {
			readLimited(response.body(), ERROR_BODY_LIMIT);
			return false;
		}
		throw error(response, "MKCOL", normalized);
	}

	/** DELETE a file or (recursively, server-side) a folder. */
	public void delete(String path) throws IOException, InterruptedException {
		delete(path, null);
	}

	/**
	 * DELETE with {@code If-Match} when {@code ifMatchEtag} is given: the server answers 412 (a
	 * {@link RemoteException} with that status) instead of deleting something that changed since that etag was seen;
	 * for a folder, anything below it.
	 */
	public void delete(String path, String ifMatchEtag) throws IOException, InterruptedException {
		String normalized = DavPaths.normalize(path);
		HttpRequest.Builder builder = base(davUri(normalized)).DELETE().timeout(METADATA_TIMEOUT);
		if (ifMatchEtag != null) {
			builder.header("If-Match", quote(ifMatchEtag));
		}
		HttpResponse<InputStream> response = send(builder.build());
		int status = response.statusCode();
		if (status != 204 && status != 200) {
			throw error(response, "DELETE", normalized);
		}
		readLimited(response.body(), ERROR_BODY_LIMIT);
	}

	/**
	 * MOVE with {@code Destination: <absolute encoded URL>} and {@code Overwrite: T|F}.
	 *
	 * @return true if the destination was newly created (201), false if it replaced something (204)
	 */
	public boolean move(String from, String to, boolean overwrite) throws IOException, InterruptedException {
		String source = DavPaths.normalize(from);
		String destination = DavPaths.normalize(to);
		HttpRequest request = base(davUri(source)).method("MOVE", BodyPublishers.noBody())
			.header("Destination", davUri(destination).toString())
			.header("Overwrite", overwrite ? "T" : "F")
			.timeout(METADATA_TIMEOUT)
			.build();
		HttpResponse<InputStream> response = send(request);
		int status = response.statusCode();
		if (status == 201 || status == 204 || status == 200) {
			readLimited(response.body(), ERROR_BODY_LIMIT);
			return status == 201;
		}
		if (status == 412) {
			String detail = MultistatusParser.sabreMessage(readLimited(response.body(), ERROR_BODY_LIMIT));
			throw new RemoteException(412, "precondition failed: " + destination
					+ " already exists (use --force to overwrite)" + (detail == null ? "" : " (" + detail + ")"));
		}
		// 409 and 403 are about the destination's parent; everything else about the source
		throw error(response, "MOVE", status == 409 || status == 403 ? destination : source);
	}

	// ---------------------------------------------------------------- plumbing

	/** Absolute URL in the user's chunked-upload area: {@code {server}/remote.php/dav/uploads/{userId}/{id}[/{name}]}. */
	URI uploadsUri(String uploadId, String name) {
		if (userId == null) {
			throw new IllegalStateException("no user id");
		}
		return URI.create(server + "/remote.php/dav/uploads/" + DavPaths.encodeSegment(userId) + "/"
				+ DavPaths.encodeSegment(uploadId) + (name == null ? "" : "/" + DavPaths.encodeSegment(name)));
	}

	HttpRequest.Builder base(URI uri) {
		return HttpRequest.newBuilder(uri).header("Authorization", authorization).header("User-Agent", USER_AGENT);
	}

	HttpResponse<InputStream> send(HttpRequest request) throws IOException, InterruptedException {
		try {
			return http.send(request, BodyHandlers.ofInputStream());
		}
		catch (HttpConnectTimeoutException e) {
			throw new RemoteException(0, "cannot reach server " + server + ": connection timed out", e);
		}
		catch (ConnectException e) {
			throw new RemoteException(0, "cannot reach server " + server + ": connection refused", e);
		}
		catch (HttpTimeoutException e) {
			throw new RemoteException(0, "the server did not answer " + request.method() + " in time", e);
		}
		catch (UncheckedIOException e) {
			throw e.getCause();
		}
		catch (IOException e) {
			if (e.getCause() instanceof UncheckedIOException local) {
				throw local.getCause();
			}
			String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
			throw new RemoteException(0, "connection to " + server + " failed during " + request.method() + ": "
					+ reason, e);
		}
	}

	RemoteException error(HttpResponse<InputStream> response, String method, String path) {
		int status = response.statusCode();
		String body;
		try {
			body = readLimited(response.body(), ERROR_BODY_LIMIT);
		}
		catch (IOException e) {
			body = "";
		}
		if (status >= 300 && status < 400) {
			return redirected(response, method, path);
		}
		return RemoteException.forStatus(status, method, path, MultistatusParser.sabreMessage(body));
	}

	private RemoteException redirected(HttpResponse<?> response, String method, String path) {
		String location = response.headers().firstValue("Location").orElse("?");
		return new RemoteException(response.statusCode(), "the server redirected " + method + " " + path + " to "
				+ location + "; log in again with the server's canonical URL");
	}

	/** Reads at most {@code limit} bytes as UTF-8 and closes the stream (dropping the rest). */
	static String readLimited(InputStream in, int limit) throws IOException {
		try (in) {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			byte[] buffer = new byte[8192];
			int n;
			while (out.size() < limit && (n = in.read(buffer, 0, Math.min(buffer.length, limit - out.size()))) >= 0) {
				out.write(buffer, 0, n);
			}
			return out.toString(StandardCharsets.UTF_8);
		}
	}


	@Override
	public void close() {
		http.close();
	}
}
