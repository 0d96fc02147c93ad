package org.hearth.dav;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.milton.config.HttpManagerBuilder;
import io.milton.http.HttpExtension;
import io.milton.http.HttpManager;
import org.hearth.accounts.UserService;
import org.hearth.platform.InstanceId;
import org.hearth.storage.LockService;
import org.hearth.storage.StorageService;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires Milton with our handlers and mounts the DAV servlet. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class DavConfiguration {

	@Bean
	HttpManager davHttpManager(StorageService storage, LockService locks, DavTargets targets, InstanceId instanceId,
			UserService users, NodeListing davNodeListing) {
		HttpManagerBuilder builder = new HttpManagerBuilder();
		builder.setResourceFactory((host, path) -> null);
		builder.setEnableDigestAuth(false);
		builder.setEnableFormAuth(false);
		builder.setEnableCookieAuth(false);
		builder.setEnabledJson(false);
		builder.setEnableExpectContinue(false);
		builder.setEnableCompression(false);
		ArrayList<HttpExtension> protocols = new ArrayList<>(List.of(new HearthDavProtocol(Set.of(
				new GetMethod(storage, locks, targets, instanceId), new PutMethod(storage, locks, targets, instanceId),
				new MkcolMethod(storage, locks, targets), new DeleteMethod(storage, locks, targets),
				new CopyMoveMethod(storage, locks, targets, instanceId),
				new PropfindMethod(storage, locks, targets, instanceId, users),
				new ReportMethod(storage, locks, targets, davNodeListing),
				new ProppatchMethod(storage, locks, targets), new LockMethod(storage, locks, targets),
				new UnlockMethod(storage, locks, targets)))));
		builder.setProtocols(protocols);
		return builder.buildHttpManager();
	}

	@Bean
	NodeListing davNodeListing(StorageService storage, LockService locks, InstanceId instanceId, UserService users) {
		return new NodeListing(storage, locks, instanceId, users);
	}

	@Bean
	ServletRegistrationBean<DavSearchServlet> davSearchServlet(StorageService storage, DavTargets targets,
			NodeListing davNodeListing) {
		var registration = new ServletRegistrationBean<>(new DavSearchServlet(storage, targets, davNodeListing),
				"/remote.php/dav", "/remote.php/dav/");
		registration.setName("dav-search");
		return registration;
	}

	@Bean
	TomcatContextCustomizer xmlContentTypeValve() {
		return context -> context.getPipeline().addValve(new XmlContentType.Exposer());
	}

	@Bean
	FilterRegistrationBean<DavAncestorsFilter> davAncestorsFilter() {
		return new FilterRegistrationBean<>(new DavAncestorsFilter());
	}

	@Bean
	ServletRegistrationBean<DavServlet> davServlet(HttpManager davHttpManager, DavTargets targets) {
		var registration = new ServletRegistrationBean<>(new DavServlet(davHttpManager, targets),
				"/remote.php/dav/files/*", "/remote.php/webdav/*", "/remote.php/webdav");
		registration.setName("dav");
		registration.setLoadOnStartup(1);
		return registration;
	}
}
