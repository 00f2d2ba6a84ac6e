package org.airesilience.ingest;

import org.airesilience.ingest.format.SourceFormat;

import java.io.Serializable;

/**
 * One raw input file.
 *
 * @param uri     the file's fully qualified Hadoop path
 * @param name    path relative to the raw directory, as reported in outputs
 * @param format  detected or named by its extension; null when neither tells
 * @param charset configured or detected charset
 */
public record SourceFile(String uri, String name, SourceFormat format, String charset) implements Serializable {
}
