package org.hearth.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;

import org.hearth.testing.DavClient;
import org.hearth.testing.HearthIT;
import org.hearth.testing.MovableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The attack suite of shares to accounts: every route of {@link ShareAttacks#routes}, tried by the recipient of a
 * read-only share, and by a former recipient once the share was revoked, expired or their group membership ended.
 * Each route must answer as the share's state demands and show no name or byte the caller may not see; the owner's
 * files must be exactly as before.
 */
class ShareAttackIT extends HearthIT {

	@Autowired
	MovableClock clock;

	ShareAttacks attacks;

	OcsShares ocs;

	@BeforeEach
	void holidayFolder() {
		clock.reset();
		attacks = new ShareAttacks(baseUrl(), newUser("owner"), newUser("recipient"), newUser("stranger"));
		ocs = new OcsShares(attacks.owner);
	}

	@AfterEach
	void clockBackToNow() {
		clock.reset();
	}

	private String today() {
		return LocalDate.ofInstant(clock.instant(), ZoneId.systemDefault()).toString();
	}

	@Test
	void readOnlyShareCanBeReadButRefusesEveryChange() {
		long id = ocs.share("/Holiday", 0, attacks.recipient.username(), 1);
		var answers = attacks.sweep(id);
		attacks.assertReadOnly(answers, id);
		assertThat(answers.get(0).body()).as("the recipient does see the share").contains("secret-beach.jpg");
	}

	@Test
	void revokedShareAnswers404OnEveryRoute() {
		long id = ocs.share("/Holiday", 0, attacks.recipient.username(), 31);
		assertThat(attacks.recipient.get("Shared%20with%20me/Holiday/secret-beach.jpg").statusCode()).isEqualTo(200);
		assertThat(ocs.send("DELETE", OcsShares.V2 + "/" + id, null).statusCode()).isEqualTo(200);
		attacks.assertShareGone(attacks.sweep(id), id);
	}

	@Test
	void expiredShareAnswers404OnEveryRouteAfterItsLastDay() {
		HttpResponse<String> created = ocs.create(OcsShares.V2 + "?format=json", Map.of("path", "/Holiday",
				"shareType", "0", "shareWith", attacks.recipient.username(), "permissions", "31", "expireDate",
				today()));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
		long id = ocs.json("GET", OcsShares.V2 + "?format=json&path=%2FHoliday", null).get(0).get("id").asLong();
		assertThat(attacks.recipient.get("Shared%20with%20me/Holiday/secret-beach.jpg").statusCode())
			.as("usable on its last day")
			.isEqualTo(200);
		clock.advance(Duration.ofDays(1));
		attacks.assertShareGone(attacks.sweep(id), id);
	}

	@Test
	void groupShareAnswers404OnEveryRouteOnceTheRecipientLeftTheGroup() {
		DavClient admin = new DavClient(baseUrl(), ADMIN, ADMIN_PASSWORD);
		String group = "family-" + UUID.randomUUID().toString().substring(0, 8);
		String members = baseUrl() + "/api/admin/groups/" + group + "/members/" + attacks.recipient.username();
		assertThat(admin.send(admin.request("POST", baseUrl() + "/api/admin/groups", "{\"name\":\"" + group + "\"}")
			.header("Content-Type", "application/json")).statusCode()).isEqualTo(201);
		assertThat(admin.send(admin.request("PUT", members, null)).statusCode()).isEqualTo(204);
		long id = ocs.share("/Holiday", 1, group, 31);
		assertThat(attacks.recipient.get("Shared%20with%20me/Holiday/secret-beach.jpg").statusCode()).isEqualTo(200);
		assertThat(admin.send(admin.request("DELETE", members, null)).statusCode()).isEqualTo(204);
		attacks.assertShareGone(attacks.sweep(id), id);
	}
}
