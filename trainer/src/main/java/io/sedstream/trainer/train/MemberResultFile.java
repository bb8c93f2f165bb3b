package io.sedstream.trainer.train;

import io.sedstream.inference.onnx.Activation;
import io.sedstream.inference.onnx.DenseLayer;
import io.sedstream.inference.onnx.MlpWeights;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * One trained member as a child JVM hands it to its parent: the best weights bit for bit (floats
 * as written by {@link DataOutputStream}), best epoch and validation loss, stop reason and the
 * per-epoch history. Written to a temporary name and moved into place, so the parent never reads a
 * half-written file.
 */
final class MemberResultFile {

    private static final int MAGIC = 0x5EDC0001;

    private MemberResultFile() {
    }

    static void write(Path file, TrainedMember m) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(partial)))) {
            out.writeInt(MAGIC);
            out.writeInt(m.member());
            out.writeLong(m.seed());
            out.writeDouble(m.bestValidationLoss());
            out.writeInt(m.bestEpoch());
            out.writeUTF(m.stopReason());
            MlpWeights w = m.weights();
            out.writeUTF(w.activation().name());
            out.writeInt(w.layers().size());
            for (DenseLayer layer : w.layers()) {
                out.writeInt(layer.inputs());
                out.writeInt(layer.outputs());
                for (float v : layer.weightOutIn()) {
                    out.writeFloat(v);
                }
                for (float v : layer.bias()) {
                    out.writeFloat(v);
                }
            }
            out.writeInt(m.history().size());
            for (EpochReport e : m.history()) {
                out.writeInt(e.member());
                out.writeInt(e.epoch());
                out.writeDouble(e.trainLoss());
                out.writeDouble(e.validationLoss());
                out.writeDouble(e.learningRate());
                out.writeDouble(e.rowsPerSecond());
                out.writeDouble(e.elapsedSeconds());
                out.writeBoolean(e.improved());
            }
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static TrainedMember read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readInt() != MAGIC) {
                throw new IOException(file + " is not a member result file");
            }
            int member = in.readInt();
            long seed = in.readLong();
            double bestLoss = in.readDouble();
            int bestEpoch = in.readInt();
            String stopReason = in.readUTF();
            Activation activation = Activation.valueOf(in.readUTF());
            int layerCount = in.readInt();
            List<DenseLayer> layers = new ArrayList<>(layerCount);
            for (int l = 0; l < layerCount; l++) {
                int inputs = in.readInt();
                int outputs = in.readInt();
                float[] w = new float[inputs * outputs];
                for (int i = 0; i < w.length; i++) {
                    w[i] = in.readFloat();
                }
                float[] b = new float[outputs];
                for (int i = 0; i < b.length; i++) {
                    b[i] = in.readFloat();
                }
                layers.add(new DenseLayer(inputs, outputs, w, b));
            }
            int epochs = in.readInt();
            List<EpochReport> history = new ArrayList<>(epochs);
            for (int e = 0; e < epochs; e++) {
                history.add(new EpochReport(in.readInt(), in.readInt(), in.readDouble(), in.readDouble(), in.readDouble(),
                        in.readDouble(), in.readDouble(), in.readBoolean()));
            }
            return new TrainedMember(member, seed, new MlpWeights(layers, activation), bestLoss, bestEpoch, history, stopReason);
        }
    }
}
