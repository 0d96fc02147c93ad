package org.hearth.storage;

/** What a rescan changed in the metadata to match the disk. */
public record RescanReport(int homes, int added, int updated, int removed) {

	public RescanReport plus(RescanReport other) {
		return new RescanReport(homes + other.homes, added + other.added, updated + other.updated,
				removed + other.removed);
	}
}
