package org.airesilience.ingest.format;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.airesilience.ingest.ApplicationNumbers;
import org.airesilience.ingest.QuarantineReason;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Streams the records of one line-based source (CSV, TSV or JSON Lines) with exact line numbers and byte offsets.
 * The first non-blank line of a CSV/TSV file is its header, which must name at least one patent field. Blank lines
 * are not records.
 *
 * <p>A quoted CSV field may span lines (abstracts with line breaks), up to {@link ReadLimits#maxQuotedLines()}
 * lines, but never over a line that starts a record: one whose application-number column holds an application number
 * or that splits into exactly the header's columns. A quote still open there is broken: the record is quarantined
 * with the lines it ran over and reading resumes at the line that starts the next record, so a stray quote costs its
 * own record only. A quote still open at the limit or at the end of the file makes its first line the broken record
 * and reading resumes on the next line.
 *
 * <p>A JSON file whose first non-blank character is {@code [} is one array of records (an export), read element by
 * element; each element's line is where it starts.
 *
 * <p>A line longer than {@link ReadLimits#maxLineBytes()}, an unrecognised header, invalid JSON in an array and a
 * read error (a truncated or corrupt compressed stream) throw {@link SourceFileException}.
 */
public final class LineSourceReader implements Iterator<RawRecord>, Closeable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A line without its line break, decoded as it is read: leniently when its bytes are not valid in the charset,
     * with {@code error} saying so.
     */
    private record Line(String text, LineDetail error, boolean blank, long number, long offset) {
    }

    private final InputStream in;
    private final String sourceFile;
    private final SourceFormat format;
    private final Charset charset;
    private final CharsetDecoder decoder;
    private final FieldMapping mapping;
    private final ReadLimits limits;
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
    /** Line breaks are counted before this byte offset of the file ({@link #countLineBreaksBefore}); -1: not. */
    private long countBreaksBefore = -1;
    private long breaksBefore;
    private long firstNonBlankLine;
    private long position;
    /** Whether the stream starts at the file's start (line 1 may carry a byte-order mark). */
    private boolean atFileStart = true;
    private boolean eof;
    private Field[] columns; // canonical field per header column (null entries: ignored columns)
    /** The header's application-number column, -1 when it has none. */
    private int applicationColumn = -1;
    /** Set once the first non-blank line of a JSON file opens an array. */
    private JsonParser array;
    private long arrayFirstLine;
    private long arrayOffset;
    private RawRecord next;

    public LineSourceReader(InputStream in, String sourceFile, SourceFormat format, Charset charset, FieldMapping mapping) {
        this(in, sourceFile, format, charset, mapping, ReadLimits.DEFAULT);
    }

    public LineSourceReader(InputStream in, String sourceFile, SourceFormat format, Charset charset, FieldMapping mapping,
                            ReadLimits limits) {
        if (format == SourceFormat.TRS) throw new IllegalArgumentException("TRS dumps are read by record delimiter");
        this.in = in;
        this.sourceFile = sourceFile;
        this.format = format;
        this.charset = charset;
        this.decoder = SourceCharsets.strictDecoder(charset);
        this.mapping = mapping;
        this.limits = limits;
    }

    /**
     * A reader of the same file from byte {@code start} (a line start after this reader's header) on, as if this
     * reader had read up to there and stopped between records: same header, line numbers and byte offsets of the
     * file ({@code linesBefore}: its lines before {@code start}). A JSON file read so is JSON Lines, never one array.
     * {@code in} starts at {@code start}.
     */
    public LineSourceReader continueAt(InputStream in, long start, long linesBefore) {
        LineSourceReader r = new LineSourceReader(in, sourceFile, format, charset, mapping, limits);
        r.columns = columns;
        r.applicationColumn = applicationColumn;
        r.position = start;
        r.lineNumber = linesBefore;
        r.atFileStart = false;
        r.firstNonBlankLine = -1;
        return r;
    }

    /**
     * Reads up to and including a CSV/TSV file's header (nothing for JSON); false when the file ends first.
     *
     * @throws SourceFileException when the header is not readable or names no patent field
     */
    public boolean readHeader() {
        if (format == SourceFormat.JSONL) return true;
        while (columns == null) {
            Line line = nextNonBlankLine();
            if (line == null) return false;
            header(line);
        }
        return true;
    }

    /** Bytes read so far: the offset in the file of the next line. */
    public long position() {
        return position;
    }

    /** Lines read so far (all of them once the reader is exhausted), header and blank lines included. */
    public long lines() {
        return lineNumber;
    }

    /**
     * Counts the line breaks before byte {@code offset} of the file as the lines are read, from where the line
     * numbers start ({@link #lineBreaksBefore}).
     */
    public void countLineBreaksBefore(long offset) {
        countBreaksBefore = offset;
        breaksBefore = lineNumber;
    }

    /** The line breaks before the offset given to {@link #countLineBreaksBefore}, read so far. */
    public long lineBreaksBefore() {
        return breaksBefore;
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
        if (array != null) return arrayElement();
        while (true) {
            Line line = nextNonBlankLine();
            if (line == null) return null;
            if (format == SourceFormat.JSONL) {
                if (line.number() == firstNonBlankLine && line.text().stripLeading().startsWith("[")) {
                    openArray(line);
                    return arrayElement();
                }
                return json(line);
            }
            if (columns == null) {
                header(line);
                continue;
            }
            return delimited(line);
        }
    }

    private void header(Line line) {
        List<String> names = DelimitedParser.split(line.text(), separator());
        if (names == null || line.error() != null) {
            throw new SourceFileException(sourceFile, line.number(), "header not readable ("
                    + (names == null ? "unclosed quote" : line.error().text(0)) + ")");
        }
        Field[] fields = new Field[names.size()];
        boolean any = false;
        for (int i = 0; i < names.size(); i++) {
            fields[i] = mapping.field(names.get(i));
            any |= fields[i] != null;
            if (fields[i] == Field.APPLICATION_NUMBER && applicationColumn < 0) applicationColumn = i;
        }
        if (!any) {
            String shown = names.toString();
            if (shown.length() > 200) shown = shown.substring(0, 200) + "...";
            throw new SourceFileException(sourceFile, line.number(), "header not recognised: no column names a patent "
                    + "field (" + names.size() + " columns: " + shown + "); name them in airesilience.ingest.columns");
        }
        columns = fields;
    }

    private RawRecord delimited(Line first) {
        String text = first.text();
        List<String> fields = DelimitedParser.split(text, separator());
        if (fields != null) return record(first, text, first.error(), fields);
        // a quoted field runs on over the next lines
        StringBuilder joined = new StringBuilder(text);
        LineDetail error = first.error(); // the first line's with an error
        List<Line> more = new ArrayList<>(4);
        while (true) {
            Line next = more.size() + 1 < limits.maxQuotedLines() ? nextLine() : null;
            if (next == null) {
                // the limit or the end of the file: the broken record is its first line, reading resumes on the next
                for (int i = more.size() - 1; i >= 0; i--) pushedBack.push(more.get(i));
                return failed(first, first.text(), QuarantineReason.MALFORMED_RECORD, "unclosed quote" + (more.isEmpty()
                        ? "" : more.size() + 1 < limits.maxQuotedLines() ? " (still open at the end of the file)"
                        : " (still open after " + limits.maxQuotedLines() + " lines, airesilience.ingest.max-quoted-lines)"));
            }
            if (startsRecord(next)) {
                // the lines the quote ran over before the next record are this broken record's
                pushedBack.push(next);
                return more.isEmpty() ? failed(first, joined.toString(), QuarantineReason.MALFORMED_RECORD, "unclosed quote")
                        : failed(first, joined.toString(), QuarantineReason.MALFORMED_RECORD,
                        new LineDetail("unclosed quote (lines {}-{})", first.number(), more.get(more.size() - 1).number()));
            }
            more.add(next);
            joined.append('\n').append(next.text());
            if (error == null) error = next.error();
            fields = DelimitedParser.split(joined.toString(), separator());
            if (fields != null) return record(first, joined.toString(), error, fields);
        }
    }

    /**
     * Whether a line inside an open quote is the start of a record: its application-number column holds an
     * application number, or it splits into exactly the header's columns.
     */
    private boolean startsRecord(Line line) {
        if (line.blank()) return false;
        if (applicationColumn >= 0) {
            String v = DelimitedParser.field(line.text(), separator(), applicationColumn);
            if (v != null && ApplicationNumbers.isApplication(v)) return true;
        }
        List<String> f = DelimitedParser.split(line.text(), separator());
        return f != null && f.size() == columns.length;
    }

    private RawRecord record(Line first, String text, LineDetail error, List<String> values) {
        if (error != null) return failed(first, text, QuarantineReason.UNDECODABLE_TEXT, error);
        int n = values.size();
        while (n > columns.length && values.get(n - 1).isBlank()) n--; // trailing separators
        if (n != columns.length) {
            return failed(first, text, QuarantineReason.MALFORMED_RECORD,
                    "expected " + columns.length + " fields, found " + values.size());
        }
        String[] fields = new String[Field.count()];
        for (int i = 0; i < columns.length; i++) {
            if (columns[i] == null || fields[columns[i].ordinal()] != null) continue; // the first column counts
            String v = values.get(i).strip();
            if (!v.isEmpty()) fields[columns[i].ordinal()] = v;
        }
        return RawRecord.of(sourceFile, first.number(), first.offset(), fields, text);
    }

    /**
     * One JSON object read with the streaming parser. Values other than strings and nulls are read as a tree, as are
     * invalid top-level values, so errors and texts are what {@code ObjectMapper.readTree} gives.
     */
    private RawRecord json(Line line) {
        if (line.error() != null) return failed(line, line.text(), QuarantineReason.UNDECODABLE_TEXT, line.error());
        int members = 0;
        try (JsonParser p = JSON.createParser(line.text())) {
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_OBJECT) {
                if (t != null) JSON.readTree(p); // a broken value is invalid JSON rather than not an object
                return failed(line, line.text(), QuarantineReason.MALFORMED_RECORD, "not a JSON object");
            }
            String key;
            while ((key = p.nextFieldName()) != null) { // as the tree reads members (its error messages differ)
                t = p.nextToken();
                String v = t == JsonToken.VALUE_STRING ? p.getText() : t == JsonToken.VALUE_NULL ? null : text(JSON.readTree(p));
                Field f = mapping.field(key);
                if (f != null) members = member(members, f, key, v);
            }
        } catch (JsonProcessingException e) {
            return failed(line, line.text(), QuarantineReason.MALFORMED_RECORD, "invalid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading a string
        }
        String[] fields = new String[Field.count()];
        for (int i = 0; i < members; i++) {
            String v = memberValues[i];
            Field f = memberFields[i];
            if (v != null && !v.isBlank() && fields[f.ordinal()] == null) fields[f.ordinal()] = v.strip();
        }
        return RawRecord.of(sourceFile, line.number(), line.offset(), fields, line.text());
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

    /** Reads the rest of the file, from this line on, as one JSON array. */
    private void openArray(Line line) {
        InputStream rest = new SequenceInputStream(new ByteArrayInputStream((line.text() + "\n").getBytes(charset)),
                new SequenceInputStream(new ByteArrayInputStream(chunk, chunkStart, chunkEnd - chunkStart), in));
        chunkStart = chunkEnd;
        eof = true; // the parser reads on from here
        arrayFirstLine = line.number();
        arrayOffset = line.offset();
        try {
            // UTF-8 as bytes (offsets in bytes); other charsets through a strict decoder (offsets in characters)
            array = StandardCharsets.UTF_8.equals(charset) ? JSON.getFactory().createParser(rest)
                    : JSON.getFactory().createParser(new InputStreamReader(rest, SourceCharsets.strictDecoder(charset)));
            array.nextToken(); // the '['
        } catch (IOException e) {
            throw new SourceFileException(sourceFile, line.number(), SourceFileException.cannotRead(e));
        }
    }

    /** The next element of the JSON array, null after its end. */
    private RawRecord arrayElement() {
        long at = arrayFirstLine;
        try {
            JsonToken t = array.nextToken();
            at = arrayFirstLine - 1 + array.currentTokenLocation().getLineNr();
            if (t == JsonToken.END_ARRAY) {
                if (array.nextToken() != null) {
                    at = arrayFirstLine - 1 + array.currentTokenLocation().getLineNr();
                    throw new SourceFileException(sourceFile, at, "text after the end of the JSON array");
                }
                return null;
            }
            if (t == null) throw new SourceFileException(sourceFile, at, "JSON array not closed");
            long line = at;
            long byteOffset = array.currentTokenLocation().getByteOffset();
            long offset = arrayOffset + (byteOffset >= 0 ? byteOffset : array.currentTokenLocation().getCharOffset());
            JsonNode node = JSON.readTree(array);
            String raw = node.toString();
            if (!node.isObject()) {
                return RawRecord.failed(sourceFile, line, offset, raw, QuarantineReason.MALFORMED_RECORD,
                        "array element is not a JSON object");
            }
            String[] fields = new String[Field.count()];
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                Field f = mapping.field(e.getKey());
                String v = f == null ? null : text(e.getValue());
                if (v != null && !v.isBlank() && fields[f.ordinal()] == null) fields[f.ordinal()] = v.strip();
            }
            return RawRecord.of(sourceFile, line, offset, fields, raw);
        } catch (JsonProcessingException e) {
            long line = arrayFirstLine - 1 + e.getLocation().getLineNr();
            throw new SourceFileException(sourceFile, line, "invalid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new SourceFileException(sourceFile, at, SourceFileException.cannotRead(e));
        }
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

    private RawRecord failed(Line line, String text, QuarantineReason reason, LineDetail detail) {
        return RawRecord.failed(sourceFile, line.number(), line.offset(), text, reason, detail);
    }

    private char separator() {
        return format == SourceFormat.TSV ? '\t' : ',';
    }

    private Line nextNonBlankLine() {
        Line l;
        while ((l = nextLine()) != null) {
            if (!l.blank()) {
                if (firstNonBlankLine == 0) firstNonBlankLine = l.number();
                return l;
            }
        }
        return null;
    }

    /** The next line, decoded straight from the chunk when it lies within one. */
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
                int end = ByteScan.indexOf(chunk, chunkStart, chunkEnd, (byte) '\n');
                if (buffer.size() + (long) (end - chunkStart) > limits.maxLineBytes()) {
                    throw new SourceFileException(sourceFile, lineNumber + 1, "line longer than "
                            + limits.maxLineBytes() + " bytes (airesilience.ingest.max-line-bytes)");
                }
                position += end - chunkStart;
                if (end < chunkEnd) {
                    position++; // the line break
                    Line l;
                    if (buffer.size() == 0) {
                        l = line(chunk, chunkStart, end, start);
                    } else {
                        buffer.write(chunk, chunkStart, end - chunkStart);
                        l = line(buffer.toByteArray(), start);
                    }
                    chunkStart = end + 1;
                    if (position <= countBreaksBefore) breaksBefore = lineNumber; // its break lies before the offset
                    return l;
                }
                buffer.write(chunk, chunkStart, end - chunkStart);
                chunkStart = end;
            }
            return line(buffer.toByteArray(), start);
        } catch (IOException e) {
            throw new SourceFileException(sourceFile, lineNumber + 1, SourceFileException.cannotRead(e));
        }
    }

    private Line line(byte[] bytes, long offset) {
        return line(bytes, 0, bytes.length, offset);
    }

    /** The line in {@code b[from, to)}, without a trailing CR and, on line 1, a byte-order mark. */
    private Line line(byte[] b, int from, int to, long offset) {
        if (to > from && b[to - 1] == '\r') to--;
        long number = ++lineNumber;
        boolean blank = isBlank(b, from, to);
        if (number == 1 && atFileStart) from += SourceCharsets.bomLength(b, from, to);
        String text;
        LineDetail error = null;
        try {
            text = SourceCharsets.decode(b, from, to - from, decoder);
            if (text.indexOf('\uFFFD') >= 0) error = new LineDetail("replacement characters in line {}", number);
        } catch (CharacterCodingException e) {
            text = SourceCharsets.decodeLenient(b, from, to - from, charset);
            error = new LineDetail("bytes not valid " + charset.name() + " in line {}", number);
        }
        return new Line(text, error, blank, number, offset);
    }

    private static boolean isBlank(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r') return false;
        return true;
    }

    /** Reads the next chunk of the stream; false at its end. */
    private boolean fillChunk() throws IOException {
        int n;
        do {
            try {
                n = in.read(chunk);
            } catch (RuntimeException e) { // decompressors fail so on some corrupt input
                throw new SourceFileException(sourceFile, lineNumber + 1, SourceFileException.cannotRead(e));
            }
        } while (n == 0);
        chunkStart = 0;
        chunkEnd = Math.max(n, 0);
        return n > 0;
    }
}
