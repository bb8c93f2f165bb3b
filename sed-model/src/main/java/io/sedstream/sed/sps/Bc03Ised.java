package io.sedstream.sed.sps;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Bruzual &amp; Charlot (2003) {@code .ised} file: a composite population (here an exponentially
 * declining SFR(t) = exp(-t/tau)/tau, i.e. 1 Msun formed over infinite time) at 221 ages.
 *
 * <p>Layout (gfortran unformatted sequential, little-endian, each record framed by int32 byte counts):
 * a header (ages, IMF limits, tau, id strings), the wavelengths, one record per age
 * ({@code n, L_lambda[n] (Lsun/A), nx, extra[nx]}), then trailing evolution records.
 *
 * <p>The trailing records are, in order, BC03's {@code bflx, strm, sf, evfl, snbr, pnbr, bhtn, sntn,
 * wdtn, rmtm}: the order in which galaxev's own programs copy them from one {@code .ised} to another
 * (identified from the galaxev Fortran source). We use two of them:
 * {@code sf} = SFR [Msun/yr] (checked: it equals exp(-t/tau)/tau at every age, see the tests) and
 * {@code strm} = "total mass in stars" per unit mass eventually formed, which in BC03's documentation
 * (bc03.pdf Table 3, M* = 1 - M_gas) means living stars plus remnants.
 *
 * <p>The arrays are the reader's own (tens of kB each, read once per process): callers must not modify them.
 */
public record Bc03Ised(
        String source,
        String id,
        double tauYr,
        double metallicityZ,
        double[] agesYr,
        double[] lambdaAngstrom,
        float[][] lLambdaLsunPerAngstrom,
        double[][] trailing) {

    /** Index of the trailing record holding the total stellar mass (living + remnants) per mass formed. */
    public static final int TRAILING_STELLAR_MASS = 1;
    /** Index of the trailing record holding the star-formation rate [Msun/yr]. */
    public static final int TRAILING_SFR = 2;

    private static final Pattern Z_PATTERN = Pattern.compile("Z=\\s*([0-9.]+)");

    /** Number of ages. */
    public int ageCount() {
        return agesYr.length;
    }

    /** Total mass in stars (living + remnants) per unit mass eventually formed, at each age. */
    public double[] stellarMassPerFormed() {
        return trailing[TRAILING_STELLAR_MASS].clone();
    }

    /** Star-formation rate [Msun/yr] at each age. */
    public double[] sfrMsunPerYr() {
        return trailing[TRAILING_SFR].clone();
    }

    /** Reads one {@code .ised} file. */
    public static Bc03Ised read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read BC03 file " + file, e);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        try {
            // Record 1: header.
            int len = openRecord(b, file, "header");
            int start = b.position();
            int nAges = b.getInt();
            if (nAges < 2 || nAges > 10000) {
                throw bad(file, "header age count " + nAges);
            }
            double[] ages = new double[nAges];
            for (int i = 0; i < nAges; i++) {
                ages[i] = b.getFloat();
            }
            b.getFloat(); // ml: lower IMF mass limit
            b.getFloat(); // mu: upper IMF mass limit
            int iseg = b.getInt();
            b.position(b.position() + 6 * 4 * iseg); // IMF segments (6 words each), none in these files
            b.getFloat(); // totm
            b.getFloat(); // totn
            b.getFloat(); // avs
            b.getInt(); // jo
            double tau = b.getFloat();
            byte[] idBytes = new byte[80];
            b.get(idBytes);
            String id = new String(idBytes, StandardCharsets.US_ASCII).strip();
            b.position(start + len);
            closeRecord(b, len, file, "header");

            // Record 2: wavelengths.
            len = openRecord(b, file, "wavelengths");
            int nw = b.getInt();
            if (nw * 4 + 4 != len) {
                throw bad(file, "wavelength record length " + len + " for " + nw + " points");
            }
            double[] lambda = new double[nw];
            for (int i = 0; i < nw; i++) {
                lambda[i] = b.getFloat();
            }
            closeRecord(b, len, file, "wavelengths");

            // One spectrum per age.
            float[][] spectra = new float[nAges][nw];
            for (int a = 0; a < nAges; a++) {
                len = openRecord(b, file, "spectrum " + a);
                int s = b.position();
                int n = b.getInt();
                if (n != nw) {
                    throw bad(file, "spectrum " + a + " has " + n + " points, expected " + nw);
                }
                for (int i = 0; i < nw; i++) {
                    spectra[a][i] = b.getFloat();
                }
                b.position(s + len); // skip the per-age extras
                closeRecord(b, len, file, "spectrum " + a);
            }

            // Trailing evolution records.
            java.util.List<double[]> tr = new java.util.ArrayList<>();
            while (b.remaining() > 0) {
                len = openRecord(b, file, "trailing record " + tr.size());
                int s = b.position();
                int n = b.getInt();
                if (n != nAges) {
                    throw bad(file, "trailing record " + tr.size() + " has " + n + " values, expected " + nAges);
                }
                double[] v = new double[n];
                for (int i = 0; i < n; i++) {
                    v[i] = b.getFloat();
                }
                b.position(s + len);
                closeRecord(b, len, file, "trailing record " + tr.size());
                tr.add(v);
            }
            if (tr.size() <= TRAILING_SFR) {
                throw bad(file, "only " + tr.size() + " trailing records (need at least " + (TRAILING_SFR + 1) + ")");
            }
            Matcher m = Z_PATTERN.matcher(id);
            if (!m.find()) {
                throw bad(file, "no 'Z=' metallicity in the model id '" + id + "'");
            }
            double z = Double.parseDouble(m.group(1));
            return new Bc03Ised(file.getFileName().toString(), id, tau, z, ages, lambda, spectra,
                    tr.toArray(new double[0][]));
        } catch (java.nio.BufferUnderflowException e) {
            throw new IllegalArgumentException("BC03 file " + file + " is truncated", e);
        }
    }

    private static int openRecord(ByteBuffer b, Path file, String what) {
        if (b.remaining() < 4) {
            throw bad(file, "missing " + what);
        }
        int len = b.getInt();
        if (len < 0 || len + 4 > b.remaining()) {
            throw bad(file, what + " record length " + len + " exceeds the file");
        }
        return len;
    }

    private static void closeRecord(ByteBuffer b, int len, Path file, String what) {
        int end = b.getInt();
        if (end != len) {
            throw bad(file, what + " record framing mismatch (" + len + " vs " + end + ")");
        }
    }

    private static IllegalArgumentException bad(Path file, String what) {
        return new IllegalArgumentException("not a valid BC03 .ised file " + file + ": " + what);
    }
}
