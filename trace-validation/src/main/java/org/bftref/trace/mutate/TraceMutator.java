package org.bftref.trace.mutate;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.bftref.trace.format.Trace;
import org.bftref.trace.format.TraceFormatException;
import org.bftref.trace.format.TraceHeader;
import org.bftref.trace.format.TraceLine;
import org.bftref.trace.format.TraceReader;

/**
 * Breaks an accepted trace in one place, to test that the trace spec (spec/pbft/TracePBFT.tla) notices: drops an
 * event, swaps two adjacent events of different replicas, changes a digest, a view, a sequence number or the
 * replica of an event, adds or removes votes of a certificate, or duplicates a COMMIT; or renames a request digest
 * everywhere (to a fresh name, which must change nothing; or to another request's, merging two batches).
 *
 * <p>Every mutant stays well-formed: it is written as NDJSON and read back through {@link TraceReader}, so ids
 * stay below n, events stay with honest replicas, sets keep distinct members, digests stay lowercase hex. What it
 * tests is therefore the spec, never the parser. A kind applies only to some events ({@link #targets}); a mutant
 * is drawn from a seeded {@link Random} ({@link #random}) or made at an explicit event ({@link #mutate}), and the
 * same seed gives the same mutant.
 *
 * <p>Indices are 1-based event indices, as in a {@code Verdict} (the header is not an event).
 */
public final class TraceMutator {

    /** What a mutant changes. */
    public enum Kind {
        DROP("drop an event"),
        SWAP("swap two adjacent events of different replicas"),
        DIGEST_FRESH("change a digest (d, or a checkpoint's state) to one that appears nowhere in the trace"),
        DIGEST_EXISTING("change a digest (d, or a checkpoint's state) to another one that appears in the trace"),
        VIEW_UP("change the view v to v+1"),
        VIEW_DOWN("change the view v to v-1"),
        SEQ_UP("change the sequence number n to n+1"),
        SEQ_DOWN("change the sequence number n to n-1"),
        SEQ_BEYOND_WINDOW("change the sequence number n to n+L, beyond the watermark window"),
        SENDER("change the replica to another honest replica"),
        VOTE_UNSENT("add to a certificate (prepares, commits, proof) an honest replica that never sent that vote"),
        VOTE_PRIMARY("add the primary of v to a SendCommit's prepares"),
        VOTES_BELOW_QUORUM("remove votes of a certificate until it is one short of its quorum"),
        DUPLICATE_COMMIT("insert a copy of a SendCommit right after it"),
        RENAME_FRESH("rename a request digest everywhere (events, certificates, V, O) to one that appears nowhere: the"
                + " same behaviour under other names"),
        RENAME_EXISTING("rename a request digest everywhere to another request's digest (or the null request's):"
                + " two batches become one");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    /**
     * One mutant.
     *
     * @param kind        what was changed
     * @param index       1-based index, in the mutant, of the first event that differs from the original (for a
     *                    drop: the event that follows the dropped one, or events + 1 when the last one was dropped;
     *                    for a swap: the first of the two; for a duplicate: the copy; for a renaming: the first
     *                    event that mentions the digest)
     * @param description one line: the kind, the event, the change
     * @param trace       the mutant, read back through {@link TraceReader}
     * @param original    the trace it was made from
     * @param origins     for each event of the mutant (0-based array, 1-based original indices): the index of the
     *                    identical event of the original, or 0 when the event was changed or inserted
     */
    public record Mutant(Kind kind, int index, String description, Trace trace, Trace original, int[] origins) {

        /** The 1-based index in the original of the mutant's event {@code j} (1-based), or 0 if changed or new. */
        public int origin(int j) {
            return origins[j - 1];
        }

        @Override
        public String toString() {
            return description;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> REQUEST_DIGEST_ACTIONS = Set.of("SendPrePrepare", "SendPrepare", "SendCommit", "Execute");
    private static final Set<String> STATE_DIGEST_ACTIONS = Set.of("SendCheckpoint", "CheckpointStable");
    private static final Set<String> VIEW_ACTIONS = Set.of("SendPrePrepare", "SendPrepare", "SendCommit", "Execute",
            "SendViewChange", "SendNewView", "AcceptNewView", "Restart");
    private static final Set<String> SEQ_ACTIONS = Set.of("SendPrePrepare", "SendPrepare", "SendCommit", "Execute",
            "SendCheckpoint", "CheckpointStable", "StateTransfer", "Restart");
    private static final Set<String> WINDOW_ACTIONS = Set.of("SendPrePrepare", "SendPrepare", "SendCommit");

    private final Trace original;
    private final TraceHeader header;
    private final List<ObjectNode> events;
    private final List<Integer> honest;
    /** Every string value anywhere in the trace (header included): a fresh digest is none of them. */
    private final Set<String> strings = new TreeSet<>();
    /** Request digests (d of events, of certificates and of O entries) and the null digest. */
    private final Set<String> requestDigests = new TreeSet<>();
    private final Set<String> stateDigests = new TreeSet<>();
    private final String name;

    public TraceMutator(Trace original) {
        this.original = original;
        this.header = original.header();
        List<ObjectNode> list = new ArrayList<>();
        for (TraceLine line : original.events()) {
            list.add(line.json());
        }
        this.events = Collections.unmodifiableList(list);
        List<Integer> h = new ArrayList<>();
        for (int r : header.replicas()) {
            if (!header.faulty().contains(r)) {
                h.add(r);
            }
        }
        this.honest = List.copyOf(h);
        collectStrings(header.json());
        requestDigests.add(header.nullDigest());
        for (ObjectNode e : events) {
            collectStrings(e);
            collectDigests(e);
        }
        String file = original.files().isEmpty() ? "trace" : original.files().get(0).getFileName().toString();
        this.name = file.endsWith(".ndjson") ? file.substring(0, file.length() - ".ndjson".length()) : file;
    }

    public Trace original() {
        return original;
    }

    /** The 1-based indices of the events that {@code kind} can change (for SWAP: the first of the pair). */
    public List<Integer> targets(Kind kind) {
        List<Integer> out = new ArrayList<>();
        for (int k = 1; k <= events.size(); k++) {
            if (applies(kind, k)) {
                out.add(k);
            }
        }
        return out;
    }

    /** A mutant of a kind drawn at random among those that apply somewhere, at a random target. */
    public Optional<Mutant> random(Random random) {
        List<Kind> kinds = new ArrayList<>(List.of(Kind.values()));
        Collections.shuffle(kinds, random);
        for (Kind kind : kinds) {
            Optional<Mutant> m = random(kind, random);
            if (m.isPresent()) {
                return m;
            }
        }
        return Optional.empty();
    }

    /** A mutant of this kind at a random target, or empty if the kind applies nowhere in this trace. */
    public Optional<Mutant> random(Kind kind, Random random) {
        List<Integer> targets = targets(kind);
        if (targets.isEmpty()) {
            return Optional.empty();
        }
        return mutate(kind, targets.get(random.nextInt(targets.size())), random);
    }

    /**
     * The mutant of this kind at event {@code index} (1-based, of the original; for SWAP the first of the two
     * events), with {@code random} choosing among the ways the kind can apply there (which digest, replica or
     * votes); empty if the kind does not apply there.
     */
    public Optional<Mutant> mutate(Kind kind, int index, Random random) {
        return make(kind, index, java.util.Objects.requireNonNull(random, "random"));
    }

    /**
     * The {@link Kind#VOTES_BELOW_QUORUM} mutant at event {@code index} that keeps the certificate's lowest replica
     * ids, one short of the quorum; empty if the kind does not apply there. No seed is needed: the same trace
     * always gives the same mutant, one that is easy to explain to a reader (bftref demo shows it), while
     * {@link #mutate} draws the votes kept, so that a test suite covers other subsets too.
     */
    public Optional<Mutant> votesBelowQuorum(int index) {
        return make(Kind.VOTES_BELOW_QUORUM, index, null);
    }

    /** {@link #mutate}, where a null {@code random} (only from {@link #votesBelowQuorum}) keeps the lowest ids. */
    private Optional<Mutant> make(Kind kind, int index, Random random) {
        if (index < 1 || index > events.size() || !applies(kind, index)) {
            return Optional.empty();
        }
        ObjectNode e = events.get(index - 1);
        String what = describe(e);
        List<ObjectNode> out = new ArrayList<>(events);
        int[] origins;
        int first = index;
        String change;
        switch (kind) {
            case DROP: {
                out.remove(index - 1);
                origins = new int[out.size()];
                for (int j = 1; j <= out.size(); j++) {
                    origins[j - 1] = j < index ? j : j + 1;
                }
                change = "dropped";
                break;
            }
            case SWAP: {
                out.set(index - 1, events.get(index));
                out.set(index, e);
                origins = identity(out.size());
                origins[index - 1] = index + 1;
                origins[index] = index;
                change = "moved after event " + (index + 1) + " (" + describe(events.get(index)) + ")";
                break;
            }
            case RENAME_FRESH:
            case RENAME_EXISTING: {
                String old = e.get("d").textValue();
                String to;
                if (kind == Kind.RENAME_FRESH) {
                    to = freshDigest(old.length(), random);
                } else {
                    List<String> others = new ArrayList<>(requestDigests);
                    others.remove(old);
                    to = others.get(random.nextInt(others.size()));
                }
                origins = identity(out.size());
                first = 0;
                int count = 0;
                for (int j = 1; j <= out.size(); j++) {
                    ObjectNode copy = out.get(j - 1).deepCopy();
                    if (renameDigest(copy, old, to)) {
                        out.set(j - 1, copy);
                        origins[j - 1] = 0;
                        first = first == 0 ? j : first;
                        count++;
                    }
                }
                change = "renamed everywhere: " + shortDigest(old) + " -> " + (kind == Kind.RENAME_FRESH ? "fresh " : "existing ")
                        + shortDigest(to) + (to.equals(header.nullDigest()) ? " (the null request's)" : "") + ", " + count + " events";
                break;
            }
            case DUPLICATE_COMMIT: {
                out.add(index, e.deepCopy());
                origins = new int[out.size()];
                for (int j = 1; j <= out.size(); j++) {
                    origins[j - 1] = j <= index ? j : j == index + 1 ? 0 : j - 1;
                }
                first = index + 1;
                change = "logged twice (a copy inserted as event " + (index + 1) + ")";
                break;
            }
            default: {
                ObjectNode m = e.deepCopy();
                change = changeInPlace(kind, m, index, random);
                out.set(index - 1, m);
                origins = identity(out.size());
                origins[index - 1] = 0;
                break;
            }
        }
        String description = kind + " at event " + index + ": " + what + " " + change;
        Trace trace = write(kind + "-" + index, out, description);
        return Optional.of(new Mutant(kind, first, description, trace, original, origins));
    }

    // ------------------------------------------------------------------------------------------------

    private boolean applies(Kind kind, int k) {
        ObjectNode e = events.get(k - 1);
        String action = e.get("action").textValue();
        switch (kind) {
            case DROP:
                return true;
            case SWAP:
                return k < events.size() && e.get("replica").intValue() != events.get(k).get("replica").intValue();
            case DIGEST_FRESH:
                return REQUEST_DIGEST_ACTIONS.contains(action) || STATE_DIGEST_ACTIONS.contains(action);
            case DIGEST_EXISTING:
                return !otherDigests(e).isEmpty();
            case VIEW_UP:
                return VIEW_ACTIONS.contains(action);
            case VIEW_DOWN:
                return VIEW_ACTIONS.contains(action) && e.get("v").longValue() >= 1;
            case SEQ_UP:
                return SEQ_ACTIONS.contains(action);
            case SEQ_DOWN:
                return SEQ_ACTIONS.contains(action) && e.get("n").longValue() >= 1;
            case SEQ_BEYOND_WINDOW:
                return WINDOW_ACTIONS.contains(action);
            case SENDER:
                return honest.size() >= 2;
            case VOTE_UNSENT:
                return !unsentVoters(e).isEmpty();
            case VOTE_PRIMARY:
                return action.equals("SendCommit") && !members(e.get("prepares")).contains(primary(e.get("v").longValue()));
            case VOTES_BELOW_QUORUM:
                return certificateField(action) != null && members(e.get(certificateField(action))).size() >= quorum(action);
            case DUPLICATE_COMMIT:
                return action.equals("SendCommit");
            case RENAME_FRESH:
            case RENAME_EXISTING:
                // At the first event that logs the digest as its d; never the null request's digest.
                return e.has("d") && !e.get("d").textValue().equals(header.nullDigest()) && firstWithD(e.get("d").textValue()) == k;
            default:
                throw new IllegalArgumentException(kind.toString());
        }
    }

    /** Changes {@code m} (a copy of event index) in place; returns what changed, in words. */
    private String changeInPlace(Kind kind, ObjectNode m, int index, Random random) {
        String action = m.get("action").textValue();
        switch (kind) {
            case DIGEST_FRESH: {
                String field = REQUEST_DIGEST_ACTIONS.contains(action) ? "d" : "state";
                String old = m.get(field).textValue();
                String fresh = freshDigest(old.length(), random);
                m.put(field, fresh);
                return field + " " + shortDigest(old) + " -> fresh " + shortDigest(fresh);
            }
            case DIGEST_EXISTING: {
                String field = REQUEST_DIGEST_ACTIONS.contains(action) ? "d" : "state";
                String old = m.get(field).textValue();
                List<String> candidates = otherDigests(m);
                // Half the time, a digest logged at the same sequence number (another view's, another batch):
                // the closest a confused implementation gets to the right one.
                List<String> sameN = new ArrayList<>();
                for (ObjectNode e : events) {
                    if (e.has(field) && e.has("n") && e.get("n").longValue() == m.get("n").longValue()
                            && candidates.contains(e.get(field).textValue()) && !sameN.contains(e.get(field).textValue())) {
                        sameN.add(e.get(field).textValue());
                    }
                }
                List<String> from = !sameN.isEmpty() && random.nextBoolean() ? sameN : candidates;
                String other = from.get(random.nextInt(from.size()));
                m.put(field, other);
                String note = other.equals(header.nullDigest()) ? " (the null request's)" : sameN.contains(other) ? " (logged at the same n)" : "";
                return field + " " + shortDigest(old) + " -> existing " + shortDigest(other) + note;
            }
            case VIEW_UP:
            case VIEW_DOWN: {
                long v = m.get("v").longValue();
                long w = kind == Kind.VIEW_UP ? v + 1 : v - 1;
                m.put("v", w);
                return "v " + v + " -> " + w;
            }
            case SEQ_UP:
            case SEQ_DOWN:
            case SEQ_BEYOND_WINDOW: {
                long n = m.get("n").longValue();
                long w = kind == Kind.SEQ_UP ? n + 1 : kind == Kind.SEQ_DOWN ? n - 1 : n + header.watermarkWindow();
                m.put("n", w);
                return "n " + n + " -> " + w;
            }
            case SENDER: {
                int r = m.get("replica").intValue();
                List<Integer> others = new ArrayList<>(honest);
                others.remove(Integer.valueOf(r));
                int to = others.get(random.nextInt(others.size()));
                m.put("replica", to);
                return "replica " + r + " -> " + to;
            }
            case VOTE_UNSENT: {
                List<Integer> voters = unsentVoters(m);
                int q = voters.get(random.nextInt(voters.size()));
                String field = certificateField(action);
                Set<Integer> set = members(m.get(field));
                set.add(q);
                m.set(field, array(set));
                return field + " + " + q + " (replica " + q + " never sent that vote) = " + set;
            }
            case VOTE_PRIMARY: {
                int p = primary(m.get("v").longValue());
                Set<Integer> set = members(m.get("prepares"));
                set.add(p);
                m.set("prepares", array(set));
                return "prepares + " + p + " (the primary of view " + m.get("v").longValue() + ") = " + set;
            }
            case VOTES_BELOW_QUORUM: {
                String field = certificateField(action);
                List<Integer> list = new ArrayList<>(members(m.get(field))); // ascending
                if (random != null) {
                    Collections.shuffle(list, random);
                }
                Set<Integer> kept = new TreeSet<>(list.subList(0, quorum(action) - 1));
                String was = members(m.get(field)).toString();
                m.set(field, array(kept));
                return field + " " + was + " -> " + kept + " (" + kept.size() + ", quorum " + quorum(action) + ")";
            }
            default:
                throw new IllegalArgumentException(kind.toString());
        }
    }

    private int firstWithD(String d) {
        for (int j = 1; j <= events.size(); j++) {
            ObjectNode e = events.get(j - 1);
            if (e.has("d") && e.get("d").textValue().equals(d)) {
                return j;
            }
        }
        return 0;
    }

    /** Replaces request digest {@code from} by {@code to} in d fields at any depth (event, P, V, O); true if any. */
    private static boolean renameDigest(JsonNode node, String from, String to) {
        boolean changed = false;
        if (node.isObject()) {
            ObjectNode o = (ObjectNode) node;
            if (o.has("d") && o.get("d").isTextual() && o.get("d").textValue().equals(from)) {
                o.put("d", to);
                changed = true;
            }
            for (JsonNode child : o) {
                changed |= renameDigest(child, from, to);
            }
        } else if (node.isArray()) {
            for (JsonNode child : node) {
                changed |= renameDigest(child, from, to);
            }
        }
        return changed;
    }

    /** The certificate's quorum: 2f PREPAREs (n-f-1), 2f+1 COMMITs or CHECKPOINTs (n-f). */
    private int quorum(String action) {
        return action.equals("SendCommit") ? header.n() - header.f() - 1 : header.n() - header.f();
    }

    private static String certificateField(String action) {
        switch (action) {
            case "SendCommit":
                return "prepares";
            case "Execute":
                return "commits";
            case "CheckpointStable":
                return "proof";
            default:
                return null;
        }
    }

    /**
     * Honest replicas that could be added to the event's certificate although nowhere in the trace did they send
     * the vote: for a SendCommit's prepares, no SendPrepare of (v, n, d) and no AcceptNewView of v whose O holds
     * (n, d) (which counts as a PREPARE); never the primary of v. For an Execute's commits, no SendCommit of
     * (v, n, d). For a CheckpointStable's proof, no SendCheckpoint of (n, state).
     */
    private List<Integer> unsentVoters(ObjectNode e) {
        String action = e.get("action").textValue();
        String field = certificateField(action);
        if (field == null) {
            return List.of();
        }
        Set<Integer> in = members(e.get(field));
        List<Integer> out = new ArrayList<>();
        for (int q : honest) {
            if (in.contains(q) || (action.equals("SendCommit") && q == primary(e.get("v").longValue()))) {
                continue;
            }
            if (!sentVote(q, e)) {
                out.add(q);
            }
        }
        return out;
    }

    private boolean sentVote(int q, ObjectNode e) {
        String action = e.get("action").textValue();
        for (ObjectNode x : events) {
            if (x.get("replica").intValue() != q) {
                continue;
            }
            String a = x.get("action").textValue();
            switch (action) {
                case "SendCommit":
                    if (a.equals("SendPrepare") && same(x, e, "v", "n", "d")) {
                        return true;
                    }
                    if (a.equals("AcceptNewView") && same(x, e, "v")) {
                        for (JsonNode o : x.get("O")) {
                            if (o.get("n").longValue() == e.get("n").longValue() && o.get("d").textValue().equals(e.get("d").textValue())) {
                                return true;
                            }
                        }
                    }
                    break;
                case "Execute":
                    if (a.equals("SendCommit") && same(x, e, "v", "n", "d")) {
                        return true;
                    }
                    break;
                case "CheckpointStable":
                    if (a.equals("SendCheckpoint") && same(x, e, "n", "state")) {
                        return true;
                    }
                    break;
                default:
                    throw new IllegalStateException(action);
            }
        }
        return false;
    }

    private static boolean same(ObjectNode a, ObjectNode b, String... fields) {
        for (String f : fields) {
            if (!a.get(f).equals(b.get(f))) {
                return false;
            }
        }
        return true;
    }

    /** Digests of the same sort (request or state) that appear in the trace, other than the event's own. */
    private List<String> otherDigests(ObjectNode e) {
        String action = e.get("action").textValue();
        Set<String> pool;
        String field;
        if (REQUEST_DIGEST_ACTIONS.contains(action)) {
            pool = requestDigests;
            field = "d";
        } else if (STATE_DIGEST_ACTIONS.contains(action)) {
            pool = stateDigests;
            field = "state";
        } else {
            return List.of();
        }
        List<String> out = new ArrayList<>(pool);
        out.remove(e.get(field).textValue());
        return out;
    }

    private String freshDigest(int length, Random random) {
        char[] hex = "0123456789abcdef".toCharArray();
        while (true) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < Math.max(4, Math.min(128, length)); i++) {
                b.append(hex[random.nextInt(16)]);
            }
            String d = b.toString();
            if (!strings.contains(d)) {
                return d;
            }
        }
    }

    private void collectStrings(JsonNode node) {
        if (node.isTextual()) {
            strings.add(node.textValue());
        } else if (node.isContainerNode()) {
            for (JsonNode child : node) {
                collectStrings(child);
            }
        }
    }

    private void collectDigests(ObjectNode e) {
        String action = e.get("action").textValue();
        if (REQUEST_DIGEST_ACTIONS.contains(action)) {
            requestDigests.add(e.get("d").textValue());
        }
        if (STATE_DIGEST_ACTIONS.contains(action)) {
            stateDigests.add(e.get("state").textValue());
        }
        for (String field : List.of("P", "V", "O")) {
            if (e.has(field)) {
                collectRequestDigests(e.get(field));
            }
        }
    }

    private void collectRequestDigests(JsonNode node) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                if (f.getKey().equals("d") && f.getValue().isTextual()) {
                    requestDigests.add(f.getValue().textValue());
                } else {
                    collectRequestDigests(f.getValue());
                }
            }
        } else if (node.isArray()) {
            for (JsonNode child : node) {
                collectRequestDigests(child);
            }
        }
    }

    private int primary(long v) {
        return (int) (v % header.n());
    }

    private static Set<Integer> members(JsonNode array) {
        Set<Integer> out = new TreeSet<>();
        for (JsonNode x : array) {
            out.add(x.intValue());
        }
        return out;
    }

    private static ArrayNode array(Set<Integer> set) {
        ArrayNode a = JSON.createArrayNode();
        for (int x : set) {
            a.add(x);
        }
        return a;
    }

    private static int[] identity(int size) {
        int[] out = new int[size];
        for (int j = 0; j < size; j++) {
            out[j] = j + 1;
        }
        return out;
    }

    /** "SendCommit by 2 (v=1, n=3, d=99cf69..)": what an event is, in a few words. */
    public static String describe(ObjectNode e) {
        StringBuilder b = new StringBuilder();
        b.append(e.get("action").textValue()).append(" by ").append(e.get("replica").intValue());
        List<String> parts = new ArrayList<>();
        for (String f : List.of("v", "n", "h")) {
            if (e.has(f) && e.get(f).isIntegralNumber()) {
                parts.add(f + "=" + e.get(f).longValue());
            }
        }
        for (String f : List.of("d", "state")) {
            if (e.has(f)) {
                parts.add(f + "=" + shortDigest(e.get(f).textValue()));
            }
        }
        for (String f : List.of("prepares", "commits", "proof")) {
            if (e.has(f)) {
                parts.add(f + "=" + members(e.get(f)));
            }
        }
        if (!parts.isEmpty()) {
            b.append(" (").append(String.join(", ", parts)).append(")");
        }
        return b.toString();
    }

    public static String shortDigest(String d) {
        return d.length() <= 8 ? d : d.substring(0, 6) + "..";
    }

    private Trace write(String suffix, List<ObjectNode> out, String description) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ObjectNode h = header.json().deepCopy();
            h.put("source", "mutant of " + (header.source() == null ? name : header.source()) + ": " + description);
            bytes.write(JSON.writeValueAsBytes(h));
            bytes.write('\n');
            for (ObjectNode e : out) {
                bytes.write(JSON.writeValueAsBytes(e));
                bytes.write('\n');
            }
            return TraceReader.read(name + "." + suffix + ".ndjson", bytes.toByteArray());
        } catch (TraceFormatException e) {
            throw new IllegalStateException("a mutant must stay well-formed, but the reader refused it ("
                    + description + "): " + e.getMessage(), e);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
