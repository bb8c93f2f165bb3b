package io.sedstream.inference.onnx;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes an {@link MlpWeights} as an ONNX model, from Java, with no Python and no generated
 * protobuf classes: Gemm (transB = 1, so weights stay in PyTorch's [out][in] layout) + activation
 * per hidden layer, a final linear Gemm, float32 initializers, input {@code features} [batch, F]
 * with a symbolic batch dimension and output {@code mdn} [batch, outputs].
 *
 * <p>This is the one ONNX writer of the code base: the fixture bundle and the trainer's export both
 * use it. Field numbers below are those of onnx/onnx.proto (IR version 8, opset 17).
 */
public final class OnnxMlpWriter {
    /** Input tensor name every NPE member uses (cross-module contract). */
    public static final String INPUT_NAME = "features";
    /** Output tensor name every NPE member uses (cross-module contract). */
    public static final String OUTPUT_NAME = "mdn";
    /** ONNX IR version 8 (2021-07-30), read by every ONNX Runtime since 1.10. */
    public static final long IR_VERSION = 8;
    /** Default-domain operator set; Gemm, Relu, Tanh, Sigmoid and Mul are all stable there. */
    public static final long OPSET_VERSION = 17;
    private static final String BATCH_DIM = "batch";

    // onnx.proto: ModelProto
    private static final int MODEL_IR_VERSION = 1;
    private static final int MODEL_PRODUCER_NAME = 2;
    private static final int MODEL_PRODUCER_VERSION = 3;
    private static final int MODEL_DOC_STRING = 6;
    private static final int MODEL_GRAPH = 7;
    private static final int MODEL_OPSET_IMPORT = 8;
    private static final int MODEL_METADATA_PROPS = 14;
    // OperatorSetIdProto
    private static final int OPSET_DOMAIN = 1;
    private static final int OPSET_VERSION_FIELD = 2;
    // StringStringEntryProto
    private static final int ENTRY_KEY = 1;
    private static final int ENTRY_VALUE = 2;
    // GraphProto
    private static final int GRAPH_NODE = 1;
    private static final int GRAPH_NAME = 2;
    private static final int GRAPH_INITIALIZER = 5;
    private static final int GRAPH_INPUT = 11;
    private static final int GRAPH_OUTPUT = 12;
    // NodeProto
    private static final int NODE_INPUT = 1;
    private static final int NODE_OUTPUT = 2;
    private static final int NODE_NAME = 3;
    private static final int NODE_OP_TYPE = 4;
    private static final int NODE_ATTRIBUTE = 5;
    // AttributeProto
    private static final int ATTR_NAME = 1;
    private static final int ATTR_I = 3;
    private static final int ATTR_TYPE = 20;
    private static final int ATTR_TYPE_INT = 2;
    // TensorProto
    private static final int TENSOR_DIMS = 1;
    private static final int TENSOR_DATA_TYPE = 2;
    private static final int TENSOR_NAME = 8;
    private static final int TENSOR_RAW_DATA = 9;
    private static final int DATA_TYPE_FLOAT = 1;
    // ValueInfoProto / TypeProto / TypeProto.Tensor / TensorShapeProto / Dimension
    private static final int VALUE_INFO_NAME = 1;
    private static final int VALUE_INFO_TYPE = 2;
    private static final int TYPE_TENSOR_TYPE = 1;
    private static final int TENSOR_TYPE_ELEM_TYPE = 1;
    private static final int TENSOR_TYPE_SHAPE = 2;
    private static final int SHAPE_DIM = 1;
    private static final int DIM_VALUE = 1;
    private static final int DIM_PARAM = 2;

    private OnnxMlpWriter() {
    }

    /** The serialised ONNX model, with the given metadata (e.g. bundle name, seed) as metadata_props. */
    public static byte[] toBytes(MlpWeights mlp, String graphName, Map<String, String> metadata) {
        return toBytes(mlp, graphName, metadata, INPUT_NAME, OUTPUT_NAME);
    }

    /**
     * As {@link #toBytes(MlpWeights, String, Map)} with other tensor names (NPE bundles must use
     * {@value #INPUT_NAME} and {@value #OUTPUT_NAME}; other names serve other networks and tests).
     */
    public static byte[] toBytes(MlpWeights mlp, String graphName, Map<String, String> metadata, String inputName, String outputName) {
        ProtoWriter graph = new ProtoWriter();
        String previous = inputName;
        int last = mlp.layers().size() - 1;
        for (int l = 0; l <= last; l++) {
            DenseLayer layer = mlp.layers().get(l);
            String weightName = "layer" + l + ".weight";
            String biasName = "layer" + l + ".bias";
            graph.message(GRAPH_INITIALIZER, floatTensor(weightName,
                    new long[] {layer.outputs(), layer.inputs()}, layer.weightOutIn()));
            graph.message(GRAPH_INITIALIZER, floatTensor(biasName, new long[] {layer.outputs()}, layer.bias()));
            String linear = l == last ? outputName : "layer" + l + ".linear";
            graph.message(GRAPH_NODE, node("layer" + l + ".gemm", "Gemm",
                    new String[] {previous, weightName, biasName}, linear, intAttribute("transB", 1)));
            if (l < last) {
                previous = appendActivation(graph, mlp.activation(), l, linear);
            }
        }
        graph.string(GRAPH_NAME, graphName);
        graph.message(GRAPH_INPUT, valueInfo(inputName, mlp.inputSize()));
        graph.message(GRAPH_OUTPUT, valueInfo(outputName, mlp.outputSize()));

        ProtoWriter model = new ProtoWriter();
        model.varint(MODEL_IR_VERSION, IR_VERSION);
        model.string(MODEL_PRODUCER_NAME, "sedstream");
        model.string(MODEL_PRODUCER_VERSION, "1");
        model.string(MODEL_DOC_STRING, "MLP " + describe(mlp));
        model.message(MODEL_OPSET_IMPORT, new ProtoWriter().string(OPSET_DOMAIN, "").varint(OPSET_VERSION_FIELD, OPSET_VERSION));
        model.message(MODEL_GRAPH, graph);
        for (Map.Entry<String, String> e : new TreeMap<>(metadata).entrySet()) {
            model.message(MODEL_METADATA_PROPS, new ProtoWriter().string(ENTRY_KEY, e.getKey()).string(ENTRY_VALUE, e.getValue()));
        }
        return model.toByteArray();
    }

    /** Writes the model to a file (parent directories must exist). */
    public static void write(MlpWeights mlp, String graphName, Map<String, String> metadata, Path file) throws IOException {
        Files.write(file, toBytes(mlp, graphName, metadata));
    }

    private static String describe(MlpWeights mlp) {
        StringBuilder sb = new StringBuilder().append(mlp.inputSize());
        for (DenseLayer layer : mlp.layers()) {
            sb.append(" -> ").append(layer.outputs());
        }
        return sb.append(" (").append(mlp.activation()).append(')').toString();
    }

    private static String appendActivation(ProtoWriter graph, Activation activation, int layer, String input) {
        String out = "layer" + layer + ".act";
        switch (activation) {
            case RELU -> graph.message(GRAPH_NODE, node("layer" + layer + ".relu", "Relu", new String[] {input}, out, null));
            case TANH -> graph.message(GRAPH_NODE, node("layer" + layer + ".tanh", "Tanh", new String[] {input}, out, null));
            case SILU -> {
                String sigmoid = "layer" + layer + ".sigmoid";
                graph.message(GRAPH_NODE, node("layer" + layer + ".sigmoid", "Sigmoid", new String[] {input}, sigmoid, null));
                graph.message(GRAPH_NODE, node("layer" + layer + ".silu", "Mul", new String[] {input, sigmoid}, out, null));
            }
            default -> throw new IllegalStateException("unhandled activation " + activation);
        }
        return out;
    }

    private static ProtoWriter node(String name, String opType, String[] inputs, String output, ProtoWriter attribute) {
        ProtoWriter node = new ProtoWriter();
        for (String in : inputs) {
            node.string(NODE_INPUT, in);
        }
        node.string(NODE_OUTPUT, output);
        node.string(NODE_NAME, name);
        node.string(NODE_OP_TYPE, opType);
        if (attribute != null) {
            node.message(NODE_ATTRIBUTE, attribute);
        }
        return node;
    }

    private static ProtoWriter intAttribute(String name, long value) {
        return new ProtoWriter().string(ATTR_NAME, name).varint(ATTR_I, value).varint(ATTR_TYPE, ATTR_TYPE_INT);
    }

    private static ProtoWriter floatTensor(String name, long[] dims, float[] values) {
        ByteBuffer raw = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(values);
        return new ProtoWriter()
                .packedInt64(TENSOR_DIMS, dims)
                .varint(TENSOR_DATA_TYPE, DATA_TYPE_FLOAT)
                .string(TENSOR_NAME, name)
                .bytes(TENSOR_RAW_DATA, raw.array());
    }

    private static ProtoWriter valueInfo(String name, long width) {
        ProtoWriter shape = new ProtoWriter()
                .message(SHAPE_DIM, new ProtoWriter().string(DIM_PARAM, BATCH_DIM))
                .message(SHAPE_DIM, new ProtoWriter().varint(DIM_VALUE, width));
        ProtoWriter tensorType = new ProtoWriter().varint(TENSOR_TYPE_ELEM_TYPE, DATA_TYPE_FLOAT).message(TENSOR_TYPE_SHAPE, shape);
        return new ProtoWriter().string(VALUE_INFO_NAME, name)
                .message(VALUE_INFO_TYPE, new ProtoWriter().message(TYPE_TENSOR_TYPE, tensorType));
    }
}
