package org.hearth.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * When to SIGKILL the server during a request, counted from the moment the request left: a fixed delay, a fraction
 * of how long an uninterrupted run of the same request took, or as soon as the answer arrives.
 */
record KillMoment(String name, long fixedMillis, double fraction, boolean afterAnswer) {

	static KillMoment after(long millis, String name) {
		return new KillMoment(name, millis, 0, false);
	}

	static KillMoment fraction(double fraction) {
		return new KillMoment("after " + Math.round(fraction * 100) + "% of an uninterrupted run", 0, fraction, false);
	}

	static KillMoment rightAfterTheAnswer() {
		return new KillMoment("right after the answer", 0, 0, true);
	}

	/** What the kill met: the answer read before it (null when the moment came before the answer) and when. */
	record Kill(Integer answered, long afterMillis) {

		@Override
		public String toString() {
			return afterMillis + " ms after sending, " + (answered == null ? "no answer yet" : "answered " + answered);
		}
	}

	/**
	 * Sends a request on a raw socket, SIGKILLs the server at this moment and returns what the kill met. A moment
	 * after the answer requires the answer to be {@code expectedStatus}.
	 */
	Kill killDuring(ServerProcess server, Supplier<Socket> request, long uninterruptedNanos, int expectedStatus)
			throws Exception {
		long delayNanos = fixedMillis > 0 ? TimeUnit.MILLISECONDS.toNanos(fixedMillis)
				: (long) (fraction * uninterruptedNanos);
		Integer answered = null;
		long sent = System.nanoTime();
		long killedAt;
		try (Socket socket = request.get()) {
			if (afterAnswer) {
				answered = Dav.readStatus(socket);
				assertThat(answered).isEqualTo(expectedStatus);
			}
			else if (delayNanos > 0) {
				Thread.sleep(delayNanos / 1_000_000, (int) (delayNanos % 1_000_000));
			}
			killedAt = System.nanoTime();
			server.kill9();
		}
		return new Kill(answered, TimeUnit.NANOSECONDS.toMillis(killedAt - sent));
	}

	@Override
	public String toString() {
		return name;
	}
}
