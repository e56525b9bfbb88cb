package org.bftref.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/** {@code --scheme ed25519-mac} on simulate and run: the runs complete; a wrong name lists it among the known ones. */
class MacSchemeCommandsTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cmd = Main.commandLine();
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        return cmd.execute(args);
    }

    @Test
    void simulateWithMacAuthenticatorsAndAFaultyPrimaryCompletes() {
        assertEquals(0, run("simulate", "--seed", "4", "--scheme", "ed25519-mac", "--byzantine", "0=BAD_AUTHENTICATOR"),
                err.toString());
        assertTrue(out.toString().contains("client ops completed: 6/6"), out.toString());
    }

    @Test
    void runWithMacAuthenticatorsCompletesAndAgrees() {
        assertEquals(0, run("run", "--requests", "200", "--clients", "8", "--scheme", "ed25519-mac"), err.toString());
        String text = out.toString();
        assertTrue(text.contains("scheme=Ed25519+MAC"), text);
        assertTrue(text.contains("requests completed: 200/200"), text);
        assertTrue(text.contains("honest replicas agree: yes"), text);
    }

    @Test
    void unknownSchemeIsOneLineNamingTheKnownOnes() {
        assertEquals(2, run("run", "--scheme", "mac"));
        assertTrue(err.toString().startsWith("bftref run: --scheme must be ed25519, ed25519-mac or hmac, was 'mac'"),
                err.toString());
        StringWriter before = new StringWriter();
        before.write(err.toString());
        assertEquals(2, run("simulate", "--scheme", "mac"));
        String simulate = err.toString().substring(before.toString().length());
        assertTrue(simulate.contains("scheme") && simulate.contains("ed25519-mac"), simulate);
        assertEquals(1, simulate.strip().lines().count(), simulate);
    }
}
