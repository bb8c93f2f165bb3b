package io.sedstream.streams.catalogue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sedstream.schemas.Measurement;
import io.sedstream.schemas.PhotometryRecord;
import io.sedstream.schemas.wire.AvroCodec;
import io.sedstream.streams.json.JsonLine;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Deliberately bad inputs that the demo mixes in to show the dead-letter topic at work. */
public final class PoisonPills {

    private PoisonPills() {
    }

    /** The i-th poison pill (cycling through the kinds), as wire bytes. */
    public static byte[] pill(int i, PhotometryRecord good, AvroCodec<PhotometryRecord> codec) {
        List<Measurement> ms = new ArrayList<>(good.getMeasurements());
        return switch (i % 6) {
            case 0 -> {
                ObjectNode json = JsonLine.object();
                json.put("objectId", good.getObjectId());
                json.put("note", "JSON is not Avro");
                yield JsonLine.write(json).getBytes(StandardCharsets.UTF_8);
            }
            case 1 -> {
                ms.set(0, new Measurement(ms.get(0).getBand(), Double.NaN, 1.0));
                yield codec.encode(copy(good, ms));
            }
            case 2 -> {
                ms.set(ms.size() - 1, new Measurement(ms.get(ms.size() - 1).getBand(), 12.0, -1.0));
                yield codec.encode(copy(good, ms));
            }
            case 3 -> {
                ms.add(ms.get(ms.size() - 1));
                yield codec.encode(copy(good, ms));
            }
            case 4 -> codec.encode(copy(good, List.of(new Measurement("subaru.hsc.g", 10.0, 1.0))));
            default -> codec.encode(copy(good, ms.stream().map(m -> new Measurement(m.getBand(), null, null)).toList()));
        };
    }

    private static PhotometryRecord copy(PhotometryRecord r, List<Measurement> ms) {
        return PhotometryRecord.newBuilder(r).setMeasurements(ms).build();
    }
}
