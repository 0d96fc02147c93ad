package org.hearth.uploads;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of chunked uploads.
 *
 * @param expireAfter how long an upload session may stay idle (no new part) before it is removed with its parts.
 */
@ConfigurationProperties("hearth.uploads")
public record UploadsProperties(@DefaultValue("24h") Duration expireAfter) {
}
