package org.hearth.dav;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.hearth.storage.Actor;
import org.hearth.storage.LockInfo;
import org.hearth.storage.LockService;
import org.hearth.storage.Node;
import org.hearth.storage.StorageService;

/** One DAV request: the raw servlet objects, what it targets, who asks, and helpers every method needs. */
record DavExchange(HttpServletRequest request, HttpServletResponse response, DavTarget target, Actor actor,
		StorageService storage, LockService locks, DavTargets targets) {

	Optional<Node> node() {
		return storage.find(actor, target.ownerId(), target.path());
	}

	Node requireNode() {
		return storage.get(actor, target.ownerId(), target.path());
	}

	/**
	 * Evaluates the If header against the current state (412 when it fails) and returns the lock tokens the client
	 * submitted, from the If header and, as Office sends it, the Lock-Token header.
	 */
	Set<String> submittedTokens() {
		IfHeader ifHeader = IfHeader.parse(request.getHeader("If"));
		if (!ifHeader.holds(this::stateOf)) {
			throw new PreconditionFailed();
		}
		return DavHeaders.tokens(ifHeader, request);
	}

	private IfHeader.ResourceState stateOf(String tag) {
		DavTarget about = target;
		if (tag != null) {
			try {
				about = targets.destination(tag, target);
			}
			catch (RuntimeException e) {
				return null;
			}
		}
		DavTarget resolved = about;
		Set<String> tokens = locks.locksCovering(actor, resolved.ownerId(), resolved.path())
			.stream()
			.map(LockInfo::token)
			.collect(Collectors.toSet());
		return storage.find(actor, resolved.ownerId(), resolved.path())
			.map(node -> new IfHeader.ResourceState(node.etag(), tokens))
			.orElse(tokens.isEmpty() ? null : new IfHeader.ResourceState(null, tokens));
	}

	void status(int status) {
		response.setStatus(status);
	}

	void noContent(int status) {
		response.setStatus(status);
		response.setContentLength(0);
	}

	Writer xmlWriter(int status) throws IOException {
		response.setStatus(status);
		XmlContentType.set(request, response);
		return new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
	}

	void etagHeaders(Node node) {
		DavAnswers.etagHeaders(response, node);
	}

	/** Thrown when the If header does not hold. */
	static class PreconditionFailed extends RuntimeException {

		PreconditionFailed() {
			super("the If header's conditions do not hold");
		}
	}
}
