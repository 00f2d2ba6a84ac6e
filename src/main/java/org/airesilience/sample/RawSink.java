package org.airesilience.sample;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.airesilience.report.Json;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * One raw file of patent records in one of the formats users receive, written as a stream. Counts lines so the
 * ground truth can name the line each record starts on (lines of the decompressed text, from 1).
 */
abstract class RawSink implements Closeable {
    /** Chinese export headers for the canonical fields (two common variants of the title and address columns). */
    static final List<String> CHINESE = List.of("申请号", "申请日", "公开（公告）号", "公开（公告）日", "名称", "摘要",
            "主权项", "申请（专利权）人", "发明（设计）人", "地址", "国省代码", "邮编", "主分类号", "分类号", "专利类型");
    static final List<String> CHINESE_VARIANT = List.of("申请号", "申请日", "公开（公告）号", "公开（公告）日", "标题",
            "摘要", "主权项", "申请（专利权）人", "发明（设计）人", "申请人地址", "国省代码", "邮编", "主分类号", "分类号",
            "专利类型");

    final String relativePath;
    final Charset charset;
    /** Date pattern of this source: "-" for 2017-03-01, "." for 2017.03.01. */
    final String dateSeparator;
    private final OutputStream out;
    private final java.nio.charset.CharsetEncoder encoder;
    private long nextLine = 1;
    long records;

    RawSink(Path root, String relativePath, Charset charset, String dateSeparator) {
        this.relativePath = relativePath;
        this.charset = charset;
        this.dateSeparator = dateSeparator;
        this.encoder = charset.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            Path file = root.resolve(relativePath);
            Files.createDirectories(file.getParent());
            OutputStream o = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
            this.out = relativePath.endsWith(".gz") ? new GZIPOutputStream(o, 1 << 16) : o;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + relativePath, e);
        }
    }

    boolean isUtf8() {
        return charset.name().equals("UTF-8");
    }

    /** Writes the record and returns the line it starts on. */
    final long write(PatentRecord r) {
        long start = nextLine;
        String text = format(r);
        byte[] bytes = encode(text, r.defect == Defect.UNDECODABLE_TEXT);
        try {
            out.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + relativePath, e);
        }
        nextLine += text.chars().filter(c -> c == '\n').count();
        records++;
        return start;
    }

    /** The record's text, ending with a line break; lines must not break inside a field. */
    abstract String format(PatentRecord r);

    void header(String text) {
        try {
            out.write(encode(text, false));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + relativePath, e);
        }
        nextLine += text.chars().filter(c -> c == '\n').count();
    }

    /** Encodes strictly (an unmappable character is a generator bug, never silently a '?'). */
    private byte[] encode(String text, boolean undecodable) {
        try {
            ByteBuffer b = encoder.encode(CharBuffer.wrap(text));
            byte[] bytes = new byte[b.remaining()];
            b.get(bytes);
            if (!undecodable) return bytes;
            ByteArrayOutputStream o = new ByteArrayOutputStream(bytes.length + 4);
            for (byte x : bytes) {
                if (x == PatentRecord.UNDECODABLE_MARK) o.write(PatentRecord.INVALID_BYTES, 0, PatentRecord.INVALID_BYTES.length);
                else o.write(x);
            }
            return o.toByteArray();
        } catch (CharacterCodingException e) {
            throw new IllegalStateException(relativePath + ": text not representable in " + charset + ": " + text, e);
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    /** A field as this source writes it: dates in the source's style. */
    String value(PatentRecord r, String field) {
        return switch (field) {
            case "application_date" -> r.badDate != null ? r.badDate : date(r.applicationDate);
            case "publication_date" -> date(r.publicationDate);
            default -> r.get(field);
        };
    }

    private String date(java.time.LocalDate d) {
        if (d == null) return "";
        return d.getYear() + dateSeparator + ApplicationNumbers.pad(d.getMonthValue(), 2) + dateSeparator
                + ApplicationNumbers.pad(d.getDayOfMonth(), 2);
    }

    /** CSV or TSV with a header row; malformed records lose their trailing columns. */
    static final class Delimited extends RawSink {
        private final char delimiter;

        Delimited(Path root, String relativePath, Charset charset, String dateSeparator, char delimiter, List<String> headers) {
            super(root, relativePath, charset, dateSeparator);
            this.delimiter = delimiter;
            StringBuilder h = new StringBuilder();
            for (int i = 0; i < headers.size(); i++) {
                if (i > 0) h.append(delimiter);
                h.append(quote(headers.get(i)));
            }
            header(h.append('\n').toString());
        }

        @Override
        String format(PatentRecord r) {
            int n = r.defect == Defect.MALFORMED_RECORD ? 6 : PatentRecord.FIELDS.size();
            StringBuilder s = new StringBuilder(512);
            for (int i = 0; i < n; i++) {
                if (i > 0) s.append(delimiter);
                s.append(quote(value(r, PatentRecord.FIELDS.get(i))));
            }
            return s.append('\n').toString();
        }

        private String quote(String v) {
            if (delimiter == '\t') return v; // TSV exports carry no tabs or quotes in values
            if (v.indexOf(',') < 0 && v.indexOf('"') < 0) return v;
            return '"' + v.replace("\"", "\"\"") + '"';
        }
    }

    /** JSON Lines with the canonical keys; a malformed record is a truncated object. */
    static final class JsonLines extends RawSink {
        private static final ObjectWriter WRITER = Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT);

        JsonLines(Path root, String relativePath) {
            super(root, relativePath, java.nio.charset.StandardCharsets.UTF_8, "-");
        }

        @Override
        String format(PatentRecord r) {
            Map<String, String> m = new LinkedHashMap<>();
            for (String f : PatentRecord.FIELDS) {
                String v = value(r, f);
                if (!v.isEmpty()) m.put(f, v);
            }
            try {
                String json = WRITER.writeValueAsString(m).replace("\\u0001", String.valueOf(PatentRecord.UNDECODABLE_MARK));
                if (r.defect == Defect.MALFORMED_RECORD) json = json.substring(0, json.length() / 2);
                return json + "\n";
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The patent office's TRS text dump: a {@code <REC>} line, then one {@code <字段名>=值} line per field. */
    static final class Trs extends RawSink {
        Trs(Path root, String relativePath, Charset charset) {
            super(root, relativePath, charset, ".");
        }

        @Override
        String format(PatentRecord r) {
            StringBuilder s = new StringBuilder(768).append("<REC>\n");
            if (r.defect == Defect.MALFORMED_RECORD) {
                // A record cut off mid-transfer: field markers lost, text run together.
                return s.append(r.get("title")).append(r.get("application_number")).append('\n').toString();
            }
            for (int i = 0; i < PatentRecord.FIELDS.size(); i++) {
                s.append('<').append(CHINESE.get(i)).append(">=").append(value(r, PatentRecord.FIELDS.get(i))).append('\n');
            }
            return s.toString();
        }
    }
}
