package io.sedstream.trainer.simulate;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A progress bar on stderr, redrawn in place by a daemon thread every 250 ms on a terminal; when stderr
 * is not a terminal (logs, CI) it prints one line per 10% instead.
 */
final class ProgressBar implements AutoCloseable {
    private final PrintStream out;
    private final String label;
    private final long total;
    private final AtomicLong done;
    private final long startNanos = System.nanoTime();
    private final Thread thread;
    private volatile boolean running = true;
    private final boolean terminal = System.console() != null;
    private int lastDecile = -1;

    ProgressBar(PrintStream out, String label, long total, AtomicLong done) {
        this.out = out;
        this.label = label;
        this.total = total;
        this.done = done;
        this.thread = new Thread(this::loop, "progress");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (running) {
            draw();
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void draw() {
        long d = done.get();
        double frac = total == 0 ? 1 : (double) d / total;
        int decile = (int) Math.floor(frac * 10);
        if (!terminal) {
            if (decile == lastDecile) {
                return;
            }
            lastDecile = decile;
        }
        int width = 30;
        int filled = (int) Math.round(frac * width);
        double s = (System.nanoTime() - startNanos) / 1e9;
        double rate = d / Math.max(s, 1e-9);
        double eta = rate > 0 ? (total - d) / rate : Double.NaN;
        String etaText = Double.isFinite(eta) ? String.format("%.0fs", eta) : "--";
        out.printf("%s%s [%s%s] %5.1f%% %,d/%,d  %,.0f gal/s  %.0fs elapsed  eta %s   %s", terminal ? "\r" : "", label,
                "#".repeat(filled), "-".repeat(width - filled), 100 * frac, d, total, rate, s, etaText, terminal ? "" : "\n");
        out.flush();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lastDecile = -1;
        draw();
        if (terminal) {
            out.println();
        }
    }
}
