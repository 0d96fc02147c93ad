package org.hearth.storage;

/**
 * Published after a file's new content has been committed, whatever protocol brought it.
 *
 * @param created true for a new file, false when it replaced earlier content
 */
public record NodeWritten(Actor actor, Node node, boolean created) {
}
