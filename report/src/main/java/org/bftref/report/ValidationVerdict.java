package org.bftref.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.bftref.trace.validate.Verdict;

/**
 * What the diagrams need of a validation verdict: accepted, or rejected at event k with the reason. It comes from a
 * {@link Verdict} in the same JVM, or from the JSON that {@code bftref validate --json} prints
 * ({@link Verdict#json()}).
 *
 * @param accepted   whether the trace was accepted
 * @param events     how many events the trace has
 * @param rejectedAt the rejected event, 1-based; 0 when accepted
 * @param file       the file of the rejected event (as the validator was given it); null when accepted
 * @param line       its line in that file; 0 when accepted
 * @param action     the action the rejected event claimed; null when accepted
 * @param replica    the replica of the rejected event; -1 when accepted
 * @param reason     the failed check, in TracePBFT.tla's words; empty when accepted
 */
public record ValidationVerdict(boolean accepted, int events, int rejectedAt, String file, int line, String action,
                                int replica, String reason) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static ValidationVerdict of(Verdict v) {
        if (v.accepted()) {
            return new ValidationVerdict(true, v.events(), 0, null, 0, null, -1, "");
        }
        return new ValidationVerdict(false, v.events(), v.rejectedAt(), v.event().file().toString(), v.event().line(),
                v.event().action(), v.event().replica(), v.reason());
    }

    /** One line, in trace-validation's words ({@link Verdict#summary}). */
    public String summary() {
        return Verdict.summary(accepted, events, rejectedAt, file == null ? null : Path.of(file), line, action, reason);
    }

    /** Reads the JSON of {@code bftref validate --json}. */
    public static ValidationVerdict read(Path file) throws RenderException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new RenderException(file, 0, "", "no such file");
        } catch (IOException e) {
            throw new RenderException(file, 0, "", "cannot read: " + e.getMessage());
        }
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getLineNr());
            throw new RenderException(file, line, "", "not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new RenderException(file, 0, "", "cannot read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new RenderException(file, 1, "", "expected the JSON object of bftref validate --json");
        }
        String verdict = text(file, root, Verdict.KEY_VERDICT);
        int events = natural(file, root, Verdict.KEY_EVENTS, 0);
        if (Verdict.ACCEPTED.equals(verdict)) {
            return new ValidationVerdict(true, events, 0, null, 0, null, -1, "");
        }
        if (!Verdict.REJECTED.equals(verdict)) {
            throw new RenderException(file, 1, Verdict.KEY_VERDICT, "expected \"" + Verdict.ACCEPTED + "\" or \""
                    + Verdict.REJECTED + "\", not \"" + verdict + "\"");
        }
        int event = natural(file, root, Verdict.KEY_EVENT, 1);
        if (event > events) {
            throw new RenderException(file, 1, Verdict.KEY_EVENT, "event " + event + " of a trace of " + events + " events");
        }
        return new ValidationVerdict(false, events, event, text(file, root, Verdict.KEY_FILE),
                natural(file, root, Verdict.KEY_LINE, 1), text(file, root, Verdict.KEY_ACTION),
                natural(file, root, Verdict.KEY_REPLICA, 0), text(file, root, Verdict.KEY_REASON));
    }

    private static String text(Path file, JsonNode root, String field) throws RenderException {
        JsonNode n = root.get(field);
        if (n == null || !n.isTextual()) {
            throw new RenderException(file, 1, field, n == null ? "missing" : "expected a string");
        }
        return n.asText();
    }

    private static int natural(Path file, JsonNode root, String field, int min) throws RenderException {
        JsonNode n = root.get(field);
        if (n == null || !n.canConvertToInt() || !n.isIntegralNumber() || n.asInt() < min) {
            throw new RenderException(file, 1, field, n == null ? "missing" : "expected an integer of at least " + min);
        }
        return n.asInt();
    }
}
