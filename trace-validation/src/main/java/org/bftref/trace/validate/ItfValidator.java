package org.bftref.trace.validate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.bftref.trace.itf.ItfFormatException;
import org.bftref.trace.itf.ItfReader;
import org.bftref.trace.itf.ItfText;
import org.bftref.trace.itf.ItfTrace;
import org.bftref.trace.itf.ItfValue;
import org.bftref.trace.tlc.ItfInputOverrides;
import org.bftref.trace.tlc.ItfTlcValues;

/**
 * Validates an ITF trace (complete states, as Apalache and Quint write them) against spec/pbft/PBFT.tla with TLC,
 * through spec/pbft/ITFPBFT.tla: Init on state 0, TypeOK on every state, PBFT's Next (or stuttering) on every
 * step. Use {@link TraceValidator#validateItf(Path)} from other code.
 *
 * <p>PBFT.tla's constants (N, F, Byz, Values, NoOp, MaxView, MaxSeq) come, each one from the first of: the
 * {@code constants} argument (the CLI's {@code --constant NAME=VALUE}); the trace's parameters ({@code params},
 * the way Apalache writes constants that a ConstInit chose: their values are in every state, and must not
 * change); the object {@code "#meta": {"constants": {...}}} of the file (what {@link org.bftref.trace.itf.ItfWriter}
 * writes). Values are ITF values: {@code {"#bigint": "4"}}, {@code {"#set": [...]}}, strings.
 *
 * <p>Everything that can be checked without TLC is checked here first, as bad input with state and JSON
 * pointer: the format ({@link ItfReader}), that the variables are exactly PBFT.tla's, the constants' types and
 * PBFT.tla's assumptions about them, and that TLC can hold every value (32-bit integers, sets it can order).
 */
public final class ItfValidator {

    public static final List<String> CONSTANTS = List.of("N", "F", "Byz", "Values", "NoOp", "MaxView", "MaxSeq");
    public static final List<String> VARIABLES = List.of("requested", "view", "normal", "prepared", "msgs");
    private static final String SPEC_MODULE = "ITFPBFT";
    static final List<String> SPEC_FILES = List.of("ITFPBFT.tla", "ITFInput.tla", "ITFPBFT.cfg", "PBFT.tla",
            "ByzQuorums.tla", "Voting.tla", "Consensus.tla");
    private static final ObjectMapper JSON = new ObjectMapper();

    private ItfValidator() {
    }

    /** Where a constant came from, for error messages: a JSON pointer, or the option. */
    private record Given(ItfValue value, String where) {
    }

    public static ItfVerdict validate(Path itf, Map<String, ItfValue> constants, TraceValidator.Options options)
            throws ItfFormatException, ValidationException {
        ItfTrace trace = ItfReader.read(itf);
        checkVariables(trace);
        Map<String, Given> given = resolveConstants(trace, constants);
        checkConstants(trace.file(), given);
        for (int k = 0; k < trace.states().size(); k++) {
            for (String var : VARIABLES) {
                ItfTlcValues.toTlc(trace.states().get(k).get(var), trace.file(), k, "/states/" + k + "/" + var);
            }
        }
        Path work = TlcFork.workDirectory(options, "bftref-validate-itf-");
        Path input = work.resolve("itf-input.json");
        Path verdicts = work.resolve("itf-verdict.ndjson");
        try {
            ObjectNode settings = JSON.createObjectNode();
            settings.put("itf", itf.toAbsolutePath().toString());
            ObjectNode c = settings.putObject("constants");
            for (String name : CONSTANTS) {
                c.set(name, ItfText.json(given.get(name).value()));
            }
            Files.writeString(input, JSON.writeValueAsString(settings), StandardCharsets.UTF_8);
            TlcFork.copySpec(work, SPEC_FILES, "spec/");
            Files.deleteIfExists(verdicts);
        } catch (IOException e) {
            throw new ValidationException("cannot prepare " + work + ": " + e.getMessage(), e);
        }
        TlcFork.check(work, SPEC_MODULE, options, List.of(
                "-D" + ItfInputOverrides.INPUT_PROPERTY + "=" + input.toAbsolutePath(),
                "-D" + ItfInputOverrides.VERDICT_PROPERTY + "=" + verdicts.toAbsolutePath()));
        return verdict(trace, verdicts);
    }

    // ------------------------------------------------------------------------------------------------

    private static void checkVariables(ItfTrace trace) throws ItfFormatException {
        for (int k = 0; k < trace.vars().size(); k++) {
            if (!VARIABLES.contains(trace.vars().get(k))) {
                throw new ItfFormatException(trace.file(), -1, "/vars/" + k, "'" + trace.vars().get(k)
                        + "' is not a variable of PBFT.tla (its variables: " + String.join(", ", VARIABLES) + ")");
            }
        }
        for (String var : VARIABLES) {
            if (!trace.vars().contains(var)) {
                throw new ItfFormatException(trace.file(), -1, "/vars", "lacks " + var
                        + ", a variable of PBFT.tla: the states must be complete");
            }
        }
    }

    private static Map<String, Given> resolveConstants(ItfTrace trace, Map<String, ItfValue> options)
            throws ItfFormatException {
        Map<String, Given> given = new LinkedHashMap<>();
        for (Map.Entry<String, ItfValue> o : options.entrySet()) {
            if (!CONSTANTS.contains(o.getKey())) {
                throw new ItfFormatException(null, -1, "", "--constant " + o.getKey() + ": not a constant of PBFT.tla ("
                        + String.join(", ", CONSTANTS) + ")");
            }
            given.put(o.getKey(), new Given(o.getValue(), "--constant " + o.getKey()));
        }
        for (int p = 0; p < trace.params().size(); p++) {
            String name = trace.params().get(p);
            if (!CONSTANTS.contains(name)) {
                throw new ItfFormatException(trace.file(), -1, "/params/" + p, "'" + name
                        + "' is not a constant of PBFT.tla (" + String.join(", ", CONSTANTS) + ")");
            }
            ItfValue first = trace.states().get(0).get(name);
            for (int k = 1; k < trace.states().size(); k++) {
                if (!ItfText.canonical(trace.states().get(k).get(name)).equals(ItfText.canonical(first))) {
                    throw new ItfFormatException(trace.file(), k, "/states/" + k + "/" + name, "the trace parameter "
                            + name + " changes (it is " + ItfText.tla(first) + " in state 0): a constant cannot");
                }
            }
            given.putIfAbsent(name, new Given(first, "/states/0/" + name));
        }
        JsonNode meta = trace.meta().get("constants");
        if (meta != null) {
            if (!meta.isObject()) {
                throw new ItfFormatException(trace.file(), -1, "/#meta/constants", "must be an object of ITF values");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = meta.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                String at = "/#meta/constants/" + f.getKey();
                if (!CONSTANTS.contains(f.getKey())) {
                    throw new ItfFormatException(trace.file(), -1, at, "not a constant of PBFT.tla ("
                            + String.join(", ", CONSTANTS) + ")");
                }
                given.putIfAbsent(f.getKey(), new Given(ItfReader.value(trace.file(), f.getValue(), at), at));
            }
        }
        List<String> missing = CONSTANTS.stream().filter(c -> !given.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            throw new ItfFormatException(trace.file(), -1, "", "no value for PBFT.tla's constant"
                    + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing) + ": give "
                    + (missing.size() == 1 ? "it" : "them") + " in \"#meta\": {\"constants\": {...}}, as trace "
                    + "parameters (params), or with --constant NAME=VALUE");
        }
        return given;
    }

    /** The types of the constants, and PBFT.tla's and ByzQuorums.tla's ASSUMEs, before TLC would stop on them. */
    private static void checkConstants(Path file, Map<String, Given> given) throws ItfFormatException {
        long n = integer(file, given.get("N"), 1);
        integer(file, given.get("F"), 0);
        integer(file, given.get("MaxView"), 0);
        integer(file, given.get("MaxSeq"), 1);
        Given byz = given.get("Byz");
        if (!(byz.value() instanceof ItfValue.SetOf set)) {
            throw constantError(file, byz, "Byz must be a #set of replica ids");
        }
        for (ItfValue r : set.elements()) {
            if (!(r instanceof ItfValue.Int i) || i.value().signum() < 0 || i.value().longValue() >= n) {
                throw constantError(file, byz, "Byz must be a subset of the replicas 0 .. N-1, holds " + ItfText.tla(r));
            }
        }
        Given values = given.get("Values");
        if (!(values.value() instanceof ItfValue.SetOf vs) || !vs.elements().stream().allMatch(v -> v instanceof ItfValue.Str)) {
            throw constantError(file, values, "Values must be a #set of strings (the requests)");
        }
        Given noOp = given.get("NoOp");
        if (!(noOp.value() instanceof ItfValue.Str s)) {
            throw constantError(file, noOp, "NoOp must be a string");
        }
        if (vs.elements().contains(s)) {
            throw constantError(file, noOp, "NoOp must not be one of Values (PBFT.tla assumes NoOp \\notin Values)");
        }
        for (Given g : given.values()) {
            ItfTlcValues.toTlc(g.value(), file, -1, g.where());
        }
    }

    private static long integer(Path file, Given g, int min) throws ItfFormatException {
        if (!(g.value() instanceof ItfValue.Int i) || i.value().compareTo(java.math.BigInteger.valueOf(min)) < 0
                || i.value().bitLength() > 31) {
            throw constantError(file, g, "must be an integer of at least " + min + " (and below 2^31), is "
                    + ItfText.tla(g.value()));
        }
        return i.value().longValue();
    }

    private static ItfFormatException constantError(Path file, Given g, String reason) {
        boolean option = g.where().startsWith("--");
        return new ItfFormatException(option ? null : file, -1, g.where(), reason);
    }

    private static ItfVerdict verdict(ItfTrace trace, Path verdicts) throws ValidationException {
        List<String> lines;
        try {
            lines = Files.exists(verdicts) ? Files.readAllLines(verdicts, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new ValidationException("cannot read the verdict in " + verdicts + ": " + e.getMessage(), e);
        }
        // The search is a line, so TLC reports exactly one verdict.
        if (lines.size() != 1) {
            throw new ValidationException("TLC reported " + lines.size() + " verdicts for " + trace.file()
                    + " (expected one; see " + verdicts + ")");
        }
        JsonNode v;
        try {
            v = JSON.readTree(lines.get(0));
        } catch (IOException e) {
            throw new ValidationException("unreadable verdict " + lines.get(0), e);
        }
        int states = trace.states().size();
        if ("accepted".equals(v.path("verdict").asText())) {
            return new ItfVerdict(trace.file(), states, -1, "", JSON.createObjectNode(), "", Map.of(), Map.of(),
                    v.path("peakHeapBytes").asLong(), v.path("retainedHeapBytes").asLong());
        }
        int j = v.path("state").asInt(-1);
        if (j < 0 || j >= states) {
            throw new ValidationException("TLC's verdict names state " + j + ", which the trace does not have");
        }
        JsonNode params = v.path("params").isObject() ? v.get("params") : JSON.createObjectNode();
        Map<String, String> change = j == 0 ? Map.of() : change(trace.states().get(j - 1), trace.states().get(j));
        Map<String, String> last = new LinkedHashMap<>();
        if (j > 0) {
            for (String var : VARIABLES) {
                last.put(var, ItfText.tla(trace.states().get(j - 1).get(var)));
            }
        }
        return new ItfVerdict(trace.file(), states, j, v.path("action").asText(), params, v.path("reason").asText(),
                change, last, v.path("peakHeapBytes").asLong(), v.path("retainedHeapBytes").asLong());
    }

    /** Per variable that differs: elements added and removed (sets), keys changed (maps), or old -> new. */
    static Map<String, String> change(Map<String, ItfValue> before, Map<String, ItfValue> after) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String var : VARIABLES) {
            ItfValue a = before.get(var);
            ItfValue b = after.get(var);
            if (ItfText.canonical(a).equals(ItfText.canonical(b))) {
                continue;
            }
            if (a instanceof ItfValue.SetOf sa && b instanceof ItfValue.SetOf sb) {
                Set<String> old = canonicalSet(sa.elements());
                Set<String> now = canonicalSet(sb.elements());
                List<String> parts = new ArrayList<>();
                List<String> added = now.stream().filter(x -> !old.contains(x)).toList();
                List<String> removed = old.stream().filter(x -> !now.contains(x)).toList();
                if (!added.isEmpty()) {
                    parts.add("added " + String.join(", ", added));
                }
                if (!removed.isEmpty()) {
                    parts.add("removed " + String.join(", ", removed));
                }
                out.put(var, String.join("; ", parts));
            } else if (a instanceof ItfValue.MapOf ma && b instanceof ItfValue.MapOf mb) {
                Map<String, String> old = canonicalMap(ma);
                Map<String, String> now = canonicalMap(mb);
                List<String> parts = new ArrayList<>();
                Set<String> keys = new LinkedHashSet<>(old.keySet());
                keys.addAll(now.keySet());
                for (String key : keys) {
                    if (!java.util.Objects.equals(old.get(key), now.get(key))) {
                        parts.add(key + ": " + (old.get(key) == null ? "(none)" : old.get(key)) + " -> "
                                + (now.get(key) == null ? "(none)" : now.get(key)));
                    }
                }
                out.put(var, String.join("; ", parts));
            } else {
                out.put(var, ItfText.tla(a) + " -> " + ItfText.tla(b));
            }
        }
        return out;
    }

    private static Set<String> canonicalSet(List<ItfValue> elements) {
        Set<String> out = new java.util.TreeSet<>();
        elements.forEach(e -> out.add(ItfText.canonical(e)));
        return out;
    }

    private static Map<String, String> canonicalMap(ItfValue.MapOf map) {
        Map<String, String> out = new TreeMap<>();
        map.entries().forEach(p -> out.put(ItfText.canonical(p.key()), ItfText.canonical(p.value())));
        return out;
    }
}
