package org.hearth.dav;

import org.hearth.storage.LockService;
import org.hearth.storage.StorageService;

/** UNLOCK: 204; 409 when the token does not lock this URL; 403 for someone else's lock. */
class UnlockMethod extends DavMethod {

	UnlockMethod(StorageService storage, LockService locks, DavTargets targets) {
		super(storage, locks, targets);
	}

	@Override
	public String[] getMethods() {
		return new String[] { "UNLOCK" };
	}

	@Override
	void handle(DavExchange exchange) {
		String token = DavHeaders.lockToken(exchange.request());
		if (token == null) {
			throw new DavHeaders.BadRequest("UNLOCK needs a Lock-Token header");
		}
		DavTarget target = exchange.target();
		locks.unlock(exchange.actor(), target.ownerId(), target.path(), token);
		exchange.noContent(204);
	}
}
