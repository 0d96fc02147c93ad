package org.hearth.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.hearth.testing.DavClient;
import org.hearth.testing.HearthIT;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** A user changes their own password: only by proving the current account password. */
class AccountPasswordIT extends HearthIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void theCurrentAccountPasswordIsNeededAndTheNewOneWorksAtOnce() {
		DavClient user = newUser("pw");
		String next = "a-new-password-" + user.username();

		assertThat(change(user, "not-my-password", next).statusCode()).isEqualTo(403);
		assertThat(change(user, user.password(), "short").statusCode()).as("too short").isEqualTo(400);
		assertThat(change(user, user.password(), next).statusCode()).isEqualTo(204);

		assertThat(user.propfind("", 0, null).statusCode()).as("the old password is gone").isEqualTo(401);
		DavClient renewed = new DavClient(baseUrl(), user.username(), next);
		assertThat(renewed.propfind("", 0, null).statusCode()).isEqualTo(207);
	}

	@Test
	void aDeviceSignedInWithAnAppPasswordCannotChangeTheAccountPassword() {
		DavClient user = newUser("pw-device");
		var created = user.send(user.request("POST", baseUrl() + "/api/app-passwords", "{\"name\":\"phone\"}")
			.header("Content-Type", "application/json"));
		assertThat(created.statusCode()).isEqualTo(201);
		String appPassword = JSON.readTree(created.body()).path("password").asString();
		DavClient device = new DavClient(baseUrl(), user.username(), appPassword);

		assertThat(change(device, user.password(), "taken-over-password").statusCode()).isEqualTo(403);
		assertThat(change(user, appPassword, "taken-over-password").statusCode())
			.as("an app password does not prove the account password")
			.isEqualTo(403);
		assertThat(user.propfind("", 0, null).statusCode()).isEqualTo(207);
	}

	private HttpResponse<String> change(DavClient client, String current, String next) {
		String body = JSON.writeValueAsString(java.util.Map.of("currentPassword", current, "newPassword", next));
		return client.send(client.request("PUT", baseUrl() + "/api/account/password", body)
			.header("Content-Type", "application/json"));
	}
}
