package org.hearth.accounts;

import java.time.Instant;

import org.hearth.platform.MayBeNull;

/** A device's credential; the secret itself is only shown once, when created. */
public record AppPassword(long id, String name, Instant createdAt, @MayBeNull Instant lastUsedAt) {
}
