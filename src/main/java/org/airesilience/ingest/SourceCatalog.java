package org.airesilience.ingest;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import org.airesilience.ingest.format.SourceCharsets;
import org.airesilience.ingest.format.SourceFormat;
import org.airesilience.lake.LakeFiles;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileStatus;
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

    /** Every raw file under {@code rawDir}, described ({@link #describe}), by name. */
    public static List<SourceFile> list(Configuration hadoop, Config config, Path rawDir) {
        return list(hadoop, config, rawDir.toString());
    }

    /** Every raw file under a location (a local path or a URI of any Hadoop file system), described, by name. */
    public static List<SourceFile> list(Configuration hadoop, Config config, String rawDir) {
        return describe(hadoop, config, files(hadoop, rawDir));
    }

    /**
     * A raw file as listed, before it is opened.
     *
     * @param uri              the file's fully qualified Hadoop path
     * @param name             path relative to the raw directory
     * @param size             bytes as stored (compressed)
     * @param modificationTime milliseconds since the epoch, as the file system reports it
     */
    public record RawFile(String uri, String name, long size, long modificationTime) implements java.io.Serializable {
    }

    /** The raw directory as a fully qualified Hadoop URI, as the manifest of processed files names it. */
    public static String qualified(Configuration hadoop, String rawDir) {
        org.apache.hadoop.fs.Path root = org.airesilience.lake.Lake.hadoopPath(rawDir);
        try {
            return root.getFileSystem(hadoop).makeQualified(root).toString().replaceAll("/+$", "");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve " + rawDir, e);
        }
    }

    /** The raw files under {@code rawDir} (recursively, hidden names skipped), by name; nothing is opened. */
    public static List<RawFile> files(Configuration hadoop, String rawDir) {
        org.apache.hadoop.fs.Path root = org.airesilience.lake.Lake.hadoopPath(rawDir);
        List<RawFile> out = new ArrayList<>();
        try {
            FileSystem fs = root.getFileSystem(hadoop);
            if (!fs.exists(root)) throw new IllegalArgumentException("raw directory not found: " + rawDir);
            for (LakeFiles.Listed f : LakeFiles.visibleFiles(fs, fs.makeQualified(root))) {
                FileStatus st = f.status();
                out.add(new RawFile(st.getPath().toString(), f.relative(), st.getLen(), st.getModificationTime()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + rawDir, e);
        }
        out.sort(Comparator.comparing(RawFile::name));
        return out;
    }

    /** Each file's format and charset, from its name, the settings and its first megabyte; in the given order. */
    public static List<SourceFile> describe(Configuration hadoop, Config config, List<RawFile> files) {
        Charset fallback = Charset.forName(config.getString("airesilience.ingest.default-charset"));
        Map<PathMatcher, Charset> configured = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigValue> e : config.getConfig("airesilience.ingest.charsets").root().entrySet()) {
            configured.put(FileSystems.getDefault().getPathMatcher("glob:" + e.getKey()),
                    Charset.forName(String.valueOf(e.getValue().unwrapped())));
        }
        List<SourceFile> out = new ArrayList<>();
        CompressionCodecFactory codecs = new CompressionCodecFactory(hadoop);
        for (RawFile f : files) {
            org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(f.uri());
            byte[] head = new byte[SNIFF_BYTES];
            int n;
            try {
                n = head(path.getFileSystem(hadoop), path, codecs.getCodec(path), head);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open " + f.uri(), e);
            }
            SourceFormat format = SourceFormat.fromExtension(f.name());
            if (format == null) format = SourceFormat.sniff(head, n);
            Charset charset = null;
            for (Map.Entry<PathMatcher, Charset> c : configured.entrySet()) {
                Path p = Path.of(f.name());
                if (c.getKey().matches(p) || c.getKey().matches(p.getFileName())) {
                    charset = c.getValue();
                    break;
                }
            }
            if (charset == null) charset = SourceCharsets.detect(head, n, fallback);
            out.add(new SourceFile(f.uri(), f.name(), format, charset.name()));
        }
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
}
