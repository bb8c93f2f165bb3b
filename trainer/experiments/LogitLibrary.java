import io.sedstream.trainer.library.ChunkWriter;
import io.sedstream.trainer.library.LibraryReader;
import io.sedstream.trainer.library.LibraryRecord;
import java.nio.file.*;
import java.util.*;

/**
 * Experiment (not part of the build; see trainer/README.md, "Experiment: logit transform of the box
 * parameters"): copies the first N galaxies of a library with the box-bounded parameters replaced by the
 * logit of their position in the prior box. library.json is copied and edited by hand (or the snippet
 * in the README): bounds of the transformed parameters = observed range +- 0.5, count = N.
 * Run: javac -cp "trainer/target/classes:$(cat trainer/target/classpath.txt)" -d /tmp/x trainer/experiments/LogitLibrary.java
 *      java -Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.sedstream -cp "/tmp/x:trainer/target/classes:$(cat trainer/target/classpath.txt)" \
 *           LogitLibrary IN_LIBRARY OUT_DIR N
 */
public class LogitLibrary {
    public static void main(String[] a) throws Exception {
        Path in = Path.of(a[0]);
        Path out = Path.of(a[1]);
        long limit = Long.parseLong(a[2]);
        Map<String, double[]> boxes = Map.of(
                "log10_metallicity", new double[] {-2.3979400086720375, -1.6989700043360187},
                "log10_av", new double[] {-3.0, 0.7},
                "t25", new double[] {0, 1}, "t50", new double[] {0, 1}, "t75", new double[] {0, 1});
        LibraryReader r = LibraryReader.open(in);
        List<String> names = r.manifest().parameterNames();
        int p = names.size();
        Files.createDirectories(out);
        ChunkWriter w = new ChunkWriter(out, 0, r.manifest().seed(), p, 0);
        long n = 0;
        for (LibraryRecord rec : r) {
            if (n >= limit) break;
            double[] th = rec.parameters().clone();
            for (int k = 0; k < p; k++) {
                double[] box = boxes.get(names.get(k));
                if (box != null) {
                    double f = (th[k] - box[0]) / (box[1] - box[0]);
                    f = Math.min(1 - 1e-7, Math.max(1e-7, f));
                    th[k] = Math.log(f / (1 - f));
                }
            }
            w.append(new LibraryRecord(rec.id(), th, rec.fluxNJy(), rec.observedFluxNJy(), rec.fluxErrNJy()));
            n++;
        }
        w.close();
        double[] mn = w.min(), mx = w.max();
        System.out.println("n " + n);
        for (int k = 0; k < p; k++) System.out.println(names.get(k) + " " + mn[k] + " " + mx[k]);
    }
}
