package org.hearth.crash;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import javax.xml.parsers.DocumentBuilderFactory;

import org.hearth.testing.DavClient;
import org.hearth.testing.UrlPaths;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * A user's WebDAV client against a {@link ServerProcess}; it follows the server across restarts (the port changes).
 * Paths are plain, relative to the user's home ("" is the home itself) and encoded here.
 */
public final class Dav {

	static final String DAV_NS = "DAV:";

	static final String OC_NS = "http://owncloud.org/ns";

	private static final HttpClient HTTP = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	private static final String PROPFIND_BODY = "<?xml version=\"1.0\"?><d:propfind xmlns:d=\"DAV:\""
			+ " xmlns:oc=\"http://owncloud.org/ns\"><d:prop><d:resourcetype/><d:getcontentlength/><d:getetag/>"
			+ "<oc:fileid/><oc:size/><oc:checksums/></d:prop></d:propfind>";

	/** One PROPFIND response entry. {@code contentLength} is -1 for folders, {@code checksum} null when absent. */
	public record Resource(String path, boolean directory, long contentLength, long size, String checksum,
			String fileId, String etag) {

		/** The hex SHA-1 of {@code oc:checksums} ("SHA1:..."), lower case, or null. */
		public String sha1() {
			if (checksum == null) {
				return null;
			}
			for (String part : checksum.trim().split("\\s+")) {
				if (part.regionMatches(true, 0, "SHA1:", 0, 5)) {
					return part.substring(5).toLowerCase(java.util.Locale.ROOT);
				}
			}
			return null;
		}
	}

	private final ServerProcess server;

	private final String username;

	private final String password;

	Dav(ServerProcess server, String username, String password) {
		this.server = server;
		this.username = username;
		this.password = password;
	}

	public String username() {
		return username;
	}

	private String prefix() {
		return "/remote.php/dav/files/" + UrlPaths.encode(username) + "/";
	}

	public String url(String path) {
		return server.baseUrl() + prefix() + UrlPaths.encode(path);
	}

	public HttpResponse<byte[]> send(String method, String path, HttpRequest.BodyPublisher body, String... headers) {
		var request = HttpRequest.newBuilder(URI.create(url(path)))
			.timeout(Duration.ofSeconds(60))
			.header("Authorization", DavClient.basic(username, password))
			.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body);
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		try {
			return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (IOException e) {
			throw new UncheckedIOException(method + " /" + path, e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	/** POSTs to a non-DAV URL of the server (e.g. {@code /api/admin/rescan}) with this user's credentials. */
	public HttpResponse<String> postAs(String serverPath) {
		return callAs("POST", serverPath);
	}

	/** Calls a non-DAV URL of the server (e.g. {@code GET /api/trash}) without a body, as this user. */
	public HttpResponse<String> callAs(String method, String serverPath) {
		var request = HttpRequest.newBuilder(URI.create(server.baseUrl() + serverPath))
			.timeout(Duration.ofSeconds(60))
			.header("Authorization", DavClient.basic(username, password))
			.method(method, HttpRequest.BodyPublishers.noBody())
			.build();
		try {
			return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException e) {
			throw new UncheckedIOException(method + " " + serverPath, e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	public int put(String path, byte[] content) {
		return send("PUT", path, HttpRequest.BodyPublishers.ofByteArray(content)).statusCode();
	}

	/** PUT that must succeed (201 or 204). */
	public void putOk(String path, byte[] content) {
		int status = put(path, content);
		if (status != 201 && status != 204) {
			throw new AssertionError("PUT /" + path + " answered " + status);
		}
	}

	public void mkcolOk(String path) {
		int status = send("MKCOL", path, null).statusCode();
		if (status != 201) {
			throw new AssertionError("MKCOL /" + path + " answered " + status);
		}
	}

	public HttpResponse<byte[]> get(String path) {
		return send("GET", path, null);
	}

	public int move(String from, String to) {
		return send("MOVE", from, null, "Destination", url(to), "Overwrite", "F").statusCode();
	}

	/**
	 * Starts a PUT whose body comes from {@code body} and announces {@code length} bytes (Content-Length); the
	 * future completes when the server answers or the connection breaks.
	 */
	public CompletableFuture<HttpResponse<Void>> putStreaming(String path, Supplier<InputStream> body, long length) {
		var request = HttpRequest.newBuilder(URI.create(url(path)))
			.timeout(Duration.ofSeconds(120))
			.header("Authorization", DavClient.basic(username, password))
			.PUT(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(body), length))
			.build();
		return HTTP.sendAsync(request, HttpResponse.BodyHandlers.discarding());
	}

	/**
	 * Writes a MOVE on a plain socket and returns as soon as the bytes are flushed, so the caller knows exactly
	 * when the request left; read the answer with {@link #readStatus}.
	 */
	public Socket sendRawMove(String from, String to) {
		return sendRaw("MOVE", from, "Destination: " + url(to) + "\r\n" + "Overwrite: F\r\n");
	}

	/** A DELETE sent like {@link #sendRawMove}. */
	public Socket sendRawDelete(String path) {
		return sendRaw("DELETE", path, "");
	}

	private Socket sendRaw(String method, String path, String extraHeaders) {
		try {
			URI base = URI.create(server.baseUrl());
			Socket socket = new Socket(base.getHost(), base.getPort());
			socket.setTcpNoDelay(true);
			socket.setSoTimeout(60_000);
			String request = method + " " + prefix() + UrlPaths.encode(path) + " HTTP/1.1\r\n" + "Host: "
					+ base.getHost() + ":" + base.getPort() + "\r\n" + "Authorization: "
					+ DavClient.basic(username, password) + "\r\n" + extraHeaders + "Content-Length: 0\r\n"
					+ "Connection: close\r\n\r\n";
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			return socket;
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** The status code of the answer on a raw socket (blocks up to the socket's timeout). */
	public static int readStatus(Socket socket) throws IOException {
		InputStream in = socket.getInputStream();
		StringBuilder line = new StringBuilder();
		int c;
		while ((c = in.read()) != -1 && c != '\n') {
			line.append((char) c);
		}
		String[] parts = line.toString().trim().split(" ");
		if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
			throw new IOException("no HTTP status line: '" + line + "'");
		}
		return Integer.parseInt(parts[1]);
	}

	/** PROPFIND with Depth 0; null when the path does not exist. */
	public Resource stat(String path) {
		List<Resource> found = propfind(path, 0);
		return found == null ? null : found.get(0);
	}

	/** PROPFIND with Depth 1 of a folder: the folder itself first, then its members; null when it does not exist. */
	public List<Resource> list(String path) {
		return propfind(path, 1);
	}

	private List<Resource> propfind(String path, int depth) {
		var response = send("PROPFIND", path,
				HttpRequest.BodyPublishers.ofString(PROPFIND_BODY, StandardCharsets.UTF_8), "Depth",
				String.valueOf(depth), "Content-Type", "application/xml; charset=utf-8");
		if (response.statusCode() == 404) {
			return null;
		}
		if (response.statusCode() != 207) {
			throw new AssertionError("PROPFIND /" + path + " answered " + response.statusCode() + ": "
					+ new String(response.body(), StandardCharsets.UTF_8));
		}
		return parse(response.body());
	}

	private List<Resource> parse(byte[] xml) {
		Document document;
		try {
			var factory = DocumentBuilderFactory.newInstance();
			factory.setNamespaceAware(true);
			factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
			document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
		}
		catch (Exception e) {
			throw new AssertionError("unparseable multistatus: " + new String(xml, StandardCharsets.UTF_8), e);
		}
		String prefix = prefix();
		List<Resource> resources = new ArrayList<>();
		for (Element response : children(document.getDocumentElement(), DAV_NS, "response")) {
			String href = text(children(response, DAV_NS, "href").get(0));
			String decoded = URI.create(href).getPath();
			String encodedPrefixDecoded = URI.create(prefix).getPath();
			if (!decoded.startsWith(encodedPrefixDecoded)) {
				throw new AssertionError("href " + href + " is not below " + prefix);
			}
			String path = decoded.substring(encodedPrefixDecoded.length());
			if (path.endsWith("/")) {
				path = path.substring(0, path.length() - 1);
			}
			boolean directory = false;
			long contentLength = -1;
			long size = -1;
			String checksum = null;
			String fileId = null;
			String etag = null;
			for (Element propstat : children(response, DAV_NS, "propstat")) {
				String status = text(children(propstat, DAV_NS, "status").get(0));
				if (!status.contains(" 200 ")) {
					continue;
				}
				Element prop = children(propstat, DAV_NS, "prop").get(0);
				for (Element value : children(prop, null, null)) {
					String ns = value.getNamespaceURI();
					String name = value.getLocalName();
					if (DAV_NS.equals(ns) && name.equals("resourcetype")) {
						directory = !children(value, DAV_NS, "collection").isEmpty();
					}
					else if (DAV_NS.equals(ns) && name.equals("getcontentlength")) {
						contentLength = Long.parseLong(text(value));
					}
					else if (DAV_NS.equals(ns) && name.equals("getetag")) {
						etag = text(value).replace("\"", "");
					}
					else if (OC_NS.equals(ns) && name.equals("fileid")) {
						fileId = text(value);
					}
					else if (OC_NS.equals(ns) && name.equals("size")) {
						size = Long.parseLong(text(value));
					}
					else if (OC_NS.equals(ns) && name.equals("checksums")) {
						List<Element> sums = children(value, OC_NS, "checksum");
						checksum = sums.isEmpty() ? null : text(sums.get(0));
					}
				}
			}
			resources.add(new Resource(path, directory, contentLength, size, checksum, fileId, etag));
		}
		if (resources.isEmpty()) {
			throw new AssertionError("empty multistatus: " + new String(xml, StandardCharsets.UTF_8));
		}
		return resources;
	}

	private static List<Element> children(Element parent, String ns, String localName) {
		List<Element> found = new ArrayList<>();
		for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
			if (child instanceof Element element && (ns == null || ns.equals(element.getNamespaceURI()))
					&& (localName == null || localName.equals(element.getLocalName()))) {
				found.add(element);
			}
		}
		return found;
	}

	private static String text(Element element) {
		return element.getTextContent().trim();
	}
}
