package org.hearth.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.hearth.storage.SharingPolicies;
import org.hearth.storage.SharingPolicy;
import org.hearth.testing.DavClient;
import org.hearth.testing.HearthIT;
import org.hearth.testing.MovableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The attack suite of public links: every route of {@link LinkAttacks#probes}, tried against password-protected,
 * expired, revoked, upload-only and read-only links. Each route must answer as the link's state demands and never
 * show a name or a byte the visitor may not see; afterwards the owner's files must be exactly as before.
 */
class LinkAttackIT extends HearthIT {

	@Autowired
	ShareService shares;

	@Autowired
	MovableClock clock;

	@Autowired
	SharingPolicies policies;

	LinkFixture links;

	LinkAttacks attacks;

	DavClient owner;

	@BeforeEach
	void holidayFolder() {
		clock.reset();
		links = new LinkFixture(shares, users);
		attacks = new LinkAttacks(baseUrl(), newUser("owner"), newUser("attacker"));
		owner = attacks.owner;
	}

	@AfterEach
	void clockBackToNow() {
		clock.reset();
	}

	/** The server's date: expiry days are counted in its time zone. */
	private LocalDate today() {
		return LocalDate.ofInstant(clock.instant(), ZoneId.systemDefault());
	}

	@Test
	void passwordProtectedLinkWithoutThePasswordAnswers401OnEveryRoute() {
		var link = links.create(owner, "Holiday", LinkFixture.READ_WRITE, "family-pw", null, false);
		List<LinkAttacks.Answer> answers = attacks.sweep(link, LinkAttacks.Auth.NONE, "127.0.0.1");
		LinkAttacks.assertAllRefusedWith(answers, 401);
		LinkAttacks.assertNothingLeaks(answers);
		attacks.assertOwnerFilesUntouched();
	}

	@Test
	void passwordProtectedLinkWithAWrongPasswordAnswers401ThenThrottles() {
		var link = links.create(owner, "Holiday", LinkFixture.READ_WRITE, "family-pw", null, false);
		// its own address: these failures must not slow down the other tests' logins from 127.0.0.1
		List<LinkAttacks.Answer> answers = attacks.sweep(link, LinkAttacks.Auth.WRONG, "127.0.0.4");
		assertThat(answers.get(0).status()).as(answers.get(0).toString()).isEqualTo(401);
		assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).as(answer.toString())
			.isIn(LinkAttacks.accountRoute(answer) ? List.of(401) : List.of(401, 429)));
		LinkAttacks.assertNothingLeaks(answers);
		attacks.assertOwnerFilesUntouched();
	}

	@Test
	void expiredLinkAnswers404OnEveryRoute() {
		var link = links.create(owner, "Holiday", LinkFixture.READ_WRITE, null, today(), false);
		clock.advance(Duration.ofDays(1));
		LinkAttacks.assertLinkGone(attacks.sweep(link, LinkAttacks.Auth.NONE, "127.0.0.1"));
		attacks.assertOwnerFilesUntouched();
	}

	@Test
	void expiredLinkWithAPasswordAnswers404BeforeAnyPasswordIsAskedOrChecked() {
		var link = links.create(owner, "Holiday", LinkFixture.READ_WRITE, "family-pw", today(), false);
		clock.advance(Duration.ofDays(1));
		for (LinkAttacks.Auth auth : LinkAttacks.Auth.values()) {
			LinkAttacks.assertLinkGone(attacks.sweep(link, auth, "127.0.0.6"));
		}
		var form = LinkVisitor.from(baseUrl(), "127.0.0.6").submitPassword(link.token(), "family-pw");
		assertThat(form.statusCode()).as("the password form").isEqualTo(404);
		assertThat(LinkVisitor.text(form)).doesNotContain("password");
		attacks.assertOwnerFilesUntouched();
	}

	@Test
	void linkExpiringTodayStillWorks() {
		var link = links.create(owner, "Holiday", LinkFixture.READ, null, today(), false);
		var answer = LinkVisitor.anonymous(baseUrl())
			.send("PROPFIND", "/public.php/dav/files/" + link.token() + "/", null, "Depth", "1");
		assertThat(answer.statusCode()).isEqualTo(207);
		assertThat(LinkVisitor.text(answer)).contains("secret-beach.jpg");
	}

	@Test
	void revokedLinkAnswers404AtOnce() {
		var link = links.create(owner, "Holiday", LinkFixture.READ_WRITE);
		var before = LinkVisitor.anonymous(baseUrl())
			.send("PROPFIND", "/public.php/dav/files/" + link.token() + "/", null, "Depth", "1");
		assertThat(before.statusCode()).isEqualTo(207);
		links.revoke(link);
		LinkAttacks.assertLinkGone(attacks.sweep(link, LinkAttacks.Auth.NONE, "127.0.0.1"));
		attacks.assertOwnerFilesUntouched();
	}

	@Test
	void adminSwitchesReachEveryRouteAtOnce() {
		var drop = links.create(owner, "Holiday", LinkFixture.UPLOAD_ONLY);
		var editable = links.create(owner, "Holiday", LinkFixture.READ_WRITE);
		String dav = "/public.php/dav/files/" + editable.token();
		SharingPolicy before = policies.current();
		try {
			policies.update(new SharingPolicy(true, false, false, 0, 0));
			LinkAttacks.assertLinkGone(attacks.sweep(drop, LinkAttacks.Auth.NONE, "127.0.0.1"));
			LinkVisitor visitor = LinkVisitor.anonymous(baseUrl());
			assertThat(visitor.send("PUT", dav + "/new.txt", "new").statusCode()).as("an editable link reads only")
				.isEqualTo(403);
			assertThat(visitor.send("DELETE", dav + "/secret-beach.jpg", null).statusCode()).isEqualTo(403);
			assertThat(visitor.send("GET", dav + "/secret-beach.jpg", null).statusCode()).isEqualTo(200);
			policies.update(new SharingPolicy(false, true, false, 0, 0));
			LinkAttacks.assertLinkGone(attacks.sweep(editable, LinkAttacks.Auth.NONE, "127.0.0.1"));
		}
		finally {
			policies.update(before);
		}
		attacks.assertOwnerFilesUntouched();
		var again = LinkVisitor.anonymous(baseUrl()).send("PROPFIND", dav + "/", null, "Depth", "1");
		assertThat(again.statusCode()).as("switched on again").isEqualTo(207);
	}

	@Test
	void uploadOnlyLinkAcceptsNewFilesAndShowsNothing() {
		var link = links.create(owner, "Holiday", LinkFixture.UPLOAD_ONLY);
		List<LinkAttacks.Answer> answers = attacks.sweep(link, LinkAttacks.Auth.NONE, "127.0.0.1");
		LinkAttacks.assertNothingLeaks(answers);
		Map<String, Integer> expected = Map.ofEntries(Map.entry("PROPFIND root", 404),
				Map.entry("PROPFIND subfolder", 404), Map.entry("PROPFIND file", 404), Map.entry("GET file", 404),
				Map.entry("HEAD file", 404), Map.entry("GET in subfolder", 404), Map.entry("PUT new file", 201),
				Map.entry("PUT over file", 201), Map.entry("DELETE file", 404), Map.entry("MOVE file in link", 404),
				Map.entry("COPY file out", 403), Map.entry("LOCK file", 404), Map.entry("PROPPATCH file", 404),
				Map.entry("page", 200), Map.entry("page of subfolder", 200), Map.entry("download file", 404),
				Map.entry("download zip", 404), Map.entry("download selection", 404), Map.entry("preview", 404),
				Map.entry("open chunked upload", 201), Map.entry("send upload part", 201));
		for (LinkAttacks.Answer answer : answers) {
			String route = answer.probe().name().replaceFirst("^legacy ", "");
			if (route.equals("MKCOL")) {
				continue;
			}
			if (LinkAttacks.accountRoute(answer)) {
				assertThat(answer.status()).as(answer.toString()).isEqualTo(401);
				continue;
			}
			int status = expected.get(route);
			if (answer.probe().name().startsWith("legacy ") && route.startsWith("PUT")) {
				status = 201;
			}
			assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
		}
		assertThat(owner.get("Holiday/secret-beach.jpg").body()).isEqualTo(LinkAttacks.CONTENT);
		assertThat(owner.get("Holiday/secret-beach%20(2).jpg").body()).as("PUT over a taken name is renamed")
			.isEqualTo("overwritten");
		assertThat(owner.get("Holiday/probe-new.txt").body()).isEqualTo("probe");
		assertThat(owner.get("Holiday/probe-new%20(2).txt").body()).as("the legacy route renames too")
			.isEqualTo("probe");
	}

	@Test
	void readOnlyLinkRefusesEveryChange() {
		var link = links.create(owner, "Holiday", LinkFixture.READ);
		List<LinkAttacks.Answer> answers = attacks.sweep(link, LinkAttacks.Auth.NONE, "127.0.0.1");
		for (LinkAttacks.Answer answer : answers) {
			if (LinkAttacks.accountRoute(answer)) {
				assertThat(answer.status()).as(answer.toString()).isEqualTo(401);
			}
			else if (answer.probe().reads()) {
				assertThat(answer.status()).as(answer.toString()).isIn(200, 207);
				assertThat(answer.body()).as(answer + " stays inside the link").doesNotContain("outside-secret");
			}
			else {
				assertThat(answer.status()).as(answer.toString()).isEqualTo(403);
				assertThat(answer.body()).doesNotContain(LinkAttacks.CONTENT);
			}
		}
		attacks.assertOwnerFilesUntouched();
	}

	@Test
	void aReadWriteLinkTakesLocksOfItsOwnThatShutOutTheOwnerAndOtherLinksUntilUnlocked() {
		var link = links.create(owner, "Holiday", LinkFixture.READ_WRITE);
		var otherLink = links.create(owner, "Holiday", LinkFixture.READ_WRITE);
		String file = "/public.php/dav/files/" + link.token() + "/secret-beach.jpg";
		String lockBody = "<?xml version=\"1.0\"?><d:lockinfo xmlns:d=\"DAV:\"><d:lockscope><d:exclusive/>"
				+ "</d:lockscope><d:locktype><d:write/></d:locktype></d:lockinfo>";
		LinkVisitor visitor = LinkVisitor.anonymous(baseUrl());
		var locked = visitor.send("LOCK", file, lockBody, "Timeout", "Second-60");
		assertThat(locked.statusCode()).as(LinkVisitor.text(locked)).isEqualTo(200);
		String token = locked.headers().firstValue("Lock-Token").orElseThrow();
		String ifHeader = "(" + token + ")";

		assertThat(owner.put("Holiday/secret-beach.jpg", "by the owner").statusCode()).isEqualTo(423);
		assertThat(visitor.send("PUT", "/public.php/dav/files/" + otherLink.token() + "/secret-beach.jpg", "other",
				"If", ifHeader).statusCode()).as("the token belongs to the link that took it").isEqualTo(423);
		assertThat(visitor.send("PUT", file, LinkAttacks.CONTENT, "If", ifHeader).statusCode()).isEqualTo(204);
		assertThat(visitor.send("UNLOCK", file, null, "Lock-Token", token).statusCode()).isEqualTo(204);
		assertThat(owner.put("Holiday/secret-beach.jpg", LinkAttacks.CONTENT).statusCode()).isEqualTo(204);
		attacks.assertOwnerFilesUntouched();
	}

	@Test
	void wrongLinkPasswordsDoNotSlowDownOrBlockAccountLoginsFromTheSameAddress() {
		String address = "127.0.0.7";
		LinkVisitor guesser = LinkVisitor.from(baseUrl(), address);
		for (int l = 0; l < 3; l++) {
			var link = links.create(owner, "Holiday", LinkFixture.READ, "pw-" + l, null, false);
			for (int i = 0; i < 8; i++) {
				assertThat(guesser.withBasic("anonymous", "guess-" + i)
					.send("PROPFIND", "/public.php/dav/files/" + link.token() + "/", null, "Depth", "0")
					.statusCode()).isEqualTo(401);
			}
		}
		// someone of the household whose password was not checked yet (a checked one is remembered for a while)
		DavClient household = newUser("household");
		var login = guesser.withBasic(household.username(), household.password())
			.send("PROPFIND", "/remote.php/dav/files/" + household.username() + "/", null, "Depth", "0");
		assertThat(login.statusCode()).as("24 wrong link passwords are not 24 failed logins of the address")
			.isEqualTo(207);
	}

	@Test
	void aFileDropCannotStageMoreThanTheOwnersQuotaThroughManyUploadSessions() {
		DavClient small = newUser("small", 1000);
		assertThat(small.mkcol("Drop").statusCode()).isEqualTo(201);
		var drop = links.create(small, "Drop", LinkFixture.UPLOAD_ONLY);
		LinkVisitor visitor = LinkVisitor.anonymous(baseUrl());
		String uploads = "/index.php/s/" + drop.token() + "/uploads/";
		String part = "x".repeat(800);
		assertThat(visitor.send("POST", uploads + "session-one?total=800", null).statusCode()).isEqualTo(201);
		assertThat(visitor.send("PUT", uploads + "session-one/000000", part).statusCode()).isEqualTo(201);
		assertThat(visitor.send("POST", uploads + "session-two?total=800", null).statusCode()).isEqualTo(201);
		assertThat(visitor.send("PUT", uploads + "session-two/000000", part).statusCode())
			.as("the first session's parts already take 800 of the 1000 bytes")
			.isEqualTo(507);
		assertThat(visitor.send("POST", uploads + "session-one/assemble?name=photo.jpg", null).statusCode())
			.isEqualTo(201);
		assertThat(small.get("Drop/photo.jpg").body()).isEqualTo(part);
	}

	@Test
	void twentyWrongPasswordsFromOneAddressAreDelayedThenRefusedWhileTheRightPasswordWorksFromAnother() {
		var link = links.create(owner, "Holiday", LinkFixture.READ, "grandma-pw", null, false);
		LinkVisitor guesser = LinkVisitor.from(baseUrl(), "127.0.0.3");
		String root = "/public.php/dav/files/" + link.token() + "/";
		List<Integer> statuses = new ArrayList<>();
		List<Long> millis = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			long start = System.nanoTime();
			statuses.add(guesser.withBasic("anonymous", "guess-" + i).send("PROPFIND", root, null, "Depth", "0")
				.statusCode());
			millis.add((System.nanoTime() - start) / 1_000_000);
		}
		assertThat(statuses.subList(0, 3)).containsOnly(401);
		assertThat(millis.subList(3, 6).stream().mapToLong(Long::longValue).sum())
			.as("attempts past the free ones wait (50, 100, 200 ms)").isGreaterThanOrEqualTo(300);
		assertThat(statuses.getLast()).isEqualTo(429);
		assertThat(statuses.indexOf(429)).as("refused once the limit is reached").isEqualTo(8);
		var blockedRight = guesser.withBasic("anonymous", "grandma-pw").send("PROPFIND", root, null, "Depth", "0");
		assertThat(blockedRight.statusCode()).as("the guessing address stays blocked").isEqualTo(429);
		assertThat(blockedRight.headers().firstValue("Retry-After")).isPresent();
		assertThat(guesser.submitPassword(link.token(), "grandma-pw").statusCode()).as("the page form too")
			.isEqualTo(429);

		LinkVisitor grandma = LinkVisitor.from(baseUrl(), "127.0.0.2");
		var right = grandma.withBasic("anonymous", "grandma-pw").send("PROPFIND", root, null, "Depth", "1");
		assertThat(right.statusCode()).isEqualTo(207);
		assertThat(LinkVisitor.text(right)).contains("secret-beach.jpg");
		assertThat(grandma.withBasic(link.token(), "grandma-pw")
			.send("GET", "/public.php/webdav/secret-beach.jpg", null)
			.statusCode()).isEqualTo(200);
	}
}
