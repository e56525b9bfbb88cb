package org.bftref.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The bftref command. Subcommands do the work; this only dispatches. */
@Command(name = "bftref", mixinStandardHelpOptions = true, version = "bftref 0.1.0",
        description = "A formally checked reference for Byzantine-fault-tolerant consensus.",
        subcommands = {DemoCommand.class, CheckCommand.class, SimulateCommand.class, ValidateCommand.class, BenchCommand.class, RunCommand.class, RenderCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    /** Unexpected failures of bftref itself (not of TLC or the input). */
    static final int INTERNAL_ERROR = 9;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new Main())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    // One line, never a stack trace: the user can do nothing with one.
                    cmd.getErr().println("bftref: internal error: " + e);
                    return INTERNAL_ERROR;
                })
                .setParameterExceptionHandler((e, args) -> {
                    // A mistyped option gets one line and a pointer to --help, not the whole usage text.
                    CommandLine cmd = e.getCommandLine();
                    String name = cmd.getCommandSpec().qualifiedName();
                    cmd.getErr().println(name + ": " + e.getMessage() + " (see " + name + " --help)");
                    return cmd.getCommandSpec().exitCodeOnInvalidInput();
                });
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
