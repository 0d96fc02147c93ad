package org.hearth.storage;

/**
 * The starting point of a new share: the node in its owner's home, the sharer's permissions on it, and the share
 * the sharer received it through (null when they own it).
 *
 * @param visible the node as the sharer sees it (their path)
 */
public record ShareSource(Node node, Permissions held, Long throughShareId, Node visible) {
}
