package org.hearth.trash.dav;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
import org.hearth.storage.Actor;
import org.hearth.storage.Node;
import org.hearth.storage.StoragePath;
import org.hearth.storage.TrashItem;
import org.hearth.storage.TrashService;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriUtils;

/**
 * Nextcloud's trashbin at {@code /remote.php/dav/trashbin/{user}/} (spec §10.1): PROPFIND {@code trash} lists the
 * items as {@code <name>.d<deletion time>}, and deleted folders can be browsed further; MOVE of an item to
 * {@code restore/…} restores it, DELETE of an item purges it, DELETE of {@code trash} empties it. Thin: every
 * decision is {@link TrashService}'s.
 */
class TrashbinServlet extends SmallCollectionServlet {

	static final String PREFIX = "/remote.php/dav/trashbin";

	static final String HEARTH_NS = "http://hearth.org/ns";

	private final transient TrashService trash;

	private final transient InstanceId instanceId;

	TrashbinServlet(TrashService trash, InstanceId instanceId) {
		super("1, 3", "OPTIONS, PROPFIND, MOVE, DELETE");
		this.trash = trash;
		this.instanceId = instanceId;
	}

	/**
	 * What a URL names: the user's collection ({@code area} null), {@code trash} or {@code restore}, an item of the
	 * trash and a path inside it.
	 */
	private record Address(HearthPrincipal user, String area, String itemName, List<String> inside) {

		String href() {
			StringBuilder href = new StringBuilder(userHref(user));
			if (area != null) {
				href.append(area).append('/');
			}
			if (itemName != null) {
				href.append(encode(itemName));
				inside.forEach(segment -> href.append('/').append(encode(segment)));
			}
			return href.toString();
		}
	}

	@Override
	protected void handle(HttpServletRequest request, HttpServletResponse response) throws Exception {
		Address address = address(request.getRequestURI());
		switch (request.getMethod()) {
			case "PROPFIND" -> propfind(request, response, address);
			case "MOVE" -> restore(request, response, address);
			case "DELETE" -> delete(response, address);
			default -> notAllowed(response, request.getMethod() + " is not supported in the trash");
		}
	}

	private void restore(HttpServletRequest request, HttpServletResponse response, Address address) {
		if (address.itemName() == null || !address.inside().isEmpty()) {
			DavAnswers.fail(response, 403, "Forbidden", "only a whole item of the trash can be restored");
			return;
		}
		checkRestoreDestination(request.getHeader("Destination"), address.user());
		Actor actor = CurrentUser.actor();
		TrashItem item = item(actor, address);
		Node restored = trash.restore(actor, address.user().userId(), item.id());
		response.setHeader("OC-FileId", instanceId.ocId(restored.id()));
		response.setStatus(201);
		response.setContentLength(0);
	}

	private void delete(HttpServletResponse response, Address address) {
		Actor actor = CurrentUser.actor();
		if ("trash".equals(address.area()) && address.itemName() == null) {
			trash.empty(actor, address.user().userId());
		}
		else if (address.itemName() != null && address.inside().isEmpty()) {
			trash.purge(actor, address.user().userId(), item(actor, address).id());
		}
		else {
			DavAnswers.fail(response, 403, "Forbidden", "delete the trash or one whole item of it");
			return;
		}
		response.setStatus(204);
		response.setContentLength(0);
	}

	private void propfind(HttpServletRequest request, HttpServletResponse response, Address address)
			throws IOException {
		int depth = DavHeaders.depth(request, 1);
		if (depth == -1) {
			DavAnswers.fail(response, 403, "propfind-finite-depth", "Depth: infinity is not supported");
			return;
		}
		Actor actor = CurrentUser.actor();
		long ownerId = address.user().userId();
		List<String> responses = new ArrayList<>();
		if (address.area() == null) {
			responses.add(collection(address.href()));
			if (depth == 1) {
				responses.add(collection(userHref(address.user()) + "trash/"));
				responses.add(collection(userHref(address.user()) + "restore/"));
			}
		}
		else if (address.area().equals("restore")) {
			responses.add(collection(address.href()));
		}
		else if (address.itemName() == null) {
			responses.add(collection(address.href()));
			if (depth == 1) {
				List<TrashItem> items = trash.all(actor, ownerId);
				Map<Long, String> names = davNames(items);
				Map<Long, Node> roots = trash.rootNodes(actor, ownerId);
				String trashHref = address.href();
				for (TrashItem item : items) {
					Node root = roots.get(item.rootNodeId());
					responses.add(entry(trashHref + encode(names.get(item.id())) + (item.directory() ? "/" : ""),
							item, root, names.get(item.id())));
				}
			}
		}
		else {
			TrashItem item = item(actor, address);
			StoragePath path = item.originalPath();
			for (String segment : address.inside()) {
				path = path.child(segment);
			}
			StoragePath originalPath = path;
			Node node = trash.node(actor, item, path)
				.orElseThrow(() -> new DavTargets.BadTarget(404, "no /" + originalPath + " in this trash item"));
			String href = address.href() + (node.directory() ? "/" : "");
			responses.add(entry(href, item, node, address.inside().isEmpty() ? address.itemName() : node.name()));
			if (depth == 1 && node.directory()) {
				for (Node child : trash.children(actor, ownerId, node)) {
					responses.add(entry(href + encode(child.name()) + (child.directory() ? "/" : ""), item, child,
							child.name()));
				}
			}
		}
		response.setStatus(207);
		XmlContentType.set(request, response);
		try (Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8)) {
			out.write("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<d:multistatus xmlns:d=\"DAV:\""
					+ " xmlns:oc=\"http://owncloud.org/ns\" xmlns:nc=\"http://nextcloud.org/ns\" xmlns:h=\"" + HEARTH_NS
					+ "\">");
			for (String entry : responses) {
				out.write(entry);
			}
			out.write("</d:multistatus>\n");
		}
	}

	private static String collection(String href) {
		return "<d:response><d:href>" + escape(href) + "</d:href><d:propstat><d:prop>"
				+ "<d:resourcetype><d:collection/></d:resourcetype></d:prop>"
				+ "<d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>";
	}

	/** An item of the trash, or a file or folder inside a trashed folder ({@code node} is its snapshot). */
	private String entry(String href, TrashItem item, Node node, String displayName) {
		StringBuilder prop = new StringBuilder();
		prop.append("<d:resourcetype>").append(node.directory() ? "<d:collection/>" : "").append("</d:resourcetype>");
		prop.append("<d:getcontenttype>").append(escape(node.mimeType())).append("</d:getcontenttype>");
		if (!node.directory()) {
			prop.append("<d:getcontentlength>").append(node.size()).append("</d:getcontentlength>");
		}
		prop.append("<oc:size>").append(node.size()).append("</oc:size>");
		prop.append("<oc:id>").append(escape(instanceId.ocId(node.id()))).append("</oc:id>");
		prop.append("<oc:fileid>").append(node.id()).append("</oc:fileid>");
		prop.append("<d:getlastmodified>").append(DavHeaders.httpDate(node.mtime()))
			.append("</d:getlastmodified>");
		prop.append("<d:getetag>&quot;").append(escape(node.etag())).append("&quot;</d:getetag>");
		prop.append("<d:displayname>").append(escape(displayName)).append("</d:displayname>");
		prop.append("<nc:trashbin-filename>").append(escape(node.name())).append("</nc:trashbin-filename>");
		prop.append("<nc:trashbin-original-location>").append(escape(node.path().toString()))
			.append("</nc:trashbin-original-location>");
		prop.append("<nc:trashbin-deletion-time>").append(item.deletedAt()).append("</nc:trashbin-deletion-time>");
		prop.append("<h:kept-until>").append(item.keptUntil()).append("</h:kept-until>");
		prop.append("<h:content-lost>").append(item.contentLost()).append("</h:content-lost>");
		return "<d:response><d:href>" + escape(href) + "</d:href><d:propstat><d:prop>" + prop
				+ "</d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>";
	}

	/**
	 * Names as Nextcloud gives them, {@code <name>.d<deletion time>}; when two items share name and second, the
	 * later ones (by id) get their id appended, so every name stays the same while the item is in the trash.
	 */
	static Map<Long, String> davNames(List<TrashItem> items) {
		Map<Long, String> names = new HashMap<>();
		Map<String, Long> taken = new HashMap<>();
		for (TrashItem item : items.stream().sorted(Comparator.comparingLong(TrashItem::id)).toList()) {
			String name = item.name() + ".d" + item.deletedAt();
			if (taken.putIfAbsent(name, item.id()) != null) {
				name = name + "-" + item.id();
			}
			names.put(item.id(), name);
		}
		return names;
	}

	private TrashItem item(Actor actor, Address address) {
		List<TrashItem> items = trash.all(actor, address.user().userId());
		Map<Long, String> names = davNames(items);
		return items.stream()
			.filter(item -> names.get(item.id()).equals(address.itemName()))
			.findFirst()
			.orElseThrow(() -> new DavTargets.BadTarget(404, "no " + address.itemName() + " in the trash"));
	}

	/** The Destination of a restore: {@code …/trashbin/{user}/restore/<anything>}, as a URL or a path. */
	private static void checkRestoreDestination(String header, HearthPrincipal user) {
		if (header == null || header.isBlank()) {
			throw new DavTargets.BadTarget(400, "Destination header missing");
		}
		String rawPath;
		try {
			rawPath = new URI(header.trim()).getRawPath();
		}
		catch (URISyntaxException e) {
			throw new DavTargets.BadTarget(400, "Destination is not a URL");
		}
		if (rawPath == null || !rawPath.startsWith(userHref(user) + "restore/")) {
			throw new DavTargets.BadTarget(403, "restore by moving to " + userHref(user) + "restore/<name>");
		}
	}

	private Address address(String requestUri) {
		List<String> segments = DavTargets.decodePath(requestUri.substring(PREFIX.length())).segments();
		HearthPrincipal user = CurrentUser.require();
		if (segments.isEmpty() || !segments.get(0).equals(user.username())) {
			throw new DavTargets.BadTarget(404, "no such trash bin");
		}
		if (segments.size() == 1) {
			return new Address(user, null, null, List.of());
		}
		String area = segments.get(1);
		boolean isTrash = area.equals("trash");
		if (!(isTrash || area.equals("restore")) || (!isTrash && segments.size() > 2)) {
			throw new DavTargets.BadTarget(404, "not found in the trash bin");
		}
		if (segments.size() == 2) {
			return new Address(user, area, null, List.of());
		}
		return new Address(user, area, segments.get(2), segments.subList(3, segments.size()));
	}

	private static String userHref(HearthPrincipal user) {
		return PREFIX + "/" + encode(user.username()) + "/";
	}


	private static String escape(String text) {
		return HtmlUtils.htmlEscape(text, "UTF-8");
	}

	/** Encodes every character with a meaning in URLs or XML, so the href needs no further escaping. */
	private static String encode(String segment) {
		return UriUtils.encode(segment, StandardCharsets.UTF_8);
	}
}
