/** Nextcloud's discovery and OCS endpoints that clients call around a sync: status, capabilities, user. */
package org.hearth.compat;
