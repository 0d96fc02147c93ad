package org.hearth.dav;

import java.util.List;
import java.util.Set;

import io.milton.http.Handler;
import io.milton.http.HttpExtension;
import io.milton.http.http11.CustomPostHandler;

/**
 * Our DAV methods as one Milton extension. Milton CE has no LOCK/UNLOCK and its other handlers assume resource
 * semantics we do not want (auto-created parents, lenient XML, silent depth cut-offs), so every method is ours;
 * Milton provides the dispatch and the request model (ADR 0002).
 */
class HearthDavProtocol implements HttpExtension {

	private final Set<Handler> handlers;

	HearthDavProtocol(Set<Handler> handlers) {
		this.handlers = handlers;
	}

	@Override
	public Set<Handler> getHandlers() {
		return handlers;
	}

	@Override
	public List<CustomPostHandler> getCustomPostHandlers() {
		return List.of();
	}
}
