package org.bftref.trace.validate;

/**
 * The validator could not reach a verdict: TLC failed to start, to parse the spec, or stopped on an error
 * (its message, condensed to one line, is the message here). Not a statement about the trace.
 */
public final class ValidationException extends Exception {

    public ValidationException(String message) {
        super(message);
    }

    public ValidationException(String message, Throwable cause) {
        super(message, cause);
    }
}
