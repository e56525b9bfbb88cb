package org.bftref.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.bftref.impl.sim.ScenarioFile;
import org.bftref.impl.sim.ScenarioFileException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every scenario under src/test/resources/regressions/ once broke a property (the file name says which bug);
 * each is replayed, with its recorded choices if it has them, and must now keep every property.
 */
class RegressionScenariosTest {

    static Stream<Path> regressions() throws IOException {
        Path dir = Path.of("src", "test", "resources", "regressions");
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no regression scenarios in " + dir);
        return files.stream();
    }

    @ParameterizedTest
    @MethodSource("regressions")
    void regressionScenarioKeepsEveryProperty(Path file) throws ScenarioFileException {
        ScenarioFile scenario = ScenarioFile.read(file);
        ScenarioCheck check = new ScenarioCheck(Properties.ALL, Path.of("target", "failing-scenarios"));
        List<Violation> violations = check.violations(scenario.scenario(),
                scenario.hasChoices() ? scenario.choices() : null);
        assertEquals(List.of(), violations, file.toString());
    }
}
