package org.hearth.accounts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Service;

/**
 * Sign-ins that a client starts and the user finishes in a browser (Nextcloud Login Flow v2). The client gets a
 * secret poll token, the browser a separate flow token; once the signed-in user grants access, an app password is
 * made for the client and handed out to the first poll only. Flows live in memory and only as hashes of their
 * tokens (docs/adr/0004-login-flows.md).
 */
@Service
public class LoginFlowService {

	private static final int POLL_TOKEN_LENGTH = 128;

	private static final int FLOW_TOKEN_LENGTH = 64;

	/** Anonymous clients start flows, so their number is bounded; real households have a handful at a time. */
	private static final int MAX_OPEN_FLOWS = 10_000;

	/** What the client receives when it starts a flow. */
	public record Started(String pollToken, String flowToken) {
	}

	/** What the client receives from its successful poll. */
	public record Granted(String loginName, String appPassword) {
	}

	/** Too many flows are open at once. */
	public static class TooManyFlows extends RuntimeException {

		public TooManyFlows() {
			super("too many sign-ins in progress, try again later");
		}
	}

	private static final class Flow {

		final String pollHash;

		final String flowHash;

		final String clientName;

		final Instant expiresAt;

		volatile Granted granted;

		Long appPasswordId;

		long userId;

		Flow(String pollHash, String flowHash, String clientName, Instant expiresAt) {
			this.pollHash = pollHash;
			this.flowHash = flowHash;
			this.clientName = clientName;
			this.expiresAt = expiresAt;
		}
	}

	private final Map<String, Flow> byPollHash = new ConcurrentHashMap<>();

	private final Map<String, Flow> byFlowHash = new ConcurrentHashMap<>();

	private final AppPasswordService appPasswords;

	private final Clock clock;

	private final Duration lifetime;

	LoginFlowService(AppPasswordService appPasswords, Clock clock, AccountsProperties properties) {
		this.appPasswords = appPasswords;
		this.clock = clock;
		this.lifetime = properties.loginFlow().lifetime();
	}

	/** Starts a flow for the client with this name (its User-Agent). */
	public Started start(String clientName) {
		forgetExpired();
		if (byPollHash.size() >= MAX_OPEN_FLOWS) {
			throw new TooManyFlows();
		}
		String pollToken = Secrets.generate(POLL_TOKEN_LENGTH);
		String flowToken = Secrets.generate(FLOW_TOKEN_LENGTH);
		Flow flow = new Flow(Secrets.hash(pollToken), Secrets.hash(flowToken), clientName,
				clock.instant().plus(lifetime));
		byFlowHash.put(flow.flowHash, flow);
		byPollHash.put(flow.pollHash, flow);
		return new Started(pollToken, flowToken);
	}

	/** The name of the client waiting on this flow, while it can still be granted. */
	public Optional<String> clientName(String flowToken) {
		return open(flowToken).map(flow -> flow.clientName);
	}

	/**
	 * Grants the waiting client access to the account: makes its app password, named after the client. False when
	 * the flow is unknown, expired or already granted.
	 */
	public boolean grant(String flowToken, HearthPrincipal user) {
		Optional<Flow> found = open(flowToken);
		if (found.isEmpty()) {
			return false;
		}
		Flow flow = found.get();
		synchronized (flow) {
			if (flow.granted != null || byPollHash.get(flow.pollHash) != flow) {
				return false;
			}
			var created = appPasswords.create(user.userId(), flow.clientName);
			flow.appPasswordId = created.appPassword().id();
			flow.userId = user.userId();
			flow.granted = new Granted(user.username(), created.secret());
			return true;
		}
	}

	/** The client's credentials once granted, exactly once; empty before, after, and for unknown tokens. */
	public Optional<Granted> poll(String pollToken) {
		if (pollToken == null) {
			return Optional.empty();
		}
		Flow flow = byPollHash.get(Secrets.hash(pollToken));
		if (flow == null) {
			return Optional.empty();
		}
		if (expired(flow)) {
			forget(flow);
			return Optional.empty();
		}
		synchronized (flow) {
			if (flow.granted == null || !byPollHash.remove(flow.pollHash, flow)) {
				return Optional.empty();
			}
			byFlowHash.remove(flow.flowHash, flow);
			return Optional.of(flow.granted);
		}
	}

	private Optional<Flow> open(String flowToken) {
		if (flowToken == null) {
			return Optional.empty();
		}
		return Optional.ofNullable(byFlowHash.get(Secrets.hash(flowToken)))
			.filter(flow -> !expired(flow))
			.filter(flow -> flow.granted == null);
	}

	private boolean expired(Flow flow) {
		return !clock.instant().isBefore(flow.expiresAt);
	}

	private void forgetExpired() {
		byPollHash.values().stream().filter(this::expired).toList().forEach(this::forget);
	}

	/** Drops a flow; an app password granted but never fetched would be a device nobody has, so it goes too. */
	private void forget(Flow flow) {
		synchronized (flow) {
			if (!byPollHash.remove(flow.pollHash, flow)) {
				return;
			}
			byFlowHash.remove(flow.flowHash, flow);
			if (flow.appPasswordId != null) {
				appPasswords.revoke(flow.userId, flow.appPasswordId);
			}
		}
	}
}
