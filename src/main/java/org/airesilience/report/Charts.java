package org.airesilience.report;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/** Saves an XChart chart as PNG and SVG side by side, each published atomically. */
public final class Charts {
    private Charts() {
    }

    /** Writes {@code dir/name.png} and {@code dir/name.svg}; returns both paths. */
    public static List<Path> save(Chart<?, ?> chart, Path dir, String name) {
        System.setProperty("java.awt.headless", "true");
        try {
            Path png = dir.resolve(name + ".png");
            AtomicFiles.write(png, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
            ByteArrayOutputStream svg = new ByteArrayOutputStream();
            VectorGraphicsEncoder.saveVectorGraphic(chart, svg, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            Path svgFile = dir.resolve(name + ".svg");
            AtomicFiles.write(svgFile, svg.toByteArray());
            return List.of(png, svgFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot draw " + dir.resolve(name), e);
        }
    }
}
