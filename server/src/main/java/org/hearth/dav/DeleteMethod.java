package org.hearth.dav;

import org.hearth.storage.LockService;
import org.hearth.storage.StorageService;

/** DELETE of a file or a folder with everything below it. */
class DeleteMethod extends DavMethod {

	DeleteMethod(StorageService storage, LockService locks, DavTargets targets) {
		super(storage, locks, targets);
	}

	@Override
	public String[] getMethods() {
		return new String[] { "DELETE" };
	}

	@Override
	void handle(DavExchange exchange) {
		var tokens = exchange.submittedTokens();
		String ifMatch = exchange.request().getHeader("If-Match");
		DavTarget target = exchange.target();
		storage.delete(exchange.actor(), target.ownerId(), target.path(),
				ifMatch == null ? null : (ifMatch.trim().equals("*") ? "*" : DavHeaders.unquoteEtag(ifMatch)), tokens);
		exchange.noContent(204);
	}
}
