package org.hearth.dav;

import java.io.Writer;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.hearth.dav.xml.PropName;
import org.hearth.dav.xml.SafeXml;
import org.hearth.dav.xml.XmlText;
import org.hearth.storage.DeadProperty;
import org.hearth.storage.LockService;
import org.hearth.storage.PropertyUpdate;
import org.hearth.storage.StorageService;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * PROPPATCH: sets and removes in document order, all or nothing (RFC 4918 §9.2). Computed properties cannot be
 * set (403, the rest 424). Windows' {@code Win32LastModifiedTime} also sets the file's mtime. Always 207.
 */
class ProppatchMethod extends DavMethod {

	private static final PropName WIN32_MTIME = new PropName(PropName.MS, "Win32LastModifiedTime");

	private record Step(PropName name, PropertyUpdate update) {
	}

	ProppatchMethod(StorageService storage, LockService locks, DavTargets targets) {
		super(storage, locks, targets);
	}

	@Override
	public String[] getMethods() {
		return new String[] { "PROPPATCH" };
	}

	@Override
	void handle(DavExchange exchange) throws Exception {
		List<Step> steps = parse(SafeXml.parse(exchange.request().getInputStream()));
		DavTarget target = exchange.target();
		var node = exchange.requireNode();
		Set<String> tokens = exchange.submittedTokens();
		boolean refused = steps.stream().anyMatch(step -> LiveProperties.isProtected(step.name()));
		Long win32Mtime = null;
		if (!refused) {
			for (Step step : steps) {
				if (step.name().equals(WIN32_MTIME) && !step.update().remove()) {
					win32Mtime = parseWin32Time(step.update().property().valueXml());
				}
			}
			storage.patchProperties(exchange.actor(), target.ownerId(), target.path(),
					steps.stream().map(Step::update).toList(), tokens);
			if (win32Mtime != null) {
				storage.setMtime(exchange.actor(), target.ownerId(), target.path(), win32Mtime, tokens);
			}
		}
		try (Writer out = exchange.xmlWriter(207)) {
			out.write("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<d:multistatus" + PropName.ROOT_NAMESPACES + ">");
			out.write("<d:response><d:href>" + XmlText.escape(target.href(node.path(), node.directory())) + "</d:href>");
			for (Step step : steps) {
				String status = !refused ? "200 OK"
						: LiveProperties.isProtected(step.name()) ? "403 Forbidden" : "424 Failed Dependency";
				out.write("<d:propstat><d:prop>" + step.name().empty() + "</d:prop><d:status>HTTP/1.1 " + status
						+ "</d:status></d:propstat>");
			}
			out.write("</d:response></d:multistatus>\n");
		}
	}

	private static Long parseWin32Time(String value) {
		try {
			return ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toEpochSecond();
		}
		catch (DateTimeParseException e) {
			return null;
		}
	}

	private static List<Step> parse(Document document) throws SafeXml.BadXml {
		if (document == null || !SafeXml.is(document.getDocumentElement(), SafeXml.DAV, "propertyupdate")) {
			throw new SafeXml.BadXml("expected a DAV:propertyupdate element");
		}
		List<Step> steps = new ArrayList<>();
		for (Element action : SafeXml.children(document.getDocumentElement())) {
			boolean remove = SafeXml.is(action, SafeXml.DAV, "remove");
			if (!remove && !SafeXml.is(action, SafeXml.DAV, "set")) {
				throw new SafeXml.BadXml("propertyupdate holds only set and remove");
			}
			Element prop = SafeXml.child(action, SafeXml.DAV, "prop");
			if (prop == null) {
				throw new SafeXml.BadXml(action.getLocalName() + " needs a DAV:prop");
			}
			for (Element property : SafeXml.children(prop)) {
				PropName name = new PropName(SafeXml.namespaceOf(property), property.getLocalName());
				String value = remove ? "" : SafeXml.innerXml(property);
				steps.add(new Step(name,
						new PropertyUpdate(new DeadProperty(name.namespace(), name.localName(), value), remove)));
			}
		}
		if (steps.isEmpty()) {
			throw new SafeXml.BadXml("propertyupdate changes nothing");
		}
		return steps;
	}
}
