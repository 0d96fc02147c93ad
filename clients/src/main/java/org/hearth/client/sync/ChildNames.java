package org.hearth.client.sync;

import java.util.function.Consumer;

import org.hearth.client.remote.DavPaths;

/** Paths of a folder's children as the scanners need them: the state key and the server path. */
final class ChildNames {

	private ChildNames() {
	}

	/** The key of {@code name} below {@code key} ({@code /} is the root of the pairing). */
	static String key(String key, String name) {
		return DavPaths.isRoot(key) ? "/" + name : key + "/" + name;
	}

	/** The server path of {@code name} in {@code remoteFolder}, or null (and the reason to {@code unusable}). */
	static String remote(String remoteFolder, String name, Consumer<String> unusable) {
		try {
			return DavPaths.child(remoteFolder, name);
		}
		catch (IllegalArgumentException e) {
			unusable.accept("the name cannot be used on the server: " + e.getMessage());
			return null;
		}
	}
}
