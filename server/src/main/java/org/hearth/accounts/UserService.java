package org.hearth.accounts;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.hearth.accounts.AccountException.Reason;
import org.hearth.accounts.internal.UserEntity;
import org.hearth.accounts.internal.UserRepository;
import org.hearth.storage.Home;
import org.hearth.storage.StorageService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Accounts: creating one also creates its home folder; deleting one deletes its files. */
@Service
public class UserService {

	/** Usernames double as home folder names and DAV path segments, so keep them plain. */
	private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

	public static final int MIN_PASSWORD_LENGTH = 8;

	private final UserRepository users;

	private final StorageService storage;

	private final PasswordEncoder encoder;

	private final CredentialCache credentialCache;

	private final Clock clock;

	public UserService(UserRepository users, StorageService storage, PasswordEncoder encoder,
			CredentialCache credentialCache, Clock clock) {
		this.users = users;
		this.storage = storage;
		this.encoder = encoder;
		this.credentialCache = credentialCache;
		this.clock = clock;
	}

	@Transactional
	public UserAccount create(String username, String password, String displayName, boolean admin, long quotaBytes) {
		if (username == null || !USERNAME.matcher(username).matches()) {
			throw new AccountException(Reason.INVALID,
					"usernames are 1-64 letters, digits, '.', '_', '@' or '-', starting with a letter or digit");
		}
		checkPassword(password);
		if (users.findByUsername(username).isPresent()) {
			throw new AccountException(Reason.EXISTS, "user " + username + " exists");
		}
		UserEntity user = users.save(new UserEntity(username,
				displayName == null || displayName.isBlank() ? username : displayName, encoder.encode(password), admin,
				clock.instant()));
		storage.createHome(user.getId(), username, quotaBytes);
		return toAccount(user);
	}

	public List<UserAccount> list() {
		return users.findAll().stream().map(this::toAccount).toList();
	}

	public Optional<UserAccount> find(String username) {
		return users.findByUsername(username).map(this::toAccount);
	}

	public UserAccount get(String username) {
		return find(username).orElseThrow(() -> new AccountException(Reason.NOT_FOUND, "no user " + username));
	}

	public Optional<UserAccount> findById(long id) {
		return users.findById(id).map(this::toAccount);
	}

	public boolean isEmpty() {
		return users.count() == 0;
	}

	@Transactional
	public UserAccount setEnabled(String username, boolean enabled) {
		UserEntity user = entity(username);
		user.setEnabled(enabled);
		credentialCache.forgetUser(user.getId());
		return toAccount(user);
	}

	@Transactional
	public UserAccount setPassword(String username, String password) {
		checkPassword(password);
		UserEntity user = entity(username);
		user.setPasswordHash(encoder.encode(password));
		credentialCache.forgetUser(user.getId());
		return toAccount(user);
	}

	@Transactional
	public UserAccount setDisplayName(String username, String displayName) {
		UserEntity user = entity(username);
		user.setDisplayName(displayName);
		return toAccount(user);
	}

	@Transactional
	public UserAccount setAdmin(String username, boolean admin) {
		UserEntity user = entity(username);
		user.setAdmin(admin);
		credentialCache.forgetUser(user.getId());
		return toAccount(user);
	}

	public UserAccount setQuota(String username, long quotaBytes) {
		if (quotaBytes < Home.UNLIMITED) {
			throw new AccountException(Reason.INVALID, "quota must be -1 (unlimited) or a number of bytes");
		}
		UserEntity user = entity(username);
		storage.setQuota(user.getId(), quotaBytes);
		return toAccount(user);
	}

	@Transactional
	public void delete(String username) {
		UserEntity user = entity(username);
		credentialCache.forgetUser(user.getId());
		users.delete(user);
		users.flush();
		storage.deleteHome(user.getId());
	}

	/** Checks a password against the stored hash (slow by design). */
	boolean passwordMatches(UserEntity user, String password) {
		return encoder.matches(password, user.getPasswordHash());
	}

	private void checkPassword(String password) {
		if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
			throw new AccountException(Reason.INVALID,
					"passwords need at least " + MIN_PASSWORD_LENGTH + " characters");
		}
	}

	private UserEntity entity(String username) {
		return users.findByUsername(username)
			.orElseThrow(() -> new AccountException(Reason.NOT_FOUND, "no user " + username));
	}

	private UserAccount toAccount(UserEntity user) {
		Home home = storage.home(user.getId());
		return new UserAccount(user.getId(), user.getUsername(), user.getDisplayName(), user.getEmail(),
				user.isEnabled(), user.isAdmin(), home.quotaBytes(), home.usedBytes());
	}
}
