package org.airesilience.ingest;

import org.airesilience.config.Settings;
import org.airesilience.ingest.format.SourceFormat;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class SourceCatalogTest {
    @Test
    void findsFormatsAndCharsets(@TempDir Path raw) throws IOException {
        Charset gbk = Charset.forName("GBK");
        Files.createDirectories(raw.resolve("cnipa"));
        Files.write(raw.resolve("cnipa/a.csv"), "申请号,名称\nCN1,深度学习\n".getBytes(gbk));
        Files.write(raw.resolve("b.csv"), "申请号,名称\nCN1,深度学习\n".getBytes(gbk));
        Files.writeString(raw.resolve("c.dat"), "<REC>\n<申请号>=CN1\n");
        Files.writeString(raw.resolve("d"), "ascii only\n");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(raw.resolve("e.jsonl.gz")))) {
            out.write("{\"申请号\":\"CN1\"}\n".getBytes(StandardCharsets.UTF_8));
        }
        Files.writeString(raw.resolve(".hidden.csv"), "x");
        Files.createDirectories(raw.resolve("_tmp"));
        Files.writeString(raw.resolve("_tmp/f.csv"), "x");

        List<SourceFile> files = SourceCatalog.list(new Configuration(),
                Settings.load(null, Map.of("ingest.charsets.\"cnipa/*.csv\"", "GBK")), raw);
        assertEquals(List.of("b.csv", "c.dat", "cnipa/a.csv", "d", "e.jsonl.gz"), files.stream().map(SourceFile::name).toList());
        assertEquals("GB18030", files.get(0).charset());
        assertEquals(SourceFormat.TRS, files.get(1).format());
        assertEquals("GBK", files.get(2).charset());
        assertNull(files.get(3).format());
        assertEquals("UTF-8", files.get(3).charset());
        assertEquals(SourceFormat.JSONL, files.get(4).format());
        assertEquals("UTF-8", files.get(4).charset());
    }
}
