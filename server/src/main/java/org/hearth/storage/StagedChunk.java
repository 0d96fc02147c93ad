package org.hearth.storage;

/**
 * One part of an upload that is still being staged.
 *
 * @param name the name the client gave it
 * @param size bytes
 * @param mtime when it was written, epoch seconds
 */
public record StagedChunk(String name, long size, long mtime) {
}
