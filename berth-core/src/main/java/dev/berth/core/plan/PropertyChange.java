package dev.berth.core.plan;

/**
 * One top-level property that differs.
 *
 * @param key the property name
 * @param before the recorded value (the observed one for drift), null if it had none
 * @param after the desired value, resolved; null if removed or not known yet
 * @param knownAfterApply true if the desired value refers to an output of a resource this plan
 *     creates or replaces, so it is known only after apply
 * @param forcesReplacement true if the key is in the type's {@code replaceOn}
 * @param drift true if the resource was changed outside berth (observed differs from recorded)
 */
public record PropertyChange(
    String key,
    Object before,
    Object after,
    boolean knownAfterApply,
    boolean forcesReplacement,
    boolean drift) {}
