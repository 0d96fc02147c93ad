package org.hearth.storage.internal;

import java.util.concurrent.ThreadLocalRandom;

/** Etags are random per change: two writes in the same second still differ, and renames keep them. */
public final class Etags {

	private Etags() {
	}

	public static String next() {
		return Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
	}
}
