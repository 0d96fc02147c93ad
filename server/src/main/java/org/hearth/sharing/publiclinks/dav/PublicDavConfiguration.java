package org.hearth.sharing.publiclinks.dav;

import org.hearth.dav.DavDispatch;
import org.hearth.sharing.publiclinks.LinkAccess;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Mounts public DAV. Its routes fall into the public security chain: visitors carry no account, and the servlet
 * authenticates them against the link itself.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class PublicDavConfiguration {

	@Bean
	ServletRegistrationBean<PublicDavServlet> publicDavServlet(LinkAccess access, DavDispatch dispatch) {
		var registration = new ServletRegistrationBean<>(new PublicDavServlet(access, dispatch),
				PublicDavServlet.FILES_PREFIX + "*", PublicDavServlet.LEGACY_PREFIX,
				PublicDavServlet.LEGACY_PREFIX + "/*");
		registration.setName("public-dav");
		registration.setLoadOnStartup(1);
		return registration;
	}
}
