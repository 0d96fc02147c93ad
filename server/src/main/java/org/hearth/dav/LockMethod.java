package org.hearth.dav;

import java.io.ByteArrayInputStream;
import java.io.Writer;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.hearth.dav.xml.PropName;
import org.hearth.dav.xml.SafeXml;
import org.hearth.storage.LockInfo;
import org.hearth.storage.LockService;
import org.hearth.storage.StorageService;
import org.hearth.storage.WriteOptions;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * LOCK: a real class-2 write lock held by storage's {@link LockService}, so every protocol honours it. A body
 * asks for a new lock; no body refreshes the lock named in the If header. Locking an unmapped URL creates an
 * empty file (201), as RFC 4918 §9.10.4 says.
 */
class LockMethod extends DavMethod {

	LockMethod(StorageService storage, LockService locks, DavTargets targets) {
		super(storage, locks, targets);
	}

	@Override
	public String[] getMethods() {
		return new String[] { "LOCK" };
	}

	@Override
	void handle(DavExchange exchange) throws Exception {
		var request = exchange.request();
		DavTarget target = exchange.target();
		Document document = SafeXml.parse(request.getInputStream());
		Duration timeout = DavHeaders.timeout(request);
		if (document == null) {
			refresh(exchange, timeout);
			return;
		}
		Element root = document.getDocumentElement();
		if (!SafeXml.is(root, SafeXml.DAV, "lockinfo")) {
			throw new SafeXml.BadXml("expected a DAV:lockinfo element");
		}
		Element scope = SafeXml.child(root, SafeXml.DAV, "lockscope");
		Element type = SafeXml.child(root, SafeXml.DAV, "locktype");
		if (scope == null || type == null || SafeXml.child(type, SafeXml.DAV, "write") == null) {
			throw new SafeXml.BadXml("lockinfo needs lockscope and a write locktype");
		}
		boolean exclusive = SafeXml.child(scope, SafeXml.DAV, "exclusive") != null;
		if (!exclusive && SafeXml.child(scope, SafeXml.DAV, "shared") == null) {
			throw new SafeXml.BadXml("lockscope must be exclusive or shared");
		}
		Element owner = SafeXml.child(root, SafeXml.DAV, "owner");
		String ownerXml = owner == null ? null : SafeXml.innerXml(owner);
		var existing = exchange.node();
		int depth = DavHeaders.depth(request, -1);
		if (depth == 1) {
			throw new DavHeaders.BadRequest("LOCK takes Depth 0 or infinity");
		}
		boolean infinite = depth == -1 && existing.map(n -> n.directory()).orElse(false);
		Set<String> tokens = exchange.submittedTokens();
		boolean created = false;
		if (existing.isEmpty()) {
			locks.checkWritable(exchange.actor(), target.ownerId(), target.path(), false, tokens);
			storage.write(exchange.actor(), target.ownerId(), target.path(), new ByteArrayInputStream(new byte[0]),
					new WriteOptions(null, null, null, 0, null, true, tokens));
			created = true;
		}
		LockInfo lock = locks.lock(exchange.actor(), target.ownerId(), target.path(), exclusive, infinite, ownerXml,
				timeout);
		exchange.response().setHeader("Lock-Token", "<" + lock.token() + ">");
		writeDiscovery(exchange, created ? 201 : 200, lock);
	}

	private void refresh(DavExchange exchange, Duration timeout) throws Exception {
		DavTarget target = exchange.target();
		Set<String> tokens = exchange.submittedTokens();
		if (tokens.isEmpty()) {
			throw new DavHeaders.BadRequest("a LOCK without body refreshes a lock: name it in the If header");
		}
		LockInfo refreshed = null;
		for (String token : tokens) {
			refreshed = locks.refresh(exchange.actor(), target.ownerId(), target.path(), token, timeout);
		}
		writeDiscovery(exchange, 200, refreshed);
	}

	private static void writeDiscovery(DavExchange exchange, int status, LockInfo lock) throws Exception {
		try (Writer out = exchange.xmlWriter(status)) {
			out.write("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<d:prop" + PropName.ROOT_NAMESPACES
					+ "><d:lockdiscovery>" + LockXml.activeLocks(List.of(lock), exchange.target())
					+ "</d:lockdiscovery></d:prop>\n");
		}
	}
}
