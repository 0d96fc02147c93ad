package org.hearth.dav;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.milton.http.Handler;
import io.milton.http.HttpManager;
import io.milton.http.Request;
import io.milton.http.Response;
import io.milton.resource.Resource;
import io.milton.servlet.ServletRequest;
import io.milton.servlet.ServletResponse;
import org.hearth.accounts.CurrentUser;
import org.hearth.storage.Actor;
import org.hearth.storage.LockService;
import org.hearth.storage.StorageService;

/**
 * A DAV method plugged into Milton's dispatch. Each subclass is a thin adapter: it reads the request, calls
 * storage once, and writes the answer; refusals are mapped to statuses in one place, {@link DavAnswers}.
 */
abstract class DavMethod implements Handler {

	protected final StorageService storage;

	protected final LockService locks;

	protected final DavTargets targets;

	protected DavMethod(StorageService storage, LockService locks, DavTargets targets) {
		this.storage = storage;
		this.locks = locks;
		this.targets = targets;
	}

	abstract void handle(DavExchange exchange) throws Exception;

	@Override
	public boolean isCompatible(Resource resource) {
		return true;
	}

	@Override
	public void process(HttpManager manager, Request miltonRequest, Response miltonResponse) {
		HttpServletRequest request = ServletRequest.getRequest();
		HttpServletResponse response = ServletResponse.getResponse();
		DavTarget target = (DavTarget) request.getAttribute(DavServlet.TARGET_ATTRIBUTE);
		Actor resolved = (Actor) request.getAttribute(DavDispatch.ACTOR_ATTRIBUTE);
		DavExchange exchange = new DavExchange(request, response, target,
				resolved != null ? resolved : CurrentUser.actor(), storage, locks, targets);
		try {
			handle(exchange);
		}
		catch (Exception e) {
			DavAnswers.failFor(request, response, e);
		}
	}
}
