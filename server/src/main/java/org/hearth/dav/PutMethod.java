package org.hearth.dav;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.hearth.platform.InstanceId;
import org.hearth.storage.LockService;
import org.hearth.storage.StorageException;
import org.hearth.storage.StoragePath;
import org.hearth.storage.StorageService;
import org.hearth.storage.WriteOptions;
import org.hearth.storage.WriteResult;

/**
 * PUT: the body streams into storage, which writes it atomically. Answers 201/204 with the headers Nextcloud
 * clients require (ETag or OC-ETag, OC-FileId, X-OC-MTime).
 */
class PutMethod extends DavMethod {

	private final InstanceId instanceId;

	PutMethod(StorageService storage, LockService locks, DavTargets targets, InstanceId instanceId) {
		super(storage, locks, targets);
		this.instanceId = instanceId;
	}

	@Override
	public String[] getMethods() {
		return new String[] { "PUT" };
	}

	@Override
	void handle(DavExchange exchange) throws Exception {
		var request = exchange.request();
		if (request.getHeader("Content-Range") != null) {
			throw new DavHeaders.BadRequest("partial PUT (Content-Range) is not supported");
		}
		if (request.getHeader("OC-Chunked") != null) {
			throw new DavHeaders.BadRequest("legacy chunked upload (v1) is not supported; use chunking v2");
		}
		Set<String> tokens = exchange.submittedTokens();
		String ifNoneMatch = request.getHeader("If-None-Match");
		if (ifNoneMatch != null && !ifNoneMatch.trim().equals("*")) {
			var current = exchange.node();
			if (current.isPresent() && DavHeaders.unquoteEtag(ifNoneMatch).equals(current.get().etag())) {
				throw new DavExchange.PreconditionFailed();
			}
		}
		long expected = request.getContentLengthLong();
		if (expected < 0) {
			expected = DavHeaders.length(request, "X-Expected-Entity-Length");
		}
		WriteOptions options = DavHeaders.writeOptions(request, expected, tokens);
		DavTarget target = exchange.target();
		if ("1".equals(request.getHeader("X-NC-WebDAV-Auto-Mkcol"))) {
			createMissingFolders(exchange, target.path().parent(), tokens);
		}
		WriteResult result = storage.write(exchange.actor(), target.ownerId(), target.path(), request.getInputStream(),
				options);
		DavAnswers.written(exchange.response(), result, instanceId, options);
	}

	/** iOS asks for missing parent folders to be made with the upload ({@code X-NC-WebDAV-Auto-Mkcol: 1}). */
	private void createMissingFolders(DavExchange exchange, StoragePath folder, Set<String> tokens) {
		List<StoragePath> missing = new ArrayList<>();
		for (StoragePath ancestor : folder.selfAndAncestors()) {
			if (storage.find(exchange.actor(), exchange.target().ownerId(), ancestor).isPresent()) {
				break;
			}
			missing.add(0, ancestor);
		}
		for (StoragePath path : missing) {
			try {
				storage.createFolder(exchange.actor(), exchange.target().ownerId(), path, tokens);
			}
			catch (StorageException e) {
				if (e.reason() != StorageException.Reason.ALREADY_EXISTS) {
					throw e;
				}
			}
		}
	}
}
