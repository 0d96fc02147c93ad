/** Settings, clock and the instance id that every feature may use; depends on no feature. */
package org.hearth.platform;
