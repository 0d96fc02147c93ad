package org.hearth.accounts;

/** A user joined or left a group; published synchronously, in the changing transaction. */
public record GroupMembershipChanged(long groupId, long userId, boolean joined) {
}
