package org.hearth.storage;

/** One step of a property change: set {@code property}, or remove the property with its name. */
public record PropertyUpdate(DeadProperty property, boolean remove) {
}
