package org.hearth.platform;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Schema;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.customizers.PropertyCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/**
 * Describes the web app's REST API ({@code /api/**}) at {@code /api/openapi.json}; the committed copy in
 * docs/api/openapi.json is what the web app's types are generated from.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	private static final String NULL = "null";

	@Bean
	OpenAPI hearthApi() {
		return new OpenAPI().info(new Info().title("Hearth REST API").version("1"));
	}

	/**
	 * Operation ids named after controller and method ({@code trashRestore}) instead of springdoc's numbered
	 * duplicates ({@code restore_1}), so that the generated client names stay put when a controller is added.
	 */
	@Bean
	OperationCustomizer stableOperationIds() {
		return (operation, handler) -> {
			String controller = handler.getBeanType().getSimpleName().replaceFirst("Controller$", "");
			return operation.operationId(StringUtils.uncapitalize(controller)
					+ StringUtils.capitalize(handler.getMethod().getName()));
		};
	}

	/** A {@link MayBeNull} field admits null in its type. */
	@Bean
	PropertyCustomizer nullableFields() {
		return (property, type) -> {
			boolean marked = type.getCtxAnnotations() != null
					&& Arrays.stream(type.getCtxAnnotations()).anyMatch(MayBeNull.class::isInstance);
			if (marked) {
				Set<String> types = new LinkedHashSet<>();
				if (property.getTypes() != null) {
					types.addAll(property.getTypes());
				}
				else if (property.getType() != null) {
					types.add(property.getType());
				}
				types.add(NULL);
				property.setTypes(types);
			}
			return property;
		};
	}

	/** Jackson writes every field of our records, so each one that does not admit null is required. */
	@Bean
	OpenApiCustomizer requiredUnlessNullable() {
		return api -> {
			if (api.getComponents() == null || api.getComponents().getSchemas() == null) {
				return;
			}
			for (Schema<?> schema : api.getComponents().getSchemas().values()) {
				if (schema.getProperties() == null) {
					continue;
				}
				List<String> required = new ArrayList<>();
				schema.getProperties().forEach((name, property) -> {
					boolean nullable = property.getTypes() != null && property.getTypes().contains(NULL);
					if (!nullable) {
						required.add(name);
					}
				});
				schema.setRequired(required.isEmpty() ? null : required);
			}
		};
	}
}
