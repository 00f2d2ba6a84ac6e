package org.airesilience.ingest;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import org.airesilience.ingest.format.SourceCharsets;
import org.airesilience.ingest.format.SourceFormat;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the raw files under a directory (recursively; names starting with '.' or '_' are skipped) and decides each
 * one's format (extension, else content) and charset ({@code airesilience.ingest.charsets} globs on the path relative
 * to the raw directory or on the file name, else detection on the first megabyte of decompressed text).
 */
public final class SourceCatalog {
    static final int SNIFF_BYTES = 1 << 20;

    private SourceCatalog() {
    }

    public static List<SourceFile> list(Configuration hadoop, Config config, Path rawDir) {
        return list(hadoop, config, rawDir.toString());
    }

    /** The raw files under a location: a local path or a URI of any Hadoop file system. */
    public static List<SourceFile> list(Configuration hadoop, Config config, String rawDir) {
        Charset fallback = Charset.forName(config.getString("airesilience.ingest.default-charset"));
        Map<PathMatcher, Charset> configured = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigValue> e : config.getConfig("airesilience.ingest.charsets").root().entrySet()) {
            configured.put(FileSystems.getDefault().getPathMatcher("glob:" + e.getKey()),
                    Charset.forName(String.valueOf(e.getValue().unwrapped())));
        }
        org.apache.hadoop.fs.Path root = org.airesilience.lake.Lake.hadoopPath(rawDir);
        List<SourceFile> out = new ArrayList<>();
        try {
            FileSystem fs = root.getFileSystem(hadoop);
            if (!fs.exists(root)) throw new IllegalArgumentException("raw directory not found: " + rawDir);
            root = fs.makeQualified(root);
            String prefix = root.toUri().getPath().replaceAll("/+$", "") + "/";
            CompressionCodecFactory codecs = new CompressionCodecFactory(hadoop);
            RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
            while (it.hasNext()) {
                LocatedFileStatus st = it.next();
                String path = st.getPath().toUri().getPath();
                String name = path.startsWith(prefix) ? path.substring(prefix.length()) : st.getPath().getName();
                if (hidden(name)) continue;
                byte[] head = new byte[SNIFF_BYTES];
                int n = head(fs, st.getPath(), codecs.getCodec(st.getPath()), head);
                SourceFormat format = SourceFormat.fromExtension(name);
                if (format == null) format = SourceFormat.sniff(head, n);
                Charset charset = null;
                for (Map.Entry<PathMatcher, Charset> c : configured.entrySet()) {
                    Path p = Path.of(name);
                    if (c.getKey().matches(p) || c.getKey().matches(p.getFileName())) {
                        charset = c.getValue();
                        break;
                    }
                }
                if (charset == null) charset = SourceCharsets.detect(head, n, fallback);
                out.add(new SourceFile(st.getPath().toString(), name, format, charset.name()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + rawDir, e);
        }
        out.sort(Comparator.comparing(SourceFile::name));
        return out;
    }

    /**
     * Reads the decompressed head of a file into {@code head}; returns its length. A file that cannot be read (a
     * truncated or corrupt compressed stream) gives the bytes read before the error: reading it reports the error
     * with the file's name.
     */
    private static int head(FileSystem fs, org.apache.hadoop.fs.Path path, CompressionCodec codec, byte[] head) {
        int n = 0;
        try (InputStream raw = fs.open(path); InputStream in = codec == null ? raw : codec.createInputStream(raw)) {
            int k;
            while (n < head.length && (k = in.read(head, n, head.length - n)) >= 0) n += k;
        } catch (IOException | RuntimeException e) {
            // the reader meets the same damage and reports it
        }
        return n;
    }

    private static boolean hidden(String relative) {
        for (String part : relative.split("/")) {
            if (part.startsWith(".") || part.startsWith("_")) return true;
        }
        return false;
    }
}
