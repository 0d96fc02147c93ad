package org.hearth.storage;

import java.time.Clock;
import java.util.Optional;

import org.hearth.storage.internal.GrantRepository;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Test only: storage's link rule as if its password check had been removed — every visitor counts as having given
 * the password. Imported by the one test that proves the link attack suite notices; production code has no switch
 * for this.
 */
@TestConfiguration(proxyBeanMethods = false)
public class LinkRuleWithoutPasswordCheck {

	@Bean
	@Primary
	LinkRule linkRuleWithoutPasswordCheck(GrantRepository grants, SharingPolicies policies, Clock clock) {
		return new LinkRule(grants, policies, clock) {
			@Override
			Optional<Grant> grant(Actor.LinkVisit visit) {
				return super.grant(visit == null ? null : new Actor.LinkVisit(visit.shareId(), true));
			}
		};
	}
}
