package org.airesilience.ingest;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * Parquet files as Spark's own writer makes them for a Spark schema (same Parquet types, Spark's schema and version in
 * the footer), written with parquet-hadoop directly: by the curated-patents tasks ({@link CuratedParquet}) and, for
 * tables small enough for one file, on the driver ({@link #writeRows}), which spares Spark shipping every row to a
 * task as one serialized block.
 */
public final class SparkParquet {
    /** Where Spark keeps a table's own schema in a Parquet footer (what its reader prefers to the Parquet types). */
    static final String SPARK_SCHEMA_KEY = "org.apache.spark.sql.parquet.row.metadata";
    static final String SPARK_VERSION_KEY = "org.apache.spark.version";

    private SparkParquet() {
    }

    /** A Spark codec name ({@code spark.sql.parquet.compression.codec}: snappy, gzip, zstd, none, ...). */
    static CompressionCodecName codec(String sparkName) {
        String name = sparkName.toUpperCase(Locale.ROOT);
        return name.equals("NONE") ? CompressionCodecName.UNCOMPRESSED : CompressionCodecName.valueOf(name);
    }

    /** The file-name extension Spark gives a codec's files ({@code .snappy}, {@code .gz}, none for none). */
    public static String extension(String codec) {
        return codec(codec).getExtension();
    }

    /** The Parquet types Spark writes for these Spark types (strings, dates, integers, longs, doubles, lists of strings). */
    static MessageType parquetSchema(StructType schema) {
        Types.MessageTypeBuilder message = Types.buildMessage();
        for (StructField f : schema.fields()) {
            Type.Repetition rep = f.nullable() ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED;
            DataType t = f.dataType();
            if (t instanceof ArrayType a && a.elementType().equals(DataTypes.StringType)) {
                message.addField(Types.buildGroup(rep).as(LogicalTypeAnnotation.listType())
                        .addField(Types.repeatedGroup()
                                .addField(Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType())
                                        .named("element"))
                                .named("list"))
                        .named(f.name()));
            } else if (t.equals(DataTypes.StringType)) {
                message.addField(Types.primitive(PrimitiveTypeName.BINARY, rep).as(LogicalTypeAnnotation.stringType())
                        .named(f.name()));
            } else if (t.equals(DataTypes.DateType)) {
                message.addField(Types.primitive(PrimitiveTypeName.INT32, rep).as(LogicalTypeAnnotation.dateType())
                        .named(f.name()));
            } else if (t.equals(DataTypes.IntegerType)) {
                message.addField(Types.primitive(PrimitiveTypeName.INT32, rep).named(f.name()));
            } else if (t.equals(DataTypes.LongType)) {
                message.addField(Types.primitive(PrimitiveTypeName.INT64, rep).named(f.name()));
            } else if (t.equals(DataTypes.DoubleType)) {
                message.addField(Types.primitive(PrimitiveTypeName.DOUBLE, rep).named(f.name()));
            } else {
                throw new IllegalArgumentException("no Parquet type for " + f);
            }
        }
        return message.named("spark_schema");
    }

    /** The footer entries by which Spark's reader knows the file as its own. */
    static Map<String, String> footer(StructType schema, String sparkVersion) {
        return Map.of(SPARK_SCHEMA_KEY, schema.json(), SPARK_VERSION_KEY, sparkVersion);
    }

    /**
     * Writes rows of string, integer and double columns (nulls where a column is nullable) as one Parquet file,
     * without dictionaries (as {@link CuratedParquet}: columns of distinct doubles do not pay for them).
     */
    public static void writeRows(Path file, StructType schema, Iterator<Row> rows, String codec, String sparkVersion,
                                 Configuration conf) throws IOException {
        try (ParquetWriter<Row> w = new RowWriter(file, schema, sparkVersion).withConf(conf)
                .withWriteMode(ParquetFileWriter.Mode.CREATE)
                .withCompressionCodec(codec(codec))
                .withDictionaryEncoding(false)
                .withSizeStatisticsEnabled(false) // value sizes for query planners; Spark does not read them
                .build()) {
            while (rows.hasNext()) w.write(rows.next());
        }
    }

    private static final class RowWriter extends ParquetWriter.Builder<Row, RowWriter> {
        private final StructType schema;
        private final String sparkVersion;

        RowWriter(Path file, StructType schema, String sparkVersion) {
            super(file);
            this.schema = schema;
            this.sparkVersion = sparkVersion;
        }

        @Override
        protected RowWriter self() {
            return this;
        }

        @Override
        protected WriteSupport<Row> getWriteSupport(Configuration conf) {
            return new RowWriteSupport(schema, sparkVersion);
        }
    }

    /** Feeds a row to Parquet field by field; a null field is left out (Parquet's null). */
    private static final class RowWriteSupport extends WriteSupport<Row> {
        private static final int STRING = 0;
        private static final int INTEGER = 1;
        private static final int DOUBLE = 2;
        private final StructType schema;
        private final String sparkVersion;
        private final String[] names;
        private final int[] kinds;
        private RecordConsumer out;

        RowWriteSupport(StructType schema, String sparkVersion) {
            this.schema = schema;
            this.sparkVersion = sparkVersion;
            this.names = schema.fieldNames();
            this.kinds = new int[names.length];
            for (int i = 0; i < names.length; i++) {
                DataType t = schema.fields()[i].dataType();
                if (t.equals(DataTypes.StringType)) kinds[i] = STRING;
                else if (t.equals(DataTypes.IntegerType)) kinds[i] = INTEGER;
                else if (t.equals(DataTypes.DoubleType)) kinds[i] = DOUBLE;
                else throw new IllegalArgumentException("rows of " + schema.fields()[i] + " are not written here");
            }
        }

        @Override
        public WriteContext init(Configuration configuration) {
            return new WriteContext(parquetSchema(schema), footer(schema, sparkVersion));
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            out = recordConsumer;
        }

        @Override
        public void write(Row row) {
            out.startMessage();
            for (int i = 0; i < names.length; i++) {
                if (row.isNullAt(i)) continue;
                out.startField(names[i], i);
                switch (kinds[i]) {
                    case STRING -> out.addBinary(Binary.fromString(row.getString(i)));
                    case INTEGER -> out.addInteger(row.getInt(i));
                    default -> out.addDouble(row.getDouble(i));
                }
                out.endField(names[i], i);
            }
            out.endMessage();
        }
    }
}
