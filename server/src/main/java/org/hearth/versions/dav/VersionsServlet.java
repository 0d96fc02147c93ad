package org.hearth.versions.dav;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.hearth.accounts.CurrentUser;
import org.hearth.accounts.HearthPrincipal;
import org.hearth.dav.ContentResponse;
import org.hearth.dav.DavAnswers;
import org.hearth.dav.DavHeaders;
import org.hearth.dav.DavTargets;
import org.hearth.dav.SmallCollectionServlet;
import org.hearth.dav.xml.PropName;
import org.hearth.dav.xml.SafeXml;
import org.hearth.dav.xml.XmlText;
import org.hearth.dav.XmlContentType;
import org.hearth.platform.InstanceId;
import org.hearth.storage.Actor;
import org.hearth.storage.FileVersion;
import org.hearth.storage.Node;
import org.hearth.storage.StorageException;
import org.hearth.storage.VersionService;
import org.hearth.versions.AuthorNames;
import org.w3c.dom.Element;

/**
 * Nextcloud's versions tree (spec §10.2) at {@code /remote.php/dav/versions/{user}/versions/{fileid}/{timestamp}}:
 * PROPFIND lists a file's versions, GET and HEAD read one, MOVE to {@code …/versions/{user}/restore/…} restores it,
 * PROPPATCH sets or removes {@code nc:version-label}, DELETE removes it. PROPFIND answers every property whatever
 * was asked: the collection is small and clients read what they know. Thin: every decision is
 * {@link VersionService}'s; another user's file answers 404 like an unknown one.
 */
class VersionsServlet extends SmallCollectionServlet {

	static final String PREFIX = "/remote.php/dav/versions";

	static final String HEARTH_NS = "http://hearth.org/ns";

	private static final String NAMESPACES = PropName.ROOT_NAMESPACES + " xmlns:h=\"" + HEARTH_NS + "\"";

	private final transient VersionService versions;

	private final transient AuthorNames authors;

	private final transient InstanceId instanceId;

	VersionsServlet(VersionService versions, AuthorNames authors, InstanceId instanceId) {
		super("1, 3", "OPTIONS, PROPFIND, GET, HEAD, MOVE, PROPPATCH, DELETE");
		this.versions = versions;
		this.authors = authors;
		this.instanceId = instanceId;
	}

	/** What a URL names: a file's versions collection, or one version ({@code versionTime} null for the file). */
	private record Address(HearthPrincipal user, long fileId, Long versionTime) {
	}

	@Override
	protected void handle(HttpServletRequest request, HttpServletResponse response) throws Exception {
		Address address = address(request.getRequestURI());
		Actor actor = CurrentUser.actor();
		switch (request.getMethod()) {
			case "PROPFIND" -> list(request, response, actor, address);
			case "GET", "HEAD" -> read(request, response, actor, version(actor, address));
			case "MOVE" -> restore(request, response, actor, address);
			case "PROPPATCH" -> label(request, response, actor, address);
			case "DELETE" -> {
				versions.delete(actor, version(actor, address));
				response.setStatus(204);
				response.setContentLength(0);
			}
			default -> notAllowed(response, request.getMethod() + " is not supported on versions");
		}
	}

	private void list(HttpServletRequest request, HttpServletResponse response, Actor actor, Address address)
			throws IOException {
		int depth = DavHeaders.depth(request, 1);
		VersionService.Versions listing = versions.list(actor, address.fileId());
		List<FileVersion> shown = address.versionTime() != null ? List.of(version(actor, address))
				: depth == 0 ? List.of() : listing.versions();
		Map<Long, String> authorNames = authors.of(shown);
		String collectionHref = collectionHref(address);
		response.setStatus(207);
		XmlContentType.set(request, response);
		try (Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8)) {
			out.write("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<d:multistatus" + NAMESPACES + ">");
			if (address.versionTime() == null) {
				writeCollection(out, collectionHref, listing.file());
			}
			for (FileVersion version : shown) {
				writeVersion(out, collectionHref + version.versionTime(), version, authorNames.get(version.authorId()));
			}
			out.write("</d:multistatus>\n");
		}
	}

	private void writeCollection(Writer out, String href, Node file) throws IOException {
		out.write("<d:response><d:href>" + href + "</d:href><d:propstat><d:prop>"
				+ "<d:resourcetype><d:collection/></d:resourcetype><d:getlastmodified>" + DavHeaders.httpDate(file.mtime())
				+ "</d:getlastmodified><oc:id>" + instanceId.ocId(file.id()) + "</oc:id><oc:fileid>" + file.id()
				+ "</oc:fileid></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>");
	}

	private void writeVersion(Writer out, String href, FileVersion version, String author) throws IOException {
		out.write("<d:response><d:href>" + href + "</d:href><d:propstat><d:prop><d:resourcetype/>"
				+ "<d:getcontenttype>" + XmlText.escape(version.mimeType()) + "</d:getcontenttype>"
				+ "<d:getcontentlength>" + version.size() + "</d:getcontentlength>" + "<d:getlastmodified>"
				+ DavHeaders.httpDate(version.versionTime()) + "</d:getlastmodified><d:creationdate>"
				+ Instant.ofEpochSecond(version.capturedAt()) + "</d:creationdate><d:getetag>&quot;" + etag(version)
				+ "&quot;</d:getetag><oc:id>" + instanceId.ocId(version.nodeId()) + "</oc:id><oc:size>"
				+ version.size() + "</oc:size><nc:version-label>"
				+ (version.label() == null ? "" : XmlText.escape(version.label())) + "</nc:version-label>"
				+ "<nc:version-author>" + (author == null ? "" : XmlText.escape(author)) + "</nc:version-author>"
				+ "<h:kept-until>" + (version.keptUntil() == null ? "" : Instant.ofEpochSecond(version.keptUntil()))
				+ "</h:kept-until></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>");
	}

	private void read(HttpServletRequest request, HttpServletResponse response, Actor actor, FileVersion version)
			throws IOException {
		String etag = etag(version);
		response.setHeader("ETag", "\"" + etag + "\"");
		response.setHeader("Last-Modified", DavHeaders.httpDate(version.versionTime()));
		ContentResponse.send(request, response,
				new ContentResponse.Content(version.size(), etag, version.mimeType(),
						offset -> versions.open(actor, version, offset),
						() -> versions.contentLocation(actor, version)));
	}

	/** MOVE onto {@code /remote.php/dav/versions/{user}/restore/{anything}}, absolute URL or path. */
	private void restore(HttpServletRequest request, HttpServletResponse response, Actor actor, Address address) {
		String destination = request.getHeader("Destination");
		if (destination == null || destination.isBlank()) {
			throw new DavTargets.BadTarget(400, "Destination header missing");
		}
		String path;
		try {
			path = new URI(destination.trim()).getRawPath();
		}
		catch (URISyntaxException e) {
			throw new DavTargets.BadTarget(400, "Destination is not a URL");
		}
		List<String> segments = path == null || !path.startsWith(PREFIX + "/") ? List.of()
				: DavTargets.decodePath(path.substring(PREFIX.length())).segments();
		if (segments.size() < 2 || !segments.get(0).equals(address.user().username())
				|| !segments.get(1).equals("restore")) {
			throw new DavTargets.BadTarget(403, "a version can only be moved to " + PREFIX + "/{user}/restore/");
		}
		versions.restore(actor, version(actor, address));
		response.setStatus(204);
		response.setContentLength(0);
	}

	/** PROPPATCH of {@code nc:version-label}: set it, or remove it; other properties are refused (403). */
	private void label(HttpServletRequest request, HttpServletResponse response, Actor actor, Address address)
			throws Exception {
		FileVersion version = version(actor, address);
		var labels = SafeXml.parse(request.getInputStream()).getElementsByTagNameNS(PropName.NC, "version-label");
		if (labels.getLength() != 1) {
			throw new StorageException(StorageException.Reason.FORBIDDEN, "only nc:version-label can be changed");
		}
		Element label = (Element) labels.item(0);
		Element instruction = (Element) label.getParentNode().getParentNode();
		boolean remove = SafeXml.is(instruction, SafeXml.DAV, "remove");
		versions.label(actor, version, remove ? null : label.getTextContent());
		response.setStatus(207);
		XmlContentType.set(request, response);
		try (Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8)) {
			out.write("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<d:multistatus" + NAMESPACES + "><d:response><d:href>"
					+ collectionHref(address) + version.versionTime() + "</d:href><d:propstat><d:prop><nc:version-label/>"
					+ "</d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response></d:multistatus>\n");
		}
	}

	private FileVersion version(Actor actor, Address address) {
		if (address.versionTime() == null) {
			throw new StorageException(StorageException.Reason.CONFLICT, "name a version: …/versions/{fileid}/{timestamp}");
		}
		return versions.at(actor, address.fileId(), address.versionTime());
	}

	/** {@code /{user}/versions/{fileid}[/{timestamp}]}; any other user, or anything else, is 404. */
	private static Address address(String requestUri) {
		List<String> segments = DavTargets.decodePath(requestUri.substring(PREFIX.length())).segments();
		HearthPrincipal user = CurrentUser.require();
		if (segments.size() < 3 || segments.size() > 4 || !segments.get(0).equals(user.username())
				|| !segments.get(1).equals("versions")) {
			throw new DavTargets.BadTarget(404, "not a version: use " + PREFIX + "/{user}/versions/{fileid}/");
		}
		return new Address(user, number(segments.get(2)), segments.size() == 4 ? number(segments.get(3)) : null);
	}

	private static long number(String segment) {
		try {
			return Long.parseLong(segment);
		}
		catch (NumberFormatException e) {
			throw new DavTargets.BadTarget(404, "no such file or version: " + segment);
		}
	}

	private static String collectionHref(Address address) {
		return PREFIX + "/" + org.springframework.web.util.UriUtils.encode(address.user().username(),
				StandardCharsets.UTF_8) + "/versions/" + address.fileId() + "/";
	}

	private static String etag(FileVersion version) {
		return "v" + version.id() + "-" + version.versionTime();
	}

}
