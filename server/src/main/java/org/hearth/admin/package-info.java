/**
 * Administration: jobs an admin starts (rescan, expiry; in the background with progress, or waiting for the result),
 * retention settings, and the {@code admin} command line. User administration itself lives in accounts; this feature
 * only drives other features' public APIs.
 */
package org.hearth.admin;
