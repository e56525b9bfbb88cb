package org.bftref.mc.manifest;

/** The manifest cannot be used; the message is one line: file, line, column, field and what is wrong. */
public final class ManifestException extends Exception {
    public ManifestException(String message) {
        super(message);
    }
}
