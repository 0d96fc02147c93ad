package org.hearth.compat;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.ShallowEtagHeaderFilter;

/**
 * Capabilities carry an ETag and answer 304 to a matching {@code If-None-Match}: the phone apps refresh them
 * conditionally and every desktop sync run fetches them.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class CapabilitiesCaching {

	@Bean
	FilterRegistrationBean<ShallowEtagHeaderFilter> capabilitiesEtag() {
		var registration = new FilterRegistrationBean<>(new ShallowEtagHeaderFilter());
		registration.addUrlPatterns(OcsCloudController.CAPABILITIES_V1, OcsCloudController.CAPABILITIES_V2);
		return registration;
	}
}
