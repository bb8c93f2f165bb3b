package io.sedstream.streams.deadletter;

import io.sedstream.schemas.DeadLetterReason;
import io.sedstream.streams.topology.OutputTooLargeException;
import io.sedstream.streams.validation.ValidationException;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;

/**
 * An exception inside the topology dead-letters its input record with the exact input bytes: a
 * {@link ValidationException} under its own reason code, anything else (the estimator failing) as
 * INFERENCE_FAILED with the cause. The application goes on.
 */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {

    private DeadLetterRouter router;

    @Override
    public void configure(Map<String, ?> configs) {
        router = DeadLetterRouter.from(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        var input = new DeadLetterRouter.Input(context.sourceRawKey(), context.sourceRawValue(), context.topic(),
                context.partition(), context.offset(), context.timestamp());
        if (exception instanceof OutputTooLargeException big) {
            return Response.resume(List.of(router.producerRecord(input, DeadLetterReason.PRODUCTION_FAILED, "produce",
                    big.getMessage(), big)));
        }
        if (exception instanceof ValidationException v) {
            return Response.resume(List.of(router.producerRecord(input, v.reason(), "validate", v.getMessage(), null)));
        }
        return Response.resume(List.of(router.producerRecord(input, DeadLetterReason.INFERENCE_FAILED, "infer",
                "processing failed in node '" + context.processorNodeId() + "': " + exception.getMessage(), exception)));
    }
}
