package org.hearth.dav;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

import org.hearth.accounts.UserService;
import org.hearth.dav.xml.PropName;
import org.hearth.platform.InstanceId;
import org.hearth.storage.Actor;
import org.hearth.storage.DeadProperty;
import org.hearth.storage.LockService;
import org.hearth.storage.Node;
import org.hearth.storage.Sharee;
import org.hearth.storage.StorageService;

/**
 * Writes found nodes of one home (a REPORT's favourites, a SEARCH's results) as a multistatus of the properties
 * asked for, with their stored properties fetched in one query for all of them.
 */
final class NodeListing {

	private final StorageService storage;

	private final LockService locks;

	private final InstanceId instanceId;

	private final UserService users;

	NodeListing(StorageService storage, LockService locks, InstanceId instanceId, UserService users) {
		this.storage = storage;
		this.locks = locks;
		this.instanceId = instanceId;
		this.users = users;
	}

	void write(Writer out, Actor actor, DavTarget home, PropfindMethod.Request request, List<Node> nodes)
			throws IOException {
		Map<Long, List<DeadProperty>> dead = request.wantsDeadProperties()
				? storage.deadPropertiesOf(actor, home.ownerId(), nodes) : Map.of();
		long available = storage.availableBytes(actor, home.ownerId(), home.path());
		String ownerName = users.findById(home.ownerId()).map(u -> u.displayName()).orElse(home.username());
		out.write("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<d:multistatus" + PropName.ROOT_NAMESPACES + ">");
		Map<Long, List<Sharee>> sharees = request.wantsAny(LiveProperties.SHARE_PROPERTIES)
				? storage.sharees(actor, home.ownerId(), nodes) : Map.of();
		for (Node node : nodes) {
			var context = new LiveProperties.Context(node, storage.permissions(actor, node), available, home,
					locks.locksCovering(actor, home.ownerId(), node.path()), instanceId, ownerName,
					sharees.getOrDefault(node.id(), List.of()));
			PropfindMethod.writeResponse(out, request, context, dead.getOrDefault(node.id(), List.of()), null);
		}
		out.write("</d:multistatus>\n");
	}
}
