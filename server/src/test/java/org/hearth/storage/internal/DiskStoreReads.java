package org.hearth.storage.internal;

/** Lets integration tests of other packages see how {@link DiskStore} hashed what it linked. */
public final class DiskStoreReads {

	private DiskStoreReads() {
	}

	/** How many times {@link DiskStore#link} had to read a file to hash it, since the server started. */
	public static long linksHashedByReading(DiskStore disk) {
		return disk.linksHashedByReading();
	}
}
