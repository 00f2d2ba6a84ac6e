package org.airesilience.ingest.format;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.airesilience.ingest.QuarantineReason;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Streams the records of one line-based source (CSV, TSV or JSON Lines) with exact line numbers and byte offsets.
 * The first non-blank line of a CSV/TSV file is its header. Blank lines are not records. A quoted CSV field may span
 * up to {@value #MAX_RECORD_LINES} lines; a quote left open longer makes its first line a malformed record and
 * reading resumes on the next line, so one stray quote cannot swallow a file.
 */
public final class LineSourceReader implements Iterator<RawRecord>, Closeable {
    static final int MAX_RECORD_LINES = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Line(byte[] bytes, long number, long offset) {
    }

    private final InputStream in;
    private final String sourceFile;
    private final SourceFormat format;
    private final Charset charset;
    private final CharsetDecoder decoder;
    private final FieldMapping mapping;
    private final Deque<Line> pushedBack = new ArrayDeque<>();
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(4096);
    private final byte[] chunk = new byte[1 << 16];
    private int chunkStart;
    private int chunkEnd;
    /** The mapped members of the JSON object being read, in order: field, key and value text of each. */
    private Field[] memberFields = new Field[16];
    private String[] memberKeys = new String[16];
    private String[] memberValues = new String[16];
    private long lineNumber;
    private long position;
    private boolean eof;
    private Field[] columns; // canonical field per header column (null entries: ignored columns)
    private String headerProblem;
    private RawRecord next;

    public LineSourceReader(InputStream in, String sourceFile, SourceFormat format, Charset charset, FieldMapping mapping) {
        if (format == SourceFormat.TRS) throw new IllegalArgumentException("TRS dumps are read by record delimiter");
        this.in = in;
        this.sourceFile = sourceFile;
        this.format = format;
        this.charset = charset;
        this.decoder = SourceCharsets.strictDecoder(charset);
        this.mapping = mapping;
    }

    @Override
    public boolean hasNext() {
        if (next == null) next = read();
        return next != null;
    }

    @Override
    public RawRecord next() {
        if (!hasNext()) throw new NoSuchElementException();
        RawRecord r = next;
        next = null;
        return r;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private RawRecord read() {
        while (true) {
            Line line = nextNonBlankLine();
            if (line == null) return null;
            if (format == SourceFormat.JSONL) return json(line);
            if (columns == null && headerProblem == null) {
                header(line);
                continue;
            }
            return delimited(line);
        }
    }

    private void header(Line line) {
        Decoded d = decode(List.of(line));
        List<String> names = d.text == null ? null : DelimitedParser.split(d.text, separator());
        if (names == null || d.error != null) {
            headerProblem = "unreadable header line " + line.number();
            return;
        }
        columns = new Field[names.size()];
        boolean any = false;
        for (int i = 0; i < names.size(); i++) {
            columns[i] = mapping.field(names.get(i));
            any |= columns[i] != null;
        }
        if (!any) {
            headerProblem = "no recognised column in header " + names;
            columns = null;
        }
    }

    private RawRecord delimited(Line first) {
        List<Line> lines = new ArrayList<>();
        lines.add(first);
        while (true) {
            Decoded d = decode(lines);
            List<String> fields = DelimitedParser.split(d.text, separator());
            if (fields != null) return record(lines, d, fields);
            Line more = lines.size() < MAX_RECORD_LINES ? nextLine() : null;
            if (more == null) {
                for (int i = lines.size() - 1; i >= 1; i--) pushedBack.push(lines.get(i));
                Decoded one = decode(List.of(first));
                return failed(first, one.text, QuarantineReason.MALFORMED_RECORD, "unclosed quote");
            }
            lines.add(more);
        }
    }

    private RawRecord record(List<Line> lines, Decoded d, List<String> values) {
        Line first = lines.get(0);
        if (d.error != null) return failed(first, d.text, QuarantineReason.UNDECODABLE_TEXT, d.error);
        if (headerProblem != null) return failed(first, d.text, QuarantineReason.MALFORMED_RECORD, headerProblem);
        int n = values.size();
        while (n > columns.length && values.get(n - 1).isBlank()) n--; // trailing separators
        if (n != columns.length) {
            return failed(first, d.text, QuarantineReason.MALFORMED_RECORD,
                    "expected " + columns.length + " fields, found " + values.size());
        }
        String[] fields = new String[Field.count()];
        for (int i = 0; i < columns.length; i++) {
            if (columns[i] == null || fields[columns[i].ordinal()] != null) continue; // the first column counts
            String v = values.get(i).strip();
            if (!v.isEmpty()) fields[columns[i].ordinal()] = v;
        }
        return RawRecord.of(sourceFile, first.number(), first.offset(), fields, d.text);
    }

    /**
     * One JSON object read with the streaming parser. Values other than strings and nulls are read as a tree, as are
     * invalid top-level values, so errors and texts are what {@code ObjectMapper.readTree} gives.
     */
    private RawRecord json(Line line) {
        Decoded d = decode(List.of(line));
        if (d.error != null) return failed(line, d.text, QuarantineReason.UNDECODABLE_TEXT, d.error);
        int members = 0;
        try (JsonParser p = JSON.createParser(d.text)) {
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_OBJECT) {
                if (t != null) JSON.readTree(p); // a broken value is invalid JSON rather than not an object
                return failed(line, d.text, QuarantineReason.MALFORMED_RECORD, "not a JSON object");
            }
            String key;
            while ((key = p.nextFieldName()) != null) { // as the tree reads members (its error messages differ)
                t = p.nextToken();
                String v = t == JsonToken.VALUE_STRING ? p.getText() : t == JsonToken.VALUE_NULL ? null : text(JSON.readTree(p));
                Field f = mapping.field(key);
                if (f != null) members = member(members, f, key, v);
            }
        } catch (JsonProcessingException e) {
            return failed(line, d.text, QuarantineReason.MALFORMED_RECORD, "invalid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading a string
        }
        String[] fields = new String[Field.count()];
        for (int i = 0; i < members; i++) {
            String v = memberValues[i];
            Field f = memberFields[i];
            if (v != null && !v.isBlank() && fields[f.ordinal()] == null) fields[f.ordinal()] = v.strip();
        }
        return RawRecord.of(sourceFile, line.number(), line.offset(), fields, d.text);
    }

    /**
     * Adds a mapped member, or for a key seen before in the object replaces its value in place, as the tree does;
     * returns the number of members.
     */
    private int member(int members, Field f, String key, String value) {
        for (int i = 0; i < members; i++) {
            if (memberFields[i] == f && memberKeys[i].equals(key)) {
                memberValues[i] = value;
                return members;
            }
        }
        if (members == memberFields.length) {
            memberFields = Arrays.copyOf(memberFields, 2 * members);
            memberKeys = Arrays.copyOf(memberKeys, 2 * members);
            memberValues = Arrays.copyOf(memberValues, 2 * members);
        }
        memberFields[members] = f;
        memberKeys[members] = key;
        memberValues[members] = value;
        return members + 1;
    }

    private static String text(JsonNode v) {
        if (v == null || v.isNull()) return null;
        if (v.isArray()) {
            List<String> parts = new ArrayList<>();
            v.forEach(x -> {
                String t = text(x);
                if (t != null) parts.add(t);
            });
            return String.join(";", parts);
        }
        return v.isValueNode() ? v.asText() : v.toString();
    }

    private RawRecord failed(Line line, String text, QuarantineReason reason, String detail) {
        return RawRecord.failed(sourceFile, line.number(), line.offset(), text, reason, detail);
    }

    private char separator() {
        return format == SourceFormat.TSV ? '\t' : ',';
    }

    private record Decoded(String text, String error) {
    }

    private Decoded decode(List<Line> lines) {
        StringBuilder sb = new StringBuilder();
        String error = null;
        for (int i = 0; i < lines.size(); i++) {
            Line l = lines.get(i);
            int start = l.number() == 1 ? SourceCharsets.startAfterBom(l.bytes(), l.bytes().length) : 0;
            String s;
            try {
                s = SourceCharsets.decode(l.bytes(), start, l.bytes().length - start, decoder);
                if (s.indexOf('\uFFFD') >= 0 && error == null) error = "replacement characters in line " + l.number();
            } catch (CharacterCodingException e) {
                s = SourceCharsets.decodeLenient(l.bytes(), start, l.bytes().length - start, charset);
                if (error == null) error = "bytes not valid " + charset.name() + " in line " + l.number();
            }
            if (i > 0) sb.append('\n');
            sb.append(s);
        }
        return new Decoded(sb.toString(), error);
    }

    private Line nextNonBlankLine() {
        Line l;
        while ((l = nextLine()) != null) {
            if (!isBlank(l.bytes())) return l;
        }
        return null;
    }

    private static boolean isBlank(byte[] b) {
        for (byte x : b) if (x != ' ' && x != '\t' && x != '\r') return false;
        return true;
    }

    /** Next line's bytes without the line break and a trailing CR. */
    private Line nextLine() {
        if (!pushedBack.isEmpty()) return pushedBack.pop();
        if (eof) return null;
        try {
            buffer.reset();
            long start = position;
            while (true) {
                if (chunkStart == chunkEnd && !fillChunk()) {
                    eof = true;
                    if (buffer.size() == 0) return null;
                    break;
                }
                int end = chunkStart;
                while (end < chunkEnd && chunk[end] != '\n') end++;
                position += end - chunkStart;
                if (end < chunkEnd) {
                    position++; // the line break
                    byte[] bytes = lineBytes(end);
                    chunkStart = end + 1;
                    return new Line(bytes, ++lineNumber, start);
                }
                buffer.write(chunk, chunkStart, end - chunkStart);
                chunkStart = end;
            }
            return new Line(withoutCr(buffer.toByteArray()), ++lineNumber, start);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + sourceFile, e);
        }
    }

    /** The buffered bytes plus the chunk up to {@code end}, without a trailing CR. */
    private byte[] lineBytes(int end) {
        if (buffer.size() == 0) {
            int stop = end > chunkStart && chunk[end - 1] == '\r' ? end - 1 : end;
            return Arrays.copyOfRange(chunk, chunkStart, stop);
        }
        buffer.write(chunk, chunkStart, end - chunkStart);
        return withoutCr(buffer.toByteArray());
    }

    private static byte[] withoutCr(byte[] bytes) {
        int len = bytes.length;
        return len > 0 && bytes[len - 1] == '\r' ? Arrays.copyOf(bytes, len - 1) : bytes;
    }

    /** Reads the next chunk of the stream; false at its end. */
    private boolean fillChunk() throws IOException {
        int n;
        do {
            n = in.read(chunk);
        } while (n == 0);
        chunkStart = 0;
        chunkEnd = Math.max(n, 0);
        return n > 0;
    }
}
