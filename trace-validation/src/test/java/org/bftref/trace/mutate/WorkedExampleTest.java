package org.bftref.trace.mutate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.bftref.trace.format.Trace;
import org.bftref.trace.format.TraceReader;
import org.bftref.trace.mutate.TraceMutator.Kind;
import org.bftref.trace.validate.TraceValidator;
import org.bftref.trace.validate.Verdict;
import org.junit.jupiter.api.Test;

/**
 * FORMAT.md's worked example, taken from the page itself: the eight lines are accepted, and with the last line's
 * commits cut to [1,2] the validator answers what the page says it answers.
 */
class WorkedExampleTest {

    @Test
    void theWorkedExampleIsAcceptedAndItsBrokenVariantRejectedAtEventSeven() throws Exception {
        String example = workedExample();
        String[] lines = example.split("\n");
        assertEquals(8, lines.length, "the worked example has a header and seven events");
        assertTrue(lines[7].contains("\"commits\":[0,1,2]"), lines[7]);
        String broken = example.replace(lines[7], lines[7].replace("\"commits\":[0,1,2]", "\"commits\":[1,2]"));

        Trace good = TraceReader.read("worked-example.ndjson", example.getBytes(StandardCharsets.UTF_8));
        Trace bad = TraceReader.read("worked-example-broken.ndjson", broken.getBytes(StandardCharsets.UTF_8));
        List<Verdict> verdicts = TraceValidator.validateAll(List.of(good, bad), TraceValidator.Options.defaults());

        assertTrue(verdicts.get(0).accepted(), verdicts.get(0).text());
        Verdict v = verdicts.get(1);
        assertFalse(v.accepted(), "the broken example was accepted");
        assertEquals(7, v.rejectedAt(), v.text());
        assertEquals(8, v.event().line(), v.text());
        assertEquals("Execute", v.event().action());
        assertTrue(v.reason().contains("fewer than 2f+1 COMMITs"), v.reason());
        // The page quotes the answer; it must be the validator's own words.
        String page = Files.readString(formatMd());
        assertTrue(page.contains("rejected at event 7 (line 8): Execute: " + v.reason().replaceAll(" \\(RULE.*\\)$", "")),
                "FORMAT.md quotes another reason than the validator gives: " + v.reason());
    }

    /**
     * The mutator's kinds on a trace small enough to check by eye (the worked example: replica 3 faulty, replica 0
     * the primary of view 0), then every mutant of every kind at every event, each predicted by the oracle and all
     * validated in one TLC run. Unlike the simulator's traces, this trace does not change with the implementation.
     */
    @Test
    void mutantsOfTheWorkedExample() throws Exception {
        Trace example = TraceReader.read("worked-example.ndjson", workedExample().getBytes(StandardCharsets.UTF_8));
        TraceMutator mutator = new TraceMutator(example);
        Random random = new Random(1);

        TraceMutator.Mutant drop = mutator.mutate(Kind.DROP, 3, random).orElseThrow();
        assertEquals(6, drop.trace().events().size());
        assertEquals(3, drop.index());
        assertArrayEquals(new int[] {1, 2, 4, 5, 6, 7}, drop.origins());

        TraceMutator.Mutant swap = mutator.mutate(Kind.SWAP, 2, random).orElseThrow();
        assertEquals(2, swap.trace().events().get(1).replica());
        assertEquals(1, swap.trace().events().get(2).replica());
        assertArrayEquals(new int[] {1, 3, 2, 4, 5, 6, 7}, swap.origins());
        assertTrue(mutator.mutate(Kind.SWAP, 7, random).isEmpty(), "nothing follows the last event");

        TraceMutator.Mutant dup = mutator.mutate(Kind.DUPLICATE_COMMIT, 4, random).orElseThrow();
        assertEquals(8, dup.trace().events().size());
        assertEquals(5, dup.index());
        assertEquals(0, dup.origin(5));
        assertEquals(dup.trace().events().get(3).json(), dup.trace().events().get(4).json());

        TraceMutator.Mutant below = mutator.mutate(Kind.VOTES_BELOW_QUORUM, 7, random).orElseThrow();
        assertEquals(2, below.trace().events().get(6).json().get("commits").size());
        // Without a seed (bftref demo's broken event): the lowest ids stay, the same mutant every time.
        TraceMutator.Mutant lowest = mutator.votesBelowQuorum(7).orElseThrow();
        assertEquals("[0,1]", lowest.trace().events().get(6).json().get("commits").toString());
        assertEquals(Kind.VOTES_BELOW_QUORUM, lowest.kind());
        assertEquals(7, lowest.index());
        assertEquals(lowest.description(), mutator.votesBelowQuorum(7).orElseThrow().description());
        assertTrue(mutator.votesBelowQuorum(1).isEmpty(), "a PRE-PREPARE has no certificate");
        TraceMutator.Mutant primary = mutator.mutate(Kind.VOTE_PRIMARY, 4, random).orElseThrow();
        assertEquals("[0,1,2]", primary.trace().events().get(3).json().get("prepares").toString());
        TraceMutator.Mutant beyond = mutator.mutate(Kind.SEQ_BEYOND_WINDOW, 1, random).orElseThrow();
        assertEquals(9, beyond.trace().events().get(0).json().get("n").intValue());
        TraceMutator.Mutant fresh = mutator.mutate(Kind.DIGEST_FRESH, 1, random).orElseThrow();
        String d = fresh.trace().events().get(0).json().get("d").textValue();
        assertFalse(workedExample().contains("\"" + d + "\""), d);
        TraceMutator.Mutant rename = mutator.mutate(Kind.RENAME_FRESH, 1, random).orElseThrow();
        assertFalse(rename.trace().events().stream().anyMatch(e -> e.json().get("d").textValue().equals("a1")));
        assertTrue(mutator.mutate(Kind.VIEW_DOWN, 1, random).isEmpty(), "v - 1 of view 0");
        assertEquals(List.of(), mutator.targets(Kind.VOTE_UNSENT), "every honest replica sent every vote here");
        assertEquals(List.of(1), mutator.targets(Kind.RENAME_EXISTING), "one digest, a1, first logged by event 1");

        MutantOracle oracle = new MutantOracle(example);
        List<TraceMutator.Mutant> all = new ArrayList<>();
        List<MutantOracle.Prediction> predictions = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            for (int k : mutator.targets(kind)) {
                TraceMutator.Mutant m = mutator.mutate(kind, k, random).orElseThrow();
                all.add(m);
                predictions.add(oracle.predict(m));
            }
        }
        List<Trace> traces = new ArrayList<>();
        all.forEach(m -> traces.add(m.trace()));
        List<Verdict> verdicts = TraceValidator.validateAll(traces, TraceValidator.Options.defaults());
        List<String> mismatches = new ArrayList<>();
        for (int k = 0; k < all.size(); k++) {
            String problem = TraceMutationTest.compare(predictions.get(k), verdicts.get(k));
            if (problem != null) {
                mismatches.add(all.get(k) + ": " + predictions.get(k) + "; TLC: " + verdicts.get(k).text() + "; " + problem);
            }
        }
        System.out.println(all.size() + " mutants of the worked example");
        assertEquals(List.of(), mismatches);
        assertTrue(all.size() > 60, all.size() + " mutants");
    }

    static Path formatMd() {
        Path here = Path.of("FORMAT.md");
        if (Files.isRegularFile(here)) {
            return here;
        }
        return Path.of(System.getProperty("bftref.home", ".."), "trace-validation", "FORMAT.md");
    }

    /** The code block under "## A worked example", with a final newline. */
    static String workedExample() throws Exception {
        String text = Files.readString(formatMd());
        int section = text.indexOf("## A worked example");
        assertTrue(section >= 0, "FORMAT.md has no worked example");
        int start = text.indexOf("```\n", section) + 4;
        int end = text.indexOf("```", start);
        return text.substring(start, end);
    }
}
