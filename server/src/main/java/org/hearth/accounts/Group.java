package org.hearth.accounts;

/** A named set of users that things can be shared with. */
public record Group(long id, String name) {
}
