package org.hearth.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hearth.testing.DavClient;
import org.hearth.testing.HearthIT;
import org.junit.jupiter.api.Test;

/** Basic auth, app passwords, brute-force throttling and the admin API, over real HTTP. */
class AuthIT extends HearthIT {

	@Test
	void missingOrWrongCredentialsGetABasicChallenge() {
		DavClient user = newUser("auth");
		var anonymous = new DavClient(baseUrl(), user.username(), null);
		var response = anonymous.send(anonymous.request("PROPFIND", user.url(""), null).header("Depth", "0"));
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"Hearth\", charset=\"UTF-8\"");
		var wrong = new DavClient(baseUrl(), user.username(), "not-the-password");
		assertThat(wrong.propfind("", 0, null).statusCode()).isEqualTo(401);
		assertThat(user.propfind("", 0, null).statusCode()).isEqualTo(207);
	}

	@Test
	void appPasswordsWorkOnDavAndCanBeRevoked() {
		DavClient user = newUser("device");
		var response = user.send(user.request("GET", baseUrl() + "/ocs/v2.php/core/getapppassword", null)
			.header("OCS-APIRequest", "true")
			.header("User-Agent", "Hearth test device")
			.header("Accept", "application/json"));
		assertThat(response.statusCode()).isEqualTo(200);
		Matcher m = Pattern.compile("\"apppassword\":\"([A-Za-z0-9]+)\"").matcher(response.body());
		assertThat(m.find()).as(response.body()).isTrue();
		DavClient device = new DavClient(baseUrl(), user.username(), m.group(1));
		assertThat(device.put("from-device.txt", "hi").statusCode()).isEqualTo(201);

		var again = device.send(device.request("GET", baseUrl() + "/ocs/v2.php/core/getapppassword", null)
			.header("OCS-APIRequest", "true"));
		assertThat(again.statusCode()).as("an app password cannot mint another").isEqualTo(403);

		var list = user.send(user.request("GET", baseUrl() + "/api/app-passwords", null));
		assertThat(list.body()).contains("Hearth test device");

		var revoke = device.send(device.request("DELETE", baseUrl() + "/ocs/v2.php/core/apppassword", null)
			.header("OCS-APIRequest", "true"));
		assertThat(revoke.statusCode()).isEqualTo(200);
		assertThat(device.propfind("", 0, null).statusCode()).as("revoked at once").isEqualTo(401);
		assertThat(user.propfind("", 0, null).statusCode()).isEqualTo(207);
	}

	@Test
	void failedLoginsAreDelayedThenRefusedWith429() {
		DavClient victim = newUser("victim");
		var attacker = new DavClient(baseUrl(), victim.username(), "guess");
		for (int i = 0; i < 3; i++) {
			assertThat(attacker.propfind("", 0, null).statusCode()).isEqualTo(401);
		}
		long start = System.nanoTime();
		assertThat(attacker.propfind("", 0, null).statusCode()).isEqualTo(401);
		assertThat(attacker.propfind("", 0, null).statusCode()).isEqualTo(401);
		long delayedMillis = (System.nanoTime() - start) / 1_000_000;
		assertThat(delayedMillis).as("attempts past the free ones wait 50 ms, then 100 ms").isGreaterThanOrEqualTo(150);
		int status = 401;
		for (int i = 0; i < 5 && status != 429; i++) {
			status = attacker.propfind("", 0, null).statusCode();
		}
		assertThat(status).isEqualTo(429);
		var blocked = attacker.propfind("", 0, null);
		assertThat(blocked.statusCode()).isEqualTo(429);
		assertThat(blocked.headers().firstValue("Retry-After")).isPresent();
		assertThat(victim.propfind("", 0, null).statusCode()).as("the right password from this address is refused too while blocked")
			.isEqualTo(429);
		DavClient other = newUser("bystander");
		assertThat(other.propfind("", 0, null).statusCode()).as("other logins are unaffected").isEqualTo(207);
	}

	@Test
	void adminApiCreatesDisablesAndDeletesUsers() {
		var admin = new DavClient(baseUrl(), ADMIN, ADMIN_PASSWORD);
		String name = "made-" + System.nanoTime();
		var created = admin.send(admin.request("POST", baseUrl() + "/api/admin/users",
				"{\"username\":\"" + name + "\",\"password\":\"secret-pass-1\",\"quotaBytes\":5}")
			.header("Content-Type", "application/json"));
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		var made = new DavClient(baseUrl(), name, "secret-pass-1");
		assertThat(made.put("big.txt", "more than five bytes").statusCode()).isEqualTo(507);

		var notAdmin = made.send(made.request("GET", baseUrl() + "/api/admin/users", null));
		assertThat(notAdmin.statusCode()).isEqualTo(403);

		var disabled = admin.send(admin.request("PATCH", baseUrl() + "/api/admin/users/" + name, "{\"enabled\":false}")
			.header("Content-Type", "application/json"));
		assertThat(disabled.statusCode()).isEqualTo(200);
		assertThat(made.propfind("", 0, null).statusCode()).isEqualTo(401);

		var deleted = admin.send(admin.request("DELETE", baseUrl() + "/api/admin/users/" + name, null));
		assertThat(deleted.statusCode()).isEqualTo(204);
		assertThat(homeDir(name)).doesNotExist();
		var gone = admin.send(admin.request("GET", baseUrl() + "/api/admin/users/" + name, null));
		assertThat(gone.statusCode()).isEqualTo(404);
	}
}
