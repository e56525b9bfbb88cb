package org.bftref.impl.trace;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A trace file is NDJSON: the same bytes on every platform, so a trace validates wherever it was written. */
class TraceFormatFileTest {

    @Test
    void everyLineEndsWithOneNewlineInUtf8WhateverThePlatformSeparator(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("t.ndjson");
        TraceFormat.writeFile(file, List.of("{\"a\":1}", "{\"b\":\"é\"}"));
        assertArrayEquals("{\"a\":1}\n{\"b\":\"é\"}\n".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(file));
        TraceFormat.writeFile(file, List.of());
        assertArrayEquals(new byte[0], Files.readAllBytes(file), "an existing file is replaced, not appended to");
    }
}
