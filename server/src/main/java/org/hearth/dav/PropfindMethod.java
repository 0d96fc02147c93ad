package org.hearth.dav;

import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.hearth.accounts.UserService;
import org.hearth.dav.xml.PropName;
import org.hearth.dav.xml.SafeXml;
import org.hearth.dav.xml.XmlText;
import org.hearth.platform.InstanceId;
import org.hearth.storage.DeadProperty;
import org.hearth.storage.LockService;
import org.hearth.storage.Node;
import org.hearth.storage.Sharee;
import org.hearth.storage.StorageService;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * PROPFIND at depth 0 or 1 (infinity is refused with 403, as Nextcloud does). A listing costs one query for the
 * children and, only when dead properties are asked for, one more; the multistatus is written as it goes.
 */
class PropfindMethod extends DavMethod {

	enum Mode {
		ALLPROP, PROPNAME, PROP
	}

	/** What a PROPFIND (or a REPORT's prop list) asks for. */
	record Request(Mode mode, List<PropName> names) {

		boolean wantsDeadProperties() {
			return mode != Mode.PROP || names.stream().anyMatch(LiveProperties::mayBeStored);
		}

		/** Whether this live property is asked for by name (allprop lists only DAV's own). */
		boolean wants(PropName name) {
			return mode != Mode.ALLPROP && (mode == Mode.PROPNAME || names.contains(name));
		}

		boolean wantsAny(List<PropName> any) {
			return any.stream().anyMatch(this::wants);
		}
	}

	private final InstanceId instanceId;

	private final UserService users;

	PropfindMethod(StorageService storage, LockService locks, DavTargets targets, InstanceId instanceId,
			UserService users) {
		super(storage, locks, targets);
		this.instanceId = instanceId;
		this.users = users;
	}

	@Override
	public String[] getMethods() {
		return new String[] { "PROPFIND" };
	}

	@Override
	void handle(DavExchange exchange) throws Exception {
		int depth = DavHeaders.depth(exchange.request(), 1);
		if (depth == -1) {
			DavAnswers.fail(exchange.response(), 403, "propfind-finite-depth", "Depth: infinity is not supported");
			return;
		}
		Request request = parse(SafeXml.parse(exchange.request().getInputStream()));
		Node node = exchange.requireNode();
		DavTarget target = exchange.target();
		List<Node> members = depth == 1 && node.directory() ? storage.list(exchange.actor(), node) : List.of();
		Map<Long, List<DeadProperty>> dead = request.wantsDeadProperties()
				? storage.deadPropertiesWithChildren(exchange.actor(), node) : Map.of();
		long available = storage.availableBytes(exchange.actor(), target.ownerId(), target.path());
		String ownerName = users.findById(target.ownerId()).map(u -> u.displayName()).orElse(target.username());
		List<Node> all = prepend(node, members);
		Map<Long, List<Sharee>> sharees = request.wantsAny(LiveProperties.SHARE_PROPERTIES)
				? storage.sharees(exchange.actor(), target.ownerId(), all) : Map.of();
		try (Writer out = exchange.xmlWriter(207)) {
			out.write("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<d:multistatus" + PropName.ROOT_NAMESPACES + ">");
			String requestedHref = requestedHref(exchange, node);
			for (Node member : all) {
				var context = new LiveProperties.Context(member, storage.permissions(exchange.actor(), member),
						available, target, locks.locksCovering(exchange.actor(), target.ownerId(), member.path()), instanceId,
						ownerName, sharees.getOrDefault(member.id(), List.of()));
				writeResponse(out, request, context, dead.getOrDefault(member.id(), List.of()),
						member == node ? requestedHref : null);
			}
			out.write("</d:multistatus>\n");
		}
	}

	/**
	 * The href of the requested resource is the URL the client used, as it sent it: names are stored in NFC, and a
	 * client that sent an NFD name (owncloudcmd on Linux) refuses an answer about another href and stalls.
	 */
	private static String requestedHref(DavExchange exchange, Node node) {
		String uri = exchange.request().getRequestURI();
		if (node.directory() && !uri.endsWith("/")) {
			return uri + "/";
		}
		return !node.directory() && uri.endsWith("/") ? null : uri;
	}

	private static List<Node> prepend(Node first, List<Node> rest) {
		List<Node> all = new ArrayList<>(rest.size() + 1);
		all.add(first);
		all.addAll(rest);
		return all;
	}

	/** One response element; {@code href} null means the node's own href in the target's mount. */
	static void writeResponse(Writer out, Request request, LiveProperties.Context context,
			List<DeadProperty> dead, String href) throws java.io.IOException {
		Node node = context.node();
		StringBuilder found = new StringBuilder();
		StringBuilder missing = new StringBuilder();
		switch (request.mode()) {
			case ALLPROP -> {
				for (PropName name : LiveProperties.ALLPROP) {
					appendLive(found, null, name, context);
				}
				for (PropName name : request.names()) {
					if (!LiveProperties.ALLPROP.contains(name)) {
						appendRequested(found, missing, name, context, dead);
					}
				}
				for (DeadProperty property : dead) {
					appendDead(found, property);
				}
			}
			case PROPNAME -> {
				for (PropName name : LiveProperties.namesFor(context)) {
					found.append(name.empty());
				}
				for (DeadProperty property : dead) {
					found.append(new PropName(property.namespace(), property.localName()).empty());
				}
			}
			case PROP -> {
				for (PropName name : request.names()) {
					appendRequested(found, missing, name, context, dead);
				}
			}
		}
		out.write("<d:response><d:href>");
		out.write(XmlText.escape(href != null ? href : context.target().href(node.path(), node.directory())));
		out.write("</d:href>");
		if (!found.isEmpty() || missing.isEmpty()) {
			out.write("<d:propstat><d:prop>");
			out.write(found.toString());
			out.write("</d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>");
		}
		if (!missing.isEmpty()) {
			out.write("<d:propstat><d:prop>");
			out.write(missing.toString());
			out.write("</d:prop><d:status>HTTP/1.1 404 Not Found</d:status></d:propstat>");
		}
		out.write("</d:response>");
	}

	private static void appendRequested(StringBuilder found, StringBuilder missing, PropName name,
			LiveProperties.Context context, List<DeadProperty> dead) {
		for (DeadProperty property : dead) {
			if (property.namespace().equals(name.namespace()) && property.localName().equals(name.localName())) {
				appendDead(found, property);
				return;
			}
		}
		appendLive(found, missing, name, context);
	}

	private static void appendLive(StringBuilder found, StringBuilder missing, PropName name,
			LiveProperties.Context context) {
		String value = LiveProperties.render(name, context);
		if (value == null) {
			if (missing != null) {
				missing.append(name.empty());
			}
			return;
		}
		found.append(name.open()).append(value).append(name.close());
	}

	private static void appendDead(StringBuilder found, DeadProperty property) {
		PropName name = new PropName(property.namespace(), property.localName());
		found.append(name.open()).append(property.valueXml()).append(name.close());
	}

	private static Request parse(Document document) throws SafeXml.BadXml {
		if (document == null) {
			return new Request(Mode.ALLPROP, List.of());
		}
		Element root = document.getDocumentElement();
		if (!SafeXml.is(root, SafeXml.DAV, "propfind")) {
			throw new SafeXml.BadXml("expected a DAV:propfind element");
		}
		Element prop = SafeXml.child(root, SafeXml.DAV, "prop");
		if (prop != null) {
			return new Request(Mode.PROP, names(prop));
		}
		if (SafeXml.child(root, SafeXml.DAV, "propname") != null) {
			return new Request(Mode.PROPNAME, List.of());
		}
		if (SafeXml.child(root, SafeXml.DAV, "allprop") != null) {
			Element include = SafeXml.child(root, SafeXml.DAV, "include");
			return new Request(Mode.ALLPROP, include == null ? List.of() : names(include));
		}
		throw new SafeXml.BadXml("DAV:propfind needs prop, propname or allprop");
	}

	static List<PropName> names(Element parent) {
		List<PropName> names = new ArrayList<>();
		for (Element element : SafeXml.children(parent)) {
			names.add(new PropName(SafeXml.namespaceOf(element), element.getLocalName()));
		}
		return names;
	}
}
