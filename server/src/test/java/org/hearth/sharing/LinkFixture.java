package org.hearth.sharing;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import org.hearth.accounts.UserService;
import org.hearth.storage.Actor;
import org.hearth.testing.DavClient;
import org.springframework.web.util.UriUtils;

/** Public links for the visitor-side tests, made and removed by their owner through the share service. */
class LinkFixture {

	static final int READ = 1;

	static final int READ_WRITE = 1 | 2 | 4 | 8;

	static final int UPLOAD_ONLY = 4;

	private final ShareService shares;

	private final UserService users;

	LinkFixture(ShareService shares, UserService users) {
		this.shares = shares;
		this.users = users;
	}

	/** A link and how to reach it. */
	record Link(long id, String token, String password, Actor owner) {
	}

	Link create(DavClient owner, String encodedPath, int permissions, String password, LocalDate expiresOn,
			boolean hideDownload) {
		Actor actor = actorOf(owner);
		Share share = shares.create(actor, new NewShare(UriUtils.decode(encodedPath, StandardCharsets.UTF_8),
				ShareType.LINK, null, permissions, password, null, expiresOn == null ? null : expiresOn.toString(),
				null, null)).share();
		if (hideDownload) {
			shares.update(actor, share.id(), new ShareChange(null, null, null, null, null, true, null));
		}
		return new Link(share.id(), share.token(), password, actor);
	}

	Link create(DavClient owner, String encodedPath, int permissions) {
		return create(owner, encodedPath, permissions, null, null, false);
	}

	void revoke(Link link) {
		shares.delete(link.owner(), link.id());
	}

	private Actor actorOf(DavClient client) {
		long id = users.find(client.username()).orElseThrow().id();
		return new Actor(id, client.username(), Actor.Kind.USER);
	}
}
