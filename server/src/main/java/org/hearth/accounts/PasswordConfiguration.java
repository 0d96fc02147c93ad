package org.hearth.accounts;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Password hashing, needed by the server and by the admin command line alike. */
@Configuration(proxyBeanMethods = false)
class PasswordConfiguration {

	/** BCrypt today; the delegating encoder keeps the algorithm in each hash, so it can be upgraded later. */
	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}
}
