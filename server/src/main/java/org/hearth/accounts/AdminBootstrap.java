package org.hearth.accounts;

import java.security.SecureRandom;

import org.hearth.storage.Home;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/** Creates the first admin on the first start, from the environment or with a generated password printed once. */
@Component
class AdminBootstrap implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

	private final UserService users;

	private final AccountsProperties properties;

	AdminBootstrap(UserService users, AccountsProperties properties) {
		this.users = users;
		this.properties = properties;
	}

	/** Runs before the web server opens its port, so no request sees a Hearth without accounts. */
	@Override
	public void afterSingletonsInstantiated() {
		if (!users.isEmpty()) {
			return;
		}
		String username = properties.admin().username();
		String password = properties.admin().password();
		boolean generated = password == null || password.isBlank();
		if (generated) {
			password = generatePassword();
		}
		users.create(username, password, "Administrator", true, Home.UNLIMITED);
		if (generated) {
			System.out.println();
			System.out.println("==============================================================");
			System.out.println(" Hearth created the admin account. This is shown only once:");
			System.out.println("   username: " + username);
			System.out.println("   password: " + password);
			System.out.println("==============================================================");
			System.out.println();
		}
		log.info("created admin account '{}'", username);
	}

	private static String generatePassword() {
		String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
		SecureRandom random = new SecureRandom();
		StringBuilder password = new StringBuilder();
		for (int i = 0; i < 20; i++) {
			password.append(alphabet.charAt(random.nextInt(alphabet.length())));
		}
		return password.toString();
	}
}
