package org.hearth.dav;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.hearth.dav.xml.PropName;
import org.hearth.dav.xml.XmlText;
import org.hearth.platform.InstanceId;
import org.hearth.previews.PreviewService;
import org.hearth.storage.LockInfo;
import org.hearth.storage.Node;
import org.hearth.storage.Permissions;
import org.hearth.storage.Sharee;

/**
 * The properties Hearth computes: DAV's and the ownCloud/Nextcloud ones the clients read (spec §5). Each renders
 * the XML content of its element, or null when it does not apply to the node (listed under 404).
 */
final class LiveProperties {

	/**
	 * What a property needs to render.
	 *
	 * @param sharees whom the owner shared the node with, empty for none
	 */
	record Context(Node node, Permissions permissions, long availableBytes, DavTarget target, List<LockInfo> locks,
			InstanceId instanceId, String ownerDisplayName, List<Sharee> sharees) {
	}

	/** The two properties that name a node's shares; a listing reads its shares once when either is asked for. */
	static final List<PropName> SHARE_PROPERTIES = List.of(PropName.oc("share-types"), PropName.nc("sharees"));

	/** Returned in allprop: DAV's own, no ownCloud extras (keeps Windows listings lean). */
	static final List<PropName> ALLPROP = List.of(PropName.dav("resourcetype"), PropName.dav("getlastmodified"),
			PropName.dav("getcontentlength"), PropName.dav("getetag"), PropName.dav("getcontenttype"),
			PropName.dav("creationdate"), PropName.dav("displayname"), PropName.dav("supportedlock"),
			PropName.dav("lockdiscovery"));

	/** A favourite is stored as the property the client set; "0" until then. */
	static final PropName FAVORITE = PropName.oc("favorite");

	private static final Map<PropName, Function<Context, String>> PROPERTIES = new LinkedHashMap<>();

	static {
		PROPERTIES.put(PropName.dav("resourcetype"), c -> c.node().directory() ? "<d:collection/>" : "");
		PROPERTIES.put(PropName.dav("getlastmodified"), c -> DavHeaders.httpDate(c.node().mtime()));
		PROPERTIES.put(PropName.dav("getcontentlength"),
				c -> c.node().directory() ? null : Long.toString(c.node().size()));
		PROPERTIES.put(PropName.dav("getetag"), c -> "&quot;" + XmlText.escape(c.node().etag()) + "&quot;");
		PROPERTIES.put(PropName.dav("getcontenttype"), c -> XmlText.escape(c.node().mimeType()));
		PROPERTIES.put(PropName.dav("creationdate"), c -> Instant.ofEpochSecond(c.node().ctime()).toString());
		PROPERTIES.put(PropName.dav("displayname"),
				c -> c.node().path().isRoot() ? null : XmlText.escape(c.node().name()));
		PROPERTIES.put(PropName.dav("supportedlock"), c -> LockXml.SUPPORTED_LOCK);
		PROPERTIES.put(PropName.dav("lockdiscovery"), c -> LockXml.activeLocks(c.locks(), c.target()));
		PROPERTIES.put(PropName.dav("quota-used-bytes"),
				c -> c.node().directory() ? Long.toString(c.node().size()) : null);
		PROPERTIES.put(PropName.dav("quota-available-bytes"),
				c -> c.node().directory() ? Long.toString(c.availableBytes()) : null);
		PROPERTIES.put(PropName.oc("id"), c -> c.instanceId().ocId(c.node().id()));
		PROPERTIES.put(PropName.oc("fileid"), c -> Long.toString(c.node().id()));
		PROPERTIES.put(PropName.oc("permissions"), c -> permissionLetters(c.node(), c.permissions()));
		PROPERTIES.put(PropName.oc("size"), c -> Long.toString(c.node().size()));
		PROPERTIES.put(PropName.oc("checksums"), c -> c.node().checksum() == null ? null
				: "<oc:checksum>" + XmlText.escape(c.node().checksum()) + "</oc:checksum>");
		PROPERTIES.put(PropName.oc("data-fingerprint"), c -> "");
		PROPERTIES.put(PropName.oc("share-types"), c -> c.sharees()
			.stream()
			.map(Sharee::type)
			.collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new))
			.stream()
			.map(type -> "<oc:share-type>" + type + "</oc:share-type>")
			.collect(java.util.stream.Collectors.joining()));
		PROPERTIES.put(PropName.nc("sharees"), c -> c.sharees()
			.stream()
			.map(s -> "<nc:sharee><nc:id>" + XmlText.escape(s.id()) + "</nc:id><nc:display-name>"
					+ XmlText.escape(s.displayName()) + "</nc:display-name><nc:type>" + s.type() + "</nc:type></nc:sharee>")
			.collect(java.util.stream.Collectors.joining()));
		PROPERTIES.put(FAVORITE, c -> "0");
		PROPERTIES.put(PropName.oc("owner-id"), c -> XmlText.escape(c.target().username()));
		PROPERTIES.put(PropName.oc("owner-display-name"), c -> XmlText.escape(c.ownerDisplayName()));
		PROPERTIES.put(PropName.oc("comments-unread"), c -> "0");
		PROPERTIES.put(PropName.nc("has-preview"),
				c -> Boolean.toString(!c.node().directory() && PreviewService.supports(c.node().mimeType())));
		PROPERTIES.put(PropName.nc("mount-type"), c -> c.permissions().received() ? "shared" : "");
		PROPERTIES.put(PropName.nc("is-encrypted"), c -> "0");
		PROPERTIES.put(PropName.nc("creation_time"), c -> Long.toString(c.node().ctime()));
		PROPERTIES.put(PropName.nc("upload_time"), c -> Long.toString(c.node().ctime()));
	}

	private LiveProperties() {
	}

	static boolean isLive(PropName name) {
		return PROPERTIES.containsKey(name);
	}

	/** Live properties clients set with PROPPATCH (stored like dead ones); the rest are protected. */
	private static final Set<PropName> CLIENT_SET = Set.of(FAVORITE);

	static boolean isProtected(PropName name) {
		return isLive(name) && !CLIENT_SET.contains(name);
	}

	/** Whether a value for this name may be among the stored (dead) properties. */
	static boolean mayBeStored(PropName name) {
		return !isLive(name) || CLIENT_SET.contains(name);
	}

	/** Names of the properties that apply to this node (PROPFIND propname). */
	static List<PropName> namesFor(Context context) {
		return PROPERTIES.keySet().stream().filter(name -> render(name, context) != null).toList();
	}

	static String render(PropName name, Context context) {
		Function<Context, String> renderer = PROPERTIES.get(name);
		return renderer == null ? null : renderer.apply(context);
	}

	/**
	 * Nextcloud's letters: S received through a share, R share, M root of a received share, G read, D delete, N V
	 * rename/move, W write (files), C K create (folders).
	 */
	static String permissionLetters(Node node, Permissions p) {
		StringBuilder letters = new StringBuilder();
		if (p.received()) {
			letters.append('S');
		}
		if (p.share()) {
			letters.append('R');
		}
		if (p.mountRoot()) {
			letters.append('M');
		}
		if (p.read()) {
			letters.append('G');
		}
		if (p.delete()) {
			letters.append('D');
		}
		if (p.move()) {
			letters.append("NV");
		}
		if (node.directory()) {
			if (p.create()) {
				letters.append("CK");
			}
		}
		else if (p.write()) {
			letters.append('W');
		}
		return letters.toString();
	}
}
