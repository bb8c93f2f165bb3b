package io.sedstream.trainer.simulate;

import io.sedstream.sed.model.ObservedSpectrum;
import io.sedstream.trainer.plot.Figure;
import io.sedstream.trainer.plot.Plot;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;

/**
 * Draws simulated SEDs (observed-frame f_nu against wavelength, log-log) with their band fluxes, one panel
 * per galaxy, with JFreeChart.
 */
final class SedPlot {
    static final Color SPECTRUM = new Color(70, 110, 200);
    static final Color NOISY = new Color(200, 40, 40);
    private static final double LAMBDA_MIN_MICRON = 0.3;
    private static final double LAMBDA_MAX_MICRON = 5.5;
    private static final double ANGSTROM_PER_MICRON = 1e4;

    private SedPlot() {
    }

    record Panel(String title, ObservedSpectrum spectrum, double[] observedNJy, double[] errorNJy) {
    }

    static void write(Path png, List<Panel> panels, int columns, int panelWidth, int panelHeight, String heading) throws IOException {
        List<JFreeChart> charts = new ArrayList<>();
        for (Panel p : panels) {
            charts.add(chart(p));
        }
        Figure.write(png, heading, charts, columns, panelWidth, panelHeight);
    }

    private static JFreeChart chart(Panel p) {
        ObservedSpectrum s = p.spectrum();
        double[] bands = s.bandFluxNJy();
        // y range from the band fluxes (emission-line spikes drawn one cell wide would dominate otherwise): 5 decades.
        double log10Max = -Double.MAX_VALUE;
        for (int i = 0; i < bands.length; i++) {
            log10Max = Math.max(log10Max, Math.log10(Math.max(bands[i], 1e-6)));
            log10Max = Math.max(log10Max, Math.log10(Math.max(p.observedNJy()[i] + p.errorNJy()[i], 1e-6)));
        }
        log10Max = Math.ceil(log10Max + 0.5);
        double yMax = Math.pow(10, log10Max);
        double yMin = Math.pow(10, log10Max - 5);
        // A log axis cannot place f <= 0: such values sit one decade below the axis, off the plot.
        double floor = yMin / 10;

        double[] lam = s.lambdaObsAngstrom();
        double[] lamMicron = new double[lam.length];
        double[] f = new double[lam.length];
        for (int i = 0; i < lam.length; i++) {
            lamMicron[i] = lam[i] / ANGSTROM_PER_MICRON;
            f[i] = Math.max(s.fluxNJy()[i], floor);
        }
        int nb = bands.length;
        double[] pivotMicron = new double[nb];
        double[] model = new double[nb];
        double[] obs = new double[nb];
        double[] lo = new double[nb];
        double[] hi = new double[nb];
        for (int b = 0; b < nb; b++) {
            pivotMicron[b] = s.bandPivotAngstrom()[b] / ANGSTROM_PER_MICRON;
            model[b] = Math.max(bands[b], floor);
            double o = p.observedNJy()[b];
            double e = p.errorNJy()[b];
            obs[b] = o > 0 ? o : Double.NaN;
            lo[b] = Math.max(o - e, floor);
            hi[b] = Math.max(o + e, floor);
        }
        return Plot.logLog(p.title(), "observed wavelength [micron]", "f_nu [nJy]  (AB = 31.4 - 2.5 log f)",
                        LAMBDA_MIN_MICRON, LAMBDA_MAX_MICRON, yMin, yMax)
                .polyline(lamMicron, f, SPECTRUM, 1.3f).legend("model spectrum (lines 1 cell wide)")
                .openSquares(pivotMicron, model, Color.BLACK, 10, 1.4f).legend("noiseless band flux")
                .verticalErrorBars(pivotMicron, lo, hi, NOISY, 1.6f)
                .dots(pivotMicron, obs, nb, NOISY, 8).legend("noisy flux +/- 1 sigma")
                .chart();
    }
}
