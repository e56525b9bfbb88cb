package org.bftref.impl.core;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the spec action the annotated method implements: an action of spec/pbft/PBFT.tla, or one of the steps
 * that spec/pbft/TracePBFT.tla adds for what an implementation has (Execute, SendCheckpoint, CheckpointStable,
 * StateTransfer, Restart). The method's guard and effect mirror the action's; the trace event it emits carries
 * the same name. A build-time check (javaparser)
 * keeps the two sides in step: every spec action has exactly one handler, every annotation names an action.
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.METHOD)
public @interface SpecAction {
    String value();
}
