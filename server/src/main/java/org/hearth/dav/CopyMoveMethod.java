package org.hearth.dav;

import org.hearth.platform.InstanceId;
import org.hearth.storage.LockService;
import org.hearth.storage.StorageService;
import org.hearth.storage.WriteResult;

/**
 * COPY and MOVE within one home. The Destination may be a path or an absolute URL; a missing Overwrite means T.
 * Moves keep the file id and etag, so clients see a rename.
 */
class CopyMoveMethod extends DavMethod {

	private final InstanceId instanceId;

	CopyMoveMethod(StorageService storage, LockService locks, DavTargets targets, InstanceId instanceId) {
		super(storage, locks, targets);
		this.instanceId = instanceId;
	}

	@Override
	public String[] getMethods() {
		return new String[] { "COPY", "MOVE" };
	}

	@Override
	void handle(DavExchange exchange) {
		var request = exchange.request();
		DavTarget source = exchange.target();
		DavTarget destination = targets.destination(request.getHeader("Destination"), source);
		boolean move = request.getMethod().equals("MOVE");
		int depth = DavHeaders.depth(request, -1);
		if (move && depth != -1) {
			throw new DavHeaders.BadRequest("MOVE needs Depth: infinity");
		}
		if (!move && depth == 1) {
			throw new DavHeaders.BadRequest("COPY takes Depth 0 or infinity");
		}
		var tokens = exchange.submittedTokens();
		boolean overwrite = DavHeaders.overwrite(request);
		WriteResult result = move
				? storage.move(exchange.actor(), source.ownerId(), source.path(), destination.path(), overwrite, tokens)
				: storage.copy(exchange.actor(), source.ownerId(), source.path(), destination.path(), overwrite,
						depth == 0, tokens);
		var node = result.node();
		Long mtime = DavHeaders.ocMtime(request);
		if (mtime != null) {
			node = storage.setMtime(exchange.actor(), destination.ownerId(), destination.path(), mtime, tokens);
			exchange.response().setHeader("X-OC-MTime", "accepted");
		}
		exchange.etagHeaders(node);
		exchange.response().setHeader("OC-FileId", instanceId.ocId(node.id()));
		exchange.noContent(result.created() ? 201 : 204);
	}
}
