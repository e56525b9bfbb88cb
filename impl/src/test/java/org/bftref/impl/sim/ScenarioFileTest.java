package org.bftref.impl.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.bftref.impl.core.Mutant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scenario files: a lossless round trip, replay from a file, and one precise line for every kind of bad input. */
class ScenarioFileTest {

    /** Every field away from its default, so that the round trip covers it. */
    private static Scenario everything() {
        Scenario s = Scenario.defaults(-7, 7).withClients(3, 5).withBatchSizeMax(2).withCheckpoints(4, 12)
                .withViewChangeTimeoutMillis(333).withScheme("ed25519").withByzantine(1, Strategy.FLOOD)
                .withByzantine(5, Strategy.TWINS).withCrash(2, 100, 500).withCrash(2, 600, -1)
                .withMutants(Set.of(Mutant.NO_PERSISTENCE, Mutant.PREPARE_QUORUM_2F)).withLimits(9_000, 12_345)
                .withRecordTrace(true).withCheckWireFormat(true);
        return s.withNetwork(new Scenario.Network(2, 30, 7, 3, 1_200, 9, List.of(
                Scenario.Partition.of(10, 200, List.of(0, 3)), Scenario.Partition.of(300, 1_200, List.of(6)))));
    }

    private static String valid() {
        return new ScenarioFile(Scenario.defaults(7, 4).withByzantine(1, Strategy.FLOOD).withCrash(2, 100, 500)
                .withMutants(Set.of(Mutant.NO_PERSISTENCE))
                .withNetwork(Scenario.Network.defaults().withPartitions(List.of(Scenario.Partition.of(10, 200, List.of(0, 3))))),
                new int[] {1, 2, 3}).toJson();
    }

    /** Parses text that must be refused, and returns the one-line message. */
    private static String refused(String text) {
        ScenarioFileException e = assertThrows(ScenarioFileException.class, () -> ScenarioFile.parse("bad.json", text));
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        assertTrue(e.getMessage().startsWith("bad.json:" + e.line() + ": "), e.getMessage());
        return e.getMessage();
    }

    private static String lineOf(String text, String needle) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(needle)) {
                return "bad.json:" + (i + 1) + ": ";
            }
        }
        throw new AssertionError(needle + " not in the text");
    }

    @Test
    void aScenarioWithChoicesSurvivesTheRoundTrip() throws Exception {
        ScenarioFile file = new ScenarioFile(everything(), new int[] {0, 5, -1, Integer.MAX_VALUE});
        ScenarioFile back = ScenarioFile.parse("x.json", file.toJson());
        assertEquals(file, back);
        assertEquals(everything(), back.scenario());
        assertArrayEquals(new int[] {0, 5, -1, Integer.MAX_VALUE}, back.choices());
    }

    @Test
    void withoutChoicesARunDrawsThemFromTheSeed() throws Exception {
        ScenarioFile back = ScenarioFile.parse("x.json", new ScenarioFile(Scenario.defaults(3, 4)).toJson());
        assertFalse(back.hasChoices());
        assertEquals(0, back.choices().length);
        assertEquals(Simulator.run(Scenario.defaults(3, 4)), back.run());
    }

    @Test
    void optionalFieldsMayBeLeftOut() throws Exception {
        String minimal = "{\"format\":\"bftref-scenario\",\"version\":1,\"scenario\":{\"seed\":3,\"n\":4,\"f\":1,"
                + "\"clients\":2,\"requestsPerClient\":3,\"batchSizeMax\":4,\"checkpointInterval\":8,\"watermarkWindow\":32,"
                + "\"viewChangeTimeoutMillis\":400,\"scheme\":\"hmac\",\"network\":{\"minDelayMillis\":1,\"maxDelayMillis\":40,"
                + "\"dropPercent\":2,\"duplicatePercent\":2,\"gstMillis\":1500,\"maxDelayAfterGstMillis\":10},"
                + "\"maxVirtualMillis\":60000,\"maxEvents\":2000000}}";
        assertEquals(Scenario.defaults(3, 4), ScenarioFile.parse("min.json", minimal).scenario());
    }

    @Test
    void aFileWithTheChoicesOfARunReplaysThatRun(@TempDir Path dir) throws Exception {
        Scenario s = Scenario.defaults(12, 4).withByzantine(0, Strategy.EQUIVOCATE).withRecordTrace(true);
        SimulationResult original = Simulator.run(s);
        Path file = dir.resolve("regression.json");
        new ScenarioFile(s, original.choices()).write(file);
        ScenarioFile read = ScenarioFile.read(file);
        assertTrue(read.hasChoices());
        assertEquals(original, read.run());
    }

    @Test
    void anEmptyFileIsRefused() {
        assertTrue(refused("").startsWith("bad.json:1: empty file"));
        assertTrue(refused("  \n\n").startsWith("bad.json:1: empty file"));
    }

    @Test
    void invalidJsonIsRefusedAtItsLine() {
        String text = valid().replace("\"n\" : 4,", "\"n\" : 4,,");
        String message = refused(text);
        assertTrue(message.startsWith(lineOf(text, "\"n\" : 4,,") + "invalid JSON: "), message);
        assertTrue(refused("{").contains("invalid JSON"));
        assertTrue(refused(valid() + "{}").contains("unexpected content after the top-level JSON value"));
        assertTrue(refused("[1, 2]").contains("expected a JSON object at the top level, found an array"));
        String duplicated = valid().replace("\"seed\" : 7,", "\"seed\" : 7, \"seed\" : 8,");
        assertTrue(refused(duplicated).contains("Duplicate field 'seed'"), refused(duplicated));
    }

    @Test
    void unknownFieldsAreRefusedWhereverTheyAre() {
        String top = valid().replace("\"version\" : 1,", "\"version\" : 1, \"comment\": \"hi\",");
        assertEquals(lineOf(top, "comment") + "field \"comment\": unknown field; known here: format, version, scenario, choices",
                refused(top));
        String inScenario = valid().replace("\"seed\" : 7,", "\"seed\" : 7, \"colour\" : 1,");
        assertTrue(refused(inScenario).startsWith(lineOf(inScenario, "colour") + "field \"colour\": unknown field; known here: seed, n,"));
        String inNetwork = valid().replace("\"gstMillis\" : 1500,", "\"gstMillis\" : 1500, \"jitter\" : 3,");
        assertTrue(refused(inNetwork).startsWith(lineOf(inNetwork, "jitter") + "field \"network.jitter\": unknown field"));
        String inCrash = valid().replace("\"crashAtMillis\" : 100,", "\"crashAtMillis\" : 100, \"why\" : 0,");
        assertTrue(refused(inCrash).startsWith(lineOf(inCrash, "why") + "field \"crashes[0].why\": unknown field"));
    }

    @Test
    void wrongTypesAreRefused() {
        String text = valid().replace("\"seed\" : 7,", "\"seed\" : \"7\",");
        assertEquals(lineOf(text, "\"seed\"") + "field \"seed\": expected an integer, found a string \"7\"", refused(text));
        text = valid().replace("\"allowUnsafe\" : false", "\"allowUnsafe\" : \"no\"");
        assertEquals(lineOf(text, "allowUnsafe") + "field \"allowUnsafe\": expected true or false, found a string \"no\"", refused(text));
        text = valid().replace("\"dropPercent\" : 2,", "\"dropPercent\" : 2.5,");
        assertTrue(refused(text).contains("field \"network.dropPercent\": expected an integer, found the number 2.5"));
        text = valid().replace("[ 1, 2, 3 ]", "[ 1, null, 3 ]");
        assertTrue(refused(text).contains("field \"choices[1]\": expected an integer, found null"));
        text = valid().replace("\"n\" : 4,", "\"n\" : 40000000000,");
        assertTrue(refused(text).contains("field \"n\": expected an integer in"));
        text = valid().replace("\"crashes\" : [", "\"crashes\" : [ 5, ");
        assertTrue(refused(text).contains("field \"crashes[0]\": expected an object, found the integer 5"));
    }

    @Test
    void missingRequiredFieldsAreRefusedAtTheObjectThatLacksThem() {
        String text = valid().replace("\"n\" : 4,", "");
        assertEquals(lineOf(text, "\"scenario\"") + "field \"n\": missing; it is required", refused(text));
        text = valid().replace("\"gstMillis\" : 1500,", "");
        assertEquals(lineOf(text, "\"network\"") + "field \"network.gstMillis\": missing; it is required", refused(text));
        assertEquals("bad.json:1: field \"version\": missing; it is required",
                refused("{\"format\":\"bftref-scenario\",\"scenario\":{}}"));
    }

    @Test
    void replicaIdsOutsideTheClusterAreRefused() {
        String text = valid().replace("\"1\" : \"FLOOD\"", "\"9\" : \"FLOOD\"");
        assertEquals(lineOf(text, "\"9\"") + "field \"byzantine.9\": replica id must be in 0..3, was 9", refused(text));
        text = valid().replace("\"replica\" : 2", "\"replica\" : 7");
        assertEquals(lineOf(text, "\"replica\" : 7") + "field \"crashes[0].replica\": replica id must be in 0..3, was 7",
                refused(text));
        text = valid().replace("\"replicas\" : [ 0, 3 ]", "\"replicas\" : [ 0, -4 ]");
        assertTrue(refused(text).startsWith(lineOf(text, "-4") + "field \"network.partitions[0].replicas\": replica id"));
        text = valid().replace("\"1\" : \"FLOOD\"", "\"one\" : \"FLOOD\"");
        assertTrue(refused(text).contains("field \"byzantine.one\": a replica id must be an integer in 0..3"));
    }

    @Test
    void tooManyFaultsWithoutAllowUnsafeAreRefused() {
        String text = valid().replace("\"f\" : 1,", "\"f\" : 2,");
        assertTrue(refused(text).startsWith(lineOf(text, "\"f\" : 2") + "field \"f\": must be <= (n-1)/3 = 1 for n=4, was 2"));
        String unsafe = text.replace("\"allowUnsafe\" : false", "\"allowUnsafe\" : true");
        assertThrows(AssertionError.class, () -> refused(unsafe));
        text = valid().replace("\"1\" : \"FLOOD\"", "\"1\" : \"FLOOD\", \"2\" : \"SILENT\"");
        assertTrue(refused(text).contains("field \"byzantine\": at most f=1 replicas may be faulty"));
    }

    @Test
    void unknownStrategyAndMutantNamesAreRefusedWithTheKnownOnes() {
        String text = valid().replace("\"FLOOD\"", "\"EVIL\"");
        assertEquals(lineOf(text, "EVIL") + "field \"byzantine.1\": unknown strategy \"EVIL\"; known: SILENT, CRASH, "
                + "EQUIVOCATE, DOUBLE_VOTE, REPLAY, BAD_SIGNATURE, FALSE_CERTIFICATE, NV_OMIT, FLOOD, TWINS, BAD_AUTHENTICATOR", refused(text));
        text = valid().replace("\"NO_PERSISTENCE\"", "\"NOPE\"");
        assertTrue(refused(text).startsWith(lineOf(text, "NOPE") + "field \"mutants[0]\": unknown mutant \"NOPE\"; known: PREPARE_QUORUM_2F"));
        text = valid().replace("\"NO_PERSISTENCE\"", "\"NO_PERSISTENCE\", \"NO_PERSISTENCE\"");
        assertTrue(refused(text).contains("field \"mutants[1]\": \"NO_PERSISTENCE\" is listed twice"));
    }

    @Test
    void valuesTheScenarioRefusesAreRefusedAtTheirLine() {
        String text = valid().replace("\"n\" : 4,", "\"n\" : 0,");
        assertTrue(refused(text).startsWith(lineOf(text, "\"n\" : 0") + "field \"n\": must be >= 1, was 0"));
        text = valid().replace("\"untilMillis\" : 200", "\"untilMillis\" : 2000");
        assertTrue(refused(text).startsWith(lineOf(text, "untilMillis") + "field \"network.partitions[0].untilMillis\": every partition must heal by GST"));
        text = valid().replace("\"restartAtMillis\" : 500", "\"restartAtMillis\" : 50");
        assertTrue(refused(text).startsWith(lineOf(text, "restartAtMillis") + "field \"crashes[0].restartAtMillis\": must be -1"));
        text = valid().replace("\"scheme\" : \"hmac\"", "\"scheme\" : \"md5\"");
        assertTrue(refused(text).startsWith(lineOf(text, "md5") + "field \"scheme\": must be one of [hmac, ed25519, ed25519-mac]"));
    }

    @Test
    void theFormatAndVersionAreChecked() {
        String text = valid().replace("\"bftref-scenario\"", "\"something-else\"");
        assertEquals(lineOf(text, "something-else") + "field \"format\": must be \"bftref-scenario\", was \"something-else\"",
                refused(text));
        text = valid().replace("\"version\" : 1", "\"version\" : 2");
        assertEquals(lineOf(text, "\"version\"") + "field \"version\": this reader knows version 1 only, was 2", refused(text));
    }

    @Test
    void anUnreadableFileIsRefusedWithItsName(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("nope.json");
        ScenarioFileException e = assertThrows(ScenarioFileException.class, () -> ScenarioFile.read(missing));
        assertTrue(e.getMessage().startsWith(missing + ":1: cannot read the file"), e.getMessage());
        Path empty = Files.writeString(dir.resolve("empty.json"), "");
        assertTrue(assertThrows(ScenarioFileException.class, () -> ScenarioFile.read(empty)).getMessage()
                .startsWith(empty + ":1: empty file"));
    }
}
