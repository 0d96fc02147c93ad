package org.hearth.testing;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The server under test reads time from a {@link MovableClock} (no offset unless a test moves it), so retention and
 * expiry can be tested over HTTP without waiting. A test that moves it resets it when done.
 */
@TestConfiguration(proxyBeanMethods = false)
public class MovableClockConfiguration {

	@Bean
	@Primary
	MovableClock movableClock() {
		return new MovableClock();
	}
}
