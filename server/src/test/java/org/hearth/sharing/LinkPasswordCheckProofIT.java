package org.hearth.sharing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.hearth.storage.LinkRuleWithoutPasswordCheck;
import org.hearth.testing.HearthIT;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/**
 * Proves the attack suite guards the one central password check: with storage's link rule ignoring the password
 * (a test-only replacement), the suite's probes of a password-protected link get in and see the owner's files, so
 * {@link LinkAttackIT}'s assertions fail. No adapter checks the password on its own.
 */
@Import(LinkRuleWithoutPasswordCheck.class)
class LinkPasswordCheckProofIT extends HearthIT {

	@Autowired
	ShareService shares;

	@Test
	void withoutTheCentralPasswordCheckTheSuiteSeesContentAndFails() {
		LinkFixture links = new LinkFixture(shares, users);
		LinkAttacks attacks = new LinkAttacks(baseUrl(), newUser("owner"), newUser("attacker"));
		var link = links.create(attacks.owner, "Holiday", LinkFixture.READ, "family-pw", null, false);
		List<LinkAttacks.Answer> answers = attacks.sweep(link, LinkAttacks.Auth.NONE, "127.0.0.1");
		assertThat(answers).filteredOn(answer -> answer.probe().name().equals("GET file"))
			.singleElement()
			.satisfies(answer -> assertThat(answer.body()).isEqualTo(LinkAttacks.CONTENT));
		assertThat(answers).filteredOn(answer -> answer.probe().name().equals("page"))
			.singleElement()
			.satisfies(answer -> assertThat(answer.body()).contains("secret-beach.jpg"));
		assertThatThrownBy(() -> LinkAttacks.assertAllRefusedWith(answers, 401)).isInstanceOf(AssertionError.class);
		assertThatThrownBy(() -> LinkAttacks.assertNothingLeaks(answers)).isInstanceOf(AssertionError.class);
	}
}
