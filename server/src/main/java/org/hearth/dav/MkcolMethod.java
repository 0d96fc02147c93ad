package org.hearth.dav;

import org.hearth.storage.LockService;
import org.hearth.storage.StorageService;

/** MKCOL: 201; 405 when it exists, 409 without a parent, 415 with a body (RFC 4918 §9.3). */
class MkcolMethod extends DavMethod {

	MkcolMethod(StorageService storage, LockService locks, DavTargets targets) {
		super(storage, locks, targets);
	}

	@Override
	public String[] getMethods() {
		return new String[] { "MKCOL" };
	}

	@Override
	void handle(DavExchange exchange) throws Exception {
		var request = exchange.request();
		boolean hasBody = request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
		if (hasBody && request.getInputStream().read() != -1) {
			DavAnswers.fail(exchange.response(), 415, "UnsupportedMediaType", "MKCOL takes no body");
			return;
		}
		var tokens = exchange.submittedTokens();
		DavTarget target = exchange.target();
		var node = storage.createFolder(exchange.actor(), target.ownerId(), target.path(), tokens);
		exchange.etagHeaders(node);
		exchange.noContent(201);
	}
}
