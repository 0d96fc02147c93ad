package org.hearth.storage;

/**
 * Where a path of a caller's namespace really is: the owner's home and the path there, what the caller may do
 * there, and how to show real nodes back in the caller's terms. Worked out once at the start of an operation.
 *
 * @param mount the received share this location lies in, or null in the caller's own tree and for link visitors
 */
record Location(long ownerId, StoragePath path, Permissions permissions, View view, Namespace.Mount mount) {

	/** The caller's own tree (or the system's view of any tree): real and visible are the same. */
	static Location own(long ownerId, StoragePath path, Permissions permissions) {
		return new Location(ownerId, path, permissions, View.identity(ownerId), null);
	}

	boolean isMountRoot() {
		return mount != null && mount.mountPath().equals(view.toCaller(path));
	}

	/** The caller's path of this location. */
	StoragePath visiblePath() {
		return view.toCaller(path);
	}

	/**
	 * Maps real nodes of one subtree back into the caller's namespace: the node at {@code realPrefix} appears at
	 * {@code callerPrefix} in the home of {@code homeOwnerId}.
	 */
	record View(long homeOwnerId, long realOwnerId, StoragePath callerPrefix, StoragePath realPrefix) {

		static View identity(long ownerId) {
			return new View(ownerId, ownerId, StoragePath.ROOT, StoragePath.ROOT);
		}

		boolean isIdentity() {
			return homeOwnerId == realOwnerId && callerPrefix.isRoot() && realPrefix.isRoot();
		}

		/** True when this real node lies in the part of the owner's tree the view shows. */
		boolean shows(long realOwner, StoragePath realPath) {
			return realOwner == realOwnerId && realPrefix.contains(realPath);
		}

		StoragePath toCaller(StoragePath real) {
			return isIdentity() ? real : real.rebase(realPrefix, callerPrefix);
		}

		StoragePath toReal(StoragePath visible) {
			return isIdentity() ? visible : visible.rebase(callerPrefix, realPrefix);
		}

		/** The node as the caller sees it: same id, etag, size and checksum; path, name and home the caller's. */
		Node show(Node real) {
			if (isIdentity()) {
				return real;
			}
			StoragePath path = toCaller(real.path());
			// a link's root keeps its own name: the visitor's pages and downloads are named after it
			String name = path.isRoot() ? real.name() : path.name();
			return new Node(real.id(), homeOwnerId, real.parentId(), name, path, real.directory(), real.size(),
					real.mtime(), real.ctime(), real.etag(), real.checksum(), real.mimeType());
		}
	}
}
