/**
 * The deterministic simulator: n pure replica cores ({@code org.bftref.impl.core.Replica}), honest or replaced by
 * a Byzantine {@link org.bftref.impl.sim.Strategy}, and the scenario's clients, over a simulated network in
 * virtual time, with loss, duplication, reordering and partitions until GST, and crashes and restarts of honest
 * replicas from their storage.
 *
 * <p>Entry points: {@link org.bftref.impl.sim.Scenario} (what to run, validated), {@link org.bftref.impl.sim.Simulator}
 * (runs it), {@link org.bftref.impl.sim.SimulationResult} (what happened, as plain data for property predicates),
 * {@link org.bftref.impl.sim.ScenarioFile} (a scenario and the choices of one run, as JSON).
 *
 * <p>Every random decision goes through {@link org.bftref.impl.sim.Choices}: a run is a function of its scenario and
 * the values chosen, so it can be replayed ({@link org.bftref.impl.sim.ReplayChoices}), shrunk (lower the values
 * towards 0, the benign option) and fuzzed (implement {@code Choices} from the fuzzer's bytes).
 */
package org.bftref.impl.sim;
