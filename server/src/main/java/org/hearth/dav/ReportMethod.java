package org.hearth.dav;

import java.io.Writer;
import java.util.List;

import org.hearth.dav.xml.PropName;
import org.hearth.dav.xml.SafeXml;
import org.hearth.storage.DeadProperty;
import org.hearth.storage.LockService;
import org.hearth.storage.Node;
import org.hearth.storage.StorageService;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * REPORT {@code oc:filter-files}: the favourites at or below a folder, as the phone apps and the web list them
 * (spec §11), answered like a PROPFIND of the properties asked for, in two queries whatever their number.
 */
class ReportMethod extends DavMethod {

	private static final String FAVORITE_ON = "1";

	private final NodeListing listing;

	ReportMethod(StorageService storage, LockService locks, DavTargets targets, NodeListing listing) {
		super(storage, locks, targets);
		this.listing = listing;
	}

	@Override
	public String[] getMethods() {
		return new String[] { "REPORT" };
	}

	@Override
	void handle(DavExchange exchange) throws Exception {
		Document document = SafeXml.parse(exchange.request().getInputStream());
		if (document == null || !SafeXml.is(document.getDocumentElement(), PropName.OC, "filter-files")) {
			DavAnswers.fail(exchange.response(), 415, "UnsupportedReport", "only oc:filter-files is supported");
			return;
		}
		Element root = document.getDocumentElement();
		Element rules = SafeXml.child(root, PropName.OC, "filter-rules");
		Element favorite = rules == null ? null : SafeXml.child(rules, PropName.OC, "favorite");
		if (favorite == null || !favorite.getTextContent().trim().equals(FAVORITE_ON)) {
			throw new SafeXml.BadXml("oc:filter-files needs oc:filter-rules with oc:favorite 1");
		}
		Element prop = SafeXml.child(root, SafeXml.DAV, "prop");
		PropfindMethod.Request request = prop == null
				? new PropfindMethod.Request(PropfindMethod.Mode.ALLPROP, List.of())
				: new PropfindMethod.Request(PropfindMethod.Mode.PROP, PropfindMethod.names(prop));
		Node folder = exchange.requireNode();
		DavTarget target = exchange.target();
		List<Node> favorites = storage.findByProperty(exchange.actor(), target.ownerId(), folder.path(),
				new DeadProperty(LiveProperties.FAVORITE.namespace(), LiveProperties.FAVORITE.localName(),
						FAVORITE_ON));
		try (Writer out = exchange.xmlWriter(207)) {
			listing.write(out, exchange.actor(), target, request, favorites);
		}
	}
}
