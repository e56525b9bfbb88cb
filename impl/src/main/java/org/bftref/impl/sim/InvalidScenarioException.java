package org.bftref.impl.sim;

/**
 * A scenario that cannot be run, naming the offending field as a path from the scenario's root (for example
 * {@code n}, {@code network.dropPercent}, {@code crashes[1].replica}, {@code byzantine.3}) so that a scenario
 * file reader can point at the line that holds it.
 */
public final class InvalidScenarioException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String field;
    private final String problem;

    public InvalidScenarioException(String field, String problem) {
        super("field \"" + field + "\": " + problem);
        this.field = field;
        this.problem = problem;
    }

    /** The field's path, e.g. {@code network.partitions[0].untilMillis}. */
    public String field() {
        return field;
    }

    /** What is wrong with it, without the field name. */
    public String problem() {
        return problem;
    }
}
