package org.hearth.storage;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.hearth.storage.internal.GrantRepository;
import org.springframework.stereotype.Component;

/**
 * The one decision on what a public-link visitor may do. Every protocol's visitor requests reach it through
 * {@link StorageService}, so the password, the expiry and the admin's switches cannot be skipped by a route: a link
 * that fails any of them reaches nothing, and is answered as if it did not exist.
 */
@Component
class LinkRule {

	/** What a link gives: the shared node of its owner and the permissions there. */
	record Grant(long ownerId, long nodeId, Permissions permissions) {
	}

	/**
	 * Link rows by share id, so a listing of many entries reads the link once; share changes clear it at once
	 * ({@link Namespace#invalidateAll}), and the expiry date is compared on every call.
	 */
	private final Cache<Long, Optional<GrantRepository.LinkRow>> rows = Caffeine.newBuilder()
		.expireAfterWrite(java.time.Duration.ofSeconds(30))
		.maximumSize(10_000)
		.build();

	private final GrantRepository grants;

	private final SharingPolicies policies;

	private final Clock clock;

	LinkRule(GrantRepository grants, SharingPolicies policies, Clock clock) {
		this.grants = grants;
		this.policies = policies;
		this.clock = clock;
	}

	Optional<Grant> grant(Actor.LinkVisit visit) {
		SharingPolicy policy = policies.current();
		if (visit == null || !policy.linksEnabled()) {
			return Optional.empty();
		}
		return rows.get(visit.shareId(), grants::link).flatMap(link -> {
			if (link.hasPassword() ? !visit.passwordGiven() : policy.passwordRequired()) {
				return Optional.empty();
			}
			LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneId.systemDefault());
			LocalDate lastDay = lastDay(link, policy);
			if (lastDay != null && today.isAfter(lastDay)) {
				return Optional.empty();
			}
			int bits = link.bits() & ~Permissions.SHARE;
			if (!policy.publicUploadEnabled()) {
				bits &= Permissions.READ;
			}
			if ((bits & (Permissions.READ | Permissions.CREATE)) == 0) {
				return Optional.empty();
			}
			Permissions p = Permissions.ofShareBits(bits);
			return Optional.of(new Grant(link.ownerId(), link.nodeId(),
					new Permissions(p.read(), p.write(), p.create(), p.delete(), p.move(), false, false, false)));
		});
	}

	void forget() {
		rows.invalidateAll();
	}

	/** The link's own last day, shortened to the admin's maximum lifetime counted from its creation. */
	private static LocalDate lastDay(GrantRepository.LinkRow link, SharingPolicy policy) {
		LocalDate lastDay = link.expiresOn();
		if (policy.maxExpiryDays() > 0) {
			LocalDate limit = LocalDate.ofInstant(Instant.ofEpochSecond(link.createdAt()), ZoneId.systemDefault())
				.plusDays(policy.maxExpiryDays());
			if (lastDay == null || limit.isBefore(lastDay)) {
				lastDay = limit;
			}
		}
		return lastDay;
	}
}
