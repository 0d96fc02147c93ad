package org.hearth.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The system clock plus an offset a test can move, for expiry without waiting. {@link #stopAt} stops it at an
 * instant, for rules that count whole seconds; {@link #advance} then moves the stopped time.
 */
public final class MovableClock extends Clock {

	private volatile Duration offset = Duration.ZERO;

	private volatile Instant stopped;

	public void advance(Duration by) {
		offset = offset.plus(by);
	}

	public void stopAt(Instant at) {
		offset = Duration.ZERO;
		stopped = at;
	}

	public void reset() {
		offset = Duration.ZERO;
		stopped = null;
	}

	@Override
	public Instant instant() {
		Instant base = stopped;
		return (base != null ? base : Instant.now()).plus(offset);
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		throw new UnsupportedOperationException("Hearth uses UTC throughout");
	}
}
